using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Actors;
using Samstyring.Core.Benefits;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Benefits;

/// <summary>Adds a benefit to an initiative, or changes one (from the version the form was filled from).</summary>
[Authorize]
public sealed class EditModel(GetBenefits getBenefits, SaveBenefit save, DeleteBenefit delete, OrganizationQueries organizations) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public int? BenefitId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Type { get; set; }
    [BindProperty] public string? Stakeholder { get; set; }
    [BindProperty] public string? OwnerId { get; set; }
    [BindProperty] public string? Indicator { get; set; }
    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public string? Baseline { get; set; }
    [BindProperty] public string? BaselineOn { get; set; }
    [BindProperty] public string? Target { get; set; }
    [BindProperty] public string? TargetDue { get; set; }
    [BindProperty] public bool ValuedInNok { get; set; }
    [BindProperty] public string? NokPerUnit { get; set; }
    [BindProperty] public string? Actions { get; set; }
    [BindProperty] public int Version { get; set; }

    public InitiativeBenefits Data { get; private set; } = null!;
    public List<(string, string)> Owners { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var b = Data.Benefits.FirstOrDefault(x => x.Benefit.Id == BenefitId)?.Benefit;
        if (BenefitId is not null && b is null) throw new NotFoundException($"Fant ikke gevinst {BenefitId} på tiltak {Id}.");
        Fill(b);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var unreadable = new Dictionary<string, string>();
        decimal? Number(string? text, string field, string label)
        {
            if (BenefitText.TryParse(text, label, out var v, out var error)) return v;
            unreadable[field] = error!;
            return null;
        }
        int? owner = int.TryParse(OwnerId, out var o) ? o : null;
        long? perUnit = null;
        if (ValuedInNok && !KronerInput.TryParse(NokPerUnit, "Verdi per enhet", out perUnit, out var perError)) unreadable["nokPerUnitOre"] = perError!;
        var input = new BenefitInput(Title, Type, Stakeholder, owner, Indicator, Unit, Number(Baseline, "baseline", "Utgangsverdi"), BaselineOn,
            Number(Target, "target", "Målverdi"), TargetDue, ValuedInNok, ValuedInNok ? perUnit : null, Actions);
        if (await TryAsync(() => save.HandleAsync(Id, BenefitId, input, BenefitId is null ? null : Version, CurrentUser, ct, unreadable)))
        {
            Flash = BenefitId is null ? $"Gevinsten «{Title!.Trim()}» er lagt til." : $"Gevinsten «{Title!.Trim()}» er lagret.";
            return Redirect($"/tiltak/{Id}/gevinster");
        }
        MoveErrors("nokPerUnitOre", "nokPerUnit");
        await LoadAsync(ct);
        if (ConflictMessage is not null)
        {
            // Someone else saved the benefit meanwhile: show what they saved, never overwrite it.
            ModelState.Clear();
            Fill(Data.Benefits.FirstOrDefault(x => x.Benefit.Id == BenefitId)?.Benefit);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (BenefitId is { } id && await TryAsync(() => delete.HandleAsync(Id, id, Version, CurrentUser, ct)))
        {
            Flash = "Gevinsten er slettet.";
            return Redirect($"/tiltak/{Id}/gevinster");
        }
        await LoadAsync(ct);
        ModelState.Clear();
        ModelState.AddModelError("", ConflictMessage ?? "Gevinsten ble ikke slettet.");
        Fill(Data.Benefits.FirstOrDefault(x => x.Benefit.Id == BenefitId)?.Benefit);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Data = await getBenefits.HandleAsync(Id, CurrentUser, ct);
        if (!Data.CanEdit) throw new ForbiddenException("Du kan bare endre gevinster for tiltak som din egen organisasjon eier.");
        Owners = await organizations.OptionsAsync(ct: ct);
    }

    private void Fill(Benefit? b)
    {
        Title = b?.Title;
        Type = b?.Type.Code();
        Stakeholder = b?.Stakeholder.Code();
        OwnerId = (b?.OwnerId ?? Data.Initiative.OwnerId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Indicator = b?.Indicator;
        Unit = b?.Unit;
        Baseline = BenefitText.Format(b?.Baseline);
        BaselineOn = b?.BaselineOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Target = BenefitText.Format(b?.Target);
        TargetDue = b?.TargetDue.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        ValuedInNok = b?.ValuedInNok ?? false;
        NokPerUnit = KronerInput.Format(b?.NokPerUnitOre);
        Actions = b?.Actions;
        Version = b?.Version ?? 0;
    }
}
