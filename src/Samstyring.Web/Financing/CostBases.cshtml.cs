using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Financing;

/// <summary>
/// A solution's cost bases per year and its life-cycle cost (public). The office adds or changes a year's cost basis;
/// the TBU (and the office) records the figure the TBU calculated. Amounts are typed in kroner.
/// </summary>
public sealed class CostBasesModel(FinancingQueries queries) : SamstyringPage
{
    /// <summary>The form fields for amounts, with the use case's field and the label its messages use.</summary>
    public static readonly (string Field, string CoreField, string Label, string Help)[] Amounts =
    [
        ("management", "managementOre", "Forvaltning", "Budsjett for forvaltning."),
        ("operation", "operationOre", "Drift", "Budsjett for drift."),
        ("development", "developmentOre", "Videreutvikling", "Budsjett for videreutvikling."),
        ("investment", "investmentOre", "Investering", "Holdes atskilt fra løpende kostnader."),
        ("actualRunning", "actualRunningOre", "Regnskap for driften", "Når året er avsluttet."),
        ("actualInvestment", "actualInvestmentOre", "Regnskap for investeringen", "Når året er avsluttet."),
        ("priceWageGrowth", "priceWageGrowthOre", "Endring: pris- og lønnsvekst", "Endring fra året før; kan være negativ."),
        ("volume", "volumeOre", "Endring: volum", "Endring fra året før; kan være negativ."),
        ("newFunctions", "newFunctionsOre", "Endring: nye funksjoner", "Endring fra året før; kan være negativ."),
    ];

    [BindProperty(SupportsGet = true)] public string SolutionKey { get; set; } = "";
    /// <summary>The year the forms work on (GET ?aar=2024).</summary>
    [BindProperty(SupportsGet = true, Name = "aar")] public int? ChosenYear { get; set; }

    public LifeCycleCost Life { get; private set; } = null!;
    public IReadOnlyList<CostBasisView> Bases { get; private set; } = [];
    public int Year { get; private set; }
    public CostBasisView? Current => Bases.FirstOrDefault(b => b.Year == Year);
    /// <summary>Which form failed ("basis" or "tbu"): it shows what was typed.</summary>
    public string? PostedForm { get; private set; }

    public bool CanEdit => FinancingAccess.CanEdit(CurrentUser);
    public bool CanRecordTbu => FinancingAccess.CanRecordTbu(CurrentUser);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostBasisAsync([FromServices] SaveCostBasis save, CancellationToken ct)
    {
        if (!CanEdit) return CurrentUser is null ? Challenge() : Forbid();
        ModelState.Clear();
        PostedForm = "basis";
        var year = FormYear();
        var ore = new Dictionary<string, long?>();
        foreach (var a in Amounts)
        {
            if (KronerInput.TryParse(Form(a.Field), a.Label, out var value, out var error)) ore[a.Field] = value;
            else ModelState.AddModelError(a.Field, error!);
        }
        if (year is null) ModelState.AddModelError("year", "Året må være et årstall, for eksempel 2024.");
        // An amount that cannot be read is shown first; the use case's own checks follow once the amounts can be read.
        if (ModelState.IsValid)
        {
            var input = new CostBasisInput(ore["management"], ore["operation"], ore["development"], ore["investment"], ore["actualRunning"],
                ore["actualInvestment"], ore["priceWageGrowth"], ore["volume"], ore["newFunctions"], Form("note"));
            if (await TryAsync(() => save.HandleAsync(SolutionKey, year!.Value, input, FormInt("version"), CurrentUser, ct)))
            {
                Flash = $"Kostnadsgrunnlaget for {year} er lagret.";
                return Redirect($"/finansiering/kostnader/{Uri.EscapeDataString(SolutionKey)}?aar={year}");
            }
            foreach (var a in Amounts) MoveErrors(a.CoreField, a.Field);
        }
        ChosenYear = year ?? ChosenYear;
        return await PageAfterErrorAsync(ct);
    }

    public async Task<IActionResult> OnPostTbuAsync([FromServices] RecordTbuCalculation record, CancellationToken ct)
    {
        if (!CanRecordTbu) return CurrentUser is null ? Challenge() : Forbid();
        ModelState.Clear();
        PostedForm = "tbu";
        var year = FormYear();
        if (year is null) ModelState.AddModelError("tbu", "Året må være et årstall, for eksempel 2024.");
        if (!KronerInput.TryParse(Form("tbu"), "TBU-tallet", out var tbuOre, out var error)) ModelState.AddModelError("tbu", error!);
        if (ModelState.IsValid)
        {
            if (await TryAsync(() => record.HandleAsync(SolutionKey, year!.Value, tbuOre, FormInt("version"), CurrentUser, ct)))
            {
                Flash = $"TBU-tallet for {year} er registrert.";
                return Redirect($"/finansiering/kostnader/{Uri.EscapeDataString(SolutionKey)}?aar={year}");
            }
            MoveErrors("tbuOre", "tbu");
            MoveErrors("year", "tbu");
        }
        ChosenYear = year ?? ChosenYear;
        return await PageAfterErrorAsync(ct);
    }

