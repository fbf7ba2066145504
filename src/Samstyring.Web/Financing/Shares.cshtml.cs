using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Financing;

/// <summary>
/// The office edits one solution's shares in a draft or scenario: a row per group (percent, key, population date, collection)
/// and, for a fixed or usage key, the actors' weights as "aktørnøkkel;vekt" lines. The rows are saved together or not at all.
/// </summary>
[Authorize(Policy = "office")]
public sealed class SharesModel(FinancingQueries queries, OrganizationQueries organizations) : FinancingPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public string SolutionKey { get; set; } = "";

    public ModelDetails Details { get; private set; } = null!;
    public SolutionShares Solution { get; private set; } = null!;
    public IReadOnlyList<PayerGroup> Groups { get; } = Enum.GetValues<PayerGroup>();
    private Dictionary<int, string> _keyOf = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync([FromServices] SavePriceShares save, CancellationToken ct)
    {
        ModelState.Clear();
        var byKey = (await ActorsAsync(ct)).ToDictionary(o => o.Key, o => o.Id, StringComparer.OrdinalIgnoreCase);
        // The use case numbers the shares it was given; the form has a row per group, and an empty percent leaves a group out.
        var rows = new List<int>();
        var shares = new List<ShareInput>();
        for (var i = 0; i < Groups.Count; i++)
        {
            var percent = Form($"shares[{i}].percent");
            if (string.IsNullOrWhiteSpace(percent)) continue;
            var entries = ParseEntries(Form($"shares[{i}].entries"), byKey, $"shares[{i}].entries");
            rows.Add(i);
            shares.Add(new ShareInput(Form($"shares[{i}].group"), FormDecimal($"shares[{i}].percent", "Andelen"), Form($"shares[{i}].key"),
                NullIfEmpty(Form($"shares[{i}].populationOn")), Form($"shares[{i}].collection"), entries));
        }
        if (ModelState.IsValid)
        {
            if (await TryAsync(() => save.HandleAsync(Id, SolutionKey, shares, FormInt("version"), CurrentUser, ct)))
            {
                Flash = "Andelene er lagret.";
                return Redirect($"/finansiering/modeller/{Id}");
            }
            RenumberErrors(rows);
        }
        if (ConflictMessage is null) PostedForm = "shares";
        else ModelState.Clear();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    /// <summary>"aktørnøkkel;vekt" per line (a line with only the key weighs 1); unknown actors and bad weights are reported by line.</summary>
    private List<KeyEntryInput> ParseEntries(string? text, Dictionary<string, int> byKey, string field)
    {
        var entries = new List<KeyEntryInput>();
        var lines = (text ?? "").Replace("\r\n", "\n").Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0) continue;
            var parts = line.Split(';', 2, StringSplitOptions.TrimEntries);
            if (!byKey.TryGetValue(parts[0], out var id))
            {
                ModelState.AddModelError(field, $"Linje {n + 1}: fant ingen aktør med nøkkelen «{parts[0]}». Bruk aktørens nøkkel fra aktørregisteret, for eksempel helse-nord.");
                continue;
            }
            long weight = 1;
            if (parts.Length == 2 && !long.TryParse(parts[1].Replace(" ", "").Replace("\u00A0", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out weight))
            {
                ModelState.AddModelError(field, $"Linje {n + 1}: vekten «{parts[1]}» må være et helt tall, for eksempel 25.");
                continue;
            }
            entries.Add(new KeyEntryInput(id, weight));
        }
        return entries;
    }

    /// <summary>Moves the use case's errors from its share numbers ("shares[1].percent") to the form's row numbers.</summary>
    private void RenumberErrors(List<int> rows)
    {
        var moved = new List<(string Key, string Message)>();
        foreach (var (key, entry) in ModelState.ToList())
        {
            var to = FormKey(key, rows);
            if (to == key) continue;
            moved.AddRange(entry!.Errors.Select(e => (to, e.ErrorMessage)));
            ModelState.Remove(key);
        }
        foreach (var (key, message) in moved) ModelState.AddModelError(key, message);
        if (HttpContext.Items[ErrorOrderKey] is List<string> order)
            HttpContext.Items[ErrorOrderKey] = order.Select(k => FormKey(k, rows)).ToList();
    }

    private static string FormKey(string key, List<int> rows)
    {
        var match = System.Text.RegularExpressions.Regex.Match(key, @"^(?:shares)?\[?(\d+)\]?\.?(.*)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var n) || n >= rows.Count) return key;
        // An entry's error belongs to the textarea the entries were typed in.
        var field = System.Text.RegularExpressions.Regex.Replace(match.Groups[2].Value, @"^entries\[\d+\].*$", "entries");
        return field.Length == 0 ? $"shares[{rows[n]}].percent" : $"shares[{rows[n]}].{char.ToLowerInvariant(field[0])}{field[1..]}";
    }

    /// <summary>The actor registry's keys (helse-nord, oslo, …): what the office types for a key's actors.</summary>
    private async Task<List<OrganizationRow>> ActorsAsync(CancellationToken ct) => await organizations.Query(new OrganizationFilter()).ToListAsync(ct);

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Details = await queries.ModelAsync(Id, CurrentUser, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        var solution = Details.Solutions.FirstOrDefault(s => string.Equals(s.Key, SolutionKey, StringComparison.OrdinalIgnoreCase));
        if (solution is null) return false;
        Solution = solution;
        var ids = solution.Shares.SelectMany(s => s.Actors).Select(a => a.OrganizationId).ToHashSet();
        _keyOf = (await ActorsAsync(ct)).Where(o => ids.Contains(o.Id)).ToDictionary(o => o.Id, o => o.Key);
        return true;
    }

    public ShareView? Share(PayerGroup group) => Solution.Shares.FirstOrDefault(s => s.Group == group);

    /// <summary>The stored weights as the textarea shows them; a population or equal key has none to type.</summary>
    public string EntriesText(ShareView? share) => share is { Key: DistributionKey.Fixed or DistributionKey.Usage }
        ? string.Join("\n", share.Actors.Select(a => $"{(_keyOf.TryGetValue(a.OrganizationId, out var k) ? k : a.OrganizationId.ToString(CultureInfo.InvariantCulture))};{a.Weight.ToString(CultureInfo.InvariantCulture)}"))
        : "";

    /// <summary>A sensible key and collection for a group that has no share yet.</summary>
    public static (DistributionKey Key, CollectionMethod Collection) Defaults(PayerGroup group) => group switch
    {
        PayerGroup.State => (DistributionKey.Equal, CollectionMethod.StateBudget),
        PayerGroup.Municipalities => (DistributionKey.Population, CollectionMethod.BlockGrantDeduction),
        PayerGroup.RegionalHealthAuthorities => (DistributionKey.Fixed, CollectionMethod.Invoice),
        _ => (DistributionKey.Equal, CollectionMethod.Invoice),
    };
}
