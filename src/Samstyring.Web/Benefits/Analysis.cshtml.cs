using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Benefits;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Benefits;

/// <summary>
/// The office or the owning organisation enters the initiative's socio-economic analysis: the discount rate, a note and up
/// to <see cref="SaveAnalysis.MaxAlternatives"/> alternatives, each with its non-valued effects and its years as lines of
/// «år; kostnad; nytte» (semicolons or tabs, so lines pasted from a spreadsheet work). Works without JavaScript: the form
/// always has one empty alternative to fill in, and an alternative left empty is dropped.
/// </summary>
[Authorize]
public sealed class AnalysisModel(GetBenefits getBenefits, SaveAnalysis save) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? DiscountRate { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public List<AlternativeForm> Alternatives { get; set; } = [];
    [BindProperty] public int Version { get; set; }

    public InitiativeBenefits Data { get; private set; } = null!;

    public sealed class AlternativeForm
    {
        public string? Name { get; set; }
        public string? NonValuedEffects { get; set; }
        public string? Years { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(NonValuedEffects) && string.IsNullOrWhiteSpace(Years);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Fill(Data.Analysis);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var unreadable = new Dictionary<string, string>();
        decimal? rate = null;
        if (!BenefitText.TryParse(DiscountRate, "Diskonteringsrenten", out rate, out var rateError)) unreadable["discountRate"] = rateError!;

        // The alternatives filled in, with where each came from in the form and which line each year came from.
        var filled = Alternatives.Take(SaveAnalysis.MaxAlternatives + 1).Select((a, k) => (Form: a, Index: k)).Where(x => !x.Form.IsBlank).ToList();
        var lines = new List<List<int>>();
        var inputs = new List<AlternativeInput>();
        for (var j = 0; j < filled.Count; j++)
        {
            var (form, _) = filled[j];
            var (years, lineNumbers, error) = ReadYears(form.Years);
            if (error is not null) unreadable[$"alternatives[{j}].years"] = error;
            lines.Add(lineNumbers);
            inputs.Add(new AlternativeInput(form.Name, form.NonValuedEffects, years));
        }

        var input = new AnalysisInput(rate, Note, inputs);
        if (await TryAsync(() => save.HandleAsync(Id, input, Version, CurrentUser, ct, unreadable)))
        {
            Flash = "Den samfunnsøkonomiske analysen er lagret.";
            return Redirect($"/tiltak/{Id}/gevinster#analyse");
        }
        // The use case names the alternatives it got; the form shows them where the user typed them, and a year's error
        // beside the lines of years, with the line it came from.
        for (var j = filled.Count - 1; j >= 0; j--)
        {
            var k = filled[j].Index;
            foreach (var key in ModelState.Keys.Where(x => x.StartsWith($"alternatives[{j}].", StringComparison.Ordinal)).ToList())
            {
                var rest = key[$"alternatives[{j}].".Length..];
                if (rest.StartsWith("years[", StringComparison.Ordinal) && int.TryParse(rest[6..rest.IndexOf(']')], CultureInfo.InvariantCulture, out var n))
                    MoveErrors(key, $"alternatives[{k}].years", $"Linje {(n < lines[j].Count ? lines[j][n] : n + 1)}: ");
                else if (j != k) MoveErrors(key, $"alternatives[{k}].{rest}");
            }
        }
        await LoadAsync(ct);
        if (ConflictMessage is not null)
        {
            // Someone else saved the analysis meanwhile: show what they saved, never overwrite it.
            ModelState.Clear();
            Fill(Data.Analysis);
        }
        else Pad();
        return Page();
    }

    /// <summary>Lines of «år; kostnad; nytte» in kroner; empty lines are skipped. The first unreadable line gives the error.</summary>
    public static (List<AnalysisYearInput> Years, List<int> Lines, string? Error) ReadYears(string? text)
    {
        var years = new List<AnalysisYearInput>();
        var numbers = new List<int>();
        var all = (text ?? "").Split('\n');
        for (var n = 0; n < all.Length; n++)
        {
            var line = all[n].Trim();
            if (line.Length == 0) continue;
            var at = $"Linje {n + 1}: ";
            var parts = line.Split([';', '\t']);
            if (parts.Length != 3)
                return (years, numbers, at + $"skriv år; kostnad; nytte, for eksempel «2024; 1 200 000; 0», ikke «{Validator.Truncate(line)}».");
            if (!int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                return (years, numbers, at + $"året må være et årstall, ikke «{Validator.Truncate(parts[0].Trim())}».");
            if (!KronerInput.TryParse(parts[1], "kostnaden", out var cost, out var costError)) return (years, numbers, at + costError);
            if (!KronerInput.TryParse(parts[2], "nytten", out var benefit, out var benefitError)) return (years, numbers, at + benefitError);
            years.Add(new AnalysisYearInput(year, cost ?? 0, benefit ?? 0));
            numbers.Add(n + 1);
        }
        return (years, numbers, null);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Data = await getBenefits.HandleAsync(Id, CurrentUser, ct);
        if (!Data.CanEdit) throw new ForbiddenException("Du kan bare endre analysen for tiltak som din egen organisasjon eier.");
    }

    private void Fill(BenefitAnalysis? a)
    {
        DiscountRate = Core.Benefits.DiscountRate.ToPercent(a?.DiscountRateBasisPoints ?? Core.Benefits.DiscountRate.Default).ToString("0.##", Norwegian.Culture);
        Note = a?.Note;
        Alternatives = (a?.Alternatives ?? []).OrderBy(x => x.Number).Select(x => new AlternativeForm
        {
            Name = x.Name,
            NonValuedEffects = x.NonValuedEffects,
            Years = string.Join("\n", x.Years.OrderBy(y => y.Year).Select(y =>
                $"{y.Year.ToString(CultureInfo.InvariantCulture)}; {KronerInput.Format(y.CostOre)}; {KronerInput.Format(y.BenefitOre)}")),
        }).ToList();
        Version = a?.Version ?? 0;
        Pad();
    }

    /// <summary>One empty alternative to fill in, while there is room for one.</summary>
    private void Pad()
    {
        if (Alternatives.Count < SaveAnalysis.MaxAlternatives && !Alternatives.Any(x => x.IsBlank)) Alternatives.Add(new AlternativeForm());
    }
}
