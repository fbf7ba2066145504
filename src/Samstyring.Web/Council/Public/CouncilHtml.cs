using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Public;

/// <summary>How the public council pages word and mark up names, dates, placeholders and sizes.</summary>
public static partial class CouncilHtml
{
    /// <summary>
    /// Text as typed, HTML-encoded, with {{placeholders}} (completed in the meeting) visibly marked. Line breaks are kept by
    /// the pre-line class of the element it goes into.
    /// </summary>
    public static IHtmlContent WithPlaceholders(string? text)
    {
        if (string.IsNullOrEmpty(text)) return HtmlString.Empty;
        var encoded = HtmlEncoder.Default.Encode(text);
        // Braces are not touched by the encoder, so the pattern still matches; the content inside is already encoded.
        return new HtmlString(Placeholder().Replace(encoded,
            m => $"<mark class=\"placeholder\"><span class=\"ds-sr-only\">Fylles ut i møtet: </span>{{{{{m.Groups[1].Value}}}}}</mark>"));
    }

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Placeholder();

    /// <summary>"Nasjonalt e-helsestyre til 2021, Nasjonalt e-helseråd fra 2022".</summary>
    public static string NameHistory(IReadOnlyList<BodyNameView> names)
    {
        var ordered = names.OrderBy(n => n.ValidFrom).ToList();
        if (ordered.Count <= 1) return ordered.FirstOrDefault()?.Name ?? "";
        var parts = new List<string>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var n = ordered[i];
            var label = n.ShortName is { } s && !n.Name.Contains(s) ? $"{n.Name} ({s})" : n.Name;
            if (i == 0) parts.Add($"{label} til {ordered[1].ValidFrom.AddDays(-1).Year}");
            else if (i == ordered.Count - 1) parts.Add($"{label} fra {n.ValidFrom.Year}");
            else parts.Add($"{label} {n.ValidFrom.Year}–{ordered[i + 1].ValidFrom.AddDays(-1).Year}");
        }
        return string.Join(", ", parts);
    }

    public static string Size(long? bytes) => bytes switch
    {
        null => "",
        < 1024 => $"{bytes} byte",
        < 1024 * 1024 => $"{Math.Round(bytes.Value / 1024.0):0} kB",
        _ => $"{bytes.Value / (1024.0 * 1024.0):0.0} MB".Replace('.', ','),
    };

    /// <summary>"PDF, 240 kB".</summary>
    public static string FileInfo(AttachmentView a) =>
        string.Join(", ", new[] { System.IO.Path.GetExtension(a.FileName ?? "").TrimStart('.').ToUpperInvariant(), Size(a.SizeBytes) }.Where(x => x.Length > 0));

    /// <summary>The status as the public reads it: a planned meeting's date and place are preliminary (foreløpig).</summary>
    public static string StatusText(MeetingSummary m) => m.Tentative ? $"{m.Status.Label()} (foreløpig)" : m.Status.Label();

    public static string StatusColor(MeetingStatus s) => s switch
    {
        MeetingStatus.Planned => "neutral",
        MeetingStatus.NoticeSent => "info",
        MeetingStatus.Held => "success",
        MeetingStatus.MinutesApproved => "success",
        MeetingStatus.Cancelled => "danger",
        _ => "neutral",
    };

    public static string Time(TimeOnly? t) => t is { } v ? $"{v:HH\\.mm}" : "";

    public static string MeetingTitle(MeetingSummary m) => m.Title;

    public static string TimeText(MeetingSummary m) => m.TimeText;


    /// <summary>The documents the meeting has, by status: the notice once sent (the secretariat sees drafts), the minutes once held.</summary>
    public static IEnumerable<(string Label, string Url)> MeetingDocuments(MeetingView v)
    {
        var id = v.Id;
        var status = v.Meeting.Status;
        if (v.AgendaPublished && status != MeetingStatus.Cancelled)
        {
            yield return ("Innkalling (PDF)", $"/api/v1/meetings/{id}/notice.pdf");
            yield return ("Innkalling (Word)", $"/api/v1/meetings/{id}/notice.docx");
            yield return ("Saksdokumenter samlet (PDF)", $"/api/v1/meetings/{id}/package.pdf");
        }
        if (status is MeetingStatus.Held or MeetingStatus.MinutesApproved)
        {
            yield return ("Referat (PDF)", $"/api/v1/meetings/{id}/minutes.pdf");
            yield return ("Referat (Word)", $"/api/v1/meetings/{id}/minutes.docx");
        }
    }

    public static string PaperPdf(int caseId) => $"/api/v1/cases/{caseId}/paper.pdf";
    public static string PaperDocx(int caseId) => $"/api/v1/cases/{caseId}/paper.docx";
}
