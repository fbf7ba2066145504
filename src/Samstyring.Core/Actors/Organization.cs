using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Common;

namespace Samstyring.Core.Actors;

public enum OrganizationType
{
    [Label("Departement")] Departement,
    [Label("Direktorat/etat")] Direktorat,
    [Label("Statsforetak")] Statsforetak,
    [Label("Regionalt helseforetak")] Rhf,
    [Label("Helseforetak")] Hf,
    [Label("Kommune")] Kommune,
    [Label("KS")] Ks,
    [Label("Fastlege/legekontor")] Fastlege,
    [Label("Pasient- og brukerorganisasjon")] Pasientorganisasjon,
    [Label("Fagorganisasjon")] Fagorganisasjon,
    [Label("Leverandør")] Leverandor,
    [Label("Annet")] Annet,
}

/// <summary>Aktørgruppe.</summary>
public enum ActorGroup
{
    [Label("Spesialisthelsetjenesten")] Spesialisthelsetjenesten,
    [Label("Kommunehelsetjenesten")] Kommunehelsetjenesten,
    [Label("Helseforvaltningen")] Helseforvaltningen,
    [Label("Annet")] Annet,
}

public enum HealthRegion
{
    [Label("Helse Nord")] HelseNord,
    [Label("Helse Midt-Norge")] HelseMidtNorge,
    [Label("Helse Vest")] HelseVest,
    [Label("Helse Sør-Øst")] HelseSorOst,
}

/// <summary>An actor (aktør) in the sector: a ministry, agency, health trust, municipality, …</summary>
public class Organization
{
    public const int NameMax = 200;

    public int Id { get; set; }
    /// <summary>Stable key used by files and import ("hod", "kommune:0301").</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? ShortName { get; set; }
    public string? OrgNumber { get; set; }
    public OrganizationType Type { get; set; }
    public ActorGroup ActorGroup { get; set; }
    public HealthRegion? Region { get; set; }
    /// <summary>Who owns the actor, each with a share where known (see <see cref="OrganizationOwner"/>).</summary>
    public List<OrganizationOwner> Owners { get; set; } = [];
    public string? MunicipalityNumber { get; set; }
    public string? County { get; set; }
    public int? Population { get; set; }
    /// <summary>For a municipality: the first day it existed, when that is within the data (Haram from 1 January 2024).</summary>
    public DateOnly? ExistsFrom { get; set; }
    /// <summary>For a municipality: the last day it existed, when it was merged or split.</summary>
    public DateOnly? ExistsTo { get; set; }
    public int Version { get; set; }

    /// <summary>Whether the actor existed on a date (municipalities come and go with mergers and splits).</summary>
    public bool ExistedOn(DateOnly date) => (ExistsFrom is null || ExistsFrom <= date) && (ExistsTo is null || date <= ExistsTo);

    /// <summary>Norwegian organisation numbers have nine digits, the last a MOD11 check digit.</summary>
    public static bool IsValidOrgNumber(string value)
    {
        if (value.Length != 9 || !value.All(char.IsAsciiDigit)) return false;
        int[] weights = [3, 2, 7, 6, 5, 4, 3, 2];
        var sum = weights.Select((w, i) => w * (value[i] - '0')).Sum();
        var check = 11 - sum % 11;
        if (check == 11) check = 0;
        return check != 10 && check == value[8] - '0';
    }
}

public class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    private const string LegacyOwnerColumn = "OwnerId";

    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.ToTable("organizations");
        b.Property(o => o.Key).HasMaxLength(80);
        b.HasIndex(o => o.Key).IsUnique();
        b.Property(o => o.Name).HasMaxLength(Organization.NameMax);
        b.HasIndex(o => o.Name);
        b.Property(o => o.ShortName).HasMaxLength(40);
        b.Property(o => o.OrgNumber).HasMaxLength(9);
        b.Property(o => o.Type).HasMaxLength(40);
        b.Property(o => o.ActorGroup).HasMaxLength(40);
        b.Property(o => o.Region).HasMaxLength(40);
        b.Property(o => o.MunicipalityNumber).HasMaxLength(4);
        b.Property(o => o.County).HasMaxLength(80);
        // The single owner before shared ownership (20261211100000_DataCorrections). organization_owners is the one truth:
        // the migration moved every owner there and emptied this column. SQLite cannot drop a column under a foreign key
        // without rebuilding organizations, which every other area points at, so the column stays as a shadow property
        // that no code reads or writes (it is mapped only so the schema still equals the model).
        b.Property<int?>(LegacyOwnerColumn);
        b.HasOne<Organization>().WithMany().HasForeignKey(LegacyOwnerColumn).OnDelete(DeleteBehavior.Restrict);
        b.Property(o => o.Version).IsConcurrencyToken();
    }
}
