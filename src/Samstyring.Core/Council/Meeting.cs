using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Common;

namespace Samstyring.Core.Council;

/// <summary>A meeting, numbered per body and year ("6/2021").</summary>
public class Meeting
{
    public int Id { get; set; }
    public int BodyId { get; set; }
    public Body Body { get; set; } = null!;
    public int Year { get; set; }
    public int Number { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    /// <summary>The place; for a video meeting the platform or "Videomøte".</summary>
    public string Location { get; set; } = "";
    public bool IsVideo { get; set; }
    public MeetingKind Kind { get; set; }
    public MeetingStatus Status { get; set; }
    public DateTime? NoticeSentAt { get; set; }
    /// <summary>The case (in a later meeting) that approves this meeting's minutes.</summary>
    public int? MinutesApprovalCaseId { get; set; }
    public CouncilCase? MinutesApprovalCase { get; set; }
    /// <summary>Others present: the secretariat, presenters, guests (free text as in the minutes).</summary>
    public string? OtherAttendees { get; set; }
    /// <summary>Notes for the minutes not tied to a case.</summary>
    public string? MinutesNote { get; set; }
    public bool IsDemo { get; set; }
    public string? DemoNote { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<AgendaItem> Agenda { get; set; } = [];
    public List<Attendance> Attendance { get; set; } = [];
    public List<CouncilCase> Cases { get; set; } = [];

    public string NumberText => FormatNumber(Number, Year);
    public static string FormatNumber(int number, int year) => $"{number}/{year}";

    public string TimeText => $"kl. {StartTime:HH\\.mm}–{EndTime:HH\\.mm}";
    public string PlaceText => IsVideo
        ? (string.IsNullOrWhiteSpace(Location) || Location.Contains("video", StringComparison.OrdinalIgnoreCase) ? (string.IsNullOrWhiteSpace(Location) ? "Videomøte" : Location) : $"Videomøte ({Location})")
        : Location;
    public string KindAndStatus => $"{Kind.Label()}, {Status.Label().ToLowerInvariant()}";
}

/// <summary>One line of the agenda: a case or a break ("Lunsj", "Pause"), with its start time.</summary>
public class AgendaItem
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Position { get; set; }
    public TimeOnly? StartsAt { get; set; }
    public AgendaItemKind Kind { get; set; }
    public int? CaseId { get; set; }
    public CouncilCase? Case { get; set; }
    /// <summary>For a break: "Lunsj", "Pause".</summary>
    public string? Title { get; set; }
    public string? Presenter { get; set; }
}

/// <summary>Whether a member attended, and how.</summary>
public class Attendance
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int MemberId { get; set; }
    public BodyMember Member { get; set; } = null!;
    public AttendanceStatus Status { get; set; }
    public bool ByVideo { get; set; }
    /// <summary>Who came instead, when <see cref="AttendanceStatus.Substitute"/>.</summary>
    public string? SubstituteName { get; set; }
    /// <summary>Partial attendance: arrived at this time ("fra kl. 10.30").</summary>
    public TimeOnly? FromTime { get; set; }
    /// <summary>Partial attendance: left after this case ("deltok t.o.m. sak 27/21").</summary>
    public int? UpToCaseId { get; set; }
    public CouncilCase? UpToCase { get; set; }
    public string? Note { get; set; }

    /// <summary>Counts for the quorum: the member or their substitute was there.</summary>
    public bool Counts => Status is AttendanceStatus.Present or AttendanceStatus.Substitute;

    public string Describe()
    {
        var parts = new List<string>();
        parts.Add(Status switch
        {
            AttendanceStatus.Substitute => $"stedfortreder {SubstituteName} møtte",
            _ => Status.Label().ToLowerInvariant(),
        });
        if (ByVideo && Counts) parts.Add("på video");
        if (FromTime is { } f) parts.Add($"fra kl. {f:HH\\.mm}");
        if (UpToCase is { } c) parts.Add($"deltok t.o.m. sak {c.NumberText}");
        if (!string.IsNullOrWhiteSpace(Note)) parts.Add(Note!);
        return string.Join(", ", parts);
    }
}

public class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.ToTable("meetings");
        b.HasOne(x => x.Body).WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.BodyId, x.Year, x.Number }).IsUnique();
        b.HasIndex(x => x.Date);
        b.Property(x => x.Location).HasMaxLength(200);
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.Status).HasMaxLength(20);
        b.Property(x => x.OtherAttendees).HasMaxLength(4000);
        b.Property(x => x.MinutesNote).HasMaxLength(20000);
        b.Property(x => x.DemoNote).HasMaxLength(1000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.MinutesApprovalCase).WithMany().HasForeignKey(x => x.MinutesApprovalCaseId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Agenda).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Attendance).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Cases).WithOne(c => c.Meeting).HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.NumberText);
        b.Ignore(x => x.TimeText);
        b.Ignore(x => x.PlaceText);
        b.Ignore(x => x.KindAndStatus);
    }
}

public class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> b)
    {
        b.ToTable("agenda_items");
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Presenter).HasMaxLength(200);
        b.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.MeetingId, x.Position });
        b.HasIndex(x => x.CaseId);
    }
}

public class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> b)
    {
        b.ToTable("attendance");
        b.Property(x => x.Status).HasMaxLength(20);
        b.Property(x => x.SubstituteName).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasOne(x => x.Member).WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.UpToCase).WithMany().HasForeignKey(x => x.UpToCaseId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.MeetingId, x.MemberId }).IsUnique();
        b.Ignore(x => x.Counts);
    }
}
