using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>What adding, changing and deleting a recurring case template share.</summary>
internal static class CycleRules
{
    public static async Task<CycleItem> LoadForChangeAsync(SamstyringDb db, int id, CurrentUser? user, CancellationToken ct)
    {
        CouncilAccess.RequireSecretariat(user);
        var item = await db.CycleItems.SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException($"Fant ikke årshjulpunkt {id}.");
        return item;
    }

    public static async Task ApplyAsync(SamstyringDb db, CycleItem item, CycleInput input, CancellationToken ct)
    {
        var v = new Validator();
        int? bodyId = null;
        if (string.IsNullOrWhiteSpace(input.Body)) v.Add("body", "Velg hvilket organ saken går til.");
        else
        {
            bodyId = await db.Bodies.Where(b => b.Slug == input.Body.Trim()).Select(b => (int?)b.Id).SingleOrDefaultAsync(ct);
            if (bodyId is null) v.Add("body", $"Fant ikke organet «{Validator.Truncate(input.Body)}».");
        }
        if (input.Month is null) v.Add("month", "Måned må velges.");
        else if (input.Month is < 1 or > 12) v.Add("month", "Måned må være et tall fra 1 til 12.");
        v.Name("title", input.Title, "Tittel", CouncilCase.TitleMax);
        v.Enum<CaseType>("type", input.Type, "Sakstype", true, out var type);
        v.MaxLength("description", input.Description, "Beskrivelse", CycleItem.TextMax);
        v.MaxLength("proposedDecision", input.ProposedDecision, "Forslag til vedtak", CycleItem.TextMax);
        v.ThrowIfInvalid();
        item.BodyId = bodyId!.Value;
        item.Month = input.Month!.Value;
        item.Title = input.Title!.Trim();
        item.Type = type!.Value;
        item.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        item.ProposedDecision = string.IsNullOrWhiteSpace(input.ProposedDecision) ? null : input.ProposedDecision.Trim();
    }
}
