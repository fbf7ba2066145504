using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Accounts;
using Samstyring.Core.Actors;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Evaluation;
using Samstyring.Core.Financing;
using Samstyring.Core.Notifications;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Roadmap;
using Samstyring.Core.Search;
using Samstyring.Core.Search.TextExtraction;
using Samstyring.Core.Solutions;

namespace Samstyring.Cli;

/// <summary>Where the command reads and writes; tests pass their own writers and configuration.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, IReadOnlyDictionary<string, string?>? Configuration = null)
{
    public static CliConsole Standard => new(Console.Out, Console.Error, Console.In);
}

/// <summary>Wrong arguments: exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>
/// The <c>samstyring</c> command. Exit codes: 0 done, 1 the data or the request was refused
/// (validation, import errors, a non-empty database on restore, …), 2 wrong use of the command,
/// 3 the data directory or the database cannot be used (not writable, locked, read-only, unreachable).
/// </summary>
public static partial class CliApp
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int Usage = 2;
    public const int Unavailable = 3;

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct = default)
    {
        var root = Build(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !NorwegianCommandLine.IsHelp(parse))
        {
            foreach (var e in NorwegianCommandLine.Errors(parse)) await console.Error.WriteLineAsync("Feil bruk: " + e);
            await console.Error.WriteLineAsync($"Se «{NorwegianCommandLine.CommandPath(parse.CommandResult.Command)} --help» for bruk.");
            return Usage;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, ct);
    }

    public static RootCommand Build(CliConsole console)
    {
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = "Mappen for SQLite-databasen (Samstyring:DataDirectory).", Recursive = true,
        };
        var connectionString = new Option<string?>("--connection-string")
        {
            Description = "Tilkoblingsstreng til PostgreSQL (ConnectionStrings:Samstyring). Uten denne brukes SQLite.", Recursive = true,
        };
        var root = new RootCommand("Samstyring: nasjonal e-helseportefølje og styringsmodell.") { dataDir, connectionString };
        var host = new CliHost(console, dataDir, connectionString);

        var migrate = new Command("migrate", "Oppretter eller oppgraderer databaseskjemaet.");
        migrate.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, _, c) =>
        {
            var db = s.GetRequiredService<SamstyringDb>();
            await SamstyringSetup.MigrateAsync(db, c);
            var last = (await db.Database.GetAppliedMigrationsAsync(c)).LastOrDefault();
            await console.Out.WriteLineAsync($"Databasen er oppdatert (skjemaversjon {last}).");
            // Reference data that arrived after the database was created, as the web host adds it at start-up.
            var added = await new Seeder(db).TopUpReferenceDataAsync(c);
            if (added.PopulationFigures > 0)
                await console.Out.WriteLineAsync(
                    $"La inn folketall per {Norwegian.Date(Seeder.PopulationReferenceDate)} for {Norwegian.Number(added.PopulationFigures)} {(added.PopulationFigures == 1 ? "kommune" : "kommuner")} som manglet det.");
            if (added.PrincipleSets > 0)
                await console.Out.WriteLineAsync("La inn evalueringsprinsippene fra sak 40/21 for strategiske målområder.");
            return Ok;
        }));
        root.Subcommands.Add(migrate);

        var demo = new Option<bool>("--demo") { Description = "Legg også inn demodata (tiltak og rapporter, organer med medlemmer, møter og saker, årshjul, veikart og demobrukere)." };
        var seed = new Command("seed", "Legger inn referansedata (aktører, kommuner, kriterier, nasjonale løsninger) i en tom database.") { demo };
        seed.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, _, c) =>
        {
            var db = s.GetRequiredService<SamstyringDb>();
            await SamstyringSetup.MigrateAsync(db, c);
            if (await db.Organizations.AnyAsync(c))
            {
                await console.Out.WriteLineAsync("Databasen har allerede data; ingenting ble lagt inn.");
                return Ok;
            }
            var withDemo = pr.GetValue(demo);
            await new Seeder(db).SeedAsync(withDemo, c);
            await console.Out.WriteLineAsync(withDemo ? "Referansedata og demodata er lagt inn." : "Referansedata er lagt inn.");
            return Ok;
        }));
        root.Subcommands.Add(seed);

        var importFile = new Argument<FileInfo>("FIL") { Description = "CSV- eller XLSX-fil med én rad per tiltak (se malen)." };
        var import = new Command("import", "Importerer tiltak fra CSV eller XLSX. Alle rader eller ingen.") { importFile };
        import.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var file = pr.GetValue(importFile)!;
            if (!file.Exists) throw new CliUsageException($"Fant ikke filen {file.FullName}.");
            await SamstyringSetup.MigrateAsync(s.GetRequiredService<SamstyringDb>(), c);
            await using var stream = file.OpenRead();
            var result = await s.GetRequiredService<ImportInitiatives>().HandleAsync(stream, file.Name, user, c);
            await console.Out.WriteLineAsync($"Importerte {result.Count} tiltak fra {file.Name}.");
            return Ok;
        }));
        import.Subcommands.Add(ImportAdoptionCommand(host, console));
        import.Subcommands.Add(ImportPopulationCommand(host, console));
        root.Subcommands.Add(import);

        var exportOut = new Option<FileInfo>("--out") { Description = "JSON-filen som skal skrives.", Required = true };
        var export = new Command("export", "Eksporterer aktører, tiltak, rapporter og avhengigheter som JSON.") { exportOut };
        export.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var file = pr.GetValue(exportOut)!;
            await WriteFileAsync(file, stream => s.GetRequiredService<ExportData>().HandleAsync(stream, user, c));
            await console.Out.WriteLineAsync($"Data eksportert til {file.FullName}.");
            return Ok;
        }));
        root.Subcommands.Add(export);

        var backupOut = new Option<FileInfo>("--out") { Description = "Sikkerhetskopien (ZIP) som skal skrives.", Required = true };
        var backup = new Command("backup", "Tar en konsistent sikkerhetskopi av hele databasen (fungerer for SQLite og PostgreSQL).") { backupOut };
        backup.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var file = pr.GetValue(backupOut)!;
            BackupManifest? manifest = null;
            await WriteFileAsync(file, async stream => manifest = await s.GetRequiredService<Backup>().HandleAsync(stream, user, c));
            await console.Out.WriteLineAsync(
                $"Sikkerhetskopi skrevet til {file.FullName} ({Norwegian.Number(manifest!.Tables.Sum(t => t.Rows))} rader i {manifest.Tables.Count} tabeller).");
            if (manifest.SkippedFiles is { Count: > 0 } skipped)
                await console.Error.WriteLineAsync(
                    $"Advarsel: {Norwegian.Number(skipped.Count)} vedleggsfiler manglet eller var skadet (stemte ikke med sjekksummen) og er ikke med: {Norwegian.List(skipped, 10)}.");
            return Ok;
        }));
        root.Subcommands.Add(backup);

        var restoreFile = new Argument<FileInfo>("FIL") { Description = "Sikkerhetskopi laget med «samstyring backup»." };
        var force = new Option<bool>("--force") { Description = "Slett alle data i databasen før gjenoppretting." };
        var restore = new Command("restore", "Gjenoppretter en sikkerhetskopi til en tom database.") { restoreFile, force };
        restore.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var file = pr.GetValue(restoreFile)!;
            if (!file.Exists) throw new CliUsageException($"Fant ikke filen {file.FullName}.");
            await SamstyringSetup.MigrateAsync(s.GetRequiredService<SamstyringDb>(), c);
            await using var stream = file.OpenRead();
            var result = await s.GetRequiredService<Restore>().HandleAsync(stream, pr.GetValue(force), user, c);
            var manifest = result.Manifest;
            if (result.Recovery is { } recovery) await console.Out.WriteLineAsync(recovery);
            await console.Out.WriteLineAsync(
                $"Gjenopprettet {Norwegian.Number(manifest.Tables.Sum(t => t.Rows))} rader i {manifest.Tables.Count} tabeller og {Norwegian.Number(result.FilesRestored)} vedleggsfiler "
                + $"fra {file.Name} (tatt {Norwegian.DateTime(manifest.CreatedAt)}).");
            if (result.FilesMissing.Count > 0)
                await console.Error.WriteLineAsync(
                    $"Advarsel: {Norwegian.Number(result.FilesMissing.Count)} vedlegg har ingen fil i sikkerhetskopien og kan ikke lastes ned: {Norwegian.List(result.FilesMissing, 10)}.");
            return Ok;
        }));
        root.Subcommands.Add(restore);

        var toDatabase = new Command("to-database",
            "Flytter vedleggsfilene fra datamappen inn i PostgreSQL-databasen, slik at alle appnodene kan levere dem. Kan kjøres flere ganger.");
        toDatabase.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var result = await s.GetRequiredService<MoveAttachmentFilesToDatabase>().HandleAsync(user, c);
            await console.Out.WriteLineAsync(
                $"Flyttet {Norwegian.Number(result.Moved)} vedleggsfiler inn i databasen; {Norwegian.Number(result.AlreadyInDatabase)} var der fra før.");
            if (result.Missing.Count > 0)
            {
                await console.Error.WriteLineAsync(
                    $"Advarsel: {Norwegian.Number(result.Missing.Count)} vedleggsfiler manglet eller var skadet (stemte ikke med sjekksummen) og er ikke flyttet: {Norwegian.List(result.Missing, 10)}.");
                return Refused;
            }
            return Ok;
        }));
        var allTexts = new Option<bool>("--all") { Description = "Les teksten i alle vedleggsfilene på nytt, ikke bare i dem som mangler tekst." };
        var extractText = new Command("extract-text",
            "Leser teksten i vedleggsfiler (PDF, Word, OpenDocument-tekst, tekst) slik at søket finner dem. Nye vedlegg får teksten lest når de lastes opp. Kan kjøres flere ganger.")
            { allTexts };
        extractText.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var result = await s.GetRequiredService<ExtractAttachmentTexts>().HandleAsync(pr.GetValue(allTexts), user, c);
            await console.Out.WriteLineAsync(
                $"Leste {Norwegian.Number(result.Read)} vedleggsfiler: {Norwegian.Number(result.ByStatus[AttachmentTextStatus.Ok])} med tekst, "
                + $"{Norwegian.Number(result.ByStatus[AttachmentTextStatus.Empty])} uten tekst, "
                + $"{Norwegian.Number(result.ByStatus[AttachmentTextStatus.Unsupported])} i et format uten tekst og "
                + $"{Norwegian.Number(result.ByStatus[AttachmentTextStatus.Failed])} som ikke kunne leses.");
            if (result.Missing.Count > 0)
            {
                await console.Error.WriteLineAsync(
                    $"Advarsel: {Norwegian.Number(result.Missing.Count)} vedleggsfiler manglet eller var skadet (stemte ikke med sjekksummen) og er ikke lest: {Norwegian.List(result.Missing, 10)}.");
                return Refused;
            }
            return Ok;
        }));
        root.Subcommands.Add(new Command("attachments", "Vedleggsfiler.") { toDatabase, extractText });

        root.Subcommands.Add(BuildReport(host, console));
        root.Subcommands.Add(BuildUser(host, console));
        root.Subcommands.Add(BuildActor(host, console));
        root.Subcommands.Add(BuildToken(host, console));
        root.Subcommands.Add(BuildNotify(host, console));
        root.Subcommands.Add(BuildArchive(host, console));
        root.Subcommands.Add(BuildEInnsyn(host, console));
        root.Subcommands.Add(BuildSearch(host, console));
        NorwegianCommandLine.Apply(root);
        return root;
    }

    /// <summary><c>samstyring search reindex</c>: builds the search index again from everything it covers, in one transaction.</summary>
    private static Command BuildSearch(CliHost host, CliConsole console)
    {
        var reindex = new Command("reindex", "Bygger søkeindeksen på nytt fra saker, referater, tiltak, veikart, løsninger og vedleggstekster. Søk virker som før til den nye er ferdig.");
        reindex.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var rows = await s.GetRequiredService<Samstyring.Core.Search.ReindexSearch>().HandleAsync(user, c);
            await console.Out.WriteLineAsync($"Søkeindeksen er bygd på nytt: {Norwegian.Number(rows)} dokumenter.");
            return Ok;
        }));
        return new Command("search", "Søk.") { reindex };
    }

    /// <summary>
    /// <c>samstyring notify reminders</c>: queues the reminders that are due now (comment deadlines, reporting deadlines and
    /// the office's list of missing reports), once each, as the web host's schedule does; for a node without the web host,
    /// or cron. The outbox sender of a running web host delivers them.
    /// </summary>
    private static Command BuildNotify(CliHost host, CliConsole console)
    {
        var reminders = new Command("reminders", "Legger påminnelser om frister som er nær (innspill på saker, statusrapporter) i utboksen. Hver påminnelse sendes én gang.");
        reminders.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, _, c) =>
        {
            var comments = await s.GetRequiredService<SendCommentReminders>().HandleAsync(c);
            var reports = await s.GetRequiredService<SendReportingReminders>().HandleAsync(c);
            await console.Out.WriteLineAsync($"Påminnelser lagt i utboksen: {Norwegian.Number(comments)} om innspill på saker, {Norwegian.Number(reports)} om statusrapporter.");
            if (comments + reports > 0 && s.GetRequiredService<SiteAddress>().Origin is null)
                await console.Error.WriteLineAsync("Advarsel: Samstyring:PublicUrl er ikke satt, så lenkene i e-postene er uten adresse til nettstedet.");
            return Ok;
        }));
        return new Command("notify", "E-postvarsler.") { reminders };
    }

    /// <summary>
    /// <c>samstyring import adoption --solution KEY [--date DATE] [--confirm-backwards] FILE</c>: the operator's list of
    /// municipalities and stages, as the upload page takes it. Runs as the system user (the office), as the initiative import does.
    /// </summary>
    private static Command ImportAdoptionCommand(CliHost host, CliConsole console)
    {
        var solution = new Option<string>("--solution") { Description = "Løsningens nøkkel, f.eks. kjernejournal.", Required = true };
        var date = new Option<string?>("--date") { Description = "Dato for rader uten dato (åååå-mm-dd); standard er dagens dato." };
        var confirm = new Option<bool>("--confirm-backwards") { Description = "Lagre også kommuner som går et steg tilbake." };
        var file = new Argument<FileInfo>("FIL") { Description = "CSV- eller XLSX-fil med kolonnene kommunenummer og status (valgfritt dato og kilde)." };
        var command = new Command("adoption", "Importerer innføringsstatus per kommune for en løsning fra CSV eller XLSX. Alle rader eller ingen.")
            { solution, date, confirm, file };
        command.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var path = pr.GetValue(file)!;
            if (!path.Exists) throw new CliUsageException($"Fant ikke filen {path.FullName}.");
            await SamstyringSetup.MigrateAsync(s.GetRequiredService<SamstyringDb>(), c);
            await using var stream = path.OpenRead();
            var result = await s.GetRequiredService<ImportAdoption>().HandleAsync(pr.GetValue(solution)!, stream, path.Name,
                new AdoptionImportInput(pr.GetValue(date), pr.GetValue(confirm)), user, c);
            if (result.NeedsConfirmation)
            {
                await console.Error.WriteLineAsync(
                    $"Ingenting er lagret: {result.Backwards} {(result.Backwards == 1 ? "kommune går" : "kommuner går")} et steg tilbake. Kjør på nytt med --confirm-backwards for å lagre likevel:");
                foreach (var m in result.BackwardsMoves)
                    await console.Error.WriteLineAsync($"  Rad {m.Row}: {m.Municipality} ({m.MunicipalityNumber}) fra «{m.From.Label()}» til «{m.To.Label()}»");
                return Refused;
            }
            await console.Out.WriteLineAsync($"Registrerte {result.Changed} {(result.Changed == 1 ? "endring" : "endringer")}, {result.Unchanged} uendret."
                                             + (result.Backwards > 0 ? $" {result.Backwards} av endringene går et steg tilbake." : ""));
            return Ok;
        }));
        return command;
    }

    /// <summary>
    /// <c>samstyring import population --on DATE [--source TEXT] [--replace] FILE</c>: every municipality's population on a
    /// reference date (SSB table 07459), as the upload page takes it. Runs as the system user (the office).
    /// </summary>
    private static Command ImportPopulationCommand(CliHost host, CliConsole console)
    {
        var on = new Option<string>("--on") { Description = "Datoen folketallene gjelder (åååå-mm-dd), f.eks. 2026-01-01.", Required = true };
        var source = new Option<string?>("--source") { Description = "Hvor tallene kommer fra, f.eks. «SSB, tabell 07459». Standard er filnavnet." };
        var replace = new Option<bool>("--replace") { Description = "Erstatt folketallene datoen allerede har." };
        var file = new Argument<FileInfo>("FIL") { Description = "CSV- eller XLSX-fil med kolonnene kommunenummer og folketall, én rad per kommune." };
        var command = new Command("population", "Importerer folketall per kommune for en dato fra CSV eller XLSX. Alle kommuner som fantes på datoen, må være med; alle rader eller ingen.")
            { on, source, replace, file };
        command.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var path = pr.GetValue(file)!;
            if (!path.Exists) throw new CliUsageException($"Fant ikke filen {path.FullName}.");
            await SamstyringSetup.MigrateAsync(s.GetRequiredService<SamstyringDb>(), c);
            await using var stream = path.OpenRead();
            PopulationImportResult result;
            try
            {
                result = await s.GetRequiredService<ImportPopulationFigures>().HandleAsync(stream, path.Name,
                    new PopulationImportInput(pr.GetValue(on), pr.GetValue(source), pr.GetValue(replace)), user, c);
            }
            catch (ValidationFailedException e) when (e.Errors.TryGetValue("replace", out var existing))
            {
                foreach (var message in existing) await console.Error.WriteLineAsync(message);
                await console.Error.WriteLineAsync("Kjør på nytt med --replace for å erstatte dem.");
                return Refused;
            }
            await console.Out.WriteLineAsync(
                $"Registrerte folketall per {Norwegian.Date(result.On)} for {Norwegian.Number(result.Count)} kommuner, til sammen {Norwegian.Number(result.Total)} innbyggere"
                + (result.Replaced > 0 ? $" ({Norwegian.Number(result.Replaced)} erstattet)." : "."));
            return Ok;
        }));
        return command;
    }

    private static Command BuildReport(CliHost host, CliConsole console)
    {
        var period = new Option<string?>("--period") { Description = "Rapporteringsperiode, f.eks. 2021-T3 (standard: siste periode)." };
        var format = new Option<string>("--format") { Description = "Filformat: docx, xlsx, json eller csv.", DefaultValueFactory = _ => "docx" };
        format.AcceptOnlyFromAmong("docx", "xlsx", "json", "csv");
        var output = new Option<FileInfo>("--out") { Description = "Filen som skal skrives.", Required = true };
        var portfolio = new Command("portfolio", "Porteføljerapport for en periode.") { period, format, output };
        portfolio.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, _, c) =>
        {
            var file = pr.GetValue(output)!;
            var report = await s.GetRequiredService<GetPortfolioReport>().HandleAsync(pr.GetValue(period), c);
            await WriteFileAsync(file, stream => pr.GetValue(format) switch
            {
                "xlsx" => WriteAsync(stream, PortfolioReportDocuments.ToXlsx(report), c),
                "json" => WriteAsync(stream, PortfolioReportDocuments.ToJson(report), c),
                "csv" => WriteAsync(stream, PortfolioReportDocuments.ToCsv(report), c),
                _ => WriteAsync(stream, PortfolioReportDocuments.ToDocx(report), c),
            });
            await console.Out.WriteLineAsync($"Porteføljerapporten er skrevet til {file.FullName}.");
            return Ok;
        }));
        return new Command("report", "Lager rapporter og møtedokumenter.")
        {
            portfolio,
            DocumentCommand(host, console, "notice", "Innkalling med dagsorden og forslag til vedtak for et møte.", "Innkallingen", byCase: false,
                (d, id, user, c) => d.NoticeAsync(id, user, c)),
            DocumentCommand(host, console, "case", "Saksfremlegg for en sak.", "Saksfremlegget", byCase: true,
                (d, id, user, c) => d.CasePaperAsync(id, user, c)),
            DocumentCommand(host, console, "minutes", "Referat fra et avholdt møte.", "Referatet", byCase: false,
                (d, id, user, c) => d.MinutesAsync(id, user, c)),
            PackageCommand(host, console),
            RoadmapCommand(host, console),
            RoadmapDiffCommand(host, console),
            AdoptionReportCommand(host, console),
            InvoicesReportCommand(host, console),
            FinancingReportCommand(host, console),
            BenefitsReportCommand(host, console),
            NpvReportCommand(host, console),
            EvaluationReportCommand(host, console),
        };
    }

    /// <summary>
    /// <c>samstyring archive export --body SLUG --from DATE --to DATE --out DIR</c>: a Noark 5 extract of a body's meetings in a
    /// period into a new (or empty) folder. Written into a temporary folder beside it and moved into place when complete,
    /// so a failed export leaves nothing behind.
    /// </summary>
    private static Command BuildArchive(CliHost host, CliConsole console)
    {
        var body = new Option<string>("--body") { Description = "Organets slug, f.eks. nasjonalt-e-helserad.", Required = true };
        var from = new Option<string>("--from") { Description = "Første møtedato i perioden (åååå-mm-dd).", Required = true };
        var to = new Option<string>("--to") { Description = "Siste møtedato i perioden (åååå-mm-dd).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Mappen uttrekket skrives til (ny eller tom).", Required = true };
        var export = new Command("export", "Noark 5-arkivuttrekk av et organs møter i en periode: arkivstruktur, endringslogg, offentlig journal, ADDML og dokumentene.")
            { body, from, to, output };
        export.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var dir = pr.GetValue(output)!;
            if (File.Exists(dir.FullName)) throw new CliUsageException($"«{dir.FullName}» er en fil; --out må være en mappe.");
            if (dir.Exists && dir.EnumerateFileSystemInfos().Any())
                throw new CliUsageException($"Mappen «{dir.FullName}» er ikke tom. Velg en ny eller tom mappe for uttrekket.");
            var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(dir.FullName))!;
            Directory.CreateDirectory(parent);
            var temp = Path.Combine(parent, $".{dir.Name}.{Guid.NewGuid():N}.tmp");
            try
            {
                Core.Archive.ArchiveSummary summary;
                await using (var sink = new Core.Archive.DirectoryArchiveSink(temp))
                    summary = await s.GetRequiredService<Core.Archive.ExportArchive>().HandleAsync(pr.GetValue(body), pr.GetValue(from), pr.GetValue(to), sink, user, c);
                if (dir.Exists) dir.Delete();
                Directory.Move(temp, dir.FullName);
                var r = summary.Request;
                await console.Out.WriteLineAsync(
                    $"Noark 5-uttrekket for {r.BodyName} {Norwegian.Date(r.From)}–{Norwegian.Date(r.To)} ({Norwegian.Number(summary.Meetings)} møter, "
                    + $"{Norwegian.Number(summary.Cases)} saker, {Norwegian.Number(summary.Files)} filer, {Norwegian.FileSize(summary.Bytes)}) er skrevet til {dir.FullName}.");
                return Ok;
            }
            finally
            {
                if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            }
        }));
        return new Command("archive", "Arkivuttrekk (Noark 5).") { export };
    }

    private static Option<int> InitiativeOption() => new("--initiative") { Description = "Tiltakets id, f.eks. 6.", Required = true };

    /// <summary><c>samstyring report benefits --initiative N --format docx|pdf|json --out FILE</c>: the benefit realisation plan.</summary>
    private static Command BenefitsReportCommand(CliHost host, CliConsole console)
    {
        var initiative = InitiativeOption();
        var format = new Option<string>("--format") { Description = "Filformat: docx, pdf (gevinstrealiseringsplan) eller json.", DefaultValueFactory = _ => "docx" };
        var output = new Option<FileInfo>("--out") { Description = "Filen som skal skrives.", Required = true };
        var command = new Command("benefits", "Gevinstrealiseringsplanen for et tiltak: gevinster, gevinsteiere, indikatorer, tidslinje og tiltak.") { initiative, format, output };
        command.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var kind = FormatOf(pr, format, "docx", "pdf", "json");
            var file = pr.GetValue(output)!;
            if (Directory.Exists(file.FullName)) throw new CliUsageException($"«{file.FullName}» er en mappe; --out må være en fil.");
            var data = await s.GetRequiredService<Core.Benefits.GetBenefits>().HandleAsync(pr.GetValue(initiative), user, c);
            var bytes = kind switch
            {
                "json" => Core.Benefits.BenefitExport.BenefitsJson(data),
                "pdf" => Core.Benefits.BenefitDocuments.Pdf(data),
                _ => Core.Benefits.BenefitDocuments.Docx(data),
            };
            await WriteFileAsync(file, stream => WriteAsync(stream, bytes, c));
            await console.Out.WriteLineAsync($"Gevinstrealiseringsplanen for «{data.Initiative.Name}» ({Norwegian.Number(data.Benefits.Count)} gevinster) er skrevet til {file.FullName}.");
            return Ok;
        }));
        return command;
    }

    /// <summary><c>samstyring report npv --initiative N [--rate R] --format json|csv --out FILE</c>: net present values and sensitivity.</summary>
    private static Command NpvReportCommand(CliHost host, CliConsole console)
    {
        var initiative = InitiativeOption();
        var rate = new Option<string?>("--rate") { Description = "Diskonteringsrente i prosent, f.eks. 4 eller 3,5 (standard: analysens rente)." };
        var format = new Option<string>("--format") { Description = "Filformat: json eller csv.", DefaultValueFactory = _ => "json" };
        var output = new Option<FileInfo>("--out") { Description = "Filen som skal skrives.", Required = true };
        var command = new Command("npv", "Netto nåverdi, inntjeningsår og følsomhet for alternativene i et tiltaks samfunnsøkonomiske analyse.") { initiative, rate, format, output };
        command.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, _, c) =>
        {
            var kind = FormatOf(pr, format, "json", "csv");
            var file = pr.GetValue(output)!;
            if (Directory.Exists(file.FullName)) throw new CliUsageException($"«{file.FullName}» er en mappe; --out må være en fil.");
            decimal? r = null;
            if (pr.GetValue(rate) is { } text && !string.IsNullOrWhiteSpace(text))
                r = decimal.TryParse(text.Trim().Replace(',', '.'), System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
                        System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw ValidationFailedException.For("rate", $"Diskonteringsrenten må være et tall i prosent, for eksempel 4 eller 3,5, ikke «{Validator.Truncate(text)}».");
            var (analysis, result) = await s.GetRequiredService<Core.Benefits.GetNetPresentValue>().HandleAsync(pr.GetValue(initiative), r, c);
            if (analysis is null) throw new NotFoundException($"Tiltak {pr.GetValue(initiative)} har ingen samfunnsøkonomisk analyse.");
            var bytes = kind == "csv" ? Core.Benefits.BenefitExport.NpvCsv(result) : Core.Benefits.BenefitExport.NpvJson(analysis, result);
            await WriteFileAsync(file, stream => WriteAsync(stream, bytes, c));
            var best = result.Alternatives.Where(a => a.Largest).Select(a => $"«{a.Name}» ({Norwegian.Kroner(a.Result.NetPresentValueOre)})");
            await console.Out.WriteLineAsync($"Netto nåverdi ved {Norwegian.Percent(Core.Benefits.DiscountRate.ToPercent(result.RateBasisPoints))} er skrevet til {file.FullName}. Størst netto nåverdi: {string.Join(", ", best)}.");
            return Ok;
        }));
        return command;
    }

    private static Option<int> YearOption() => new("--year") { Description = "Året, f.eks. 2022.", Required = true };

    /// <summary>The format, checked here rather than by the parser so a wrong one is answered in Norwegian.</summary>
    private static string FormatOf(ParseResult pr, Option<string> format, params string[] allowed)
    {
        var value = (pr.GetValue(format) ?? "").Trim().ToLowerInvariant();
        return allowed.Contains(value) ? value
            : throw new CliUsageException($"Ukjent format «{pr.GetValue(format)}». Velg {string.Join(", ", allowed[..^1])} eller {allowed[^1]}.");
    }

    /// <summary>Refuses a year without an adopted price model before anything is written.</summary>
    private static async Task RequireAdoptedAsync(FinancingQueries queries, int year, CancellationToken ct)
    {
        if (await queries.AdoptedModelIdAsync(year, ct) is null)
            throw new NotFoundException($"Det finnes ingen vedtatt prismodell for {year}. Fakturagrunnlag og finansieringsrapport lages bare for vedtatte modeller.");
    }

    /// <summary>
    /// <c>samstyring report invoices --year Y --format csv|xlsx|pdf|docx --out DIR|FILE</c>: every invoice line in one file for the
    /// supplier's invoicing system (csv, xlsx), or one letter per actor into a folder (pdf, docx). Runs as the system user (the office).
    /// </summary>
    private static Command InvoicesReportCommand(CliHost host, CliConsole console)
    {
        var year = YearOption();
        var format = new Option<string>("--format") { Description = "Filformat: csv eller xlsx (alle linjer i én fil), pdf eller docx (ett brev per aktør i en mappe).", DefaultValueFactory = _ => "pdf" };
        var output = new Option<string>("--out") { Description = "Filen (csv, xlsx) eller mappen (pdf, docx) som skal skrives.", Required = true };
        var command = new Command("invoices", "Fakturagrunnlag for et år: alle linjer til leverandørens fakturasystem (CSV/XLSX) eller ett brev per aktør (PDF/DOCX).")
            { year, format, output };
        command.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var kind = FormatOf(pr, format, "csv", "xlsx", "pdf", "docx");
            var y = pr.GetValue(year);
            var path = Path.GetFullPath(pr.GetValue(output)!);
            var queries = s.GetRequiredService<FinancingQueries>();
            await RequireAdoptedAsync(queries, y, c);
            var bases = await queries.InvoiceBasesAsync(y, user, c);
            if (kind is "csv" or "xlsx")
            {
                if (Directory.Exists(path)) throw new CliUsageException($"«{path}» er en mappe; for {kind} må --out være en fil.");
                var bytes = kind == "csv" ? InvoiceDocuments.LinesCsv(bases) : InvoiceDocuments.LinesXlsx(bases);
                await WriteFileAsync(new FileInfo(path), stream => WriteAsync(stream, bytes, c));
                await console.Out.WriteLineAsync(
                    $"Fakturagrunnlaget for {y} ({Norwegian.Number(bases.Sum(b => b.Invoiced.Count))} linjer for {Norwegian.Number(bases.Count)} aktører, til sammen {Norwegian.Kroner(bases.Sum(b => b.InvoicedTotalOre))}) er skrevet til {path}.");
                return Ok;
            }
            if (File.Exists(path)) throw new CliUsageException($"«{path}» er en fil; for {kind} må --out være en mappe, der det skrives ett brev per aktør.");
            var keys = (await s.GetRequiredService<OrganizationQueries>().Query(new OrganizationFilter()).ToListAsync(c)).ToDictionary(o => o.Id, o => o.Key);
            var date = s.GetRequiredService<TimeProvider>().Today();
            Directory.CreateDirectory(path);
            foreach (var basis in bases)
            {
                var file = new FileInfo(Path.Combine(path, InvoiceDocuments.FileName(basis, keys.GetValueOrDefault(basis.Actor.Id), kind)));
                var bytes = kind == "pdf" ? InvoiceDocuments.Pdf(basis, date) : InvoiceDocuments.Docx(basis, date);
                await WriteFileAsync(file, stream => WriteAsync(stream, bytes, c));
            }
            await console.Out.WriteLineAsync($"{Norwegian.Number(bases.Count)} fakturagrunnlag for {y} ({kind.ToUpperInvariant()}) er skrevet til {path}.");
            return Ok;
        }));
        return command;
    }

    /// <summary><c>samstyring report financing --year Y --format docx|xlsx|csv --out FILE</c>: the year's adopted model, cost bases, shares and every actor's amount.</summary>
    private static Command FinancingReportCommand(CliHost host, CliConsole console)
    {
        var year = YearOption();
        var format = new Option<string>("--format") { Description = "Filformat: docx (rapport), xlsx (regneark) eller csv (fordelingen som åpne data).", DefaultValueFactory = _ => "docx" };
        var output = new Option<FileInfo>("--out") { Description = "Filen som skal skrives.", Required = true };
        var command = new Command("financing", "Finansieringen for et år: vedtatt prismodell, kostnadsgrunnlag, andeler og hver aktørs beløp.") { year, format, output };
        command.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var kind = FormatOf(pr, format, "docx", "xlsx", "csv");
            var file = pr.GetValue(output)!;
            if (Directory.Exists(file.FullName)) throw new CliUsageException($"«{file.FullName}» er en mappe; --out må være en fil.");
            var queries = s.GetRequiredService<FinancingQueries>();
            var y = pr.GetValue(year);
            var model = await queries.AdoptedAsync(y, user, c);
            var rows = await queries.AllocationAsync(y, c);
            var bytes = kind switch
            {
                "csv" => FinancingDocuments.AllocationCsv(rows),
                "xlsx" => FinancingDocuments.Xlsx(model, await queries.CostBasesAsync(y, c), rows),
                _ => FinancingDocuments.Docx(model, await queries.CostBasesAsync(y, c), rows),
            };
            await WriteFileAsync(file, stream => WriteAsync(stream, bytes, c));
            await console.Out.WriteLineAsync(
                $"Finansieringen for {y} («{model.Model.Name}», {Norwegian.Kroner(model.TotalOre)} fordelt på {Norwegian.Number(rows.Select(r => r.OrganizationId).Distinct().Count())} aktører) er skrevet til {file.FullName}.");
            return Ok;
        }));
        return command;
    }

    /// <summary><c>samstyring report evaluation --id N --format docx|pdf|json|csv --out FILE</c>: a round's ranking and sensitivity, or all its scores.</summary>
    private static Command EvaluationReportCommand(CliHost host, CliConsole console)
    {
        var id = new Option<int>("--id") { Description = "Vurderingens id.", Required = true };
        var format = new Option<string>("--format") { Description = "Filformat: docx eller pdf (avsnitt til styresaken), json (som API-et) eller csv (alle poeng).", DefaultValueFactory = _ => "pdf" };
        var top = new Option<int>("--top") { Description = $"N for andelen i topp N (1–{SensitivityOptions.MaxTopN}).", DefaultValueFactory = _ => SensitivityOptions.DefaultTopN };
        var draws = new Option<int>("--draws") { Description = $"Antall tilfeldige vektsett (0–{SensitivityOptions.MaxDraws}).", DefaultValueFactory = _ => SensitivityOptions.DefaultDraws };
        var output = new Option<FileInfo>("--out") { Description = "Filen som skal skrives.", Required = true };
        var command = new Command("evaluation", "En vurdering mot evalueringsprinsipper: rangering, spredning og følsomhet (DOCX, PDF, JSON) eller alle poeng (CSV).")
            { id, format, top, draws, output };
        command.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var kind = FormatOf(pr, format, "docx", "pdf", "json", "csv");
            var file = pr.GetValue(output)!;
            if (Directory.Exists(file.FullName)) throw new CliUsageException($"«{file.FullName}» er en mappe; --out må være en fil.");
            var queries = s.GetRequiredService<EvaluationQueries>();
            var details = await queries.DetailsAsync(pr.GetValue(id), user, new SensitivityOptions(pr.GetValue(top), pr.GetValue(draws)), c);
            var bytes = kind switch
            {
                "csv" => EvaluationDocuments.ScoresCsv(await queries.ScoresAsync(details.Summary.Id, user, c)),
                "json" => EvaluationDocuments.Json(details),
                "docx" => EvaluationDocuments.Docx(details),
                _ => EvaluationDocuments.Pdf(details),
            };
            await WriteFileAsync(file, stream => WriteAsync(stream, bytes, c));
            await console.Out.WriteLineAsync(
                $"Vurderingen «{details.Summary.Title}» ({Norwegian.Number(details.Ranking.Count)} rangerte forslag, {(details.Weights.Decided ? "styrets vekter" : "like vekter")}) er skrevet til {file.FullName}.");
            return Ok;
        }));
        return command;
    }

    private static Command AdoptionReportCommand(CliHost host, CliConsole console)
    {
        var solution = new Option<string>("--solution") { Description = "Løsningens nøkkel, f.eks. kjernejournal.", Required = true };
        var date = new Option<string?>("--date") { Description = "Datoen innføringen vises per (åååå-mm-dd; standard: i dag)." };
        var format = new Option<string>("--format") { Description = "Filformat: csv (per kommune), json (oppsummert), svg (kart) eller pdf (rapport).", DefaultValueFactory = _ => "pdf" };
        format.AcceptOnlyFromAmong("csv", "json", "svg", "pdf");
        var output = new Option<FileInfo>("--out") { Description = "Filen som skal skrives.", Required = true };
        var command = new Command("adoption", "Innføringen av en nasjonal løsning i kommunene: per kommune (CSV), oppsummert (JSON), som kart (SVG) eller som rapport (PDF).")
            { solution, date, format, output };
        command.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, _, c) =>
        {
            var file = pr.GetValue(output)!;
            var queries = s.GetRequiredService<SolutionQueries>();
            var key = pr.GetValue(solution)!;
            var summary = await queries.SummaryAsync(key, SolutionQueries.ParseDate(pr.GetValue(date)), c);
            byte[] bytes = pr.GetValue(format) switch
            {
                "csv" => SolutionExport.AdoptionCsv(await queries.AdoptionOnAsync(key, summary.On, c)),
                "json" => AdoptionReport.ToJson(summary),
                "svg" => System.Text.Encoding.UTF8.GetBytes(AdoptionReport.MapSvg(summary.Solution.Name, summary.On, await queries.AdoptionOnAsync(key, summary.On, c))),
                _ => AdoptionReport.ToPdf(summary),
            };
            await WriteFileAsync(file, stream => WriteAsync(stream, bytes, c));
            await console.Out.WriteLineAsync(
                $"Innføringen av {summary.Solution.Name} per {Norwegian.Date(summary.On)} ({Norwegian.Number(summary.InUse.Count)} av {Norwegian.Number(summary.Municipalities)} kommuner har tatt den i bruk) er skrevet til {file.FullName}.");
            return Ok;
        }));
        return command;
    }

    private static Command RoadmapCommand(CliHost host, CliConsole console)
    {
        var version = new Option<string>("--version") { Description = "Veikartversjonen, f.eks. 21.1.", Required = true };
        var format = new Option<string>("--format") { Description = "Filformat: svg, pdf, json eller csv.", DefaultValueFactory = _ => "pdf" };
        format.AcceptOnlyFromAmong("svg", "pdf", "json", "csv");
        var output = new Option<FileInfo>("--out") { Description = "Filen som skal skrives.", Required = true };
        var publicOnly = PublishedOption();
        var command = new Command("roadmap", "Veikartet for en versjon: tidslinjen som SVG eller PDF, eller planene som JSON eller CSV.")
            { version, format, output, publicOnly };
        command.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var file = pr.GetValue(output)!;
            var view = await s.GetRequiredService<RoadmapQueries>().GetVersionAsync(pr.GetValue(version)!, Reader(pr, publicOnly, user), c);
            var today = s.GetRequiredService<TimeProvider>().Today();
            byte[] bytes = pr.GetValue(format) switch
            {
                "svg" => System.Text.Encoding.UTF8.GetBytes(RoadmapChart.ToSvg(view, today)),
                "json" => RoadmapExport.ToJson(view),
                "csv" => RoadmapExport.ToCsv(view),
                _ => RoadmapChart.ToPdf(view, today),
            };
            await WriteFileAsync(file, stream => WriteAsync(stream, bytes, c));
            await console.Out.WriteLineAsync($"Veikart versjon {view.Number} ({view.Services.Count} tjenester, {view.Services.Sum(x => x.Plans.Count)} planer) er skrevet til {file.FullName}.");
            return Ok;
        }));
        return command;
    }

    private static Command RoadmapDiffCommand(CliHost host, CliConsole console)
    {
        var from = new Option<string>("--from") { Description = "Versjonen det sammenlignes med, f.eks. 1.0.", Required = true };
        var to = new Option<string>("--to") { Description = "Den nye versjonen, f.eks. 21.1.", Required = true };
        var format = new Option<string>("--format") { Description = "Filformat: docx eller json.", DefaultValueFactory = _ => "docx" };
        format.AcceptOnlyFromAmong("docx", "json");
        var output = new Option<FileInfo>("--out") { Description = "Filen som skal skrives.", Required = true };
        var publicOnly = PublishedOption();
        var command = new Command("roadmap-diff", "Hva er endret mellom to veikartversjoner, som Word-avsnitt til NUIT-saken eller som JSON.")
            { from, to, format, output, publicOnly };
        command.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var file = pr.GetValue(output)!;
            var diff = await s.GetRequiredService<RoadmapQueries>().DiffAsync(pr.GetValue(from)!, pr.GetValue(to)!, Reader(pr, publicOnly, user), c);
            var bytes = pr.GetValue(format) == "json" ? RoadmapExport.ToJson(diff) : RoadmapDiffDocument.ToDocx(diff);
            await WriteFileAsync(file, stream => WriteAsync(stream, bytes, c));
            await console.Out.WriteLineAsync($"Endringene fra versjon {diff.From} til {diff.To} ({diff.Changes.Count}) er skrevet til {file.FullName}.");
            return Ok;
        }));
        return command;
    }

    private static Option<string> BodyOption() =>
        new("--body") { Description = "Organet, f.eks. nasjonalt-e-helserad (se /api/v1/bodies).", Required = true };

    private static Option<bool> PublicOption() =>
        new("--public") { Description = "Lag den offentlige utgaven: saker og vedlegg unntatt offentlighet vises bare med nummer og hjemmel." };

    private static Option<bool> PublishedOption() =>
        new("--public") { Description = "Les som publikum: bare publiserte versjoner (uten flagget tas også utkast med)." };

    /// <summary>
    /// The command line acts as the system user and so sees confidential content; --public reads as an anonymous
    /// visitor does, through the same queries, for the version that may be published.
    /// </summary>
    private static CurrentUser? Reader(ParseResult pr, Option<bool> publicOption, CurrentUser user) => pr.GetValue(publicOption) ? null : user;

    private static Command DocumentCommand(CliHost host, CliConsole console, string name, string description, string what, bool byCase,
        Func<CouncilDocuments, int, CurrentUser?, CancellationToken, Task<CouncilDocument>> load)
    {
        var body = BodyOption();
        var number = byCase
            ? new Option<string>("--case") { Description = "Saksnummer, f.eks. 37/21.", Required = true }
            : new Option<string>("--meeting") { Description = "Møtenummer, f.eks. 6/2021.", Required = true };
        var format = new Option<string>("--format") { Description = "Filformat: pdf eller docx.", DefaultValueFactory = _ => "pdf" };
        format.AcceptOnlyFromAmong("pdf", "docx");
        var output = new Option<FileInfo>("--out") { Description = "Filen som skal skrives.", Required = true };
        var publicOnly = PublicOption();
        var command = new Command(name, description) { body, number, format, output, publicOnly };
        command.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var file = pr.GetValue(output)!;
            var docs = s.GetRequiredService<CouncilDocuments>();
            var reader = Reader(pr, publicOnly, user);
            var id = byCase
                ? await docs.FindCaseAsync(pr.GetValue(body), pr.GetValue(number), reader, c)
                : await docs.FindMeetingAsync(pr.GetValue(body), pr.GetValue(number), c);
            var document = await load(docs, id, reader, c);
            var bytes = pr.GetValue(format) == "docx" ? document.Document.ToDocx() : document.Document.ToPdf();
            await WriteFileAsync(file, stream => WriteAsync(stream, bytes, c));
            await console.Out.WriteLineAsync($"{what} er skrevet til {file.FullName}{(reader is null ? " (offentlig utgave)" : "")}.");
            return Ok;
        }));
        return command;
    }

    private static Command PackageCommand(CliHost host, CliConsole console)
    {
        var body = BodyOption();
        var meeting = new Option<string>("--meeting") { Description = "Møtenummer, f.eks. 6/2021.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "PDF-filen som skal skrives.", Required = true };
        var publicOnly = PublicOption();
        var command = new Command("package", "Saksdokumentene til et møte samlet i én PDF: innkalling, alle saksfremlegg og vedleggsliste.")
            { body, meeting, output, publicOnly };
        command.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var file = pr.GetValue(output)!;
            var docs = s.GetRequiredService<CouncilDocuments>();
            var reader = Reader(pr, publicOnly, user);
            var id = await docs.FindMeetingAsync(pr.GetValue(body), pr.GetValue(meeting), c);
            var package = await docs.PackageAsync(id, reader, c);
            await WriteFileAsync(file, stream => WriteAsync(stream, package.Pdf, c));
            await console.Out.WriteLineAsync(
                $"Saksdokumentene ({package.Parts} deler) er skrevet til {file.FullName}{(reader is null ? " (offentlig utgave)" : "")}.");
            return Ok;
        }));
        return command;
    }

    private static Command BuildUser(CliHost host, CliConsole console)
    {
        var userName = new Option<string>("--username") { Description = "Brukernavn (små bokstaver, tall, . - _).", Required = true };
        var name = new Option<string>("--name") { Description = "Fullt navn som vises i løsningen.", Required = true };
        var role = new Option<string>("--role") { Description = "Rolle: portfolio-office, initiative-owner, ks-coordinator, member eller operator.", Required = true };
        role.AcceptOnlyFromAmong(EnumText.Codes<Role>().ToArray());
        var org = new Option<string?>("--org") { Description = "Organisasjonens nøkkel, f.eks. helse-sor-ost eller kommune:0301." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Les passordet fra standard inn (første linje)." };
        var create = new Command("create", "Oppretter en bruker. Uten demodata er dette måten den første administratoren lages på.")
            { userName, name, role, org, passwordStdin };
        create.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            // Never as an argument: it would end up in the shell history and the process list.
            if (!pr.GetValue(passwordStdin))
                throw new CliUsageException("Passordet må gis på standard inn med --password-stdin, f.eks. «echo \"$PASSORD\" | samstyring user create … --password-stdin».");
            var password = (await console.In.ReadLineAsync(c))?.TrimEnd('\r');
            await SamstyringSetup.MigrateAsync(s.GetRequiredService<SamstyringDb>(), c);
            var created = await s.GetRequiredService<CreateUser>().HandleAsync(
                new CreateUserInput(pr.GetValue(userName), pr.GetValue(name), pr.GetValue(role), pr.GetValue(org), password), user, c);
            await console.Out.WriteLineAsync($"Brukeren «{created.UserName}» ({created.Role.Label()}) er opprettet.");
            return Ok;
        }));
        // Option objects belong to one command each, so the other subcommands get their own.
        var pwUser = new Option<string>("--username") { Description = "Brukernavnet.", Required = true };
        var pwStdin = new Option<bool>("--password-stdin") { Description = "Les det nye passordet fra standard inn (første linje)." };
        var setPassword = new Command("set-password", "Setter nytt passord for en bruker. Alle brukerens innlogginger avsluttes.") { pwUser, pwStdin };
        setPassword.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            if (!pr.GetValue(pwStdin))
                throw new CliUsageException("Passordet må gis på standard inn med --password-stdin, f.eks. «echo \"$PASSORD\" | samstyring user set-password … --password-stdin».");
            var password = (await console.In.ReadLineAsync(c))?.TrimEnd('\r');
            await s.GetRequiredService<ResetPassword>().HandleAsync(pr.GetValue(pwUser), password, user, c);
            await console.Out.WriteLineAsync($"Passordet til «{pr.GetValue(pwUser)!.Trim().ToLowerInvariant()}» er byttet, og alle brukerens innlogginger er avsluttet.");
            return Ok;
        }));
        var roleUser = new Option<string>("--username") { Description = "Brukernavnet.", Required = true };
        var newRole = new Option<string>("--role") { Description = "Ny rolle: portfolio-office, initiative-owner, ks-coordinator, member eller operator.", Required = true };
        newRole.AcceptOnlyFromAmong(EnumText.Codes<Role>().ToArray());
        var newOrg = new Option<string?>("--org") { Description = "Organisasjonens nøkkel (kreves for initiative-owner, ks-coordinator og operator)." };
        var setRole = new Command("set-role", "Endrer rolle og organisasjon for en bruker. Alle brukerens innlogginger avsluttes.") { roleUser, newRole, newOrg };
        setRole.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var changed = await s.GetRequiredService<ChangeUserAccess>().HandleAsync(pr.GetValue(roleUser), pr.GetValue(newRole), pr.GetValue(newOrg), user, c);
            await console.Out.WriteLineAsync($"«{changed.UserName}» har nå rollen {changed.Role.Label()}, og alle brukerens innlogginger er avsluttet.");
            return Ok;
        }));
        return new Command("user", "Brukere.") { create, setPassword, setRole };
    }

    /// <summary>
    /// <c>samstyring actor create --name N --type T --actor-group G [--short-name] [--org-number] [--region] [--owner KEY[=SHARE]]… [--key] [--population]</c>:
    /// registers an actor as the page /aktorer/ny does, as the system user (the office). Type, group and region are checked
    /// by the use case, not the parser, so a wrong one is answered in Norwegian with the valid values.
    /// </summary>
    private static Command BuildActor(CliHost host, CliConsole console)
    {
        var name = new Option<string>("--name") { Description = "Aktørens navn.", Required = true };
        var shortName = new Option<string?>("--short-name") { Description = "Kortnavn, f.eks. NHN." };
        var orgNumber = new Option<string?>("--org-number") { Description = "Organisasjonsnummer: ni siffer fra Enhetsregisteret (MOD11)." };
        var type = new Option<string>("--type") { Description = $"Type: {string.Join(", ", EnumText.Codes<OrganizationType>())}.", Required = true };
        var group = new Option<string>("--actor-group") { Description = $"Aktørgruppe: {string.Join(", ", EnumText.Codes<ActorGroup>())}.", Required = true };
        var region = new Option<string?>("--region") { Description = $"Helseregion: {string.Join(", ", EnumText.Codes<HealthRegion>())}." };
        var owners = new Option<string[]>("--owner")
        {
            Description = "En eier som nøkkel, med eierandel i prosent etter = der den er kjent, f.eks. --owner helse-vest=25. Kan gis flere ganger.",
            AllowMultipleArgumentsPerToken = false,
        };
        var key = new Option<string?>("--key") { Description = "Nøkkelen aktøren skal ha (små bokstaver, sifre, - og :). Standard: laget fra kortnavnet eller navnet." };
        var population = new Option<int?>("--population") { Description = "Folketall (gjelder kommuner)." };
        var create = new Command("create", "Registrerer en ny aktør i aktørregisteret.") { name, shortName, orgNumber, type, group, region, owners, key, population };
        create.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            await SamstyringSetup.MigrateAsync(s.GetRequiredService<SamstyringDb>(), c);
            var given = (pr.GetValue(owners) ?? []).Select(ParseOwner).ToList();
            var ids = await s.GetRequiredService<OrganizationQueries>().IdsByKeyAsync(given.Select(o => o.Key).ToList(), c);
            var unknown = given.Select(o => o.Key).Where(k => !ids.ContainsKey(k)).Distinct().ToList();
            if (unknown.Count > 0)
                throw ValidationFailedException.For("owners", $"Fant ingen aktør med {(unknown.Count == 1 ? "nøkkelen" : "nøklene")} {Norwegian.List(unknown.Select(k => $"«{Validator.Truncate(k)}»").ToList(), 10)}.");
            var created = await s.GetRequiredService<CreateOrganization>().HandleAsync(pr.GetValue(key), new OrganizationInput(
                pr.GetValue(name), pr.GetValue(shortName), pr.GetValue(orgNumber), pr.GetValue(type), pr.GetValue(group), pr.GetValue(region),
                given.Select(o => new OwnerInput(ids[o.Key], o.Share)).ToList(), pr.GetValue(population)), user, c);
            await console.Out.WriteLineAsync($"Aktøren «{created.Name}» er registrert med nøkkelen «{created.Key}» (id {created.Id}).");
            return Ok;
        }));
        return new Command("actor", "Aktørregisteret.") { create };
    }

    /// <summary>
    /// <c>samstyring token create --user U --name N [--expires DATE] [--role R [--org KEY]]</c> and <c>token revoke --id N</c>:
    /// API tokens through the same use cases as the pages and the API. The command line names the user the token belongs
    /// to; with a role it is an integration token made by that user, who must be in the office. The token alone goes to
    /// standard out (for <c>TOKEN=$(samstyring token create …)</c>), what was made to standard error.
    /// </summary>
    private static Command BuildToken(CliHost host, CliConsole console)
    {
        var user = new Option<string>("--user") { Description = "Brukeren tokenet lages for (brukernavn); for et integrasjonstoken en i porteføljekontoret.", Required = true };
        var name = new Option<string>("--name") { Description = "Hva tokenet brukes til (høyst 100 tegn).", Required = true };
        var expires = new Option<string?>("--expires") { Description = "Siste dag tokenet gjelder (åååå-mm-dd). Standard: om 90 dager; høyst ett år fram." };
        var role = new Option<string?>("--role") { Description = $"Rolle for et integrasjonstoken: {string.Join(", ", EnumText.Codes<Role>())}. Uten: brukerens egen." };
        var org = new Option<string?>("--org") { Description = "Organisasjonens nøkkel for et integrasjonstoken, f.eks. helse-sor-ost." };
        var create = new Command("create", "Lager et API-token. Tokenet skrives ut én gang og kan ikke hentes igjen.") { user, name, expires, role, org };
        create.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, acting, c) =>
        {
            var created = await s.GetRequiredService<CreateApiToken>().HandleAsync(
                new CreateApiTokenInput(pr.GetValue(name), pr.GetValue(expires), pr.GetValue(role), pr.GetValue(org), pr.GetValue(user)), acting, c);
            var t = created.Token;
            await console.Error.WriteLineAsync(
                $"API-tokenet «{t.Name}» (id {t.Id}, {t.Prefix}…) for «{t.UserName}» med rollen {t.Role.Label().ToLowerInvariant()}"
                + (t.OrganizationName is { } o ? $" i {o}" : "") + $" gjelder til og med {Norwegian.Date(t.LastDay)}. Det vises bare nå:");
            await console.Out.WriteLineAsync(created.Secret);
            return Ok;
        }));
        var id = new Option<int>("--id") { Description = "Tokenets id (fra listen på /kontor/tokener eller GET /api/v1/tokens).", Required = true };
        var revoke = new Command("revoke", "Trekker tilbake et API-token. Det slutter å virke med en gang, på andre servere innen 30 sekunder.") { id };
        revoke.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, acting, c) =>
        {
            // The operator revokes what is there now: the version is read just before, not typed in.
            var current = await s.GetRequiredService<AccountQueries>().ApiTokenAsync(pr.GetValue(id), acting, c);
            var revoked = await s.GetRequiredService<RevokeApiToken>().HandleAsync(current.Id, current.Version, acting, c);
            await console.Out.WriteLineAsync($"API-tokenet «{revoked.Name}» ({revoked.Prefix}…) er trukket tilbake.");
            return Ok;
        }));
        return new Command("token", "API-tokener for skript og integrasjoner.") { create, revoke };
    }

    /// <summary>«helse-vest» or «helse-vest=25» (also 33,33 or 33.33); a share that is no number is wrong use of the option.</summary>
    private static (string Key, decimal? Share) ParseOwner(string value)
    {
        var at = value.LastIndexOf('=');
        if (at < 0) return (value.Trim(), null);
        var share = value[(at + 1)..].Trim().TrimEnd('%').Replace(',', '.');
        return decimal.TryParse(share, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? (value[..at].Trim(), d)
            : throw new CliUsageException($"Eierandelen i «--owner {Validator.Truncate(value)}» må være et tall i prosent, for eksempel helse-vest=25 eller helse-vest=33,33.");
    }

    /// <summary>Writes to a temporary file next to the target and moves it in place, so a failed run leaves no half file.</summary>
    private static async Task WriteFileAsync(FileInfo file, Func<Stream, Task> write)
    {
        if (file.Directory is { Exists: false } dir) dir.Create();
        var temp = file.FullName + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                await write(stream);
            File.Move(temp, file.FullName, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static Task WriteAsync(Stream stream, byte[] content, CancellationToken ct) => stream.WriteAsync(content, ct).AsTask();

    private static async Task WriteAsync(Stream stream, string content, CancellationToken ct)
    {
        await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
        await writer.WriteAsync(content.AsMemory(), ct);
    }

    private static Task WriteAsync(Stream stream, Stream content, CancellationToken ct) => content.CopyToAsync(stream, ct);
}

/// <summary>Builds configuration and services the same way the web host does, and turns failures into exit codes.</summary>
internal sealed class CliHost(CliConsole console, Option<string?> dataDir, Option<string?> connectionString)
{
    public async Task<int> RunAsync(ParseResult pr, CancellationToken ct, Func<IServiceProvider, CurrentUser, CancellationToken, Task<int>> body)
    {
        SamstyringOptions? options = null;
        try
        {
            options = LoadOptions(pr);
            SamstyringSetup.PrepareDataDirectory(options);
            var services = new ServiceCollection().AddSamstyringCore(options);
            await using var provider = services.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            var auditName = Truncate("cli:" + Environment.UserName, 80);
            scope.ServiceProvider.GetRequiredService<AuditContext>().UserName = auditName;
            var user = CurrentUser.System with { UserName = auditName, DisplayName = "Samstyring (kommandolinje)" };
            return await body(scope.ServiceProvider, user, ct);
        }
        catch (CliUsageException e)
        {
            await console.Error.WriteLineAsync(e.Message);
            return CliApp.Usage;
        }
        catch (ImportFailedException e)
        {
            await console.Error.WriteLineAsync($"Importen ble avbrutt, ingenting er lagret ({e.Errors.Count} feil):");
            foreach (var error in e.Errors) await console.Error.WriteLineAsync("  " + error);
            return CliApp.Refused;
        }
        catch (ValidationFailedException e)
        {
            foreach (var message in e.Errors.SelectMany(x => x.Value)) await console.Error.WriteLineAsync(message);
            return CliApp.Refused;
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException or ConcurrencyConflictException)
        {
            await console.Error.WriteLineAsync(e.Message);
            return CliApp.Refused;
        }
        catch (Exception e) when (options is not null && SamstyringSetup.AsSetupFailure(e, options) is { } failure)
        {
            await console.Error.WriteLineAsync(failure.Message);
            return CliApp.Unavailable;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync("Kunne ikke lese eller skrive fil: " + e.Message);
            return CliApp.Refused;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await console.Error.WriteLineAsync($"Uventet feil: {e.GetBaseException().Message}");
            return CliApp.Refused;
        }
    }

    /// <summary>appsettings.json, then environment variables (Samstyring__DataDirectory, ConnectionStrings__Samstyring), then options.</summary>
    private SamstyringOptions LoadOptions(ParseResult pr)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                          ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var overrides = new Dictionary<string, string?>();
        if (pr.GetValue(dataDir) is { } dir) overrides["Samstyring:DataDirectory"] = dir;
        if (pr.GetResult(connectionString) is not null) overrides["ConnectionStrings:Samstyring"] = pr.GetValue(connectionString) ?? "";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(console.Configuration ?? new Dictionary<string, string?>())
            .AddInMemoryCollection(overrides)
            .Build();
        var options = configuration.GetSection("Samstyring").Get<SamstyringOptions>() ?? new SamstyringOptions();
        options.ConnectionString = configuration.GetConnectionString("Samstyring");
        return options;
    }

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;
}
