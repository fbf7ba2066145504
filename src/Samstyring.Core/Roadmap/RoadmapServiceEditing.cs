using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>
/// A service. <see cref="Key"/> is generated from the goal when empty; on update an empty key keeps the old one, and null
/// <see cref="Solutions"/> or <see cref="Initiatives"/> leave those links as they are.
/// </summary>
public sealed record ServiceInput(string? Key, string? Area, string? Goal, string? Description, IReadOnlyList<string>? Solutions, IReadOnlyList<int>? Initiatives);

/// <summary>What adding and changing a service share: the checks of its fields and links, and its generated key.</summary>
internal static partial class RoadmapServiceEditing
{
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();

    public static async Task ApplyAsync(SamstyringDb db, RoadmapService service, ServiceInput input, bool isNew, CancellationToken ct)
    {
        var v = new Validator();
        v.Name("area", input.Area, "Område", RoadmapService.AreaMax);
        v.Name("goal", input.Goal, "Tjeneste (mål)", RoadmapService.GoalMax);
        v.MaxLength("description", input.Description, "Beskrivelse", RoadmapService.TextMax);

        var taken = await db.RoadmapServices.Where(s => s.RoadmapVersionId == service.RoadmapVersionId && s.Id != service.Id)
            .Select(s => s.Key).ToListAsync(ct);
        var number = service.RoadmapVersion.Number;
        string? key = null;
        if (!string.IsNullOrWhiteSpace(input.Key))
        {
            key = input.Key.Trim();
            if (key.Length > RoadmapService.KeyMax)
                v.Add("key", $"Nøkkelen kan ikke være lengre enn {RoadmapService.KeyMax} tegn (er {key.Length}).");
            else if (!KeyPattern().IsMatch(key))
                v.Add("key", $"Nøkkelen «{Validator.Truncate(key)}» kan bare ha små bokstaver a–z, sifre og bindestrek mellom ordene, for eksempel «kritisk-informasjon».");
            else if (taken.Contains(key))
                v.Add("key", $"Nøkkelen «{key}» er allerede brukt av en annen tjeneste i versjon {number}.");
        }
        else if (isNew && !string.IsNullOrWhiteSpace(input.Goal))
            key = UniqueKey(KeyFrom(input.Goal), taken);

        var solutions = new List<int>();
        if (input.Solutions is { } solutionKeys)
        {
            var wanted = solutionKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct().ToList();
            var found = await db.NationalSolutions.Where(s => wanted.Contains(s.Key)).ToDictionaryAsync(s => s.Key, s => s.Id, ct);
            foreach (var k in wanted)
            {
                if (found.TryGetValue(k, out var sid)) solutions.Add(sid);
                else v.Add("solutions", $"Fant ikke den nasjonale løsningen «{Validator.Truncate(k)}».");
            }
        }
        var initiatives = new List<int>();
        if (input.Initiatives is { } initiativeIds)
        {
            var wanted = initiativeIds.Distinct().ToList();
            var found = await db.Initiatives.Where(i => wanted.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct);
            foreach (var id in wanted)
            {
                if (found.Contains(id)) initiatives.Add(id);
                else v.Add("initiatives", $"Fant ikke tiltak {id}.");
            }
        }
        v.ThrowIfInvalid();

        if (key is not null) service.Key = key;
        service.Area = input.Area!.Trim();
        service.Goal = input.Goal!.Trim();
        service.Description = input.Description?.Trim() ?? "";
        if (input.Solutions is not null)
        {
            service.Solutions.RemoveAll(l => !solutions.Contains(l.NationalSolutionId));
            foreach (var id in solutions.Where(id => service.Solutions.All(l => l.NationalSolutionId != id)))
                service.Solutions.Add(new RoadmapServiceSolution { NationalSolutionId = id });
        }
        if (input.Initiatives is not null)
        {
            service.Initiatives.RemoveAll(l => !initiatives.Contains(l.InitiativeId));
            foreach (var id in initiatives.Where(id => service.Initiatives.All(l => l.InitiativeId != id)))
                service.Initiatives.Add(new RoadmapServiceInitiative { InitiativeId = id });
        }
    }

    /// <summary>"Helsepersonell skal ha tilgang til …" → "helsepersonell-skal-ha-tilgang-til": lower case ASCII words, at most 80 characters.</summary>
    public static string KeyFrom(string text)
    {
        var folded = text.Trim().ToLowerInvariant().Replace("æ", "ae").Replace("ø", "o").Replace("å", "a").Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-');
        }
        var key = Regex.Replace(sb.ToString(), "-{2,}", "-").Trim('-');
        // Room for a "-2" suffix; cut at a word boundary where there is one.
        const int max = RoadmapService.KeyMax - 4;
        if (key.Length > max)
        {
            key = key[..max];
            var cut = key.LastIndexOf('-');
            if (cut > max / 2) key = key[..cut];
            key = key.Trim('-');
        }
        return key.Length == 0 ? "tjeneste" : key;
    }

    private static string UniqueKey(string key, ICollection<string> taken)
    {
        if (!taken.Contains(key)) return key;
        for (var i = 2; ; i++)
            if (!taken.Contains($"{key}-{i}")) return $"{key}-{i}";
    }
}
