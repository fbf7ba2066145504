using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Solutions;

/// <summary>The facts of a catalogue entry the office edits; owner, operator and lifecycle change through dated events instead.</summary>
public sealed record SolutionInput(string? Name, string? Kind, string? Description, string? Grunnmur, string? PartOf, string? LegalBasis,
    string? Financing, string? Source, IReadOnlyList<int>? Initiatives);

/// <summary>Changes a catalogue entry's facts and its links to portfolio initiatives (the office; needs the version it started from).</summary>
[UseCase]
public sealed class UpdateSolution(SamstyringDb db)
{
    public async Task<NationalSolution> HandleAsync(string key, SolutionInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        SolutionAccess.RequireCatalogueEditor(user);
        var solution = await SolutionEditing.LoadAsync(db, key, ct);
        await db.Entry(solution).Collection(s => s.Initiatives).LoadAsync(ct);
        db.ExpectVersion(solution, expectedVersion);

        var v = new Validator();
        v.Name("name", input.Name, "Navnet", NationalSolution.NameMax);
        v.Enum<SolutionKind>("kind", input.Kind, "Typen", required: true, out var kind);
        v.MaxLength("description", input.Description, "Beskrivelsen", NationalSolution.DescriptionMax);
        v.MaxLength("legalBasis", input.LegalBasis, "Rettslig grunnlag", NationalSolution.LegalBasisMax);
        v.MaxLength("source", input.Source, "Kilden", NationalSolution.SourceMax);
        v.Enum<FinancingModel>("financing", input.Financing, "Finansieringsmodellen", required: false, out var financing);
        GrunnmurArea? area = null;
        if (!string.IsNullOrWhiteSpace(input.Grunnmur))
        {
            area = await db.GrunnmurAreas.SingleOrDefaultAsync(a => a.Key == input.Grunnmur.Trim(), ct);
            if (area is null) v.Add("grunnmur", $"Fant ikke grunnmurområdet «{Validator.Truncate(input.Grunnmur)}».");
        }
        NationalSolution? partOf = null;
        if (!string.IsNullOrWhiteSpace(input.PartOf))
        {
            partOf = await db.NationalSolutions.SingleOrDefaultAsync(s => s.Key == input.PartOf.Trim(), ct);
            if (partOf is null) v.Add("partOf", $"Fant ingen nasjonal løsning med nøkkelen «{Validator.Truncate(input.PartOf)}».");
            else if (await IsWithinAsync(partOf, solution.Id, ct)) v.Add("partOf", $"{solution.Name} kan ikke være en del av {partOf.Name}, som selv er en del av {solution.Name}.");
        }
        var initiatives = (input.Initiatives ?? []).Distinct().ToList();
        if (initiatives.Count > 200) v.Add("initiatives", "Høyst 200 tiltak kan knyttes til én løsning.");
        else if (initiatives.Count > 0)
        {
            var found = await db.Initiatives.Where(i => initiatives.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct);
            var missing = initiatives.Except(found).ToList();
            if (missing.Count > 0) v.Add("initiatives", $"Fant ikke tiltak {string.Join(", ", missing.Take(10))}.");
        }
        v.ThrowIfInvalid();

        solution.Name = input.Name!.Trim();
        solution.Kind = kind!.Value;
        solution.Description = input.Description?.Trim() ?? "";
        solution.GrunnmurAreaId = area?.Id;
        solution.PartOfId = partOf?.Id;
        solution.LegalBasis = string.IsNullOrWhiteSpace(input.LegalBasis) ? null : input.LegalBasis.Trim();
        solution.FinancingModel = financing;
        solution.Source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim();
        solution.Initiatives.RemoveAll(l => !initiatives.Contains(l.InitiativeId));
        foreach (var id in initiatives.Where(id => solution.Initiatives.All(l => l.InitiativeId != id)))
            solution.Initiatives.Add(new SolutionInitiative { SolutionId = solution.Id, InitiativeId = id });
        // A save is a new version of the entry even when only its links changed.
        if (db.Entry(solution).State == EntityState.Unchanged) db.Entry(solution).State = EntityState.Modified;
        await db.SaveChangesAsync(ct);
        return solution;
    }

    /// <summary>Whether <paramref name="candidate"/> is (part of) the solution with <paramref name="solutionId"/>: a cycle.</summary>
    private async Task<bool> IsWithinAsync(NationalSolution candidate, int solutionId, CancellationToken ct)
    {
        var seen = new HashSet<int>();
        int? current = candidate.Id;
        while (current is { } id && seen.Add(id))
        {
            if (id == solutionId) return true;
            current = await db.NationalSolutions.Where(s => s.Id == id).Select(s => s.PartOfId).SingleAsync(ct);
        }
        return false;
    }
}
