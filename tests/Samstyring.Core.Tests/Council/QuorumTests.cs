using Samstyring.Core.Council;

namespace Samstyring.Core.Tests.Council;

/// <summary>The quorum rule per body: who counts, and how many are needed under each rule.</summary>
public sealed class QuorumTests
{
    private static readonly DateOnly MeetingDay = new(2021, 12, 9);

    private static List<BodyMember> Members(int voting, int observers = 0)
    {
        var list = Enumerable.Range(1, voting).Select(i => Member(i, MemberRole.Member)).ToList();
        list.AddRange(Enumerable.Range(voting + 1, observers).Select(i => Member(i, MemberRole.Observer)));
        return list;
    }

    private static BodyMember Member(int id, MemberRole role, string start = "2021-01-01", string? end = "2021-12-31") => new()
    {
        Id = id, Name = $"Medlem {id}", Role = role, TermStart = DateOnly.Parse(start), TermEnd = end is null ? null : DateOnly.Parse(end),
    };

    private static List<Attendance> Present(IEnumerable<BodyMember> who, AttendanceStatus status = AttendanceStatus.Present) =>
        who.Select(m => new Attendance { MemberId = m.Id, Status = status }).ToList();

    private static QuorumResult Check(QuorumRule rule, List<BodyMember> members, List<Attendance> attendance, int? count = null) =>
        QuorumResult.For(new Body { Slug = "test", QuorumRule = rule, QuorumCount = count }, members, attendance, MeetingDay);

    [Theory]
    [InlineData(QuorumRule.Majority, 17, null, 9)]
    [InlineData(QuorumRule.Majority, 16, null, 9)]
    [InlineData(QuorumRule.TwoThirds, 17, null, 12)]
    [InlineData(QuorumRule.TwoThirds, 9, null, 6)]
    [InlineData(QuorumRule.AtLeast, 17, 5, 5)]
    public void Required_number_follows_the_rule(QuorumRule rule, int voting, int? count, int required)
    {
        var members = Members(voting);
        Assert.Equal(required, Check(rule, members, [], count).Required);
        Assert.False(Check(rule, members, Present(members.Take(required - 1)), count).Met);
        Assert.True(Check(rule, members, Present(members.Take(required)), count).Met);
    }

    [Fact]
    public void Observers_do_not_count_and_a_member_represented_by_a_substitute_does()
    {
        var members = Members(voting: 3, observers: 2);
        var observersOnly = Present(members.Where(m => m.Role == MemberRole.Observer));
        observersOnly.Add(new Attendance { MemberId = 1, Status = AttendanceStatus.Present });
        var result = Check(QuorumRule.Majority, members, observersOnly);
        Assert.Equal((3, 1, 2, false), (result.Voting, result.Present, result.Required, result.Met));
        Assert.Equal("Ikke vedtaksført: 1 av 3 medlemmer til stede (krav: minst 2).", result.Text);

        observersOnly.Add(new Attendance { MemberId = 2, Status = AttendanceStatus.Substitute, SubstituteName = "Vara Varasen" });
        Assert.True(Check(QuorumRule.Majority, members, observersOnly).Met);
    }

    [Fact]
    public void Members_whose_term_has_ended_do_not_count()
    {
        var members = Members(voting: 2);
        members.Add(Member(9, MemberRole.Member, "2019-01-01", "2020-12-31"));
        Assert.Equal(2, Check(QuorumRule.Majority, members, []).Voting);
    }

    [Fact]
    public void Without_attendance_or_members_the_meeting_is_not_quorate_and_says_why()
    {
        var unrecorded = Check(QuorumRule.Majority, Members(17), []);
        Assert.False(unrecorded.Met);
        Assert.Equal("Oppmøte er ikke registrert. Møtet er vedtaksført med minst 9 av 17 medlemmer til stede.", unrecorded.Text);

        var empty = Check(QuorumRule.AtLeast, [], [], count: 1);
        Assert.False(empty.Met);
        Assert.Equal(QuorumResult.NoMembers, empty.Text);

        var none = Check(QuorumRule.None, [], []);
        Assert.True(none.Met);
        Assert.Equal("Organet har ikke krav til vedtaksførhet.", none.Text);
    }
}