    private async Task<IActionResult> PageAfterErrorAsync(CancellationToken ct)
    {
        if (ConflictMessage is not null)
        {
            // Someone saved first: show what is stored now, never overwrite it.
            ModelState.Clear();
            ModelState.AddModelError("", ConflictMessage);
            PostedForm = null;
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Life = await queries.LifeCycleAsync(SolutionKey, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        var bases = new List<CostBasisView>();
        foreach (var y in Life.Years)
            if (await queries.CostBasisAsync(SolutionKey, y.Year, ct) is { } b) bases.Add(b);
        Bases = bases;
        Year = ChosenYear is >= 2000 and <= 2100 ? ChosenYear.Value : Bases.Count > 0 ? Bases[^1].Year : DateTime.UtcNow.Year;
        return true;
    }

    /// <summary>What was typed in the failed form, or the stored value.</summary>
    public string? Value(string form, string name, string? stored) =>
        PostedForm == form && Request.HasFormContentType && Request.Form.ContainsKey(name) ? Request.Form[name].ToString() : stored;

    /// <summary>The stored amount of a field of the chosen year, as kroner for the form.</summary>
    public string Stored(string field) => Current is not { } c ? "" : KronerInput.Format(field switch
    {
        "management" => c.ManagementOre,
        "operation" => c.OperationOre,
        "development" => c.DevelopmentOre,
        "investment" => c.InvestmentOre,
        "actualRunning" => c.ActualRunningOre,
        "actualInvestment" => c.ActualInvestmentOre,
        "priceWageGrowth" => c.PriceWageGrowthOre,
        "volume" => c.VolumeOre,
        "newFunctions" => c.NewFunctionsOre,
        _ => null,
    });

    private string? Form(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var v) ? v.ToString() : null;

    private int? FormInt(string name) => int.TryParse(Form(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private int? FormYear() => FormInt("year");

    public static string Kr(long? ore) => ore is { } o ? Norwegian.Kroner(o) : "–";

    public static string Signed(long? ore) => ore is { } o ? (o < 0 ? "\u2212" + Norwegian.Kroner(-o) : Norwegian.Kroner(o)) : "–";
}

/// <summary>The life-cycle cost as a bar chart drawn on the server: one bar per year, actual (history) or budget (forecast).</summary>
public static class LifeCycleChart
{
    public static string Svg(LifeCycleCost life)
    {
        const int width = 640, height = 260, left = 10, top = 20, bottom = 40;
        var years = life.Years;
        var max = Math.Max(1, years.Max(y => y.ActualOre ?? y.BudgetOre));
        var slot = (width - 2 * left) / (double)years.Count;
        var enc = System.Text.Encodings.Web.HtmlEncoder.Default;
        var description = string.Join("; ", years.Select(y =>
            $"{y.Year}: {Norwegian.Kroner(y.ActualOre ?? y.BudgetOre)} ({(y.IsForecast ? "prognose" : "regnskap")})"));
        var sb = new System.Text.StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"livslop-tittel livslop-beskrivelse\" class=\"lifecycle-chart\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"livslop-tittel\">Livsløpskostnad for {enc.Encode(life.SolutionName)} per år</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<desc id=\"livslop-beskrivelse\">{enc.Encode(description)}. Tallene står også i tabellen under.</desc>");
        for (var i = 0; i < years.Count; i++)
        {
            var y = years[i];
            var value = y.ActualOre ?? y.BudgetOre;
            var h = (height - top - bottom) * (double)value / max;
            var x = left + i * slot + slot * 0.15;
            var w = slot * 0.7;
            var fill = y.IsForecast ? "#8FB8DE" : "#1E5AA8";
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{height - bottom - h:0.#}\" width=\"{w:0.#}\" height=\"{h:0.#}\" fill=\"{fill}\"{(y.IsForecast ? " stroke=\"#1E5AA8\" stroke-dasharray=\"4 2\"" : "")}/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + w / 2:0.#}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\" font-size=\"12\">{y.Year}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + w / 2:0.#}\" y=\"{height - bottom + 32}\" text-anchor=\"middle\" font-size=\"10\">{(y.IsForecast ? "prognose" : "regnskap")}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + w / 2:0.#}\" y=\"{Math.Max(12, height - bottom - h - 4):0.#}\" text-anchor=\"middle\" font-size=\"10\">{Math.Round(value / 100_000_000m, 0).ToString(Norwegian.Culture)} mill.</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}
