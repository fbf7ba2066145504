using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

public sealed record NextYearRow(int Id, string Name, string Owner, Lifecycle Lifecycle, Phase Phase, Segment? Segment, DateOnly? PlannedEnd);

/// <summary>
/// Porteføljen til neste år: what carries over, what starts, what ends, and what the office has not yet decided.
/// <see cref="ExpectedCount"/> is carried over + starting (case 38/21: "forventes å bestå av 35 tiltak").
/// </summary>
public sealed record NextYearPortfolio(
    int Year, IReadOnlyList<NextYearRow> CarriesOver, IReadOnlyList<NextYearRow> Starts, IReadOnlyList<NextYearRow> Ends,
    IReadOnlyList<NextYearRow> Undecided)
{
    public int ExpectedCount => CarriesOver.Count + Starts.Count;
}

[UseCase]
public sealed class GetNextYearPortfolio(SamstyringDb db)
{
    public async Task<NextYearPortfolio> HandleAsync(int year, CancellationToken ct = default)
    {
        if (year is < 2000 or > 2100) throw ValidationFailedException.For("year", $"Året må være mellom 2000 og 2100, ikke {year}.");
        var (prevStart, prevEnd) = (new DateOnly(year - 1, 1, 1), new DateOnly(year - 1, 12, 31));

        var rows = await db.Initiatives.AsNoTracking()
            .Where(i => i.Lifecycle == Lifecycle.Active || i.Lifecycle == Lifecycle.Paused
                        || (i.Lifecycle == Lifecycle.Candidate && i.StartsNextYear)
                        || (i.Lifecycle == Lifecycle.Completed && i.CompletedOn >= prevStart && i.CompletedOn <= prevEnd)
                        || (i.Lifecycle == Lifecycle.Left && i.LeftOn >= prevStart && i.LeftOn <= prevEnd))
            .OrderBy(i => i.Name).ThenBy(i => i.Id)
            .Select(i => new
            {
                Row = new NextYearRow(i.Id, i.Name, i.Owner.Name, i.Lifecycle, i.Phase, i.Segment, i.PlannedEnd),
                i.CarriesOverNextYear, i.StartsNextYear,
            })
            .ToListAsync(ct);

        static bool InPortfolio(Lifecycle l) => l is Lifecycle.Active or Lifecycle.Paused;
        return new NextYearPortfolio(
            year,
            rows.Where(r => InPortfolio(r.Row.Lifecycle) && r.CarriesOverNextYear == true).Select(r => r.Row).ToList(),
            rows.Where(r => r.StartsNextYear && !(InPortfolio(r.Row.Lifecycle) && r.CarriesOverNextYear == true)
                            && r.Row.Lifecycle is not (Lifecycle.Completed or Lifecycle.Left)).Select(r => r.Row).ToList(),
            rows.Where(r => (InPortfolio(r.Row.Lifecycle) && r.CarriesOverNextYear == false)
                            || r.Row.Lifecycle is Lifecycle.Completed or Lifecycle.Left).Select(r => r.Row).ToList(),
            rows.Where(r => InPortfolio(r.Row.Lifecycle) && r.CarriesOverNextYear is null && !r.StartsNextYear).Select(r => r.Row).ToList());
    }
}
