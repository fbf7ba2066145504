using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

/// <summary>
/// Reporting season: <c>--connections</c> clients (default 64) for <c>--seconds</c> (default 20) against a running server,
/// each request a public read (the overview page and its pages and filters, an initiative's page, the overview JSON, a
/// filtered list) or, with <c>--write-percent</c> (default 5), a status report for the open period by the portfolio office
/// (an API token made for the run from <c>--user</c>/<c>--password</c>). Every report goes to an initiative nobody else
/// writes in the run, so a refusal is an error, not a conflict. Afterwards every acknowledged report is read back from the
/// API: one missing or different is a lost write. Prints RESULT lines (reads, writes) and a SUMMARY line.
/// </summary>
static class MixedLoad
{
    private static readonly string[] Colours = ["green", "yellow", "red"];

    public static async Task<int> RunAsync(Args a)
    {
        var baseUrl = a.Require("base").TrimEnd('/');
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri) || !baseUri.IsLoopback) throw new ArgumentException("--base must be a loopback address");
        var connections = a.Int("connections", 64);
        var seconds = a.Int("seconds", 20);
        var warmupSeconds = a.Int("warmup-seconds", 5);
        var writePercent = a.Int("write-percent", 5);
        var period = a.Get("period") ?? DateTime.UtcNow.ToString("yyyy-MM");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(baseUrl + "/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var token = await TokenAsync(http, a.Get("user") ?? "kontor", a.Get("password") ?? "samstyring");
        var active = (await http.GetFromJsonAsync<List<JsonElement>>("api/v1/initiatives?lifecycle=active"))!
            .Select(e => e.GetProperty("id").GetInt32()).ToArray();
        if (active.Length == 0) throw new ArgumentException("no active initiatives to report on");
        var writable = active.OrderBy(id => (id * 2654435761u) % 1000003).ToArray(); // a fixed shuffle
        var pages = Math.Max(1, active.Length / 50);

        string ReadPath(Random rnd) => rnd.Next(6) switch
        {
            0 => "",
            1 => $"?side={1 + rnd.Next(pages)}",
            2 => "?segment=samstyring&status=red",
            3 => $"tiltak/{active[rnd.Next(active.Length)]}",
            4 => "api/v1/portfolio/overview",
            _ => "api/v1/initiatives?segment=samstyring&status=red",
        };

        var nextWrite = -1;
        var acknowledged = new ConcurrentBag<(int Id, string Status, string Risk)>();
        var failures = new ConcurrentDictionary<string, int>();
        var reads = new ConcurrentBag<double>();
        var writes = new ConcurrentBag<double>();
        var recording = false;

        async Task Client(int n, DateTime until)
        {
            var rnd = new Random(20261207 + n);
            while (DateTime.UtcNow < until)
            {
                var write = rnd.Next(100) < writePercent;
                var sw = Stopwatch.StartNew();
                string? failure = null;
                try
                {
                    if (write)
                    {
                        var k = Interlocked.Increment(ref nextWrite);
                        if (k >= writable.Length) { failure = "no initiative left to report on"; }
                        else
                        {
                            var (id, status, risk) = (writable[k], Colours[rnd.Next(3)], Colours[rnd.Next(3)]);
                            using var request = new HttpRequestMessage(HttpMethod.Put, $"api/v1/initiatives/{id}/reports/{period}")
                            {
                                Content = JsonContent.Create(new
                                {
                                    status, statusText = "Målt under blandet last.", risk, riskText = "Ingen ny risiko.",
                                    progress = "Som planlagt.", cost = "Innenfor budsjett.",
                                }),
                            };
                            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                            using var response = await http.SendAsync(request);
                            await response.Content.ReadAsByteArrayAsync();
                            if (response.StatusCode == HttpStatusCode.OK) acknowledged.Add((id, status, risk));
                            else failure = $"PUT report: {(int)response.StatusCode}";
                        }
                    }
                    else
                    {
                        using var response = await http.GetAsync(ReadPath(rnd), HttpCompletionOption.ResponseHeadersRead);
                        await response.Content.ReadAsByteArrayAsync();
                        if (!response.IsSuccessStatusCode) failure = $"GET: {(int)response.StatusCode}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failure = e.GetType().Name;
                }
                if (!recording) continue;
                (write ? writes : reads).Add(sw.Elapsed.TotalMilliseconds);
                if (failure is not null) failures.AddOrUpdate(failure, 1, (_, c) => c + 1);
            }
        }

        // Warm-up with the same mix (JIT, connection pool, caches), not recorded; then the measured run.
        await Task.WhenAll(Enumerable.Range(0, connections).Select(n => Client(n, DateTime.UtcNow.AddSeconds(warmupSeconds))));
        recording = true;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(n => Client(1000 + n, DateTime.UtcNow.AddSeconds(seconds))));
        var elapsed = clock.Elapsed.TotalSeconds;

        // Every acknowledged report must be there, as written.
        var lost = 0;
        foreach (var (id, status, risk) in acknowledged)
        {
            var details = await http.GetFromJsonAsync<JsonElement>($"api/v1/initiatives/{id}");
            var found = details.GetProperty("reports").EnumerateArray().Any(r =>
                r.GetProperty("period").GetString() == period && r.GetProperty("status").GetString() == status
                && r.GetProperty("risk").GetString() == risk);
            if (!found) lost++;
        }

        var errors = failures.Values.Sum();
        Print("reads", reads);
        Print("writes", writes);
        Console.WriteLine(string.Join('\t', "SUMMARY", (reads.Count + writes.Count) / elapsed, errors, acknowledged.Count, lost,
            string.Join("; ", failures.Select(f => $"{f.Key} ×{f.Value}"))));
        Console.Error.WriteLine($"mixed: {(reads.Count + writes.Count) / elapsed:F0} requests/s, {errors} errors, {acknowledged.Count} reports acknowledged, {lost} lost");
        return errors == 0 && lost == 0 ? 0 : 1;
    }

    private static void Print(string label, IEnumerable<double> values)
    {
        var ms = values.Order().ToArray();
        if (ms.Length == 0) { Console.WriteLine(string.Join('\t', "RESULT", label, 0, 0, 0, 0, 0)); return; }
        double P(double q) => ms[Math.Clamp((int)Math.Ceiling(q * ms.Length) - 1, 0, ms.Length - 1)];
        Console.WriteLine(string.Join('\t', "RESULT", label, ms.Length, P(0.5).ToString("F1"), P(0.95).ToString("F1"), P(0.99).ToString("F1"), ms[^1].ToString("F1")));
    }

    private static async Task<string> TokenAsync(HttpClient http, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/tokens") { Content = JsonContent.Create(new { name = "blandet last" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new ArgumentException($"could not make an API token as {user}: {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
