using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace Samstyring.Core.Data;

/// <summary>
/// The keys that sign and encrypt login cookies, antiforgery tokens and the sign-in providers' state live in the
/// database (data_protection_keys), under one application name. Every app node over the same database then reads what
/// another issued, and with SQLite (the database in the data directory) they survive a restart. Left to itself ASP.NET Core
/// keeps them per machine and names the application by its folder, so a second node, or a node moved to another
/// folder, would refuse every cookie and form.
/// </summary>
public static class SharedDataProtection
{
    /// <summary>The same on every node: it separates Samstyring's protected data from other applications' only by this name.</summary>
    public const string ApplicationName = "Samstyring";

    public static IDataProtectionBuilder AddSharedDataProtection(this IServiceCollection services) =>
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<SamstyringDb>();

    /// <summary>
    /// Makes the first key at start-up, when the database is known to take changes, rather than at the first form a
    /// visitor opens (which would fail while the database is read-only). Later keys are made ahead of need by the key
    /// ring itself, and a node keeps the keys it has when it cannot reach the table for a while.
    /// </summary>
    public static void EnsureDataProtectionKey(this IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Samstyring.Start").Protect([1]);
}

/// <summary>Keys are working state: not audited (a key is a secret), not in backups (a restored database keeps today's keys).</summary>
public class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.ToTable("data_protection_keys");
        b.Metadata.SetAnnotation(SamstyringDb.Transient, true);
    }
}
