using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Tests;

/// <summary>Row counts of everything a portfolio use case may write, to prove a failed change saved nothing.</summary>
public sealed record TableCounts(int Initiatives, int Steps, int Assessments, int Reports, int Dependencies, int PhaseDecisions, int Periods, int Audit);

public static class TestHelpers
{
    public static Task<TableCounts> CountsAsync(this TestDatabase db) => db.QueryAsync(async x => new TableCounts(
        await x.Initiatives.CountAsync(), await x.SubmissionSteps.CountAsync(), await x.InclusionAssessments.CountAsync(),
        await x.StatusReports.CountAsync(), await x.Dependencies.CountAsync(), await x.PhaseDecisions.CountAsync(),
        await x.ReportingPeriods.CountAsync(), await x.AuditLog.CountAsync()));

    public static Task<Initiative> LoadInitiativeAsync(this TestDatabase db, int id) =>
        db.QueryAsync(x => x.Initiatives.AsNoTracking().Include(i => i.SubmissionSteps).Include(i => i.Assessments).SingleAsync(i => i.Id == id));

    /// <summary>The owner (or the office, for another owner) proposes a new candidate with a name no other test uses.</summary>
    public static Task<Initiative> ProposeAsync(this TestDatabase db, CurrentUser user, string name, int? ownerId = null) =>
        db.SendAsync((ProposeInitiative u) => u.HandleAsync(
            new InitiativeInput(name, "Beskrivelse av tiltaket.", ownerId, "project", "konsept", "2026-01-01", "2027-12-31", "Per Prosjektleder"),
            user), user);

    /// <summary>The version of the initiative's report for the period, which a change of it must give; null when there is none yet.</summary>
    public static Task<int?> ReportVersionAsync(this TestDatabase db, int initiativeId, string period) =>
        db.QueryAsync(x => x.StatusReports.Where(r => r.InitiativeId == initiativeId && r.Period.Code == period).Select(r => (int?)r.Version).SingleOrDefaultAsync());

    public static string UniqueName(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Asserts the action fails validation on exactly these fields, and returns the errors for further checks.</summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> AssertInvalidAsync(Func<Task> action, params string[] fields)
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(action);
        Assert.Equal(fields.Order(), ex.Errors.Keys.Order());
        Assert.All(ex.Errors.Values.SelectMany(m => m), m => Assert.False(string.IsNullOrWhiteSpace(m)));
        return ex.Errors;
    }

    /// <summary>Use-case dates are stamped from the clock; allow for a test that straddles midnight (UTC).</summary>
    public static void AssertToday(DateOnly? date)
    {
        Assert.NotNull(date);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.InRange(date.Value, today.AddDays(-1), today);
    }

    public static void AssertRecent(DateTime at) =>
        Assert.InRange(at, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
}
