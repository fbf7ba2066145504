using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Benefits;

/// <summary>
/// One benefit's realised value for the period. <paramref name="Version"/> is that of the stored value the reporter started
/// from: none for the first value of a period, required to change one. A null value leaves the benefit unreported.
/// </summary>
public sealed record BenefitValueInput(int BenefitId, decimal? Value, string? Comment, int? Version = null);

/// <summary>
/// The initiative's owner (or the office) reports realised benefit values for a reporting period, alongside the status
/// report. The segment's reporting rules (<see cref="ReportingRequirements.BenefitValues"/>) decide whether a value for
/// every benefit is required; a benefit whose baseline lies after the period is never asked for. A period that has not
/// started takes no values. All values of the call are saved together or none.
/// </summary>
[UseCase]
public sealed class ReportBenefitValues(SamstyringDb db)
{
    public async Task<List<BenefitValue>> HandleAsync(int initiativeId, string? periodCode, IReadOnlyList<BenefitValueInput> values, CurrentUser? user,
        CancellationToken ct = default, IReadOnlyDictionary<string, string>? unreadable = null)
    {
        var i = await BenefitsAccess.LoadInitiativeForEditAsync(db, initiativeId, user, ct);
        var v = new Validator();
        foreach (var (field, message) in unreadable ?? new Dictionary<string, string>()) v.Add(field, message);
        if (!i.IsInPortfolio) v.Add("initiative", $"Det rapporteres bare på aktive tiltak og tiltak i pause (dette er «{i.Lifecycle.Label()}»).");
        ReportingPeriod? period = null;
        if (string.IsNullOrWhiteSpace(periodCode)) v.Add("period", "Rapporteringsperiode må velges.");
        else if ((period = await db.ReportingPeriods.SingleOrDefaultAsync(p => p.Code == periodCode.Trim(), ct)) is null)
            v.Add("period", $"Rapporteringsperioden «{Validator.Truncate(periodCode)}» finnes ikke.");
        else if (period.Start > db.Today) v.Add("period", "Det kan ikke rapporteres realiserte gevinster for en periode som ikke har startet.");

        var benefits = await db.Benefits.Where(b => b.InitiativeId == i.Id).OrderBy(b => b.Id).ToListAsync(ct);
        var stored = period is null ? [] : await db.BenefitValues.Where(x => x.PeriodId == period.Id && x.Benefit.InitiativeId == i.Id).ToListAsync(ct);
        var seen = new HashSet<int>();
        for (var k = 0; k < values.Count; k++)
        {
            var input = values[k];
            var field = $"values[{k}]";
            if (!seen.Add(input.BenefitId)) v.Add($"{field}.benefitId", $"Gevinst {input.BenefitId} er oppgitt mer enn én gang.");
            else if (benefits.All(b => b.Id != input.BenefitId)) v.Add($"{field}.benefitId", $"Gevinst {input.BenefitId} hører ikke til dette tiltaket.");
            if (unreadable?.ContainsKey($"{field}.value") != true) BenefitRules.Value(v, $"{field}.value", input.Value, "Realisert verdi", false);
            v.MaxLength($"{field}.comment", input.Comment, "Kommentaren", BenefitValue.CommentMax);
            if (input.Value is null && !string.IsNullOrWhiteSpace(input.Comment))
                v.Add($"{field}.value", "Realisert verdi må fylles ut når det er skrevet en kommentar.");
        }
        if (period is not null && ReportingRequirements.For(i.Segment).BenefitValues)
        {
            // Required for the segment: each benefit measured by the period's end has a value, given now or stored before.
            foreach (var b in benefits.Where(b => b.BaselineOn <= period.End))
            {
                var given = values.Any(x => x.BenefitId == b.Id && x.Value is not null);
                if (!given && stored.All(s => s.BenefitId != b.Id))
                    v.Add("values", $"Realisert verdi for «{b.Title}» må fylles ut: segmentet {i.Segment!.Value.Label()} rapporterer gevinster hver periode.");
            }
        }
        v.ThrowIfInvalid();

        var saved = new List<BenefitValue>();
        foreach (var input in values.Where(x => x.Value is not null))
        {
            var existing = stored.SingleOrDefault(s => s.BenefitId == input.BenefitId);
            if (existing is null)
            {
                // A version for a value that does not exist: the client saw one that has gone.
                if (input.Version is > 0) throw new ConcurrencyConflictException();
                existing = db.BenefitValues.Add(new BenefitValue { BenefitId = input.BenefitId, PeriodId = period!.Id, ReportedBy = user!.UserName }).Entity;
            }
            else db.ExpectVersion(existing, input.Version);
            existing.Value = input.Value!.Value;
            existing.Comment = input.Comment?.Trim() ?? "";
            existing.ReportedBy = user!.UserName;
            existing.ReportedAt = db.UtcNow;
            existing.IsDemo = false;
            saved.Add(existing);
        }
        // Two first reports at once: the unique index on (benefit, period) lets one in; SaveChanges turns the other into 412.
        await db.SaveChangesAsync(ct);
        foreach (var s in saved) s.Period = period!;
        return saved;
    }
}
