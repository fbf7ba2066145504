using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Samstyring.Core.Actors;

/// <summary>
/// One owner of an actor and its share. Ownership can be shared: Nasjonal IKT HF and HDO are «eid av de fire regionale
/// helseforetakene» (KS on the governance model). A share is a percentage; null when the sources do not give it.
/// </summary>
public class OrganizationOwner
{
    public const decimal ShareMax = 100m;

    public int OrganizationId { get; set; }
    public int OwnerId { get; set; }
    public Organization? Owner { get; set; }
    /// <summary>Percent of the actor this owner holds (0–100, two decimals); null = andel ikke oppgitt.</summary>
    public decimal? Share { get; set; }
}

public class OrganizationOwnerConfiguration : IEntityTypeConfiguration<OrganizationOwner>
{
    public void Configure(EntityTypeBuilder<OrganizationOwner> b)
    {
        b.ToTable("organization_owners");
        b.HasKey(x => new { x.OrganizationId, x.OwnerId });
        b.HasOne<Organization>().WithMany(o => o.Owners).HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        // An owner that still owns something cannot be removed from the registry.
        b.HasOne(x => x.Owner).WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Share).HasPrecision(5, 2);
    }
}
