using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

public sealed record DraftInput(string? Number, string? BasedOn, string? Kind, string? Title, string? Summary);

public sealed record VersionInput(string? Title, string? Summary);

/// <summary>A step forward: recommended (with the NUIT case), endorsed (with the board case) or published.</summary>
public sealed record StepInput(string? Step, int? CaseId, string? On);

/// <summary>
/// A service. <see cref="Key"/> is generated from the goal when empty; on update an empty key keeps the old one, and null
/// <see cref="Solutions"/> or <see cref="Initiatives"/> leave those links as they are.
/// </summary>
public sealed record ServiceInput(string? Key, string? Area, string? Goal, string? Description, IReadOnlyList<string>? Solutions, IReadOnlyList<int>? Initiatives);

public sealed record PlanInput(string? ActorGroup, string? Kind, string? Written, string? Note);

/// <summary>What a service depends on: <see cref="Target"/> service|initiative|solution, and the service key, initiative id or solution key.</summary>
public sealed record DependencyInput(string? Target, string? Key, string? Description);

/// <summary>
/// The office edits the roadmap: drafts (copied from an earlier version), services, plans, dependencies, milestones (in
/// RoadmapUseCases.Milestones.cs), and the steps through NUIT and the board to publication. A version can be changed while it is
/// a draft or recommended (NUIT's input is worked in before the board); endorsed and published versions are frozen.
/// Every change to a version's content also stamps the version, so its ETag changes.
/// </summary>
[UseCase]
public sealed partial class RoadmapUseCases(SamstyringDb db)
{
    [GeneratedRegex(@"^\d{1,4}\.\d{1,3}$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();

    // ---------------------------------------------------------------- versions

    /// <summary>
    /// A new draft. Based on an earlier version it starts as a full copy of it: services with the same keys, plans, links,
    /// dependencies (pointing at the copied services), milestones with prerequisites and phases, all saved at once.
    /// </summary>
    public async Task<RoadmapVersion> CreateDraftAsync(DraftInput input, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var v = new Validator();
        var number = input.Number?.Trim() ?? "";
        if (number.Length == 0) v.Add("number", "Versjonsnummeret må fylles ut.");
        else if (!NumberPattern().IsMatch(number))
            v.Add("number", $"«{Validator.Truncate(number)}» er ikke et gyldig versjonsnummer. Versjonsnummeret skrives som år og løpenummer, for eksempel 22.1.");
        else if (await db.RoadmapVersions.AnyAsync(x => x.Number == number, ct))
            v.Add("number", $"Versjon {number} finnes allerede.");
        else if (NumberPattern().IsMatch(number) && (await db.RoadmapVersions.Select(x => x.Number).ToListAsync(ct))
                     .FirstOrDefault(n => RoadmapVersion.SortKey(n) == RoadmapVersion.SortKey(number)) is { } same)
            v.Add("number", $"«{number}» er samme nummer som versjon {same}. Velg et annet nummer.");

        RoadmapVersion? source = null;
        if (!string.IsNullOrWhiteSpace(input.BasedOn))
        {
            var basedOn = input.BasedOn.Trim();
            source = await db.RoadmapVersions.AsNoTracking().SingleOrDefaultAsync(x => x.Number == basedOn, ct);
            if (source is null) v.Add("basedOn", $"Fant ikke veikartversjon {Validator.Truncate(basedOn)}.");
            else if (NumberPattern().IsMatch(number) && RoadmapVersion.SortKey(number).CompareTo(RoadmapVersion.SortKey(source.Number)) <= 0)
                v.Add("number", $"Den nye versjonen må ha et høyere nummer enn versjonen den bygger på ({source.Number}).");
        }
        v.Enum<RoadmapVersionKind>("kind", input.Kind, "Type versjon", false, out var kind);
        v.Name("title", input.Title, "Tittel", RoadmapVersion.TitleMax, required: false);
        v.MaxLength("summary", input.Summary, "Sammendrag", RoadmapVersion.TextMax);
        v.ThrowIfInvalid();

        var now = db.UtcNow;
        var version = new RoadmapVersion
        {
            Number = number, Kind = kind ?? RoadmapVersionKind.Yearly, Status = RoadmapStatus.Draft, BasedOnId = source?.Id,
            Summary = input.Summary?.Trim() ?? "", CreatedAt = now, UpdatedAt = now,
            // A draft copied from demo data carries invented plans: it stays marked.
            IsDemo = source?.IsDemo ?? false,
            DemoNote = source is { IsDemo: true } ? $"Bygger på demodataene i versjon {source.Number}: tidspunktene i planene er oppdiktet." : null,
        };
        if (!string.IsNullOrWhiteSpace(input.Title)) version.Title = input.Title.Trim();
        else if (source is not null) version.Title = source.Title;
        if (source is not null) await CopyContentAsync(source.Id, version, ct);
        db.RoadmapVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return version;
    }

    private async Task CopyContentAsync(int sourceId, RoadmapVersion target, CancellationToken ct)
    {
        var services = await db.RoadmapServices.AsNoTracking().AsSplitQuery().Where(s => s.RoadmapVersionId == sourceId)
            .Include(s => s.Plans).Include(s => s.Solutions).Include(s => s.Initiatives).Include(s => s.Dependencies)
            .OrderBy(s => s.Position).ThenBy(s => s.Id)
            .ToListAsync(ct);
        var copies = new Dictionary<int, RoadmapService>();
        foreach (var s in services)
        {
            var copy = new RoadmapService
            {
                Key = s.Key, Area = s.Area, Goal = s.Goal, Description = s.Description, Position = s.Position,
                Plans = s.Plans.Select(p => new RoadmapPlan
                {
                    ActorGroup = p.ActorGroup, Kind = p.Kind, Written = p.Written, Start = p.Start, End = p.End, Precision = p.Precision,
                    Qualifier = p.Qualifier, Note = p.Note,
                }).ToList(),
                Solutions = s.Solutions.Select(x => new RoadmapServiceSolution { NationalSolutionId = x.NationalSolutionId }).ToList(),
                Initiatives = s.Initiatives.Select(x => new RoadmapServiceInitiative { InitiativeId = x.InitiativeId }).ToList(),
            };
            copies[s.Id] = copy;
            target.Services.Add(copy);
        }
        foreach (var s in services)
        foreach (var d in s.Dependencies)
        {
            copies[s.Id].Dependencies.Add(new RoadmapDependency
            {
                DependsOnService = d.DependsOnServiceId is { } sid ? copies[sid] : null,
                InitiativeId = d.InitiativeId,
                NationalSolutionId = d.NationalSolutionId,
                Description = d.Description,
            });
        }

        var milestones = await db.Milestones.AsNoTracking().AsSplitQuery().Where(m => m.RoadmapVersionId == sourceId)
            .Include(m => m.Prerequisites).Include(m => m.Phases)
            .OrderBy(m => m.Position).ThenBy(m => m.Id)
            .ToListAsync(ct);
        foreach (var m in milestones)
        {
            target.Milestones.Add(new Milestone
            {
                Code = m.Code, Title = m.Title, ReachCriterion = m.ReachCriterion, TargetWritten = m.TargetWritten, TargetStart = m.TargetStart,
                TargetEnd = m.TargetEnd, Position = m.Position,
                Prerequisites = m.Prerequisites.OrderBy(p => p.Position).ThenBy(p => p.Id).Select(p => new Prerequisite
                {
                    Text = p.Text, Status = p.Status, Assessment = p.Assessment, AssessedOn = p.AssessedOn, Position = p.Position,
                }).ToList(),
                Phases = m.Phases.OrderBy(p => p.Position).ThenBy(p => p.Id).Select(p => new MilestonePhasePlan
                {
                    Phase = p.Phase, Written = p.Written, Start = p.Start, End = p.End, Position = p.Position,
                }).ToList(),
            });
        }
    }

    public async Task<RoadmapVersion> UpdateVersionAsync(string number, VersionInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var version = await LoadVersionAsync(number, ct);
        RequireEditable(version);
        db.ExpectVersion(version, expectedVersion);
        var v = new Validator();
        v.Name("title", input.Title, "Tittel", RoadmapVersion.TitleMax);
        v.MaxLength("summary", input.Summary, "Sammendrag", RoadmapVersion.TextMax);
        v.ThrowIfInvalid();
        version.Title = input.Title!.Trim();
        version.Summary = input.Summary?.Trim() ?? "";
        version.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return version;
    }

    /// <summary>Deletes a draft and everything in it. Versions treated by NUIT, and versions others are drafted from, stay.</summary>
    public async Task DeleteDraftAsync(string number, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var version = await LoadVersionAsync(number, ct);
        db.ExpectVersion(version, expectedVersion);
        if (version.Status != RoadmapStatus.Draft)
            throw ValidationFailedException.For("status", $"Bare utkast kan slettes. Versjon {version.Number} har status «{version.Status.Label()}».");
        var children = await db.RoadmapVersions.Where(x => x.BasedOnId == version.Id).Select(x => x.Number).ToListAsync(ct);
        if (children.Count > 0)
            throw ValidationFailedException.For("status",
                $"Versjon {version.Number} kan ikke slettes fordi {(children.Count == 1 ? "versjon" : "versjonene")} {string.Join(", ", children.Order())} bygger på den.");
        // Loaded so each removed row is named in the audit trail; the database cascades the same way.
        await db.RoadmapServices.AsSplitQuery().Where(s => s.RoadmapVersionId == version.Id)
            .Include(s => s.Plans).Include(s => s.Solutions).Include(s => s.Initiatives).Include(s => s.Dependencies)
            .LoadAsync(ct);
        await db.Milestones.AsSplitQuery().Where(m => m.RoadmapVersionId == version.Id)
            .Include(m => m.Prerequisites).Include(m => m.Phases)
            .LoadAsync(ct);
        db.RoadmapVersions.Remove(version);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Moves the version one step on: Draft → Recommended (a NUIT case) → Endorsed (a board case; yearly versions only) →
    /// Published. A change list goes from Recommended straight to Published. The date defaults to the case's meeting date,
    /// and to today for publication.
    /// </summary>
    public async Task<RoadmapVersion> AdvanceAsync(string number, StepInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var version = await LoadVersionAsync(number, ct);
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

    /// <summary>The position after the last one taken: a new service, milestone, prerequisite or phase goes last.</summary>
    private static async Task<int> NextPositionAsync(IQueryable<int> positions, CancellationToken ct) =>
        (await positions.MaxAsync(p => (int?)p, ct) ?? 0) + 1;

    private static RoadmapStatus? NextStep(RoadmapVersion version) => version.Status switch
    {
        RoadmapStatus.Draft => RoadmapStatus.Recommended,
        RoadmapStatus.Recommended => version.Kind == RoadmapVersionKind.ChangeList ? RoadmapStatus.Published : RoadmapStatus.Endorsed,
        RoadmapStatus.Endorsed => RoadmapStatus.Published,
        _ => null,
    };

    // ---------------------------------------------------------------- services

    public async Task<RoadmapService> AddServiceAsync(string number, ServiceInput input, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var version = await LoadVersionAsync(number, ct);
        RequireEditable(version);
        var service = new RoadmapService { RoadmapVersionId = version.Id, RoadmapVersion = version, Key = "", Area = "", Goal = "" };
        await ApplyAsync(service, input, isNew: true, ct);
        service.Position = await NextPositionAsync(db.RoadmapServices.Where(s => s.RoadmapVersionId == version.Id).Select(s => s.Position), ct);
        db.RoadmapServices.Add(service);
        Touch(version);
        await db.SaveChangesAsync(ct);
        return service;
    }

    public async Task<RoadmapService> UpdateServiceAsync(int serviceId, ServiceInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var service = await db.RoadmapServices.Include(s => s.RoadmapVersion).Include(s => s.Solutions).Include(s => s.Initiatives)
                          .SingleOrDefaultAsync(s => s.Id == serviceId, ct)
                      ?? throw new NotFoundException($"Fant ikke tjeneste {serviceId}.");
        RequireEditable(service.RoadmapVersion);
        db.ExpectVersion(service, expectedVersion);
        await ApplyAsync(service, input, isNew: false, ct);
        // A save is a new version of the service even when only its links changed.
        if (db.Entry(service).State == EntityState.Unchanged) db.Entry(service).State = EntityState.Modified;
        Touch(service.RoadmapVersion);
        await db.SaveChangesAsync(ct);
        return service;
    }

    /// <summary>Removes a service with its plans and links, and the dependencies other services had on it.</summary>
    public async Task RemoveServiceAsync(int serviceId, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var service = await db.RoadmapServices.AsSplitQuery().Include(s => s.RoadmapVersion)
                          .Include(s => s.Plans).Include(s => s.Solutions).Include(s => s.Initiatives).Include(s => s.Dependencies)
                          .SingleOrDefaultAsync(s => s.Id == serviceId, ct)
                      ?? throw new NotFoundException($"Fant ikke tjeneste {serviceId}.");
        RequireEditable(service.RoadmapVersion);
        db.ExpectVersion(service, expectedVersion);
        var incoming = await db.RoadmapDependencies.Where(d => d.DependsOnServiceId == serviceId).ToListAsync(ct);
        db.RoadmapDependencies.RemoveRange(incoming);
        db.RoadmapServices.Remove(service);
        Touch(service.RoadmapVersion);
        await db.SaveChangesAsync(ct);
    }

    private async Task ApplyAsync(RoadmapService service, ServiceInput input, bool isNew, CancellationToken ct)
    {
        var v = new Validator();
        v.Name("area", input.Area, "Område", RoadmapService.AreaMax);
        v.Name("goal", input.Goal, "Tjeneste (mål)", RoadmapService.GoalMax);
        v.MaxLength("description", input.Description, "Beskrivelse", RoadmapService.TextMax);

        var taken = await db.RoadmapServices.Where(s => s.RoadmapVersionId == service.RoadmapVersionId && s.Id != service.Id)
            .Select(s => s.Key).ToListAsync(ct);
        var number = service.RoadmapVersion.Number;
        string? key = null;
        if (!string.IsNullOrWhiteSpace(input.Key))
        {
            key = input.Key.Trim();
            if (key.Length > RoadmapService.KeyMax)
                v.Add("key", $"Nøkkelen kan ikke være lengre enn {RoadmapService.KeyMax} tegn (er {key.Length}).");
            else if (!KeyPattern().IsMatch(key))
                v.Add("key", $"Nøkkelen «{Validator.Truncate(key)}» kan bare ha små bokstaver a–z, sifre og bindestrek mellom ordene, for eksempel «kritisk-informasjon».");
            else if (taken.Contains(key))
                v.Add("key", $"Nøkkelen «{key}» er allerede brukt av en annen tjeneste i versjon {number}.");
        }
        else if (isNew && !string.IsNullOrWhiteSpace(input.Goal))
            key = UniqueKey(KeyFrom(input.Goal), taken);

        var solutions = new List<int>();
        if (input.Solutions is { } solutionKeys)
        {
            var wanted = solutionKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct().ToList();
            var found = await db.NationalSolutions.Where(s => wanted.Contains(s.Key)).ToDictionaryAsync(s => s.Key, s => s.Id, ct);
            foreach (var k in wanted)
            {
                if (found.TryGetValue(k, out var sid)) solutions.Add(sid);
                else v.Add("solutions", $"Fant ikke den nasjonale løsningen «{Validator.Truncate(k)}».");
            }
        }
        var initiatives = new List<int>();
        if (input.Initiatives is { } initiativeIds)
        {
            var wanted = initiativeIds.Distinct().ToList();
            var found = await db.Initiatives.Where(i => wanted.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct);
            foreach (var id in wanted)
            {
                if (found.Contains(id)) initiatives.Add(id);
                else v.Add("initiatives", $"Fant ikke tiltak {id}.");
            }
        }
        v.ThrowIfInvalid();

        if (key is not null) service.Key = key;
        service.Area = input.Area!.Trim();
        service.Goal = input.Goal!.Trim();
        service.Description = input.Description?.Trim() ?? "";
        if (input.Solutions is not null)
        {
            service.Solutions.RemoveAll(l => !solutions.Contains(l.NationalSolutionId));
            foreach (var id in solutions.Where(id => service.Solutions.All(l => l.NationalSolutionId != id)))
                service.Solutions.Add(new RoadmapServiceSolution { NationalSolutionId = id });
        }
        if (input.Initiatives is not null)
        {
            service.Initiatives.RemoveAll(l => !initiatives.Contains(l.InitiativeId));
            foreach (var id in initiatives.Where(id => service.Initiatives.All(l => l.InitiativeId != id)))
                service.Initiatives.Add(new RoadmapServiceInitiative { InitiativeId = id });
        }
    }

    /// <summary>"Helsepersonell skal ha tilgang til …" → "helsepersonell-skal-ha-tilgang-til": lower case ASCII words, at most 80 characters.</summary>
    internal static string KeyFrom(string text)
    {
        var folded = text.Trim().ToLowerInvariant().Replace("æ", "ae").Replace("ø", "o").Replace("å", "a").Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-');
        }
        var key = Regex.Replace(sb.ToString(), "-{2,}", "-").Trim('-');
        // Room for a "-2" suffix; cut at a word boundary where there is one.
        const int max = RoadmapService.KeyMax - 4;
        if (key.Length > max)
        {
            key = key[..max];
            var cut = key.LastIndexOf('-');
            if (cut > max / 2) key = key[..cut];
            key = key.Trim('-');
        }
        return key.Length == 0 ? "tjeneste" : key;
    }

    private static string UniqueKey(string key, ICollection<string> taken)
    {
        if (!taken.Contains(key)) return key;
        for (var i = 2; ; i++)
            if (!taken.Contains($"{key}-{i}")) return $"{key}-{i}";
    }

    // ---------------------------------------------------------------- plans

    public async Task<RoadmapPlan> AddPlanAsync(int serviceId, PlanInput input, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var service = await LoadServiceAsync(serviceId, ct);
        var plan = new RoadmapPlan { ServiceId = service.Id, Service = service, ActorGroup = "", Written = "" };
        await ApplyAsync(plan, service, input, ct);
        db.RoadmapPlans.Add(plan);
        Touch(service.RoadmapVersion);
        await db.SaveChangesAsync(ct);
        return plan;
    }

    public async Task<RoadmapPlan> UpdatePlanAsync(int planId, PlanInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var plan = await db.RoadmapPlans.SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException($"Fant ikke plan {planId}.");
        var service = await LoadServiceAsync(plan.ServiceId, ct);
        db.ExpectVersion(plan, expectedVersion);
        await ApplyAsync(plan, service, input, ct);
        Touch(service.RoadmapVersion);
        await db.SaveChangesAsync(ct);
        return plan;
    }

    public async Task RemovePlanAsync(int planId, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var plan = await db.RoadmapPlans.SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException($"Fant ikke plan {planId}.");
        var service = await LoadServiceAsync(plan.ServiceId, ct);
        db.ExpectVersion(plan, expectedVersion);
        db.RoadmapPlans.Remove(plan);
        Touch(service.RoadmapVersion);
        await db.SaveChangesAsync(ct);
    }

    private async Task ApplyAsync(RoadmapPlan plan, RoadmapService service, PlanInput input, CancellationToken ct)
    {
        var v = new Validator();
        v.Required("actorGroup", input.ActorGroup, "Aktørgruppe", RoadmapPlan.ActorGroupMax);
        v.Enum<PlanKind>("kind", input.Kind, "Type plan", true, out var kind);
        PlannedDate? date = null;
        if (!PlannedDate.TryParse(input.Written, out date, out var error)) v.Add("written", error);
        v.MaxLength("note", input.Note, "Merknad", RoadmapPlan.NoteMax);

        string? group = null;
        if (!string.IsNullOrWhiteSpace(input.ActorGroup) && input.ActorGroup.Trim().Length <= RoadmapPlan.ActorGroupMax)
        {
            group = string.Join(' ', input.ActorGroup.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            // The spelling already in use, so "legevakt" and "Legevakt" stay one actor group in filters and the diff.
            var known = await db.RoadmapPlans.Select(p => p.ActorGroup).Distinct().ToListAsync(ct);
            group = known.Where(k => string.Equals(k, group, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).FirstOrDefault() ?? group;
            if (kind is { } k)
            {
                var clash = await db.RoadmapPlans.Where(p => p.ServiceId == service.Id && p.Id != plan.Id && p.Kind == k)
                    .Select(p => p.ActorGroup).ToListAsync(ct);
                if (clash.Any(c => string.Equals(c, group, StringComparison.OrdinalIgnoreCase)))
                    v.Add("actorGroup", $"Tjenesten har allerede en plan for {k.Label().ToLowerInvariant()} hos {group}. Endre den planen i stedet.");
            }
        }
        v.ThrowIfInvalid();

        plan.ActorGroup = group!;
        plan.Kind = kind!.Value;
        plan.Date = date!;
        plan.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
    }

    // ---------------------------------------------------------------- dependencies

    public async Task<RoadmapDependency> AddDependencyAsync(int serviceId, DependencyInput input, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var service = await LoadServiceAsync(serviceId, ct);
        var existing = await db.RoadmapDependencies.Where(d => d.ServiceId == serviceId).ToListAsync(ct);
        var v = new Validator();
        v.Enum<DependencyTarget>("target", input.Target, "Hva tjenesten avhenger av", true, out var target);
        v.MaxLength("description", input.Description, "Beskrivelse", RoadmapDependency.DescriptionMax);
        var key = input.Key?.Trim() ?? "";
        var dependency = new RoadmapDependency { ServiceId = serviceId, Description = input.Description?.Trim() ?? "" };
        if (key.Length == 0)
            v.Add("key", target switch
            {
                DependencyTarget.Initiative => "Velg tiltaket tjenesten avhenger av.",
                DependencyTarget.Solution => "Velg den nasjonale løsningen tjenesten avhenger av.",
                _ => "Velg tjenesten den avhenger av.",
            });
        else if (target == DependencyTarget.Service)
        {
            var other = await db.RoadmapServices.Where(s => s.RoadmapVersionId == service.RoadmapVersionId && s.Key == key)
                .Select(s => new { s.Id, s.Goal }).SingleOrDefaultAsync(ct);
            if (other is null) v.Add("key", $"Fant ingen tjeneste med nøkkel «{Validator.Truncate(key)}» i versjon {service.RoadmapVersion.Number}.");
            else if (other.Id == serviceId) v.Add("key", "En tjeneste kan ikke avhenge av seg selv.");
            else if (existing.Any(d => d.DependsOnServiceId == other.Id)) v.Add("key", $"Tjenesten avhenger allerede av «{other.Goal}».");
            else if (await CycleAsync(service, other.Id, ct) is { } path)
                v.Add("key", $"«{Validator.Truncate(other.Goal)}» avhenger allerede av denne tjenesten"
                    + (path.Count == 0 ? "" : " gjennom " + Norwegian.List(path.Select(g => $"«{Validator.Truncate(g)}»").ToList()))
                    + ", så avhengighetene ville gått i ring. Fjern den avhengigheten først hvis den er feil.");
            else dependency.DependsOnServiceId = other.Id;
        }
        else if (target == DependencyTarget.Initiative)
        {
            var initiative = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var iid)
                ? await db.Initiatives.Where(i => i.Id == iid).Select(i => new { i.Id, i.Name }).SingleOrDefaultAsync(ct)
                : null;
            if (initiative is null) v.Add("key", $"Fant ikke tiltak «{Validator.Truncate(key)}».");
            else if (existing.Any(d => d.InitiativeId == initiative.Id)) v.Add("key", $"Tjenesten avhenger allerede av tiltaket «{initiative.Name}».");
            else dependency.InitiativeId = initiative.Id;
        }
        else if (target == DependencyTarget.Solution)
        {
            var solution = await db.NationalSolutions.Where(s => s.Key == key).Select(s => new { s.Id, s.Name }).SingleOrDefaultAsync(ct);
            if (solution is null) v.Add("key", $"Fant ikke den nasjonale løsningen «{Validator.Truncate(key)}».");
            else if (existing.Any(d => d.NationalSolutionId == solution.Id)) v.Add("key", $"Tjenesten avhenger allerede av «{solution.Name}».");
            else dependency.NationalSolutionId = solution.Id;
        }
        v.ThrowIfInvalid();
        db.RoadmapDependencies.Add(dependency);
        Touch(service.RoadmapVersion);
        await db.SaveChangesAsync(ct);
        return dependency;
    }

    /// <summary>
    /// Whether <paramref name="targetId"/> already depends on <paramref name="service"/>, directly or through other services
    /// of the version; then a dependency the other way would close a ring. Null when it does not; otherwise the goals of the
    /// services in between (empty for a direct dependency).
    /// </summary>
    private async Task<List<string>?> CycleAsync(RoadmapService service, int targetId, CancellationToken ct)
    {
        var edges = (await db.RoadmapDependencies.Where(d => d.Service.RoadmapVersionId == service.RoadmapVersionId && d.DependsOnServiceId != null)
                .Select(d => new { d.ServiceId, Target = d.DependsOnServiceId!.Value }).ToListAsync(ct))
            .ToLookup(d => d.ServiceId, d => d.Target);
        // Breadth first, so the path named is the shortest.
        var cameFrom = new Dictionary<int, int> { [targetId] = targetId };
        var queue = new Queue<int>([targetId]);
        while (queue.TryDequeue(out var at))
        {
            foreach (var next in edges[at])
            {
                if (!cameFrom.TryAdd(next, at)) continue;
                if (next != service.Id)
                {
                    queue.Enqueue(next);
                    continue;
                }
                var between = new List<int>();
                for (var step = at; step != targetId; step = cameFrom[step]) between.Add(step);
                between.Reverse();
                var goals = await db.RoadmapServices.Where(s => between.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Goal, ct);
                return between.Select(id => goals[id]).ToList();
            }
        }
        return null;
    }

    public async Task RemoveDependencyAsync(int dependencyId, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var dependency = await db.RoadmapDependencies.SingleOrDefaultAsync(d => d.Id == dependencyId, ct)
                         ?? throw new NotFoundException($"Fant ikke avhengighet {dependencyId}.");
        var service = await LoadServiceAsync(dependency.ServiceId, ct);
        db.RoadmapDependencies.Remove(dependency);
        Touch(service.RoadmapVersion);
        await db.SaveChangesAsync(ct);
    }

    // ---------------------------------------------------------------- shared

    private async Task<RoadmapVersion> LoadVersionAsync(string number, CancellationToken ct)
    {
        var n = number?.Trim() ?? "";
        return await db.RoadmapVersions.SingleOrDefaultAsync(x => x.Number == n, ct)
               ?? throw new NotFoundException($"Fant ikke veikartversjon {Validator.Truncate(n)}.");
    }

    /// <summary>The service with its version, refused when the version is frozen.</summary>
    private async Task<RoadmapService> LoadServiceAsync(int serviceId, CancellationToken ct)
    {
        var service = await db.RoadmapServices.Include(s => s.RoadmapVersion).SingleOrDefaultAsync(s => s.Id == serviceId, ct)
                      ?? throw new NotFoundException($"Fant ikke tjeneste {serviceId}.");
        RequireEditable(service.RoadmapVersion);
        return service;
    }

    /// <summary>Endorsed and published versions are frozen: changes go into a new draft.</summary>
    internal static void RequireEditable(RoadmapVersion version)
    {
        var state = version.Status switch
        {
            RoadmapStatus.Published => "publisert",
            RoadmapStatus.Endorsed => "tilsluttet av Nasjonalt e-helseråd",
            _ => null,
        };
        if (state is not null)
            throw ValidationFailedException.For("status", $"Versjon {version.Number} er {state} og kan ikke endres. Lag et nytt utkast.");
    }

    /// <summary>A change to the content is a new version of the whole roadmap version (its ETag changes).</summary>
    private void Touch(RoadmapVersion version)
    {
        version.UpdatedAt = db.UtcNow;
        db.Entry(version).Property(x => x.UpdatedAt).IsModified = true;
    }
}
