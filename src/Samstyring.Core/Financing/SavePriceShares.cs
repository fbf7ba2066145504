using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;

public sealed record KeyEntryInput(int? OrganizationId, long? Weight);
public sealed record ShareInput(string? Group, decimal? Percent, string? Key, string? PopulationOn, string? Collection, IReadOnlyList<KeyEntryInput>? Entries);

/// <summary>
/// Replaces one solution's group shares in a draft or scenario, all at once: they must add up to 100 %, and every key must be
/// whole. An empty list takes the solution out of the model. The office only.
/// </summary>
[UseCase]
public sealed class SavePriceShares(SamstyringDb db)
{
    public async Task<PriceModel> HandleAsync(int modelId, string solutionKey, IReadOnlyList<ShareInput> shares, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        FinancingAccess.RequireEditor(user);
        var model = await PriceModelEditing.LoadAsync(db, modelId, ct);
        db.ExpectVersion(model, expectedVersion);
        PriceModelEditing.RequireEditable(model);
        var solution = await PriceModelEditing.SolutionAsync(db, solutionKey, ct);
        var actors = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);

        var v = new Validator();
        if (shares is null) throw ValidationFailedException.For("shares", "Andelene må oppgis (en tom liste tar løsningen ut av prismodellen).");
        if (shares.Count > Enum.GetValues<PayerGroup>().Length)
            throw ValidationFailedException.For("shares", $"Det kan være høyst én andel per gruppe ({Enum.GetValues<PayerGroup>().Length}), ikke {shares.Count}.");
        var created = new List<PriceModelShare>();
        var groups = new HashSet<PayerGroup>();
        var allPercentsValid = true;
        for (var i = 0; i < shares.Count; i++)
        {
            if (shares[i] is null) { v.Add($"shares[{i}]", "Andelen mangler."); allPercentsValid = false; continue; }
            var share = await ValidateAsync(db, v, $"shares[{i}]", shares[i], model.Year, actors, ct);
            if (share is null) { allPercentsValid &= ValidPercent(shares[i].Percent); continue; }
            if (!groups.Add(share.Group)) v.Add($"shares[{i}].group", $"Gruppen «{share.Group.Label()}» er oppgitt mer enn én gang.");
            share.SolutionId = solution.Id;
            created.Add(share);
        }
        if (allPercentsValid && shares.Count > 0)
        {
            var points = shares.Sum(s => (int)(s.Percent!.Value * 100));
            if (points != 10_000)
                v.Add("shares", $"Andelene er til sammen {PriceModelCalculator.Percent(points)}, men må bli 100 %.");
        }
        v.ThrowIfInvalid();

