using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Actors;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Actors;

/// <summary>An actor's facts as a form, shared by New (registering an actor) and Edit (correcting one).</summary>
public abstract class OrganizationFormPage : SamstyringPage
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

    public List<(string, string)> OwnerOptions { get; protected set; } = [];

    /// <summary>Blank rows for adding owners.</summary>
    protected static IEnumerable<OwnerRow> BlankRows() => Enumerable.Range(0, BlankOwnerRows).Select(_ => new OwnerRow());

    /// <summary>
    /// The form as the use case takes it, with the displayed row each owner came from (blank rows are left out). A
    /// population or share that is no number is a field error here, in Norwegian.
    /// </summary>
    protected (OrganizationInput Input, List<int> RowOf) ReadForm()
    {
        ModelState.Clear(); // Our own validation (the use case's) decides; binder messages are English.
        int? population = null;
        var raw = Population?.Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "").Trim();
        if (!string.IsNullOrEmpty(raw))
        {
            if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var p)) population = p;
            else ModelState.AddModelError("population", "Folketall må være et helt tall, for eksempel 12 345.");
        }
        var owners = new List<OwnerInput>();
        var rowOf = new List<int>();
        for (var i = 0; i < Owners.Count; i++)
        {
            var row = Owners[i];
            var share = row.Share?.Replace("%", "").Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "").Replace(',', '.').Trim();
            if (row.Id is null && string.IsNullOrEmpty(share)) continue;
            decimal? value = null;
            if (!string.IsNullOrEmpty(share))
            {
                if (decimal.TryParse(share, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) value = d;
                else ModelState.AddModelError($"owners[{i}].share", $"Eierandelen i rad {i + 1} må være et tall fra 0 til 100, for eksempel 25 eller 33,33.");
            }
            owners.Add(new OwnerInput(row.Id, value));
            rowOf.Add(i);
        }
        return (new OrganizationInput(Name, ShortName, OrgNumber, Type, ActorGroup, Region, owners, population), rowOf);
    }

    /// <summary>The use case numbers the owners it was given (blank rows left out); shows each error on the row as displayed.</summary>
    protected void ShowOwnerErrorsOnDisplayedRows(List<int> rowOf)
    {
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("owners[", StringComparison.Ordinal)).ToList())
        {
            var close = key.IndexOf(']');
            if (close < 0 || !int.TryParse(key[7..close], CultureInfo.InvariantCulture, out var k) || k >= rowOf.Count || rowOf[k] == k) continue;
            MoveErrors(key, $"owners[{rowOf[k]}]{key[(close + 1)..]}");
        }
    }
}
