using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Solutions;

/// <summary>Rules shared by the solutions area's use cases.</summary>
internal static class SolutionEditing
{
    /// <summary>A date in a query ("?date="): empty means today; anything else must be a real date.</summary>
    public static DateOnly? ParseDateParameter(string? value, string field = "date")
    {
        new Validator().Date(field, value, "Datoen", required: false, out var parsed).ThrowIfInvalid();
        return parsed;
    }

    public static async Task<NationalSolution> LoadAsync(SamstyringDb db, string key, CancellationToken ct) =>
        await db.NationalSolutions.SingleOrDefaultAsync(s => s.Key == key, ct)
        ?? throw new NotFoundException($"Fant ingen nasjonal løsning med nøkkelen «{Validator.Truncate(key)}».");

    /// <summary>Today's owner, operator and lifecycle follow from the history whenever it changes.</summary>
    public static async Task RefreshStateAsync(SamstyringDb db, NationalSolution solution, CancellationToken ct)
    {
        var events = await db.SolutionEvents.Where(e => e.SolutionId == solution.Id).ToListAsync(ct);
        events.AddRange(db.ChangeTracker.Entries<SolutionEvent>().Where(e => e.State == EntityState.Added && e.Entity.SolutionId == solution.Id).Select(e => e.Entity));
        if (events.Count == 0) return;
        var today = SolutionHistory.Fold(events, db.Today);
        if (today.Lifecycle is { } l) solution.Lifecycle = l;
        if (today.OwnerId is { } o) solution.OwnerId = o;
        if (today.OperatorId is { } p) solution.OperatorId = p;
    }
}
