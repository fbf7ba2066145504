using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Office;

/// <summary>Edits a case's content; a case not yet decided can be withdrawn while it is the last in the body's year.</summary>
[Authorize(Policy = "office")]
public sealed class CaseEditModel(UpdateCase updateCase, WithdrawCase withdrawCase, CouncilQueries queries) : CaseFormPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }

    public CaseView Case { get; private set; } = null!;
    public bool Withdrawing { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Fill(Case);
        Version = Case.Version;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (await TryAsync(() => updateCase.HandleAsync(Id, Input(), Version, CurrentUser, ct)))
        {
            Flash = "Endringene i saken er lagret.";
            return Redirect($"/saker/{Id}");
        }
        await LoadAsync(ct);
        MoveErrors("status", "");
        if (ConflictMessage is not null)
        {
            ModelState.Clear();
            Fill(Case);
            Version = Case.Version;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        ModelState.Clear();
        await LoadAsync(ct);
        if (await TryAsync(() => withdrawCase.HandleAsync(Id, Version, CurrentUser, ct)))
        {
            Flash = $"Sak {Case.Number} «{Case.Title}» er trukket.";
            return Redirect(Case.MeetingId is { } mid ? $"/sekretariat/moter/{mid}/rediger" : "/sekretariat");
        }
        Withdrawing = true;
        MoveErrors("case", "");
        MoveErrors("status", "");
        var errors = ModelState.Where(e => e.Value?.Errors.Count > 0).SelectMany(e => e.Value!.Errors.Select(x => (e.Key, x.ErrorMessage))).ToList();
        ModelState.Clear();
        Fill(Case);
        Version = Case.Version;
        if (ConflictMessage is null) foreach (var (k, m) in errors) ModelState.AddModelError(k, m);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Case = await queries.GetCaseAsync(Id, CurrentUser, ct);
        TypeLocked = Case.Standing != StandingCase.None;
    }
}
