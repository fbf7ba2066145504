using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>A new body: its stable address (slug), first name, settings and optionally its first mandate.</summary>
public sealed record BodyInput(
    string? Slug, string? Name, string? ShortName, string? EstablishedOn, string? Kind, string? Description,
    string? QuorumRule, int? QuorumCount, int? NationalSolutionId, string? Mandate)
{
    public BodySettingsInput Settings => new(Kind, Description, QuorumRule, QuorumCount, NationalSolutionId, null);
}

/// <summary>The secretariat sets up a body of the council model.</summary>
[UseCase]
public sealed partial class CreateBody(SamstyringDb db)
{
    /// <summary>Words the pages use after /organer/ and /sekretariat/organer/; a body cannot take them as its address.</summary>
    private static readonly string[] ReservedSlugs = ["ny", "api"];

    public async Task<Body> HandleAsync(BodyInput input, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var v = new Validator();
        var slug = input.Slug?.Trim() ?? "";
        ValidateSlug(v, slug);
        if (v.IsValid && await db.Bodies.AnyAsync(b => b.Slug == slug, ct))
            v.Add("slug", $"Et organ med adressen «{slug}» finnes allerede.");
        v.Name("name", input.Name, "Navn", Body.NameMax);
        v.Name("shortName", input.ShortName, "Kortnavn", 40, required: false);
        v.Date("establishedOn", input.EstablishedOn, "Gjelder fra", false, out var established);
        var settings = await BodyRules.ValidateSettingsAsync(db, v, input.Settings, ct);
        v.MaxLength("mandate", input.Mandate, "Mandat", Body.TextMax);
        v.ThrowIfInvalid();

        var from = established ?? db.Today;
        var body = new Body { Slug = slug, SortOrder = (await db.Bodies.MaxAsync(b => (int?)b.SortOrder, ct) ?? 0) + 1 };
        settings.ApplyTo(body);
        body.Names.Add(new BodyName { Name = input.Name!.Trim(), ShortName = BodyRules.Blank(input.ShortName), ValidFrom = from });
        if (!string.IsNullOrWhiteSpace(input.Mandate)) body.Mandates.Add(new BodyMandate { Text = input.Mandate.Trim(), ValidFrom = from });
        db.Bodies.Add(body);
        await db.SaveChangesAsync(ct);
        return body;
    }

    public static void ValidateSlug(Validator v, string slug)
    {
        if (slug.Length == 0) v.Add("slug", "Adresse (slug) må fylles ut.");
        else if (slug.Length < Body.SlugMin || slug.Length > Body.SlugMax || !SlugPattern().IsMatch(slug))
            v.Add("slug", $"Adressen kan bare ha små bokstaver a–z, sifre og bindestrek (ikke først eller sist), og må være {Body.SlugMin}–{Body.SlugMax} tegn, for eksempel «nuit» eller «produktstyre-helsenorge».");
        else if (ReservedSlugs.Contains(slug))
            v.Add("slug", $"Adressen «{slug}» er reservert. Velg en annen.");
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
