using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Data;

/// <summary>
/// The solutions catalogue from Seed/solutions.json: the grunnmur areas and the catalogue entries with the facts the seeds
/// give (reference data, seeded in production too) and, in demo mode, the invented dates of transfers, the links to demo
/// initiatives, the adoption targets of case 38/21 and a demo adoption history of kjernejournal in the municipalities.
/// </summary>
public sealed partial class Seeder
{
    private static readonly DateTime SolutionsSeededAt = new(2021, 11, 19, 9, 0, 0, DateTimeKind.Utc);

    private async Task<Dictionary<string, NationalSolution>> SeedSolutionsAsync(Dictionary<string, Organization> orgs, bool demo, CancellationToken ct)
    {
        var data = Read<SolutionsSeed>("solutions.json");
        var position = 0;
        var areas = data.Grunnmur.ToDictionary(a => a.Key, a => new GrunnmurArea
        {
            Key = a.Key, Name = a.Name, Description = a.Description, Source = a.Source, Position = ++position,
        });
        db.GrunnmurAreas.AddRange(areas.Values);

        Organization? Org(string? key) => key is null ? null
            : orgs.TryGetValue(key, out var o) ? o : throw new InvalidDataException($"solutions.json: ukjent aktør {key}.");
        var solutions = new Dictionary<string, NationalSolution>();
        foreach (var s in data.Solutions)
        {
            var solution = new NationalSolution
            {
                Key = s.Key, Name = s.Name, Kind = EnumText.FromCode<SolutionKind>(s.Kind), Description = s.Description,
                Owner = Org(s.Owner), Operator = Org(s.Operator), Lifecycle = EnumText.FromCode<SolutionLifecycle>(s.Lifecycle),
                GrunnmurArea = s.Grunnmur is null ? null : areas[s.Grunnmur], LegalBasis = s.LegalBasis,
                FinancingModel = s.Financing is null ? null : EnumText.FromCode<FinancingModel>(s.Financing),
                Source = s.Source, IsDemo = s.Demo, DemoNote = s.DemoNote,
            };
            foreach (var e in s.Events.Where(e => demo || !e.Demo))
            {
                solution.Events.Add(new SolutionEvent
                {
                    On = DateOnly.Parse(e.On, System.Globalization.CultureInfo.InvariantCulture),
                    Lifecycle = e.Lifecycle is null ? null : EnumText.FromCode<SolutionLifecycle>(e.Lifecycle),
                    Owner = Org(e.Owner), Operator = Org(e.Operator), Note = e.Note, Source = e.Source, IsDemo = e.Demo,
                    RecordedBy = "demo", RecordedAt = SolutionsSeededAt,
                });
            }
            solutions[s.Key] = solution;
        }
        foreach (var s in data.Solutions.Where(s => s.PartOf is not null)) solutions[s.Key].PartOf = solutions[s.PartOf!];
        db.NationalSolutions.AddRange(solutions.Values);
        await db.SaveChangesAsync(ct);
        // Today's owner, operator and lifecycle are what the history says they are today (production has only the sourced events).
        foreach (var solution in solutions.Values.Where(s => s.Events.Count > 0))
        {
            var today = SolutionHistory.Fold(solution.Events, db.Today);
            solution.Lifecycle = today.Lifecycle ?? solution.Lifecycle;
            solution.OwnerId = today.OwnerId ?? solution.OwnerId;
            solution.OperatorId = today.OperatorId ?? solution.OperatorId;
        }
        await db.SaveChangesAsync(ct);
        return solutions;
    }

    private async Task SeedDemoSolutionsAsync(Dictionary<string, Organization> orgs, Dictionary<string, NationalSolution> solutions, CancellationToken ct)
    {
        var data = Read<SolutionsSeed>("solutions.json");
        var initiatives = await db.Initiatives.ToListAsync(ct);
        var byKey = Read<List<InitiativeSeed>>("initiatives.json").Select((seed, i) => (seed.Key, seed.Name))
            .ToDictionary(x => x.Key, x => initiatives.Single(i => i.Name == x.Name));
        foreach (var s in data.Solutions)
            foreach (var key in s.Initiatives)
                db.SolutionInitiatives.Add(new SolutionInitiative { Solution = solutions[s.Key], Initiative = byKey[key] });

        var board = await db.Bodies.SingleAsync(b => b.Slug == "nasjonalt-e-helserad", ct);
        var cases = await db.Cases.Where(c => c.BodyId == board.Id).ToListAsync(ct);
        foreach (var t in data.Targets)
        {
            var number = t.Case.Split('/');
            var @case = cases.SingleOrDefault(c => c.Number == int.Parse(number[0]) && c.Year % 100 == int.Parse(number[1]));
            db.AdoptionTargets.Add(new AdoptionTarget
            {
                Solution = solutions[t.Solution], Group = EnumText.FromCode<AdoptionGroup>(t.Group), Stage = EnumText.FromCode<AdoptionStage>(t.Stage),
                Measure = EnumText.FromCode<TargetMeasure>(t.Measure), Value = t.Value, DueOn = DateOnly.Parse(t.DueOn, System.Globalization.CultureInfo.InvariantCulture),
                Case = @case, CaseReference = $"Nasjonalt e-helsestyre sak {t.Case}", Source = t.Source + (t.DemoNote is null ? "" : " " + t.DemoNote),
                IsDemo = t.DemoNote is not null,
            });
        }
        var municipalities = orgs.Values.Where(o => o.MunicipalityNumber is not null).ToList();
        db.AdoptionChanges.AddRange(DemoAdoption.Kjernejournal(solutions["kjernejournal"], municipalities.Where(m => m.ExistsFrom is null).ToList()));
        db.AdoptionChanges.Add(new AdoptionChange
        {
            Solution = solutions["pasientens-legemiddelliste"], Organization = orgs["kommune:4601"], Stage = AdoptionStage.Adopting,
            On = new DateOnly(2020, 9, 1), Source = "Utprøvingsprosjektet i Bergen kommune ble etablert høsten 2020 (kilde 001 linje 959–961)",
            RecordedBy = "demo", RecordedAt = SolutionsSeededAt,
        });
        db.AdoptionCounts.AddRange(DemoAdoption.GroupCounts(solutions["kjernejournal"]));
        await db.SaveChangesAsync(ct);
    }

    private sealed record SolutionsSeed(List<GrunnmurSeed> Grunnmur, List<SolutionEntrySeed> Solutions, List<TargetSeed> Targets);
    private sealed record GrunnmurSeed(string Key, string Name, string Description, string? Source);
    private sealed record SolutionEntrySeed(
        string Key, string Name, string Kind, string Description, string? Owner, string? Operator, string Lifecycle, string? Grunnmur, string? PartOf,
        string? LegalBasis, string? Financing, string? Source, bool Demo, string? DemoNote, List<SolutionEventSeed> Events, List<string> Initiatives);
    private sealed record SolutionEventSeed(string On, string Note, string? Source, bool Demo, string? Lifecycle, string? Owner, string? Operator);
    private sealed record TargetSeed(string Solution, string Group, string Stage, string Measure, double Value, string DueOn, string Case, string Source, string? DemoNote);
}
