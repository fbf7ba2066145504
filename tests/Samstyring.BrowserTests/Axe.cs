using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Samstyring.BrowserTests;

/// <summary>Runs axe-core with the WCAG 2.1 A and AA rules and turns violations into an actionable failure message.</summary>
public static class Axe
{
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    public static async Task<IReadOnlyList<AxeResultItem>> ViolationsAsync(IPage page)
    {
        var options = new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
            ResultTypes = [ResultType.Violations],
        };
        var result = await page.RunAxe(options);
        return result.Violations ?? [];
    }

    /// <summary>Fails with rule id, impact, help text, help URL and the target selector and summary of each offending node.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var violations = await ViolationsAsync(page);
        if (violations.Count == 0) return;
        Assert.Fail(Describe(violations, what, page.Url));
    }

    public static string Describe(IEnumerable<AxeResultItem> violations, string what, string url)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"axe fant brudd på WCAG 2.1 A/AA på {what} ({url}):");
        foreach (var v in violations)
        {
            sb.AppendLine($"- {v.Id} [{v.Impact}]: {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes.Take(8))
            {
                sb.AppendLine($"    • {node.Target}  {Shorten(node.Html, 160)}");
                var summary = Summary(node);
                if (summary.Length > 0) sb.AppendLine($"      {summary}");
            }
            if (v.Nodes.Length > 8) sb.AppendLine($"    … og {v.Nodes.Length - 8} til");
        }
        return sb.ToString();
    }

    private static string Summary(AxeResultNode node)
    {
        var parts = new List<string>();
        parts.AddRange((node.All ?? []).Concat(node.None ?? []).Select(c => c.Message));
        if (node.Any is { Length: > 0 } any) parts.Add("rett én av: " + string.Join("; ", any.Select(c => c.Message)));
        return string.Join(" | ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    private static string Shorten(string? s, int max)
    {
        s = (s ?? "").ReplaceLineEndings(" ");
        return s.Length <= max ? s : s[..max] + "…";
    }
}
