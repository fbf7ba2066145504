using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Roadmap;
// Portfolio has its own DependencyInput and AssessmentInput; only these two are needed from it.
using Rag = Samstyring.Core.Portfolio.Rag;
using StatusReport = Samstyring.Core.Portfolio.StatusReport;

namespace Samstyring.Core.Tests.Roadmap;

/// <summary>
/// The office's work on the roadmap: drafting from a version, editing services, plans and dependencies, the steps through
/// NUIT and the board to publication; who sees what; and the read model (lateness, first and last in use).
/// Every test makes versions of its own (numbers from 100.1 up) and its own bodies and cases.
/// </summary>
public abstract class RoadmapTestBase(TestDatabase database)
{
    protected readonly TestDatabase db = database;

    private static int _next = 99;

    /// <summary>A version number no other test uses, higher than the demo versions (1.0, 21.1).</summary>
    protected static string NewNumber() => $"{Interlocked.Increment(ref _next)}.1";

    protected Task<RoadmapVersion> DraftAsync(string? basedOn = null, string kind = "yearly", string? number = null) =>
        db.SendAsync((CreateRoadmapDraft u) => u.HandleAsync(new DraftInput(number ?? NewNumber(), basedOn, kind, null, null), db.Office), db.Office);

    protected Task<RoadmapService> AddServiceAsync(string number, string goal, string? key = null, string area = "Samhandling",
        IReadOnlyList<string>? solutions = null, IReadOnlyList<int>? initiatives = null) =>
        db.SendAsync((AddRoadmapService u) => u.HandleAsync(number, new ServiceInput(key, area, goal, null, solutions, initiatives), db.Office), db.Office);

    protected Task<RoadmapPlan> AddPlanAsync(int serviceId, string actorGroup, string kind, string written, string? note = null) =>
        db.SendAsync((AddRoadmapPlan u) => u.HandleAsync(serviceId, new PlanInput(actorGroup, kind, written, note), db.Office), db.Office);

    protected Task<RoadmapDependency> DependAsync(int serviceId, string target, string key, string description = "") =>
        db.SendAsync((AddRoadmapDependency u) => u.HandleAsync(serviceId, new DependencyInput(target, key, description), db.Office), db.Office);

    protected Task<RoadmapView> ViewAsync(string number, CurrentUser? user) =>
        db.SendAsync((RoadmapQueries q) => q.GetVersionAsync(number, user));

    protected Task<RoadmapView> ViewAsync(string number) => ViewAsync(number, db.Office);

    protected Task<RoadmapVersion> LoadVersionAsync(string number) =>
        db.QueryAsync(x => x.RoadmapVersions.AsNoTracking().SingleAsync(v => v.Number == number));

    protected async Task<RoadmapVersion> AdvanceAsync(string number, string step, int? caseId = null, string? on = null)
    {
        var version = (await LoadVersionAsync(number)).Version;
        return await db.SendAsync((AdvanceRoadmapVersion u) => u.HandleAsync(number, new StepInput(step, caseId, on), version, db.Office), db.Office);
    }

    protected sealed record TestCase(int Id, string Reference, string Title, DateOnly MeetingDate);

    /// <summary>
    /// A case in a new body of the given kind ("prioritisation-committee" for NUIT, "board"), in a meeting on
    /// <paramref name="date"/>; case 2 of the year (the meeting's standing case is 1). Decided when asked.
    /// </summary>
    protected async Task<TestCase> CaseAsync(string kind, string date = "2021-09-22", bool confidential = false, string? decision = null)
    {
        var slug = $"vk-{Guid.NewGuid().ToString("N")[..8]}";
        var shortName = kind == "board" ? "TRÅD" : "TNUIT";
        await db.SendAsync((CreateBody u) => u.HandleAsync(
            new BodyInput(slug, "Testorgan for veikartet", shortName, "2017-01-01", kind, "Laget av testene.", "none", null, null, null), db.Office), db.Office);
        var meeting = await db.SendAsync((PlanMeeting u) => u.HandleAsync(
            new MeetingInput(slug, date, "10:00", "15:00", "Oslo", false, "ordinary"), db.Office), db.Office);
        var title = confidential ? "Veikart med fortrolige planer" : "Veikart for nasjonale e-helseløsninger";
        var c = await db.SendAsync((AddCase u) => u.HandleAsync(meeting.Id,
            new CaseInput(title, "anbefaling", "Direktoratet for e-helse", null, "Hensikt.", "Bakgrunn.", "Utvalget anbefaler veikartet.",
                confidential, confidential ? "Offl. § 14" : null, null, null), db.Office), db.Office);
        if (decision is not null)
        {
            var mv = await db.QueryAsync(x => x.Meetings.Where(m => m.Id == meeting.Id).Select(m => m.Version).SingleAsync());
            await db.SendAsync((SendNotice u) => u.HandleAsync(meeting.Id, mv, db.Office), db.Office);
            var cv = await db.QueryAsync(x => x.Cases.Where(k => k.Id == c.Id).Select(k => k.Version).SingleAsync());
            await db.SendAsync((RecordDecision u) => u.HandleAsync(c.Id, decision, cv, db.Office), db.Office);
        }
        return new TestCase(c.Id, $"{shortName} {c.NumberText}", title, meeting.Date);
    }

    protected Task<(int Versions, int Services, int Plans, int Dependencies, int Audit)> CountsAsync() => db.QueryAsync(async x => (
        await x.RoadmapVersions.CountAsync(), await x.RoadmapServices.CountAsync(), await x.RoadmapPlans.CountAsync(),
        await x.RoadmapDependencies.CountAsync(), await x.AuditLog.CountAsync()));

    /// <summary>An initiative of its own, planned to end on <paramref name="plannedEnd"/>, with a red latest report when asked.</summary>
    protected async Task<int> InitiativeAsync(DateOnly? plannedEnd, bool red = false)
    {
        var initiative = await db.ProposeAsync(db.OwnerHelseSorOst, TestHelpers.UniqueName("Veikarttiltak"));
        await db.QueryAsync(async x =>
        {
            var i = await x.Initiatives.SingleAsync(y => y.Id == initiative.Id);
            i.PlannedEnd = plannedEnd;
            if (red)
            {
                var period = await x.ReportingPeriods.OrderBy(p => p.Id).FirstAsync();
                var report = new StatusReport
                {
                    InitiativeId = i.Id, PeriodId = period.Id, Status = Rag.Red, Risk = Rag.Yellow, ReportedBy = "test", ReportedAt = DateTime.UtcNow,
                };
                x.StatusReports.Add(report);
                await x.SaveChangesAsync();
                i.SetLatestReport(report);
            }
            return await x.SaveChangesAsync();
        });
        return initiative.Id;
    }

    /// <summary>Compares the parts of two views that a copy must not change.</summary>
    protected sealed class ViewComparer : IEqualityComparer<RoadmapView>
    {
        public bool Equals(RoadmapView? x, RoadmapView? y) =>
            x is not null && y is not null && x.Version == y.Version
            && x.Services.Select(s => (s.Id, s.Version, s.Plans.Count)).SequenceEqual(y.Services.Select(s => (s.Id, s.Version, s.Plans.Count)));

        public int GetHashCode(RoadmapView obj) => obj.Id;
    }
}
