using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Actors;

/// <summary>The office corrects an actor: name, type, group, region, owners with their shares, population.</summary>
[Authorize(Policy = "office")]
public sealed class EditModel(OrganizationQueries organizations, UpdateOrganization update) : SamstyringPage
{
    /// <summary>Blank owner rows offered for adding owners (a row left blank is ignored).</summary>
    public const int BlankOwnerRows = 2;

    /// <summary>One owner row of the form: the owner chosen and the share as typed ("25", "33,33", "" when not known).</summary>
    public sealed class OwnerRow
    {
        public int? Id { get; set; }
        public string? Share { get; set; }
    }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? ShortName { get; set; }
    [BindProperty] public string? OrgNumber { get; set; }
    [BindProperty] public string? Type { get; set; }
    [BindProperty] public string? ActorGroup { get; set; }
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public List<OwnerRow> Owners { get; set; } = [];
    // Text, so a typo gets a Norwegian message from us rather than the model binder's English one.
    [BindProperty] public string? Population { get; set; }
    [BindProperty] public int Version { get; set; }

    public OrganizationDetails Details { get; private set; } = null!;
    public Organization Organization => Details.Organization;
    public List<(string, string)> OwnerOptions { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        CopyFrom(Organization);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        ModelState.Clear(); // Our own validation (the use case's) decides; binder messages are English.
        int? population = null;
        var raw = Population?.Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "").Trim();
        if (!string.IsNullOrEmpty(raw))
        {
            if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var p)) population = p;
            else ModelState.AddModelError("population", "Folketall må være et helt tall, for eksempel 12 345.");
        }
        var (owners, rowOf) = ReadOwners();
        var ok = ModelState.IsValid && await TryAsync(() => update.HandleAsync(id,
            new OrganizationInput(Name, ShortName, OrgNumber, Type, ActorGroup, Region, owners, population), Version, CurrentUser, ct));
        await LoadAsync(id, ct);
        if (ok)
        {
            Flash = "Aktøren er oppdatert.";
            return Redirect($"/aktorer/{id}");
        }
        if (ConflictMessage is not null)
        {
            // Someone saved first: show what is there now, so the user redoes their change on top of it.
            ModelState.Clear();
            CopyFrom(Organization);
            return Page();
        }
        // The use case numbers the owners it was given (blank rows left out); show each error on the row as displayed.
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("owners[", StringComparison.Ordinal)).ToList())
        {
            var close = key.IndexOf(']');
            if (close < 0 || !int.TryParse(key[7..close], CultureInfo.InvariantCulture, out var k) || k >= rowOf.Count || rowOf[k] == k) continue;
            MoveErrors(key, $"owners[{rowOf[k]}]{key[(close + 1)..]}");
        }
        return Page();
    }

    /// <summary>The owner rows that are filled in, each with the displayed row it came from; a share that is no number is a field error.</summary>
    private (List<OwnerInput> Owners, List<int> RowOf) ReadOwners()
    {
        var owners = new List<OwnerInput>();
        var rowOf = new List<int>();
        for (var i = 0; i < Owners.Count; i++)
        {
            var row = Owners[i];
            var raw = row.Share?.Replace("%", "").Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "").Replace(',', '.').Trim();
            if (row.Id is null && string.IsNullOrEmpty(raw)) continue;
            decimal? share = null;
            if (!string.IsNullOrEmpty(raw))
            {
                if (decimal.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) share = d;
                else ModelState.AddModelError($"owners[{i}].share", $"Eierandelen i rad {i + 1} må være et tall fra 0 til 100, for eksempel 25 eller 33,33.");
            }
            owners.Add(new OwnerInput(row.Id, share));
            rowOf.Add(i);
        }
        return (owners, rowOf);
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Details = await organizations.GetAsync(id, ct);
        OwnerOptions = await organizations.OptionsAsync(except: id, ct);
    }

    private void CopyFrom(Organization o)
    {
        Name = o.Name;
        ShortName = o.ShortName;
        OrgNumber = o.OrgNumber;
        Type = o.Type.Code();
        ActorGroup = o.ActorGroup.Code();
        Region = o.Region?.Code();
        Owners = Details.Owners.Select(x => new OwnerRow { Id = x.Id, Share = x.Share?.ToString("0.##", Norwegian.Culture) })
            .Concat(Enumerable.Range(0, BlankOwnerRows).Select(_ => new OwnerRow())).ToList();
        Population = o.Population?.ToString(CultureInfo.InvariantCulture);
        Version = o.Version;
    }
}
