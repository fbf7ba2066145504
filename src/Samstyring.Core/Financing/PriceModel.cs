using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Actors;
using Samstyring.Core.Council;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Financing;

/// <summary>
/// Prismodell: how one year's cost of the co-financed solutions is shared. A year may have several models (numbered 1, 2, …
/// within the year): one adopted at a time, drafts on their way through the yearly process, and scenarios the office
/// compares with the adopted one. A draft or scenario is seen by the office, the TBU and council members only; an adopted
/// (or replaced) model is public.
/// </summary>
public class PriceModel
{
    public const int NameMax = 200;
    public const int NoteMax = 2000;

    public int Id { get; set; }
    public int Year { get; set; }
    /// <summary>Versjon within the year: 1, 2, …</summary>
    public int Number { get; set; }
    public required string Name { get; set; }
    /// <summary>A scenario is for comparison only and never goes through the yearly process.</summary>
    public bool IsScenario { get; set; }
    public PriceModelStatus Status { get; set; }
    /// <summary>The model this one was copied from.</summary>
    public int? BasedOnId { get; set; }
    public PriceModel? BasedOn { get; set; }
    public string Note { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public bool IsDemo { get; set; }
    public int Version { get; set; }

    public List<PriceModelShare> Shares { get; set; } = [];
    public List<PriceModelStep> Steps { get; set; } = [];

    public bool IsPublic => Status is PriceModelStatus.Adopted or PriceModelStatus.Replaced;
}

/// <summary>A step of the yearly process, with its date and the case or document it is linked to.</summary>
public class PriceModelStep
{
    public const int ReferenceMax = 300;

    public int Id { get; set; }
    public int PriceModelId { get; set; }
    public PriceModel PriceModel { get; set; } = null!;
    public PriceModelStatus Step { get; set; }
    public DateOnly On { get; set; }
    public int? CaseId { get; set; }
    public CouncilCase? Case { get; set; }
    /// <summary>The case or document as its source names it ("Prop. 1 S (2021–2022)", "TBU-rapport 2023", a hearing's address).</summary>
    public string? Reference { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>
/// One group's share of one solution's cost in a model, in hundredths of a percent (10 000 is 100 %), how it is divided
/// among the group's actors, and how it is collected. The shares of a solution in a model add up to 10 000.
/// </summary>
public class PriceModelShare
{
    public int Id { get; set; }
    public int PriceModelId { get; set; }
    public PriceModel PriceModel { get; set; } = null!;
    public int SolutionId { get; set; }
    public NationalSolution Solution { get; set; } = null!;
    public PayerGroup Group { get; set; }
    /// <summary>Basis points: 3550 is 35.5 %.</summary>
    public int BasisPoints { get; set; }
    public DistributionKey Key { get; set; }
    /// <summary>For <see cref="DistributionKey.Population"/>: the date the population figures are taken from.</summary>
    public DateOnly? PopulationOn { get; set; }
    public CollectionMethod Collection { get; set; }
    /// <summary>The actors and their weights (fixed key), counts (usage) or membership (equal shares; empty means the whole group).</summary>
    public List<KeyEntry> Entries { get; set; } = [];
}

/// <summary>One actor's weight in a share's key: a fixed weight, a usage count, or 1 for equal shares.</summary>
public class KeyEntry
{
    public int Id { get; set; }
    public int ShareId { get; set; }
    public PriceModelShare Share { get; set; } = null!;
    public int OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    public long Weight { get; set; }
}

public class PriceModelConfiguration : IEntityTypeConfiguration<PriceModel>
{
    public void Configure(EntityTypeBuilder<PriceModel> b)
    {
        b.ToTable("price_models");
        b.HasIndex(x => new { x.Year, x.Number }).IsUnique();
        b.Property(x => x.Name).HasMaxLength(PriceModel.NameMax);
        b.Property(x => x.Status).HasMaxLength(40);
        b.HasOne(x => x.BasedOn).WithMany().HasForeignKey(x => x.BasedOnId).OnDelete(DeleteBehavior.SetNull);
        b.Property(x => x.Note).HasMaxLength(PriceModel.NoteMax);
        b.Property(x => x.CreatedBy).HasMaxLength(80);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsPublic);
    }
}

public class PriceModelStepConfiguration : IEntityTypeConfiguration<PriceModelStep>
{
    public void Configure(EntityTypeBuilder<PriceModelStep> b)
    {
        b.ToTable("price_model_steps");
        b.HasOne(x => x.PriceModel).WithMany(m => m.Steps).HasForeignKey(x => x.PriceModelId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Step).HasMaxLength(40);
        b.Property(x => x.Reference).HasMaxLength(PriceModelStep.ReferenceMax);
        b.Property(x => x.RecordedBy).HasMaxLength(80);
        b.HasIndex(x => x.PriceModelId);
        b.HasIndex(x => x.CaseId);
    }
}

public class PriceModelShareConfiguration : IEntityTypeConfiguration<PriceModelShare>
{
    public void Configure(EntityTypeBuilder<PriceModelShare> b)
    {
        b.ToTable("price_model_shares");
        b.HasOne(x => x.PriceModel).WithMany(m => m.Shares).HasForeignKey(x => x.PriceModelId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Solution).WithMany().HasForeignKey(x => x.SolutionId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Group).HasMaxLength(40);
        b.Property(x => x.Key).HasMaxLength(40);
        b.Property(x => x.Collection).HasMaxLength(40);
        b.HasIndex(x => new { x.PriceModelId, x.SolutionId, x.Group }).IsUnique();
        b.HasIndex(x => x.SolutionId);
    }
}

public class KeyEntryConfiguration : IEntityTypeConfiguration<KeyEntry>
{
    public void Configure(EntityTypeBuilder<KeyEntry> b)
    {
        b.ToTable("key_entries");
        b.HasOne(x => x.Share).WithMany(s => s.Entries).HasForeignKey(x => x.ShareId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ShareId, x.OrganizationId }).IsUnique();
        b.HasIndex(x => x.OrganizationId);
    }
}
