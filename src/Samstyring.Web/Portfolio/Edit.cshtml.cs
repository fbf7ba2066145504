using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Actors;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>Changes an initiative's details. Saves only if nobody else saved since the form was loaded.</summary>
[Authorize]
public sealed class EditModel(GetInitiative getInitiative, UpdateInitiative update, OrganizationQueries organizations) : InitiativePage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? PlannedStart { get; set; }
    [BindProperty] public string? PlannedEnd { get; set; }
    [BindProperty] public string? ContactPerson { get; set; }
    [BindProperty] public string? Segment { get; set; }
    [BindProperty] public int? OwnerId { get; set; }
    [BindProperty] public int Version { get; set; }

    public Initiative Stored { get; private set; } = null!;
    public bool IsOffice => CurrentUser?.IsOffice == true;
    public List<(string, string)> Owners { get; private set; } = [];
    /// <summary>What the user tried to save when someone else saved first, shown so they can redo it.</summary>
    public InitiativeInput? Rejected { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        FillFromStored();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = new InitiativeInput(Name, Description, IsOffice ? OwnerId : null, Kind, null, PlannedStart, PlannedEnd, ContactPerson,
            IsOffice ? Segment ?? "" : null);
        if (await TryAsync(() => update.HandleAsync(Id, input, Version, CurrentUser, ct)))
        {
            Flash = "Endringene er lagret.";
            return Redirect($"/tiltak/{Id}");
        }
        await LoadAsync(ct);
        if (ConflictMessage is not null)
        {
            // Never overwrite: show what is stored now, with its version, and what the user tried to save.
            Rejected = input;
            ModelState.Clear();
            FillFromStored();
        }
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var details = await LoadEditableAsync(getInitiative, Id, ct);
        Stored = details.Initiative;
        if (IsOffice) Owners = await organizations.OptionsAsync(ct: ct);
    }

    private void FillFromStored()
    {
        Name = Stored.Name;
        Description = Stored.Description;
        Kind = Stored.Kind.Code();
        PlannedStart = Stored.PlannedStart?.ToString("yyyy-MM-dd");
        PlannedEnd = Stored.PlannedEnd?.ToString("yyyy-MM-dd");
        ContactPerson = Stored.ContactPerson;
        Segment = Stored.Segment?.Code();
        OwnerId = Stored.OwnerId;
        Version = Stored.Version;
    }

    public string OwnerName(int? id) => Owners.FirstOrDefault(o => o.Item1 == id?.ToString()).Item2 ?? Stored.Owner.Name;
}
