using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Web.Council.Bodies;

namespace Samstyring.Web.Council.Cycle;

/// <summary>
/// Årshjulet: a calendar across bodies, months as rows and bodies as columns, with each body's recurring cases and the
/// year's meetings. Public; the secretariat also gets links to change the templates and to plan meetings from them.
/// </summary>
public sealed class IndexModel(CouncilQueries queries, TimeProvider clock) : CouncilOfficePage
{
    [BindProperty(SupportsGet = true, Name = "ar")] public string? YearText { get; set; }

    public CycleYear Cycle { get; private set; } = null!;
    public int Year { get; private set; }
    public bool IsSecretariat => CouncilAccess.IsSecretariat(CurrentUser);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year = clock.Today().Year;
        if (TryParseNumber("ar", YearText, "År", out var y) && y is { } year)
        {
            if (year is < CycleItem.MinYear or > CycleItem.MaxYear)
                ModelState.AddModelError("ar", $"Året må være fra {CycleItem.MinYear} til {CycleItem.MaxYear}.");
            else Year = year;
        }
        YearText = Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Cycle = await queries.GetCycleYearAsync(Year, ct);
    }

    public static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpper(s[0], Norwegian.Culture) + s[1..];
}
