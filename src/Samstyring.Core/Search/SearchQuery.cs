using Samstyring.Core.Common;

namespace Samstyring.Core.Search;

/// <summary>A search as typed: the words and the filters, all still text (from a query string or a form).</summary>
public sealed record SearchRequest(string? Q, string? Type = null, string? Body = null, string? From = null, string? To = null,
    int? Page = null, int? PageSize = null);

/// <summary>A search checked and parsed: the words (lower case, NFC), each with its stem, and the filters.</summary>
public sealed record SearchQuery(string Text, IReadOnlyList<string> Words, IReadOnlyList<string> Stems, SearchKind? Kind, int? BodyId,
    DateOnly? From, DateOnly? To, int Page, int PageSize)
{
    public const int MaxLength = 200;
    public const int MaxWords = 8;
    public const int MaxWordLength = 50;
    /// <summary>Words shorter than this are matched by stem only: a substring of two letters would match nearly everything.</summary>
    public const int MinSubstringLength = 3;
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 50;
    public const int MaxPage = 200;

    /// <summary>
    /// Checks a search and gives its words, or throws <see cref="ValidationFailedException"/> with every field's error in
    /// Norwegian. <paramref name="bodyIdOf"/> finds a body by its slug (null: not found).
    /// </summary>
    public static async Task<SearchQuery> ParseAsync(SearchRequest r, Func<string, Task<int?>> bodyIdOf)
    {
        var v = new Validator();
        var text = r.Q?.Trim() ?? "";
        List<string> words = [];
        if (text.Length == 0) v.Add("q", "Skriv inn det du vil søke etter.");
        else if (HasLoneSurrogate(text)) v.Add("q", "Søket inneholder ugyldige tegn.");
        else
        {
            v.MaxLength("q", text, "Søket", MaxLength);
            if (v.IsValid)
            {
                words = SearchText.Words(text).Distinct(StringComparer.Ordinal).ToList();
                if (words.Count == 0) v.Add("q", "Søket må inneholde minst ett ord med bokstaver eller tall.");
                else if (words.Count > MaxWords) v.Add("q", $"Søk med høyst {MaxWords} ord (søket har {words.Count}).");
                else if (words.FirstOrDefault(w => w.Length > MaxWordLength) is { } longWord)
                    v.Add("q", $"Ord i søket kan ikke være lengre enn {MaxWordLength} tegn («{Validator.Truncate(longWord)}»).");
                else
                {
                    // The stop words PostgreSQL leaves out of its index are left out here too, so both databases agree.
                    var meaningful = words.Where(w => !SearchText.StopWords.Contains(w)).ToList();
                    if (meaningful.Count == 0) v.Add("q", "Søket har bare små, vanlige ord (som «og», «i», «på»). Legg til et ord som sier hva du leter etter.");
                    words = meaningful;
                }
            }
        }
        v.Enum<SearchKind>("type", r.Type, "Type", false, out var kind);
        int? bodyId = null;
        if (!string.IsNullOrWhiteSpace(r.Body))
        {
            if (r.Body.Length > 100 || !r.Body.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                v.Add("body", $"«{Validator.Truncate(r.Body)}» er ikke et gyldig organ.");
            else if (await bodyIdOf(r.Body.Trim()) is { } id) bodyId = id;
            else v.Add("body", $"Fant ikke organet «{Validator.Truncate(r.Body)}».");
        }
        v.Date("from", r.From, "Fra-dato", false, out var from);
        v.Date("to", r.To, "Til-dato", false, out var to);
        if (from is { } f && to is { } t && f > t) v.Add("to", "Til-datoen kan ikke være før fra-datoen.");
        if (r.Page is < 1 or > MaxPage) v.Add("page", $"Sidenummer må være mellom 1 og {MaxPage}.");
        if (r.PageSize is < 1 or > MaxPageSize) v.Add("pageSize", $"Sidestørrelse må være mellom 1 og {MaxPageSize}.");
        v.ThrowIfInvalid();
        return new SearchQuery(text, words, words.Select(NorwegianStemmer.Stem).ToList(), kind, bodyId, from, to,
            r.Page ?? 1, r.PageSize ?? DefaultPageSize);
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return true;
        }
        return false;
    }
}
