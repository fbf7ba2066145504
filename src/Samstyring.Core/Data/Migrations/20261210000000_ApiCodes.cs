using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// Enum values were stored by their C# names ("Green", "RolloutProject"); from here on they are stored by the codes the API,
// forms, files and audit log already use ("green", "rollout-project"), so one value has one name everywhere (EnumCodeConverter).
// The names and codes are written out as they were at this migration, so it converts the same rows whatever the enums
// become later, and Down gives every name back. A restore of a backup made before this migration renames its values with
// the same list (Restore). Only values change: the columns are long enough for the codes.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class ApiCodes : Migration
{
    public const string Id = "20261210000000_ApiCodes";

    /// <summary>The migration before this one: a backup made there carries the names.</summary>
    public const string Previous = "20261208000000_DecisionChangedAt";

    private static readonly (string Name, string Code)[] OrganizationType =
        [("Departement", "departement"), ("Direktorat", "direktorat"), ("Statsforetak", "statsforetak"), ("Rhf", "rhf"), ("Hf", "hf"),
         ("Kommune", "kommune"), ("Ks", "ks"), ("Fastlege", "fastlege"), ("Pasientorganisasjon", "pasientorganisasjon"),
         ("Fagorganisasjon", "fagorganisasjon"), ("Leverandor", "leverandor"), ("Annet", "annet")];
    private static readonly (string Name, string Code)[] ActorGroup =
        [("Spesialisthelsetjenesten", "spesialisthelsetjenesten"), ("Kommunehelsetjenesten", "kommunehelsetjenesten"),
         ("Helseforvaltningen", "helseforvaltningen"), ("Annet", "annet")];
    private static readonly (string Name, string Code)[] HealthRegion =
        [("HelseNord", "helse-nord"), ("HelseMidtNorge", "helse-midt-norge"), ("HelseVest", "helse-vest"), ("HelseSorOst", "helse-sor-ost")];
    private static readonly (string Name, string Code)[] Role =
        [("PortfolioOffice", "portfolio-office"), ("InitiativeOwner", "initiative-owner"), ("KsCoordinator", "ks-coordinator"), ("Member", "member")];
    private static readonly (string Name, string Code)[] InitiativeKind =
        [("Project", "project"), ("Programme", "programme"), ("RolloutProject", "rollout-project"), ("ConceptWork", "concept-work")];
    private static readonly (string Name, string Code)[] Lifecycle =
        [("Candidate", "candidate"), ("Active", "active"), ("Paused", "paused"), ("Completed", "completed"), ("Left", "left")];
    private static readonly (string Name, string Code)[] Phase =
        [("Ide", "ide"), ("Konsept", "konsept"), ("Planlegging", "planlegging"), ("Gjennomforing", "gjennomforing"), ("Avslutning", "avslutning"),
         ("Gevinstrealisering", "gevinstrealisering")];
    private static readonly (string Name, string Code)[] Segment =
        [("Samstyring", "samstyring"), ("Koordinering", "koordinering"), ("Observasjon", "observasjon")];
    private static readonly (string Name, string Code)[] SubmissionState =
        [("Proposed", "proposed"), ("EndorsedByKs", "endorsed-by-ks"), ("ReturnedByKs", "returned-by-ks"), ("Included", "included"),
         ("Rejected", "rejected")];
    private static readonly (string Name, string Code)[] SubmissionAction =
        [("Proposed", "proposed"), ("KsEndorsed", "ks-endorsed"), ("KsReturned", "ks-returned"), ("Assessed", "assessed"), ("Included", "included"),
         ("Rejected", "rejected"), ("Resubmitted", "resubmitted")];
    private static readonly (string Name, string Code)[] CriterionKind =
        [("Main", "main"), ("Criterion2Way", "criterion2-way"), ("AlsoWanted", "also-wanted"), ("Exception", "exception")];
    private static readonly (string Name, string Code)[] ReportingCadence =
        [("Monthly", "monthly"), ("Tertial", "tertial"), ("Quarterly", "quarterly")];
    private static readonly (string Name, string Code)[] Rag =
        [("Green", "green"), ("Yellow", "yellow"), ("Red", "red")];
    private static readonly (string Name, string Code)[] DependencyTargetKind =
        [("Initiative", "initiative"), ("Solution", "solution"), ("Organization", "organization")];
    private static readonly (string Name, string Code)[] Criticality =
        [("Low", "low"), ("Medium", "medium"), ("High", "high")];
    private static readonly (string Name, string Code)[] BodyKind =
        [("Board", "board"), ("PrioritisationCommittee", "prioritisation-committee"), ("ProfessionalCommittee", "professional-committee"),
         ("ProductBoard", "product-board"), ("ProgrammeBoard", "programme-board"), ("Other", "other")];
    private static readonly (string Name, string Code)[] QuorumRule =
        [("None", "none"), ("Majority", "majority"), ("TwoThirds", "two-thirds"), ("AtLeast", "at-least")];
    private static readonly (string Name, string Code)[] MemberRole =
        [("Member", "member"), ("Observer", "observer"), ("Substitute", "substitute"), ("Secretariat", "secretariat")];
    private static readonly (string Name, string Code)[] MeetingKind =
        [("Ordinary", "ordinary"), ("Extra", "extra")];
    private static readonly (string Name, string Code)[] MeetingStatus =
        [("Planned", "planned"), ("NoticeSent", "notice-sent"), ("Held", "held"), ("MinutesApproved", "minutes-approved"),
         ("Cancelled", "cancelled")];
    private static readonly (string Name, string Code)[] AgendaItemKind =
        [("Case", "case"), ("Break", "break")];
    private static readonly (string Name, string Code)[] AttendanceStatus =
        [("Present", "present"), ("Absent", "absent"), ("Substitute", "substitute")];
    private static readonly (string Name, string Code)[] CaseType =
        [("Godkjenning", "godkjenning"), ("Orientering", "orientering"), ("Drofting", "drofting"), ("Anbefaling", "anbefaling"),
         ("Eventuelt", "eventuelt")];
    private static readonly (string Name, string Code)[] StandingCase =
        [("None", "none"), ("NoticeApproval", "notice-approval"), ("MinutesApproval", "minutes-approval")];
    private static readonly (string Name, string Code)[] CaseReferenceKind =
        [("Initiative", "initiative"), ("PortfolioPeriod", "portfolio-period"), ("CriteriaSet", "criteria-set")];
    private static readonly (string Name, string Code)[] RoadmapVersionKind =
        [("Yearly", "yearly"), ("ChangeList", "change-list")];
    private static readonly (string Name, string Code)[] RoadmapStatus =
        [("Draft", "draft"), ("Recommended", "recommended"), ("Endorsed", "endorsed"), ("Published", "published")];
    private static readonly (string Name, string Code)[] PlanKind =
        [("Trial", "trial"), ("Rollout", "rollout")];
    private static readonly (string Name, string Code)[] PlannedDatePrecision =
        [("Day", "day"), ("Month", "month"), ("EarlyMonth", "early-month"), ("MidMonth", "mid-month"), ("LateMonth", "late-month"),
         ("Quarter", "quarter"), ("Tertial", "tertial"), ("HalfYear", "half-year"), ("Season", "season"), ("EarlyYear", "early-year"),
         ("MidYear", "mid-year"), ("LateYear", "late-year"), ("Year", "year"), ("YearSpan", "year-span"), ("Range", "range"),
         ("Indefinite", "indefinite")];
    private static readonly (string Name, string Code)[] PlannedDateQualifier =
        [("None", "none"), ("Earliest", "earliest"), ("Latest", "latest"), ("Approximately", "approximately")];
    private static readonly (string Name, string Code)[] PrerequisiteStatus =
        [("ConfirmedSoFar", "confirmed-so-far"), ("Uncertain", "uncertain"), ("WorkRemaining", "work-remaining"),
         ("NoDecidedPlans", "no-decided-plans"), ("NotAssessed", "not-assessed")];
    private static readonly (string Name, string Code)[] MilestonePhase =
        [("Planning", "planning"), ("Procurement", "procurement"), ("Establishment", "establishment"), ("Rollout", "rollout"),
         ("Operation", "operation")];

    internal static readonly (string Table, string Column, (string Name, string Code)[] Values)[] Columns =
    [
        ("organizations", "Type", OrganizationType),
        ("organizations", "ActorGroup", ActorGroup),
        ("organizations", "Region", HealthRegion),
        ("users", "Role", Role),
        ("initiatives", "Kind", InitiativeKind),
        ("initiatives", "Lifecycle", Lifecycle),
        ("initiatives", "Phase", Phase),
        ("initiatives", "Segment", Segment),
        ("initiatives", "Submission", SubmissionState),
        ("phase_decisions", "Phase", Phase),
        ("submission_steps", "Action", SubmissionAction),
        ("criteria", "Kind", CriterionKind),
        ("reporting_periods", "Cadence", ReportingCadence),
        ("status_reports", "Status", Rag),
        ("status_reports", "Risk", Rag),
        ("dependencies", "TargetKind", DependencyTargetKind),
        ("dependencies", "Criticality", Criticality),
        ("dependencies", "Status", Rag),
        ("bodies", "Kind", BodyKind),
        ("bodies", "QuorumRule", QuorumRule),
        ("body_members", "Role", MemberRole),
        ("meetings", "Kind", MeetingKind),
        ("meetings", "Status", MeetingStatus),
        ("agenda_items", "Kind", AgendaItemKind),
        ("attendance", "Status", AttendanceStatus),
        ("cases", "Type", CaseType),
        ("cases", "Standing", StandingCase),
        ("case_references", "Kind", CaseReferenceKind),
        ("cycle_items", "Type", CaseType),
        ("roadmap_versions", "Kind", RoadmapVersionKind),
        ("roadmap_versions", "Status", RoadmapStatus),
        ("roadmap_plans", "Kind", PlanKind),
        ("roadmap_plans", "Precision", PlannedDatePrecision),
        ("roadmap_plans", "Qualifier", PlannedDateQualifier),
        ("roadmap_prerequisites", "Status", PrerequisiteStatus),
        ("roadmap_milestone_phases", "Phase", MilestonePhase),
    ];

    protected override void Up(MigrationBuilder m)
    {
        foreach (var (table, column, values) in Columns) m.Sql(Rename(table, column, values.Select(v => (v.Name, v.Code)).ToList()));
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var (table, column, values) in Columns) m.Sql(Rename(table, column, values.Select(v => (v.Code, v.Name)).ToList()));
    }

    /// <summary>The codes of a backup made before this migration, by table and column, and by name.</summary>
    internal static Dictionary<(string Table, string Column), Dictionary<string, string>> CodesByName() =>
        Columns.ToDictionary(c => (c.Table, c.Column), c => c.Values.ToDictionary(v => v.Name, v => v.Code, StringComparer.Ordinal));

    // Plain SQL that SQLite and PostgreSQL read alike; one statement per column, so every row changes at once.
    private static string Rename(string table, string column, List<(string From, string To)> values) =>
        $"UPDATE \"{table}\" SET \"{column}\" = CASE \"{column}\" {string.Join(" ", values.Select(v => $"WHEN '{v.From}' THEN '{v.To}'"))} END "
        + $"WHERE \"{column}\" IN ({string.Join(", ", values.Select(v => $"'{v.From}'"))});";
}
