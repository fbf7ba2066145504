using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Notifications;

namespace Samstyring.Core.Roadmap;

/// <summary>A step forward: recommended (with the NUIT case), endorsed (with the board case) or published.</summary>
public sealed record StepInput(string? Step, int? CaseId, string? On);

/// <summary>
/// Moves the version one step on: Draft → Recommended (a NUIT case) → Endorsed (a board case; yearly versions only) →
/// Published. A change list goes from Recommended straight to Published. The date defaults to the case's meeting date,
/// and to today for publication. Publication goes by e-mail to the roadmap's confirmed subscribers, in the same transaction.
/// </summary>
[UseCase]
public sealed class AdvanceRoadmapVersion(SamstyringDb db, SiteAddress site)
{
    public async Task<RoadmapVersion> HandleAsync(string number, StepInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var version = await RoadmapEditing.LoadVersionAsync(db, number, ct);
        db.ExpectVersion(version, expectedVersion);
        var v = new Validator();
        v.Enum<RoadmapStatus>("step", input.Step, "Steg", true, out var step);
        v.Date("on", input.On, "Dato", false, out var on);
        if (step is { } s)
        {
            var next = NextStep(version);
            if (next is null)
                v.Add("step", $"Versjon {version.Number} er allerede publisert.");
            else if (s != next)
                v.Add("step", s switch
                {
                    RoadmapStatus.Endorsed when version.Kind == RoadmapVersionKind.ChangeList =>
                        "En endringsliste behandles bare i NUIT og publiseres uten å gå til Nasjonalt e-helseråd.",
                    RoadmapStatus.Published when version.Status == RoadmapStatus.Recommended =>
                        $"Versjon {version.Number} er en årlig versjon og må tilsluttes av Nasjonalt e-helseråd før den publiseres.",
                    _ when s <= version.Status => $"Versjon {version.Number} har allerede status «{version.Status.Label()}».",
                    _ => $"Versjon {version.Number} har status «{version.Status.Label()}». Neste steg er «{next.Value.Label()}».",
                });
        }
        CouncilCase? treatedIn = null;
        if (v.IsValid && step is RoadmapStatus.Recommended or RoadmapStatus.Endorsed)
        {
            var (kind, who) = step == RoadmapStatus.Recommended
                ? (BodyKind.PrioritisationCommittee, "NUIT (prioriteringsutvalget)")
                : (BodyKind.Board, "Nasjonalt e-helseråd");
            if (input.CaseId is not { } caseId) v.Add("caseId", $"Velg saken i {who}.");
            else
            {
                treatedIn = await db.Cases.Include(c => c.Meeting).Include(c => c.Body).ThenInclude(b => b.Names)
                    .SingleOrDefaultAsync(c => c.Id == caseId, ct);
                if (treatedIn is null) v.Add("caseId", $"Fant ikke sak {caseId}.");
                else if (treatedIn.Body.Kind != kind)
                {
                    var name = treatedIn.Body.NameOn(treatedIn.Meeting?.Date ?? new DateOnly(treatedIn.Year, 12, 31));
                    v.Add("caseId", $"Sak {treatedIn.NumberText} er behandlet i {name.ShortName ?? name.Name}. Velg en sak i {who}.");
                }
            }
        }
        var caseDate = treatedIn?.Meeting?.Date ?? treatedIn?.DecidedOn;
        var date = on ?? caseDate ?? db.Today;
        if (v.IsValid) await CheckStepDateAsync(version, step!.Value, date, on is null ? treatedIn : null, caseDate, v, ct);
        v.ThrowIfInvalid();

        switch (step!.Value)
        {
            case RoadmapStatus.Recommended:
                version.RecommendedCaseId = treatedIn!.Id;
                version.RecommendedOn = date;
                break;
            case RoadmapStatus.Endorsed:
                version.EndorsedCaseId = treatedIn!.Id;
                version.EndorsedOn = date;
                break;
            case RoadmapStatus.Published:
                version.PublishedOn = date;
                await SubscriptionMails.QueueAsync(db, site, Subscription.RoadmapTopic, "subscription-roadmap", $"roadmap:{version.Id}",
                    $"Veikartet versjon {version.Number} er publisert",
                    [$"Versjon {version.Number} av Nasjonal e-helseportefølje sitt veikart er publisert {Norwegian.Date(date)}."],
                    site.Link($"/veikart/{Uri.EscapeDataString(version.Number)}"), "Veikartet", ct);
                break;
        }
        version.Status = step.Value;
        version.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return version;
    }

