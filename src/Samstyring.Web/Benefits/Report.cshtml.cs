using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Benefits;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Benefits;

/// <summary>The owner reports the realised value of each benefit for a period, alongside the status report.</summary>
[Authorize]
public sealed class ReportModel(GetBenefits getBenefits, ReportBenefitValues report, GetReportingPeriods periods) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "periode")] public string? ChosenPeriod { get; set; }
    [BindProperty] public string? Period { get; set; }
    /// <summary>Per benefit, in the order shown: its id, the value as typed, the comment and the stored value's version (0: none).</summary>
    [BindProperty] public List<Row> Rows { get; set; } = [];

    public sealed class Row
    {
        public int BenefitId { get; set; }
        public string? Value { get; set; }
        public string? Comment { get; set; }
        public int Version { get; set; }
    }

    public InitiativeBenefits Data { get; private set; } = null!;
    public List<ReportingPeriod> Periods { get; private set; } = [];
    public ReportingPeriod? Current { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ChosenPeriod, ct);
        Fill();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var unreadable = new Dictionary<string, string>();
        var inputs = new List<BenefitValueInput>();
        for (var k = 0; k < Rows.Count; k++)
        {
            var r = Rows[k];
            if (!BenefitText.TryParse(r.Value, "Realisert verdi", out var value, out var error)) unreadable[$"values[{k}].value"] = error!;
            inputs.Add(new BenefitValueInput(r.BenefitId, value, r.Comment, r.Version == 0 ? null : r.Version));
        }
        if (await TryAsync(() => report.HandleAsync(Id, Period, inputs, CurrentUser, ct, unreadable)))
        {
            Flash = $"Realiserte gevinster for {ReportingPeriod.NameOf(Period!.Trim())} er lagret.";
            return Redirect($"/tiltak/{Id}/gevinster");
        }
        for (var k = 0; k < Rows.Count; k++)
        {
            MoveErrors($"values[{k}].value", $"rows[{k}].value");
            MoveErrors($"values[{k}].comment", $"rows[{k}].comment");
            MoveErrors($"values[{k}].benefitId", "");
        }
        MoveErrors("period", "periode");
        MoveErrors("initiative", "");
        MoveErrors("values", "");
        await LoadAsync(Period, ct);
        if (ConflictMessage is not null)
        {
            ModelState.Clear();
            Fill();
        }
        return Page();
    }

    private async Task LoadAsync(string? code, CancellationToken ct)
    {
        Data = await getBenefits.HandleAsync(Id, CurrentUser, ct);
        if (!Data.CanEdit) throw new ForbiddenException("Du kan bare rapportere gevinster for tiltak som din egen organisasjon eier.");
        Periods = await periods.StartedAsync(ct);
        Current = Periods.FirstOrDefault(p => p.Code == code) ?? await periods.CurrentAsync(ct);
        if (Current is not null && Periods.All(p => p.Code != Current.Code)) Current = Periods.FirstOrDefault();
        Period = Current?.Code ?? code;
        ChosenPeriod = Period;
    }

    private void Fill() => Rows = Data.Benefits.Select(b =>
    {
        var stored = b.Values.FirstOrDefault(v => v.Period.Code == Period);
        return new Row { BenefitId = b.Benefit.Id, Value = BenefitText.Format(stored?.Value), Comment = stored?.Comment, Version = stored?.Version ?? 0 };
    }).ToList();
}
