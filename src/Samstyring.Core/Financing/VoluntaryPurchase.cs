using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Actors;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Financing;

/// <summary>
/// A line of a year's price list for a service outside the mandatory co-financing (frivillig kjøp): priced to cover the
/// full cost over time (seed 000 lines 905–917) and invoiced by the national supplier function.
/// </summary>
public class PriceListItem
{
    public const int NameMax = 200;
    public const int UnitMax = 60;

    public int Id { get; set; }
    public int SolutionId { get; set; }
    public NationalSolution Solution { get; set; } = null!;
    public int Year { get; set; }
    public required string Name { get; set; }
    /// <summary>What one unit is: "per år", "per tilkobling", "per 1 000 oppslag".</summary>
    public required string Unit { get; set; }
    public long UnitPriceOre { get; set; }
    public bool IsDemo { get; set; }
    public int Version { get; set; }
}

/// <summary>An actor's order of a price-list service for the year: quantity × unit price is invoiced at full cost.</summary>
public class ServiceOrder
{
    public const int NoteMax = 500;

    public int Id { get; set; }
    public int PriceListItemId { get; set; }
    public PriceListItem Item { get; set; } = null!;
    public int OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    public long Quantity { get; set; }
    public DateOnly OrderedOn { get; set; }
    public string Note { get; set; } = "";
    public bool IsDemo { get; set; }
    public int Version { get; set; }

    public long AmountOre => checked(Quantity * Item.UnitPriceOre);
}

public class PriceListItemConfiguration : IEntityTypeConfiguration<PriceListItem>
{
    public void Configure(EntityTypeBuilder<PriceListItem> b)
    {
        b.ToTable("price_list_items");
        b.HasOne(x => x.Solution).WithMany().HasForeignKey(x => x.SolutionId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Name).HasMaxLength(PriceListItem.NameMax);
        b.Property(x => x.Unit).HasMaxLength(PriceListItem.UnitMax);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.Year, x.SolutionId });
        b.HasIndex(x => x.SolutionId);
    }
}

public class ServiceOrderConfiguration : IEntityTypeConfiguration<ServiceOrder>
{
    public void Configure(EntityTypeBuilder<ServiceOrder> b)
    {
        b.ToTable("service_orders");
        b.HasOne(x => x.Item).WithMany().HasForeignKey(x => x.PriceListItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Note).HasMaxLength(ServiceOrder.NoteMax);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.AmountOre);
        b.HasIndex(x => x.PriceListItemId);
        b.HasIndex(x => x.OrganizationId);
    }
}
