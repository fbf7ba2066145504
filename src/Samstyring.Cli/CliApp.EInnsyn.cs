using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Common;
using Samstyring.Core.EInnsyn;

namespace Samstyring.Cli;

public static partial class CliApp
{
    /// <summary>
    /// <c>samstyring einnsyn queue --body SLUG --from DATE --to DATE</c> (queue a body's published meetings for eInnsyn),
    /// <c>samstyring einnsyn export --out FILE [--status S]</c> (the queue with each record's body as JSON) and
    /// <c>samstyring einnsyn send</c> (one round of the sender, as the web host's schedule runs it).
    /// </summary>
    private static Command BuildEInnsyn(CliHost host, CliConsole console)
    {
        var body = new Option<string>("--body") { Description = "Organets kortnavn (slug), f.eks. nasjonalt-e-helserad.", Required = true };
        var from = new Option<string>("--from") { Description = "Første møtedato (åååå-mm-dd).", Required = true };
        var to = new Option<string>("--to") { Description = "Siste møtedato (åååå-mm-dd).", Required = true };
        var queue = new Command("queue", "Legger møtene til et organ i en periode i køen til eInnsyn: møtet med innkalling og saker, godkjent referat og offentlige vedtak. Det som alt er i køen, legges ikke inn på nytt.")
            { body, from, to };
        queue.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var r = await s.GetRequiredService<QueueEInnsyn>().HandleAsync(pr.GetValue(body), pr.GetValue(from), pr.GetValue(to), user, c);
            await console.Out.WriteLineAsync(
                $"{Norwegian.Number(r.Meetings)} {(r.Meetings == 1 ? "møte" : "møter")} i {r.BodySlug}: {Norwegian.Number(r.Queued)} poster lagt i køen til eInnsyn, {Norwegian.Number(r.AlreadyQueued)} var der fra før.");
            if (!s.GetRequiredService<EInnsynOptions>().Enabled)
                await console.Out.WriteLineAsync("eInnsyn er ikke satt opp (Samstyring:EInnsyn), så ingenting sendes. Køen kan hentes med «samstyring einnsyn export».");
            return Ok;
        }));

        var output = new Option<FileInfo>("--out") { Description = "JSON-filen som skal skrives.", Required = true };
        var status = new Option<string?>("--status") { Description = "Bare poster med denne statusen: pending, sent eller failed." };
        var export = new Command("export", "Skriver køen til eInnsyn som JSON: hver post med adresse, status og innholdet som sendes.") { output, status };
        export.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, user, c) =>
        {
            var v = new Validator();
            v.Enum<EInnsynStatus>("status", pr.GetValue(status), "Status", false, out var st);
            v.ThrowIfInvalid();
            var file = pr.GetValue(output)!;
            if (Directory.Exists(file.FullName)) throw new CliUsageException($"«{file.FullName}» er en mappe; --out må være en fil.");
            await WriteFileAsync(file, stream => s.GetRequiredService<EInnsynQueries>().ExportJsonAsync(stream, st, user, c));
            await console.Out.WriteLineAsync($"Køen til eInnsyn er skrevet til {file.FullName}.");
            return Ok;
        }));

        var send = new Command("send", "Sender det som venter i køen til eInnsyn nå (én runde, som den planlagte senderen).");
        send.SetAction((pr, ct) => host.RunAsync(pr, ct, async (s, _, c) =>
        {
            if (!s.GetRequiredService<EInnsynOptions>().Enabled)
            {
                await console.Error.WriteLineAsync("eInnsyn er ikke satt opp (Samstyring:EInnsyn:BaseUrl, ApiKey og Arkivdel); ingenting ble sendt.");
                return Usage;
            }
            if (s.GetRequiredService<Core.Notifications.SiteAddress>().Origin is null)
            {
                await console.Error.WriteLineAsync("Samstyring:PublicUrl må være satt: eInnsyn henter dokumentene fra lenkene i postene, så de må peke på adressen Samstyring nås på.");
                return Usage;
            }
            var r = await s.GetRequiredService<SendEInnsyn>().HandleAsync(c);
            await console.Out.WriteLineAsync($"eInnsyn: {Norwegian.Number(r.Sent)} publisert, {Norwegian.Number(r.Retrying)} prøves igjen senere, {Norwegian.Number(r.Waiting)} venter på møtet eller saken, {Norwegian.Number(r.Failed)} ga opp.");
            return r.Failed > 0 ? 1 : Ok;
        }));
        return new Command("einnsyn", "Publisering av møter, saker og vedtak i eInnsyn.") { queue, export, send };
    }
}
