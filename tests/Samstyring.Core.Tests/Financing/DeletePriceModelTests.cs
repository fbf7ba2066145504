using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;

namespace Samstyring.Core.Tests.Financing;

/// <summary>The office deletes drafts and scenarios, never an adopted model; the copies of a deleted model stay.</summary>
public abstract class DeletePriceModelTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    private Task DeleteAsync(int id, int? version, CurrentUser? user) => db.SendAsync((DeletePriceModel u) => u.HandleAsync(id, version, user), user);

    [Fact]
    public async Task A_draft_goes_with_its_shares_entries_and_steps_and_its_copies_stay()
    {
        if (!db.Available) return;
        var draft = await db.ComputableDraftAsync(2091);
        var copy = await db.SendAsync((CreatePriceModel u) => u.HandleAsync(new CreatePriceModelInput(draft.Id, null, null, true, null), db.Office), db.Office);
        var before = await db.FinancingCountsAsync();

        await DeleteAsync(draft.Id, draft.Version, db.Office);

        Assert.False(await db.QueryAsync(x => x.PriceModels.AnyAsync(m => m.Id == draft.Id)));
        var after = await db.FinancingCountsAsync();
        Assert.Equal((before.Models - 1, before.Shares - 3, before.Entries - 4, before.Steps - 1), (after.Models, after.Shares, after.Entries, after.Steps));
        var kept = await db.LoadModelAsync(copy.Id);
        Assert.Null(kept.BasedOnId);
        Assert.Equal(3, kept.Shares.Count);
        Assert.True(await db.QueryAsync(x => x.AuditLog.AnyAsync(a => a.EntityType == nameof(PriceModel) && a.EntityId == draft.Id.ToString() && a.Action == "Deleted" && a.UserName == "kontor")));
        Assert.True(await db.QueryAsync(x => x.AuditLog.AnyAsync(a => a.EntityType == nameof(KeyEntry) && a.Action == "Deleted")));

        // A scenario may go whatever its status.
        await DeleteAsync(copy.Id, kept.Version, db.Office);
        Assert.Equal(before.Models - 2, (await db.FinancingCountsAsync()).Models);
    }

    [Fact]
    public async Task An_adopted_model_is_never_deleted()
    {
        if (!db.Available) return;
        var adopted = await db.AdoptAsync(await db.ComputableDraftAsync(2092));
        var errors = await TestHelpers.AssertInvalidAsync(() => DeleteAsync(adopted.Id, adopted.Version, db.Office), "model");
        Assert.Contains("kan ikke slettes", Assert.Single(errors["model"]));
        var replacing = await db.AdoptAsync(await db.ComputableDraftAsync(2092));
        var replaced = await db.LoadModelAsync(adopted.Id);
        Assert.Equal(PriceModelStatus.Replaced, replaced.Status);
        await TestHelpers.AssertInvalidAsync(() => DeleteAsync(adopted.Id, replaced.Version, db.Office), "model");
        Assert.True(await db.QueryAsync(x => x.PriceModels.AnyAsync(m => m.Id == adopted.Id)));
        Assert.NotEqual(adopted.Id, replacing.Id);
    }

    [Fact]
    public async Task The_version_is_required_and_only_the_office_deletes()
    {
        if (!db.Available) return;
        var draft = await db.CreateModelAsync(2093);
        await Assert.ThrowsAsync<VersionRequiredException>(() => DeleteAsync(draft.Id, null, db.Office));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => DeleteAsync(draft.Id, draft.Version + 1, db.Office));
        foreach (var user in new[] { await db.TbuAsync(), db.Member, db.OwnerOslo, null })
            await Assert.ThrowsAsync<ForbiddenException>(() => DeleteAsync(draft.Id, draft.Version, user));
        await Assert.ThrowsAsync<NotFoundException>(() => DeleteAsync(999_999, 1, db.Office));
        Assert.True(await db.QueryAsync(x => x.PriceModels.AnyAsync(m => m.Id == draft.Id)));
    }
}

public sealed class DeletePriceModelTestsSqlite(SqliteDatabase db) : DeletePriceModelTests(db), IClassFixture<SqliteDatabase>;

public sealed class DeletePriceModelTestsPostgres(PostgresDatabase db) : DeletePriceModelTests(db), IClassFixture<PostgresDatabase>;
