using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Common;

namespace Samstyring.Core.Portfolio;

/// <summary>A reporting period of a portfolio year ("2021-T3", "2021-10", "2021-Q4"), set up by the office.</summary>
public class ReportingPeriod
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public int Year { get; set; }
    public ReportingCadence Cadence { get; set; }
    public int Number { get; set; }
    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }
    public DateOnly Deadline { get; set; }

    public string Name => NameOf(Code);

    /// <summary>"2021-T3" → "3. tertial 2021", "2021-Q4" → "4. kvartal 2021", "2021-10" → "oktober 2021".</summary>
    public static string NameOf(string code)
    {
        var parts = code.Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var year)) return code;
        var p = parts[1];
        if (p.StartsWith('T') && int.TryParse(p[1..], out var t)) return $"{t}. tertial {year}";
        if (p.StartsWith('Q') && int.TryParse(p[1..], out var q)) return $"{q}. kvartal {year}";
        return int.TryParse(p, out var m) && m is >= 1 and <= 12 ? new DateOnly(year, m, 1).ToString("MMMM yyyy", Norwegian.Culture) : code;
    }

    /// <summary>The periods of one portfolio year for a cadence, each due ten days after it ends.</summary>
    public static IEnumerable<ReportingPeriod> ForYear(int year, ReportingCadence cadence)
    {
        var (count, months, prefix) = cadence switch
        {
            ReportingCadence.Monthly => (12, 1, ""),
            ReportingCadence.Tertial => (3, 4, "T"),
            _ => (4, 3, "Q"),
        };
        for (var n = 1; n <= count; n++)
        {
            var start = new DateOnly(year, (n - 1) * months + 1, 1);
            var end = start.AddMonths(months).AddDays(-1);
            yield return new ReportingPeriod
            {
                Code = cadence == ReportingCadence.Monthly ? $"{year}-{n:00}" : $"{year}-{prefix}{n}",
                Year = year, Cadence = cadence, Number = n, Start = start, End = end, Deadline = end.AddDays(10),
            };
        }
    }
}

public class ReportingPeriodConfiguration : IEntityTypeConfiguration<ReportingPeriod>
{
    public void Configure(EntityTypeBuilder<ReportingPeriod> b)
    {
        b.ToTable("reporting_periods");
        b.Property(p => p.Code).HasMaxLength(20);
        b.HasIndex(p => p.Code).IsUnique();
        b.Property(p => p.Cadence).HasMaxLength(20);
        b.Ignore(p => p.Name);
    }
}
