using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Actors;

namespace Samstyring.Core.Council;

/// <summary>A person on a body for a term, representing an organisation.</summary>
public class BodyMember
{
    public const int NameMax = 200;
    public const int EmailMax = 254;

    public int Id { get; set; }
    public int BodyId { get; set; }
    public Body Body { get; set; } = null!;
    public required string Name { get; set; }
    public string? Title { get; set; }
    public int OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    /// <summary>Where the meeting notices go; seen by the secretariat only.</summary>
    public string? Email { get; set; }
    public MemberRole Role { get; set; }
    /// <summary>For a substitute: the member they stand in for.</summary>
    public int? SubstituteForId { get; set; }
    public BodyMember? SubstituteFor { get; set; }
    public DateOnly TermStart { get; set; }
    public DateOnly? TermEnd { get; set; }
    public bool IsDemo { get; set; }
    public string? DemoNote { get; set; }
    public int Version { get; set; }

    public bool ServesOn(DateOnly date) => TermStart <= date && (TermEnd is null || TermEnd >= date);

    /// <summary>Members vote and count towards the quorum; observers, substitutes and the secretariat do not.</summary>
    public bool IsVoting => Role == MemberRole.Member;
}

public class BodyMemberConfiguration : IEntityTypeConfiguration<BodyMember>
{
    public void Configure(EntityTypeBuilder<BodyMember> b)
    {
        b.ToTable("body_members");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Email).HasMaxLength(BodyMember.EmailMax);
        b.Property(x => x.Role).HasMaxLength(20);
        b.Property(x => x.DemoNote).HasMaxLength(1000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.SubstituteFor).WithMany().HasForeignKey(x => x.SubstituteForId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.BodyId, x.TermStart });
    }
}