        foreach (var old in model.Shares.Where(s => s.SolutionId == solution.Id).ToList())
        {
            model.Shares.Remove(old);
            db.PriceModelShares.Remove(old);
        }
        model.Shares.AddRange(created);
        PriceModelEditing.Touch(db, model);
        await db.SaveChangesAsync(ct);
        return model;
    }

    private static bool ValidPercent(decimal? p) => p is >= 0 and <= 100 && p * 100 == decimal.Truncate(p.Value * 100);

    /// <summary>
    /// One share checked whole (group, percent, key, population date and figures, entries, collection); every problem goes
    /// to <paramref name="v"/> under <paramref name="prefix"/>. The share, unsaved and without its solution, when it is valid.
    /// </summary>
    internal static async Task<PriceModelShare?> ValidateAsync(SamstyringDb db, Validator v, string prefix, ShareInput input, int year,
        IReadOnlyDictionary<int, Organization> actors, CancellationToken ct)
    {
        var own = new Validator();
        void Add(string field, string message) => own.Add($"{prefix}.{field}", message);
        own.Enum<PayerGroup>($"{prefix}.group", input.Group, "Gruppen", required: true, out var group);
        own.Enum<DistributionKey>($"{prefix}.key", input.Key, "Fordelingsnøkkelen", required: true, out var key);
        own.Enum<CollectionMethod>($"{prefix}.collection", input.Collection, "Innkrevingsmåten", required: false, out var collection);
        var points = PriceModelEditing.BasisPoints(own, $"{prefix}.percent", input.Percent);

        DateOnly? populationOn = null;
        var entries = new List<KeyEntry>();
        var entryInputs = input.Entries ?? [];
        if (key == DistributionKey.Population)
        {
            if (group is { } g && g != PayerGroup.Municipalities)
                Add("key", $"Nøkkelen etter folketall kan bare brukes for kommunene, ikke for {PriceModelEditing.GroupName(g)}.");
            if (entryInputs.Count > 0)
                Add("entries", "Nøkkelen etter folketall tar aktørene fra folketallene; oppgi ingen aktører.");
            var dateCheck = new Validator().Date($"{prefix}.populationOn", input.PopulationOn, "Datoen for folketallet", required: false, out var parsed);
            own.Include(dateCheck);
            if (dateCheck.IsValid)
            {
                populationOn = parsed ?? new DateOnly(year, 1, 1);
                if (await PriceModelEditing.PopulationProblemAsync(db, populationOn.Value, ct) is { } problem) Add("populationOn", problem);
            }
        }
        else if (key is not null && entryInputs.Count > actors.Count)
        {
            // More lines than there are actors cannot be right, and listing an error per line would only echo the flood back.
            Add("entries", $"Nøkkelen har {Norwegian.Number(entryInputs.Count)} linjer, men det finnes bare {Norwegian.Number(actors.Count)} aktører.");
        }
        else if (key is { } k)
        {
            var seen = new HashSet<int>();
            for (var j = 0; j < entryInputs.Count; j++)
            {
                var e = entryInputs[j];
                var at = $"entries[{j}]";
                if (e.OrganizationId is not { } orgId) Add($"{at}.organizationId", "Aktøren må velges.");
                else if (!actors.ContainsKey(orgId)) Add($"{at}.organizationId", $"Fant ingen aktør med id {orgId}.");
                else if (!seen.Add(orgId)) Add($"{at}.organizationId", $"{actors[orgId].Name} er oppgitt mer enn én gang.");
                long weight = 1;
                if (k is DistributionKey.Fixed or DistributionKey.Usage)
                {
                    if (e.Weight is not { } w) Add($"{at}.weight", "Vekten må fylles ut.");
                    else if (w < 0) Add($"{at}.weight", "Vekten kan ikke være negativ.");
                    else if (w > PriceModelEditing.MaxWeight) Add($"{at}.weight", $"Vekten kan ikke være over {Norwegian.Number(PriceModelEditing.MaxWeight)}.");
                    else weight = w;
                }
                if (e.OrganizationId is { } id) entries.Add(new KeyEntry { OrganizationId = id, Weight = weight });
            }
            if (k is DistributionKey.Fixed or DistributionKey.Usage)
            {
                if (entryInputs.Count == 0) Add("entries", "Nøkkelen må ha minst én aktør med vekt.");
                else if (entryInputs.All(e => e.Weight is null or <= 0)) Add("entries", "Minst én aktør må ha en vekt større enn null.");
                // The regional health authorities' key is agreed among all four: none may be left out by mistake.
                if (group == PayerGroup.RegionalHealthAuthorities)
                {
                    var missing = actors.Values.Where(a => a.Type == OrganizationType.Rhf && !seen.Contains(a.Id)).OrderBy(a => a.Name).Select(a => a.Name).ToList();
                    if (missing.Count > 0) Add("entries", $"Nøkkelen mangler {Norwegian.List(missing)}.");
                }
            }
            else if (entryInputs.Count == 0 && group is { } g
                     && !PriceModelCalculator.DefaultMembers(g, actors.Values, new DateOnly(year, 1, 1)).Any())
                Add("entries", $"Gruppen {PriceModelEditing.GroupName(g)} har ingen aktører som deler likt uten videre; velg aktørene.");
        }

        v.Include(own);
        if (!own.IsValid) return null;
        return new PriceModelShare
        {
            Group = group!.Value,
            BasisPoints = points!.Value,
            Key = key!.Value,
            PopulationOn = populationOn,
            Collection = collection ?? PriceModelEditing.DefaultCollection(group.Value),
            Entries = entries,
        };
    }
}
