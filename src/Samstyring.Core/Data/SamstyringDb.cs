using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Samstyring.Core.Accounts;
using Samstyring.Core.Actors;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Data;

public class SamstyringDb(DbContextOptions<SamstyringDb> options, AuditContext audit, TimeProvider clock) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationOwner> OrganizationOwners => Set<OrganizationOwner>();
    public DbSet<User> Users => Set<User>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<NationalSolution> NationalSolutions => Set<NationalSolution>();
    public DbSet<GrunnmurArea> GrunnmurAreas => Set<GrunnmurArea>();
    public DbSet<SolutionEvent> SolutionEvents => Set<SolutionEvent>();
    public DbSet<SolutionInitiative> SolutionInitiatives => Set<SolutionInitiative>();
    public DbSet<AdoptionChange> AdoptionChanges => Set<AdoptionChange>();
    public DbSet<AdoptionCount> AdoptionCounts => Set<AdoptionCount>();
    public DbSet<AdoptionTarget> AdoptionTargets => Set<AdoptionTarget>();
    public DbSet<PopulationFigure> PopulationFigures => Set<PopulationFigure>();
    public DbSet<Financing.CostBasis> CostBases => Set<Financing.CostBasis>();
    public DbSet<Financing.PriceModel> PriceModels => Set<Financing.PriceModel>();
    public DbSet<Financing.PriceModelStep> PriceModelSteps => Set<Financing.PriceModelStep>();
    public DbSet<Financing.PriceModelShare> PriceModelShares => Set<Financing.PriceModelShare>();
    public DbSet<Financing.KeyEntry> KeyEntries => Set<Financing.KeyEntry>();
    public DbSet<Financing.PriceListItem> PriceListItems => Set<Financing.PriceListItem>();
    public DbSet<Financing.ServiceOrder> ServiceOrders => Set<Financing.ServiceOrder>();
    public DbSet<Initiative> Initiatives => Set<Initiative>();
    public DbSet<PhaseDecision> PhaseDecisions => Set<PhaseDecision>();
    public DbSet<SubmissionStep> SubmissionSteps => Set<SubmissionStep>();
    public DbSet<CriteriaSet> CriteriaSets => Set<CriteriaSet>();
    public DbSet<Criterion> Criteria => Set<Criterion>();
    public DbSet<InclusionAssessment> InclusionAssessments => Set<InclusionAssessment>();
    public DbSet<ReportingPeriod> ReportingPeriods => Set<ReportingPeriod>();
    public DbSet<StatusReport> StatusReports => Set<StatusReport>();
    public DbSet<Dependency> Dependencies => Set<Dependency>();
    public DbSet<Council.Body> Bodies => Set<Council.Body>();
    public DbSet<Council.BodyName> BodyNames => Set<Council.BodyName>();
    public DbSet<Council.BodyMandate> BodyMandates => Set<Council.BodyMandate>();
    public DbSet<Council.BodyMember> BodyMembers => Set<Council.BodyMember>();
    public DbSet<Council.Meeting> Meetings => Set<Council.Meeting>();
    public DbSet<Council.AgendaItem> AgendaItems => Set<Council.AgendaItem>();
    public DbSet<Council.Attendance> Attendance => Set<Council.Attendance>();
    public DbSet<Council.CouncilCase> Cases => Set<Council.CouncilCase>();
    public DbSet<Council.CaseLink> CaseLinks => Set<Council.CaseLink>();
    public DbSet<Council.CaseReference> CaseReferences => Set<Council.CaseReference>();
    public DbSet<Council.CaseComment> CaseComments => Set<Council.CaseComment>();
    public DbSet<Council.Attachment> Attachments => Set<Council.Attachment>();
    /// <summary>The bytes of attachments kept in the database (PostgreSQL); read and written as streams, never through the model.</summary>
    public DbSet<Council.AttachmentContent> AttachmentContents => Set<Council.AttachmentContent>();
    public DbSet<Council.CycleItem> CycleItems => Set<Council.CycleItem>();
    public DbSet<Roadmap.RoadmapVersion> RoadmapVersions => Set<Roadmap.RoadmapVersion>();
    public DbSet<Roadmap.RoadmapService> RoadmapServices => Set<Roadmap.RoadmapService>();
    public DbSet<Roadmap.RoadmapPlan> RoadmapPlans => Set<Roadmap.RoadmapPlan>();
    public DbSet<Roadmap.RoadmapServiceSolution> RoadmapServiceSolutions => Set<Roadmap.RoadmapServiceSolution>();
    public DbSet<Roadmap.RoadmapServiceInitiative> RoadmapServiceInitiatives => Set<Roadmap.RoadmapServiceInitiative>();
    public DbSet<Roadmap.RoadmapDependency> RoadmapDependencies => Set<Roadmap.RoadmapDependency>();
    public DbSet<Roadmap.Milestone> Milestones => Set<Roadmap.Milestone>();
    public DbSet<Roadmap.Prerequisite> Prerequisites => Set<Roadmap.Prerequisite>();
    public DbSet<Roadmap.MilestonePhasePlan> MilestonePhases => Set<Roadmap.MilestonePhasePlan>();
    // Strategy (issue 12): strategies with their steps, target areas and what serves them.
    public DbSet<Strategy.Strategy> Strategies => Set<Strategy.Strategy>();
    public DbSet<Strategy.StrategyStep> StrategySteps => Set<Strategy.StrategyStep>();
    public DbSet<Strategy.TargetArea> TargetAreas => Set<Strategy.TargetArea>();
    public DbSet<Strategy.TargetAreaInitiative> TargetAreaInitiatives => Set<Strategy.TargetAreaInitiative>();
    public DbSet<Strategy.TargetAreaService> TargetAreaServices => Set<Strategy.TargetAreaService>();
    public DbSet<Strategy.TargetAreaSolution> TargetAreaSolutions => Set<Strategy.TargetAreaSolution>();
    // Benefits (issue 12): gevinster, realised values and socio-economic analyses.
    public DbSet<Samstyring.Core.Benefits.Benefit> Benefits => Set<Samstyring.Core.Benefits.Benefit>();
    public DbSet<Samstyring.Core.Benefits.BenefitValue> BenefitValues => Set<Samstyring.Core.Benefits.BenefitValue>();
    public DbSet<Samstyring.Core.Benefits.BenefitAnalysis> BenefitAnalyses => Set<Samstyring.Core.Benefits.BenefitAnalysis>();
    public DbSet<Samstyring.Core.Benefits.AnalysisAlternative> AnalysisAlternatives => Set<Samstyring.Core.Benefits.AnalysisAlternative>();
    public DbSet<Samstyring.Core.Benefits.AlternativeYear> AlternativeYears => Set<Samstyring.Core.Benefits.AlternativeYear>();
    // Evaluation against principles (issue 12).
    public DbSet<Evaluation.PrincipleSet> PrincipleSets => Set<Evaluation.PrincipleSet>();
    public DbSet<Evaluation.Principle> Principles => Set<Evaluation.Principle>();
    public DbSet<Evaluation.EvaluationRound> Evaluations => Set<Evaluation.EvaluationRound>();
    public DbSet<Evaluation.EvaluationWeight> EvaluationWeights => Set<Evaluation.EvaluationWeight>();
    public DbSet<Evaluation.Candidate> EvaluationCandidates => Set<Evaluation.Candidate>();
    public DbSet<Evaluation.CandidateProposer> EvaluationProposers => Set<Evaluation.CandidateProposer>();
    public DbSet<Evaluation.PanelMember> EvaluationPanelMembers => Set<Evaluation.PanelMember>();
    public DbSet<Evaluation.ScoreSheet> ScoreSheets => Set<Evaluation.ScoreSheet>();
    public DbSet<Evaluation.Score> Scores => Set<Evaluation.Score>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<Notifications.OutboxMessage> OutboxMessages => Set<Notifications.OutboxMessage>();
    // Publication to eInnsyn (issue 15).
    public DbSet<EInnsyn.EInnsynMessage> EInnsynOutbox => Set<EInnsyn.EInnsynMessage>();
    public DbSet<EInnsyn.EInnsynObjectId> EInnsynIds => Set<EInnsyn.EInnsynObjectId>();
    public DbSet<Notifications.ReminderReceipt> ReminderReceipts => Set<Notifications.ReminderReceipt>();
    public DbSet<Notifications.Subscription> Subscriptions => Set<Notifications.Subscription>();
    public DbSet<Notifications.SubscriptionToken> SubscriptionTokens => Set<Notifications.SubscriptionToken>();
    public DbSet<Accounts.LoginThrottle> LoginThrottles => Set<Accounts.LoginThrottle>();
    public DbSet<Accounts.ExternalLogin> ExternalLogins => Set<Accounts.ExternalLogin>();
    public DbSet<Accounts.AccessRequest> AccessRequests => Set<Accounts.AccessRequest>();
    public DbSet<Accounts.ApiToken> ApiTokens => Set<Accounts.ApiToken>();
    // Search (issue 15): the index, and the text of attachment files it reads.
    public DbSet<Search.SearchDocument> SearchDocuments => Set<Search.SearchDocument>();
    public DbSet<Search.AttachmentText> AttachmentTexts => Set<Search.AttachmentText>();
    public DbSet<Search.SearchTerm> SearchTerms => Set<Search.SearchTerm>();
    /// <summary>The ASP.NET Core data-protection key ring every app node shares (<see cref="SharedDataProtection"/>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;
    /// <summary>Who is acting in this unit of work, as the audit trail names them.</summary>
    public string ActingUser => audit.UserName;
    public DateOnly Today => clock.Today();

    /// <summary>Model annotation of working-state tables (sign-in sessions): not audited, not backed up, not exported.</summary>
    public const string Transient = "Samstyring:Transient";

    /// <summary>Turn the audit trail off for bulk loads (benchmark data); never used for user actions.</summary>
    public bool AuditEnabled { get; set; } = true;

    /// <summary>
    /// Keep the search index in step with each save (<see cref="Search.SearchIndexer"/>). Bulk loads that rebuild the index
    /// when they are done (the seeder, the benchmark) turn it off.
    /// </summary>
    public bool IndexSearch { get; set; } = true;

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SamstyringDb).Assembly);

    /// <summary>
    /// Every timestamp is UTC. SQLite stores text without a zone, so values are marked UTC when read
    /// (the API then writes "…Z" on both databases) and converted to UTC when written.
    /// Every enum is stored as its code, the same text as in the API (<see cref="EnumCodeConverter{TEnum}"/>).
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Conventions.Add(_ => new EnumCodeConvention());
    }

    private sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    /// <summary>
    /// Tells the next save which version the user started from. If someone else saved in the
    /// meantime, the save fails with <see cref="ConcurrencyConflictException"/> instead of overwriting.
    /// A change without a version is refused (<see cref="VersionRequiredException"/>): it could overwrite
    /// anything saved since the client read the record. Callers check access before they call this.
    /// </summary>
    public void ExpectVersion<T>(T entity, int? expectedVersion) where T : class
    {
        if (expectedVersion is null) throw new VersionRequiredException();
        var version = Entry(entity).Property("Version");
        // Stale already when loaded: refuse now rather than at the save (which would not run if nothing changed).
        if ((int)version.CurrentValue! != expectedVersion) throw new ConcurrencyConflictException();
        version.OriginalValue = expectedVersion;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        NormaliseText();
        BumpVersions();
        var search = IndexSearch ? Search.SearchIndexer.Collect(ChangeTracker) : null;
        var pending = !AuditEnabled ? [] : ChangeTracker.Entries()
            .Where(e => e.Entity is not AuditEntry && e.Metadata.FindAnnotation(Transient) is null
                        && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => (Entry: e, Action: e.State.ToString(), Before: e.State == EntityState.Added ? null : Snapshot(e, original: true)))
            .ToList();
        if (pending.Count == 0 && search is null) return await SaveCore(acceptAllChangesOnSuccess, cancellationToken);

        // The change, its audit entries and the search index commit together or not at all.
        var ownTransaction = Database.CurrentTransaction is null ? await BeginWriteTransactionAsync(cancellationToken) : null;
        try
        {
            var count = await SaveCore(acceptAllChangesOnSuccess, cancellationToken);
            var now = UtcNow;
            foreach (var (entry, action, before) in pending)
            {
                AuditLog.Add(new AuditEntry
                {
                    At = now,
                    UserName = audit.UserName,
                    Action = action,
                    EntityType = entry.Metadata.ClrType.Name,
                    EntityId = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue)),
                    Before = before,
                    After = action == nameof(EntityState.Deleted) ? null : Snapshot(entry, original: false),
                });
            }
            if (search is not null) await Search.SearchIndexer.ApplyAsync(this, search, cancellationToken);
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return count;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>
    /// Begins a use case's write transaction. On SQLite the writers of this process first wait their turn, in order and
    /// without holding a thread (<see cref="SqliteWriteGate"/>); the turn passes on when the transaction is disposed.
    /// </summary>
    public async Task<IDbContextTransaction> BeginWriteTransactionAsync(CancellationToken ct = default)
    {
        var turn = await WaitForWriteTurnAsync(null, ct);
        try
        {
            return new WriteTransaction(await Database.BeginTransactionAsync(ct), turn);
        }
        catch
        {
            turn?.Dispose();
            throw;
        }
    }

    /// <summary>On SQLite, this process's turn to write (null on PostgreSQL); waits at most the busy timeout, or <paramref name="limit"/>.</summary>
    internal async Task<IDisposable?> WaitForWriteTurnAsync(TimeSpan? limit, CancellationToken ct)
    {
        if (Database.GetDbConnection() is not SqliteConnection sqlite) return null;
        return await SqliteWriteGate.EnterAsync(new SqliteConnectionStringBuilder(sqlite.ConnectionString).DataSource,
            limit ?? TimeSpan.FromSeconds(sqlite.DefaultTimeout), ct);
    }

    /// <summary>The transaction, and the SQLite write turn given back when it ends.</summary>
    private sealed class WriteTransaction(IDbContextTransaction inner, IDisposable? turn) : IDbContextTransaction
    {
        public Guid TransactionId => inner.TransactionId;
        public void Commit() => inner.Commit();
        public Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);
        public void Rollback() => inner.Rollback();
        public Task RollbackAsync(CancellationToken cancellationToken = default) => inner.RollbackAsync(cancellationToken);

        public void Dispose()
        {
            try { inner.Dispose(); }
            finally { turn?.Dispose(); }
        }

        public async ValueTask DisposeAsync()
        {
            try { await inner.DisposeAsync(); }
            finally { turn?.Dispose(); }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    private async Task<int> SaveCore(bool accept, CancellationToken ct)
    {
        try
        {
            return await base.SaveChangesAsync(accept, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
        // Use cases check uniqueness before saving, so a unique key clash here means a simultaneous
        // save got there first (e.g. two first reports for the same period): the same answer as above.
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            throw new ConcurrencyConflictException();
        }
    }

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    /// <summary>
    /// Every text is stored in Unicode NFC, whichever door it came in by, so equal names compare equal. NUL is refused
    /// here as a last line (PostgreSQL cannot store it; validation should have caught it with a better message).
    /// </summary>
    private void NormaliseText()
    {
        foreach (var e in ChangeTracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var p in e.Properties)
            {
                if (p.Metadata.ClrType != typeof(string) || p.CurrentValue is not string value) continue;
                if (value.Contains('\0'))
                    throw ValidationFailedException.For(JsonNamingPolicy.CamelCase.ConvertName(p.Metadata.Name),
                        "Teksten inneholder NUL-tegnet (U+0000), som ikke kan lagres.");
                if (!value.IsNormalized(System.Text.NormalizationForm.FormC)) p.CurrentValue = UnicodeText.Nfc(value);
            }
        }
    }

    private void BumpVersions()
    {
        foreach (var e in ChangeTracker.Entries())
        {
            if (e.Metadata.FindProperty("Version") is not { } p || p.ClrType != typeof(int)) continue;
            var version = e.Property("Version");
            if (e.State == EntityState.Modified) version.CurrentValue = (int)version.OriginalValue! + 1;
            else if (e.State == EntityState.Added && (int)version.CurrentValue! == 0) version.CurrentValue = 1;
        }
    }

    private static string Snapshot(EntityEntry entry, bool original)
    {
        var values = new Dictionary<string, object?>();
        foreach (var p in entry.Properties)
        {
            var value = original ? p.OriginalValue : p.CurrentValue;
            // Secrets never enter the audit trail; that a password changed is still visible.
            values[p.Metadata.Name] = p.Metadata.Name is nameof(User.PasswordHash) or nameof(User.SecurityStamp) or nameof(User.PersonalId)
                    or nameof(Notifications.Subscription.ConfirmTokenHash) or nameof(Notifications.SubscriptionToken.TokenHash)
                    or nameof(ApiToken.SecretHash) ? "(skjult)"
                // A subscriber's address is personal data of a member of the public: the trail shows whose it was, masked.
                : entry.Entity is Notifications.Subscription && p.Metadata.Name == nameof(Notifications.Subscription.Email) ? Notifications.Subscription.Mask(value as string)
                : value is Enum en ? en.Code() : value;
        }
        return JsonSerializer.Serialize(values, SnapshotJson);
    }

    private static readonly JsonSerializerOptions SnapshotJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
