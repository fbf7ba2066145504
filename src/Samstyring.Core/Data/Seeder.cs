using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Accounts;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Data;

/// <summary>
/// Fills an empty database: reference data (actors, all municipalities with their population per 1 January 2025, the
/// 2021 criteria set, national solutions) always; everything else only in demo mode: the portfolio, the council's bodies with their members,
/// meetings and cases, the yearly cycle, the roadmap, the financing area's cost bases, price model and price list, the demo accounts, and an evaluation round with its principle sets. Production starts with no council: the
/// secretariat registers the bodies and members itself. Runs once: a database that already has organisations is left alone.
/// </summary>
public sealed partial class Seeder(SamstyringDb db)
{
    public const string DemoPassword = "samstyring";

    /// <summary>Demo accounts, one per role (listed in the README).</summary>
    public static readonly (string UserName, string Name, Role Role, string? OrgKey)[] DemoUsers =
    [
        ("kontor", "Kari Kontor (porteføljekontoret)", Role.PortfolioOffice, "ehelse"),
        ("eier-hso", "Ola Eier (Helse Sør-Øst RHF)", Role.InitiativeOwner, "helse-sor-ost"),
        ("eier-oslo", "Siri Eier (Oslo kommune)", Role.InitiativeOwner, "kommune:0301"),
        ("ks", "Kåre Koordinator (KS)", Role.KsCoordinator, "ks"),
        ("medlem", "Mona Medlem (Nasjonalt e-helsestyre)", Role.Member, null),
        ("drift-nhn", "Nora Drift (Norsk Helsenett SF)", Role.Operator, "nhn"),
        ("tbu", "Tore Beregning (teknisk beregningsutvalg)", Role.Tbu, null),
    ];

