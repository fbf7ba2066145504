using Samstyring.Core.Actors;

namespace Samstyring.Core.Solutions;

/// <summary>
/// An invented adoption history of kjernejournal in the municipalities that reproduces the seeds' figures on their dates:
/// 60 in use and 30 technically ready on 1 October 2021 (case 38/21, seed 001 lines 1486–1487), over 130 adopting and more
/// than 25 with interest registered in August 2022 (seed 004 lines 419–423). Which municipalities, and every other date, are
/// demo data. Deterministic, so every demo database is the same.
/// </summary>
public static class DemoAdoption
{
    public const string Note = "Tallene per 1.10.2021 (sak 38/21) og per august 2022 (høringsnotatet) er fra kildene; hvilke kommuner og øvrige datoer er konstruert";
    public const string Source = "Demodata: " + Note;

    /// <summary>Checkpoints with how many municipalities (by position in a fixed shuffle) had reached each stage: in use, ready, adopting, interest.</summary>
    private static readonly (DateOnly On, int InUse, int Ready, int Adopting, int Interest)[] Checkpoints =
    [
        (new DateOnly(2021, 10, 1), 60, 90, 190, 230),
        (new DateOnly(2022, 8, 1), 112, 147, 278, 304),
        (new DateOnly(2022, 12, 31), 150, 180, 290, 320),
        (new DateOnly(2023, 12, 31), 232, 262, 310, 335),
    ];

    private static readonly DateOnly Start = new(2019, 1, 1);

    public static IEnumerable<AdoptionChange> Kjernejournal(NationalSolution solution, IReadOnlyList<Organization> municipalities)
    {
        var random = new Random(3821);
        var order = municipalities.OrderBy(m => m.MunicipalityNumber, StringComparer.Ordinal).OrderBy(_ => random.Next()).ToList();
        var recordedAt = new DateTime(2024, 1, 5, 9, 0, 0, DateTimeKind.Utc);
        for (var position = 0; position < order.Count; position++)
        {
            var reached = AdoptionStage.NotStarted;
            var from = Start;
            foreach (var c in Checkpoints)
            {
                var stage = StageAt(c, position);
                if (stage > reached)
                {
                    // The stages newly reached in this interval, on increasing random days inside it.
                    var days = c.On.DayNumber - from.DayNumber;
                    var steps = Enumerable.Range((int)reached + 1, stage - reached).ToList();
                    var offsets = steps.Select(_ => random.Next(1, days + 1)).Order().ToList();
                    for (var i = 0; i < steps.Count; i++)
                    {
                        yield return new AdoptionChange
                        {
                            Solution = solution, Organization = order[position], Stage = (AdoptionStage)steps[i],
                            On = from.AddDays(offsets[i]), Source = Source, RecordedBy = "demo", RecordedAt = recordedAt, IsDemo = true,
                        };
                    }
                    reached = stage;
                }
                from = c.On;
            }
        }
    }

    private static AdoptionStage StageAt((DateOnly On, int InUse, int Ready, int Adopting, int Interest) c, int position) =>
        position < c.InUse ? AdoptionStage.InUse
        : position < c.Ready ? AdoptionStage.TechnicallyReady
        : position < c.Adopting ? AdoptionStage.Adopting
        : position < c.Interest ? AdoptionStage.Interest
        : AdoptionStage.NotStarted;

    /// <summary>Groups not registered one by one. The seeds say only that the specialist services and GPs are ahead of the municipal services (seed 004 lines 415–418).</summary>
    public static IEnumerable<AdoptionCount> GroupCounts(NationalSolution solution)
    {
        var at = new DateTime(2024, 1, 5, 9, 0, 0, DateTimeKind.Utc);
        const string source = "Demodata: kilden sier bare at den kommunale helse- og omsorgstjenesten, bortsett fra legevakt og fastleger, ligger etter resten av sektoren (kilde 004 linje 415–418)";
        AdoptionCount Count(AdoptionGroup g, int count, int total, DateOnly on) => new()
        {
            Solution = solution, Group = g, Stage = AdoptionStage.InUse, Count = count, Total = total, On = on,
            Source = source, RecordedBy = "demo", RecordedAt = at, IsDemo = true,
        };
        yield return Count(AdoptionGroup.HealthTrusts, 18, 20, new DateOnly(2019, 6, 30));
        yield return Count(AdoptionGroup.HealthTrusts, 20, 20, new DateOnly(2021, 6, 30));
        yield return Count(AdoptionGroup.GpOffices, 1300, 1700, new DateOnly(2020, 12, 31));
        yield return Count(AdoptionGroup.GpOffices, 1610, 1700, new DateOnly(2022, 8, 1));
    }
}