    /// <summary>
    /// Steps follow each other in time. A step is not dated before the meeting where its case was treated, nor before the
    /// step before it in the same version. NUIT's recommendation of a version built on another comes after the last step
    /// registered for that version (its recommendation, endorsement or publication), so a draft of 22.1 cannot be
    /// recommended in the NUIT case that recommended 21.1, or earlier. The day the draft was made does not count: a version
    /// may be entered after it was treated. <paramref name="fromCase"/> is the case the date was taken from, if it was.
    /// </summary>
    private async Task CheckStepDateAsync(RoadmapVersion version, RoadmapStatus step, DateOnly date, CouncilCase? fromCase, DateOnly? caseDate,
        Validator v, CancellationToken ct)
    {
        if (fromCase is null && caseDate is { } c && date < c)
        {
            v.Add("on", $"Datoen ({Norwegian.Date(date)}) kan ikke være før saken ble behandlet ({Norwegian.Date(c)}).");
            return;
        }
        var (previous, what) = step switch
        {
            RoadmapStatus.Published when version.EndorsedOn is { } e => ((DateOnly?)e, "versjonen ble tilsluttet av Nasjonalt e-helseråd"),
            RoadmapStatus.Published or RoadmapStatus.Endorsed when version.RecommendedOn is { } r => (r, "versjonen ble anbefalt av NUIT"),
            _ => (null, ""),
        };
        if (previous is { } p && date < p)
        {
            // When the date came from the case, it is the case that must be another.
            if (fromCase is null) v.Add("on", $"Datoen ({Norwegian.Date(date)}) kan ikke være før {what} ({Norwegian.Date(p)}).");
            else v.Add("caseId", $"Sak {fromCase.NumberText} ble behandlet {Norwegian.Date(date)}, før {what} ({Norwegian.Date(p)}). Velg en sak som ble behandlet senere.");
            return;
        }
        if (step != RoadmapStatus.Recommended || version.BasedOnId is not { } baseId) return;
        var basis = await db.RoadmapVersions.AsNoTracking().Where(x => x.Id == baseId)
            .Select(x => new { x.Number, x.RecommendedOn, x.EndorsedOn, x.PublishedOn }).SingleAsync(ct);
        var (last, how) = new[] { (basis.PublishedOn, "publisert"), (basis.EndorsedOn, "tilsluttet av Nasjonalt e-helseråd"), (basis.RecommendedOn, "anbefalt av NUIT") }
            .Where(x => x.Item1 is not null).OrderByDescending(x => x.Item1).FirstOrDefault();
        if (last is not { } l || date > l) return;
        var basedOn = $"at versjon {basis.Number}, som versjon {version.Number} bygger på, ble {how} ({Norwegian.Date(l)}). En versjon behandles etter versjonen den bygger på";
        if (fromCase is null) v.Add("on", $"Datoen ({Norwegian.Date(date)}) må være etter {basedOn}.");
        else v.Add("caseId", $"Sak {fromCase.NumberText} ble behandlet {Norwegian.Date(date)}, ikke etter {basedOn}: velg en senere sak i NUIT.");
    }

    private static RoadmapStatus? NextStep(RoadmapVersion version) => version.Status switch
    {
        RoadmapStatus.Draft => RoadmapStatus.Recommended,
        RoadmapStatus.Recommended => version.Kind == RoadmapVersionKind.ChangeList ? RoadmapStatus.Published : RoadmapStatus.Endorsed,
        RoadmapStatus.Endorsed => RoadmapStatus.Published,
        _ => null,
    };
}