    /// <summary>
    /// Fills an empty database. A database that already has organisations gets only the reference data that arrived after
    /// it was created (<see cref="TopUpReferenceDataAsync"/>); nothing else of it is touched.
    /// </summary>
    public async Task SeedAsync(bool demo, CancellationToken ct = default)
    {
        if (await db.Organizations.AnyAsync(ct))
        {
            await TopUpReferenceDataAsync(ct);
            return;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var saveAudit = db.AuditEnabled;
        var saveIndexing = db.IndexSearch;
        db.AuditEnabled = false; // seeding is not a user's change
        db.IndexSearch = false; // the search index is built once, at the end
        try
        {
            var orgs = await SeedActorsAsync(ct);
            var solutions = await SeedSolutionsAsync(orgs, demo, ct);
            await SeedPopulationAsync(orgs, ct);
            await SeedCriteriaAsync(ct);
            await SeedReferencePrinciplesAsync(ct);
            if (demo)
            {
                await SeedDemoPortfolioAsync(orgs, solutions, ct);
                var bodies = await SeedDemoBodiesAsync(orgs, solutions, ct);
                await SeedDemoCouncilAsync(bodies, ct);
                await SeedDemoRoadmapAsync(solutions, ct);
                await SeedDemoSolutionsAsync(orgs, solutions, ct);
                await SeedDemoFinancingAsync(orgs, solutions, ct);
                await SeedDemoStrategyAsync(ct);
                await SeedDemoBenefitsAsync(orgs, ct);
                await SeedDemoUsersAsync(orgs, ct);
                await SeedDemoPrinciplesAsync(ct);
                await SeedDemoEvaluationAsync(ct);
            }
            await tx.CommitAsync(ct);
            await Search.SearchIndex.RebuildAsync(db, ct);
        }
        finally
        {
            db.AuditEnabled = saveAudit;
            db.IndexSearch = saveIndexing;
        }
    }

    private async Task<Dictionary<string, Organization>> SeedActorsAsync(CancellationToken ct)
    {
        var orgs = new Dictionary<string, Organization>();
        var actors = Read<List<ActorSeed>>("actors.json");
        foreach (var a in actors)
        {
            orgs[a.Key] = new Organization
            {
                Key = a.Key, Name = a.Name, ShortName = a.ShortName, OrgNumber = a.OrgNumber,
                Type = EnumText.Parse<OrganizationType>(a.Type),
                ActorGroup = EnumText.Parse<ActorGroup>(a.ActorGroup),
                Region = a.Region is null ? null : EnumText.Parse<HealthRegion>(a.Region),
            };
        }
        // "owner" for a single owner, "owners" (each with a share where the sources give one) for shared ownership.
        foreach (var a in actors)
        {
            if (a.Owner is not null && a.Owners is not null) throw new InvalidDataException($"Aktøren {a.Key} har både «owner» og «owners» i actors.json.");
            var owners = a.Owners ?? (a.Owner is null ? [] : [new OwnerSeed(a.Owner, null)]);
            foreach (var owner in owners)
                orgs[a.Key].Owners.Add(new OrganizationOwner { Owner = orgs[owner.Key], Share = owner.Share });
        }

        foreach (var row in ReadMunicipalities())
        {
            var region = EnumText.Parse<HealthRegion>(row.Region);
            orgs["kommune:" + row.Number] = new Organization
            {
                Key = "kommune:" + row.Number, Name = row.Name + " kommune", MunicipalityNumber = row.Number,
                Type = OrganizationType.Kommune, ActorGroup = ActorGroup.Kommunehelsetjenesten,
                Region = region, County = row.County, Population = row.Population,
            };
        }
        // Haram was part of Ålesund until it became a municipality again on 1 January 2024: 356 municipalities before, 357 from then.
        if (orgs.TryGetValue("kommune:1580", out var haram)) haram.ExistsFrom = new DateOnly(2024, 1, 1);
        db.Organizations.AddRange(orgs.Values);
        await db.SaveChangesAsync(ct);
        return orgs;
    }

    /// <summary>
    /// The criteria of case 37/21 (9 December 2021), quoted from the case paper. They are not adopted until that case
    /// has a decision: in 4/21 (March 2021) the board «gir sin tilslutning til forslag til kriterier som utgangspunkt for
    /// utprøving, med mål om å legge frem kriteriene for endelig tilslutning i 4. kvartal 2021», so they are on trial
    /// since 4/21 and proposed for adoption in 37/21. Recording 37/21's decision with the set linked adopts it.
    /// </summary>
    private async Task SeedCriteriaAsync(CancellationToken ct)
    {
        var set = new CriteriaSet
        {
            Version = "2021.1", Title = "Kriterier for nasjonal e-helseportefølje",
            TrialByCase = "Nasjonalt e-helsestyre sak 4/21", ProposedInCase = "Nasjonalt e-helsestyre sak 37/21", IsCurrent = true,
        };
        var order = 0;
        void Add(string code, CriterionKind kind, string text) =>
            set.Criteria.Add(new Criterion { Code = code, Kind = kind, Text = text, Order = ++order });
        Add("K1", CriterionKind.Main, "Digitalisering er vesentlig for å oppnå tiltakets formål og tiltaket omhandler kjernevirksomheten i helse- og omsorgstjenesten.");
        Add("K2", CriterionKind.Main, "Tiltaket krever koordinering eller samordning på tvers av flere aktører for å lykkes.");
        Add("K2.1", CriterionKind.Criterion2Way, "Har avhengigheter til eller fra leveranser fra nasjonale/sentrale e-helseløsninger eller nasjonale programmer.");
        Add("K2.2", CriterionKind.Criterion2Way, "Krever koordinering på tvers av aktørgruppene i helse- og omsorgssektoren (mellom spesialisthelsetjenesten, kommunehelsetjenesten og helseforvaltningen).");
        Add("K2.3", CriterionKind.Criterion2Way, "Krever koordinering innen helseforvaltningen.");
        Add("K2.4", CriterionKind.Criterion2Way, "Krever koordinering innen spesialisthelsetjenesten og er et betydelig tiltak knyttet til det strategiske målet om Én innbygger én journal og digital samhandling.");
        Add("K2.5", CriterionKind.Criterion2Way, "Har investering eller drift- og forvaltningskostnader som krever samfinansiering.");
        Add("T1", CriterionKind.AlsoWanted, "Store innføringsprosjekter som innfører sentrale løsninger.");
        Add("T2", CriterionKind.AlsoWanted, "Prosjekter som i fremtiden kan få samordningsbehov tilfredsstille kriteriene for tiltak i den nasjonale porteføljen.");
        Add("T3", CriterionKind.AlsoWanted, "Konseptarbeid kan være i porteføljen, men normalt ikke rene utredninger.");
        Add("U1", CriterionKind.Exception, "Tiltak med avhengigheter til mindre leveranser på Helsenorge må ikke være i nasjonal portefølje, da de kan behandles samlet i Helsenorge produktstyre og i nasjonal styringsmodell.");
        db.CriteriaSets.Add(set);
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedDemoPortfolioAsync(Dictionary<string, Organization> orgs, Dictionary<string, NationalSolution> solutions, CancellationToken ct)
    {
        var periods = ReportingPeriod.ForYear(2021, ReportingCadence.Tertial).ToList();
        db.ReportingPeriods.AddRange(periods);
        var t2 = periods[1];
        var t3 = periods[2];
        var criteria = await db.CriteriaSets.SingleAsync(s => s.IsCurrent, ct);
        var seededAt = new DateTime(2021, 11, 19, 9, 0, 0, DateTimeKind.Utc);

        var seeds = Read<List<InitiativeSeed>>("initiatives.json");
        var initiatives = new Dictionary<string, Initiative>();
        var reportless = 0;
        foreach (var s in seeds)
        {
            var lifecycle = EnumText.Parse<Lifecycle>(s.Lifecycle);
            var i = new Initiative
            {
                Name = s.Name, Description = s.Description ?? "", Owner = orgs[s.Owner],
                Kind = EnumText.Parse<InitiativeKind>(s.Kind), Lifecycle = lifecycle,
                LeftReason = s.LeftReason, LeftOn = ParseDate(s.LeftOn),
                Phase = EnumText.Parse<Phase>(s.Phase),
                Segment = s.Segment is null ? null : EnumText.Parse<Segment>(s.Segment),
                PlannedStart = ParseDate(s.PlannedStart), PlannedEnd = ParseDate(s.PlannedEnd),
                ContactPerson = s.ContactPerson,
                Submission = lifecycle == Lifecycle.Candidate ? SubmissionState.Proposed : SubmissionState.Included,
                IncludedOn = lifecycle == Lifecycle.Candidate ? null : ParseDate(s.PlannedStart) ?? new DateOnly(2021, 1, 1),
                CompletedOn = lifecycle == Lifecycle.Completed ? ParseDate(s.PlannedEnd) ?? new DateOnly(2021, 10, 1) : null,
                CarriesOverNextYear = s.CarriesOver2022, StartsNextYear = s.StartsIn2022,
                IsDemo = s.Demo, DemoNote = s.DemoNote, CreatedAt = seededAt, UpdatedAt = seededAt,
            };
            i.SubmissionSteps.Add(new SubmissionStep { Action = SubmissionAction.Proposed, ByUser = "demo", ByName = "Demodata", At = seededAt });
            if (lifecycle != Lifecycle.Candidate)
            {
                i.Assessments.Add(new InclusionAssessment
                {
                    Number = 1, CriteriaSet = criteria, Criterion1Met = lifecycle != Lifecycle.Left, Criterion2Ways = "K2.1",
                    Dialogue = lifecycle == Lifecycle.Left
                        ? "Vurdert mot kriteriene under utprøvingen i 2021 (demodata): oppfyller ikke de nye kriteriene."
                        : "Vurdert mot kriteriene under utprøvingen i 2021 (demodata).",
                    AssessedBy = "demo", AssessedAt = seededAt,
                });
                i.SubmissionSteps.Add(new SubmissionStep { Action = SubmissionAction.Included, ByUser = "demo", ByName = "Demodata", At = seededAt });
                i.PhaseDecisions.Add(new PhaseDecision
                {
                    Phase = i.Phase, DecidedOn = i.PlannedStart ?? new DateOnly(2021, 1, 1), DecidedBy = "Tiltakseiers styringsgruppe (demodata)",
                    RecordedBy = "demo", RecordedAt = seededAt,
                });
            }
            if (s.Report is { } r && i.IsInPortfolio)
            {
                // A few observation-segment initiatives have not yet reported for the current period (demo).
                var skipT3 = i.Segment == Segment.Observasjon && r.Status == "green" && reportless++ < 3;
                i.Reports.Add(new StatusReport
                {
                    Period = t2, Status = Rag.Green, StatusText = "Arbeidet går etter plan (demodata).",
                    Risk = r.Risk == "red" ? Rag.Yellow : Rag.Green, RiskText = "Ingen vesentlige endringer i risiko (demodata).",
                    Progress = "Leveranser i henhold til plan (demodata).", Cost = "Innenfor budsjett (demodata).",
                    ReportedBy = "demo", ReportedAt = new DateTime(2021, 9, 8, 12, 0, 0, DateTimeKind.Utc),
                });
                if (!skipT3)
                {
                    i.Reports.Add(WithDemoCosts(i, new StatusReport
                    {
                        Period = t3, Status = EnumText.Parse<Rag>(r.Status), StatusText = r.StatusText ?? "",
                        Risk = EnumText.Parse<Rag>(r.Risk), RiskText = r.RiskText ?? "",
                        Progress = r.Progress ?? "", Cost = r.Cost ?? "",
                        ReportedBy = "demo", ReportedAt = new DateTime(2021, 10, 29, 12, 0, 0, DateTimeKind.Utc),
                    }));
                }
            }
            initiatives[s.Key] = i;
        }
        db.Initiatives.AddRange(initiatives.Values);
        await db.SaveChangesAsync(ct);
        foreach (var i in initiatives.Values.Where(i => i.Reports.Count > 0))
            i.SetLatestReport(i.Reports.OrderByDescending(r => r.Period.End).First());

        foreach (var d in Read<List<DependencySeed>>("dependencies.json"))
        {
            var kind = EnumText.Parse<DependencyTargetKind>(d.ToKind);
            db.Dependencies.Add(new Dependency
            {
                Initiative = initiatives[d.From], TargetKind = kind,
                TargetInitiative = kind == DependencyTargetKind.Initiative ? initiatives[d.To] : null,
                TargetSolution = kind == DependencyTargetKind.Solution ? solutions[d.To] : null,
                TargetOrganization = kind == DependencyTargetKind.Organization ? orgs[d.To] : null,
                Description = d.Description, Criticality = EnumText.Parse<Criticality>(d.Criticality),
                Status = EnumText.Parse<Rag>(d.Status), Deadline = ParseDate(d.Deadline), IsDemo = d.Demo,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedDemoUsersAsync(Dictionary<string, Organization> orgs, CancellationToken ct)
    {
        var hash = PasswordHasher.Hash(DemoPassword);
        foreach (var (userName, name, role, orgKey) in DemoUsers)
        {
            db.Users.Add(new User
            {
                UserName = userName, DisplayName = name, PasswordHash = hash, Role = role,
                Organization = orgKey is null ? null : orgs[orgKey], CreatedAt = db.UtcNow,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static DateOnly? ParseDate(string? s) =>
        string.IsNullOrWhiteSpace(s) ? null : DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static T Read<T>(string name)
    {
        using var stream = OpenResource(name);
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"Tom seed-fil {name}.");
    }

    internal static IEnumerable<MunicipalityRow> ReadMunicipalities()
    {
        using var reader = new StreamReader(OpenResource("kommuner-2025.csv"));
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            yield return new MunicipalityRow(f[0], f[1], f[3], int.Parse(f[4], CultureInfo.InvariantCulture), f[6]);
        }
    }

    private static Stream OpenResource(string name) =>
        typeof(Seeder).Assembly.GetManifestResourceStream($"Samstyring.Core.Data.Seed.{name}")
        ?? throw new InvalidOperationException($"Mangler innebygd seed-fil {name}.");

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    internal sealed record MunicipalityRow(string Number, string Name, string County, int Population, string Region);
    /// <summary>An actor of actors.json; <c>Source</c> says where facts that were once wrong come from (kept in the file only).</summary>
    private sealed record ActorSeed(
        string Key, string Name, string? ShortName, string? OrgNumber, string Type, string ActorGroup, string? Region, string? Owner,
        IReadOnlyList<OwnerSeed>? Owners, string? Source);
    private sealed record OwnerSeed(string Key, decimal? Share);
    private sealed record ReportSeed(string Status, string? StatusText, string Risk, string? RiskText, string? Progress, string? Cost);
    private sealed record InitiativeSeed(
        string Key, string Name, string? Description, string Owner, string Kind, string Lifecycle, string? LeftReason, string? LeftOn,
        string Phase, string? Segment, string? PlannedStart, string? PlannedEnd, string? ContactPerson,
        [property: JsonPropertyName("carriesOver2022")] bool? CarriesOver2022,
        [property: JsonPropertyName("startsIn2022")] bool StartsIn2022, bool Demo, string? DemoNote, ReportSeed? Report);
    /// <summary>
    /// Demo cost figures for a Samstyring-segment initiative's report (the segment where cost is required): invented, stable
    /// per initiative name, sized like national e-health projects (budget 5–60 mill. kr, spent 55–85 %, forecast 95–112 %), so
    /// the portfolio report's cost roll-up has something to show. The free-text comment stays as the seed wrote it.
    /// </summary>
    private static StatusReport WithDemoCosts(Initiative initiative, StatusReport report)
    {
        if (initiative.Segment != Segment.Samstyring) return report;
        var h = 2166136261u;
        foreach (var c in initiative.Name) h = (h ^ c) * 16777619u; // FNV-1a: the same figures on every run and machine
        var budgetKr = (5 + (long)(h % 56)) * 1_000_000;
        report.BudgetOre = budgetKr * 100;
        report.SpentOre = budgetKr * (55 + (long)(h / 56 % 31)) / 100 * 100;
        report.ForecastOre = budgetKr * (95 + (long)(h / 1736 % 18)) / 100 * 100;
        report.FundingSource = (FundingSource)(h / 31248 % 4);
        return report;
    }

    private sealed record DependencySeed(string From, string ToKind, string To, string Description, string Criticality, string Status, string? Deadline, bool Demo);
}
