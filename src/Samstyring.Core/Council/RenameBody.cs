using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>A new name from a date; earlier names stay, so old meetings keep the name they were held under.</summary>
public sealed record BodyNameInput(string? Name, string? ShortName, string? ValidFrom);

/// <summary>Gives the body a new name from a date. The slug stays; earlier names stay for the meetings held under them.</summary>
[UseCase]
public sealed class RenameBody(SamstyringDb db)
{
    public async Task<BodyName> HandleAsync(string slug, BodyNameInput input, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var body = await BodyRules.LoadAsync(db, slug, ct);
        var v = new Validator();
        v.Name("name", input.Name, "Nytt navn", Body.NameMax);
        v.Name("shortName", input.ShortName, "Kortnavn", 40, required: false);
        v.Date("validFrom", input.ValidFrom, "Gjelder fra", true, out var from);
        if (from is { } f)
        {
            if (body.Names.Any(n => n.ValidFrom == f))
                v.Add("validFrom", $"Organet har allerede et navn som gjelder fra {Norwegian.Date(f)}. Velg en annen dato.");
            else if (!string.IsNullOrWhiteSpace(input.Name) && body.Names.Count > 0
                     && string.Equals(body.NameOn(f).Name, UnicodeText.Normal(input.Name), StringComparison.Ordinal)
                     && string.Equals(body.NameOn(f).ShortName, BodyRules.Blank(input.ShortName), StringComparison.Ordinal))
                v.Add("name", $"Organet heter allerede «{input.Name.Trim()}» {Norwegian.Date(f)}.");
        }
        v.ThrowIfInvalid();
        var name = new BodyName { BodyId = body.Id, Name = input.Name!.Trim(), ShortName = BodyRules.Blank(input.ShortName), ValidFrom = from!.Value };
        db.BodyNames.Add(name);
        await db.SaveChangesAsync(ct);
        return name;
    }
}
