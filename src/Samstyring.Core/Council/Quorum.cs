using Samstyring.Core.Common;

namespace Samstyring.Core.Council;

/// <summary>Whether a meeting can make decisions: voting members present (or represented by a substitute) against the body's rule.</summary>
public sealed record QuorumResult(QuorumRule Rule, int Voting, int Present, int Required, bool Recorded)
{
    public bool Met => Rule == QuorumRule.None || (Recorded && Present >= Required);

    public string Text =>
        Rule == QuorumRule.None ? "Organet har ikke krav til vedtaksførhet."
        : Voting == 0 ? NoMembers
        : !Recorded ? $"Oppmøte er ikke registrert. Møtet er vedtaksført med minst {Required} av {Voting} medlemmer til stede."
        : Met ? $"Vedtaksført: {Present} av {Voting} medlemmer til stede (krav: minst {Required})."
        : $"Ikke vedtaksført: {Present} av {Voting} medlemmer til stede (krav: minst {Required}).";

    public const string NoMembers = "Organet har ingen medlemmer med stemmerett på møtedatoen, så vedtaksførheten kan ikke kontrolleres. Registrer medlemmene under organet først.";

    public static QuorumResult For(Body body, IEnumerable<BodyMember> members, IEnumerable<Attendance> attendance, DateOnly date)
    {
        var voting = members.Where(m => m.IsVoting && m.ServesOn(date)).Select(m => m.Id).ToHashSet();
        var records = attendance.ToList();
        var present = records.Count(a => voting.Contains(a.MemberId) && a.Counts);
        return new QuorumResult(body.QuorumRule, voting.Count, present, RequiredFor(body, voting.Count), records.Count > 0);
    }

    public static int RequiredFor(Body body, int voting) => body.QuorumRule switch
    {
        QuorumRule.Majority => voting / 2 + 1,
        QuorumRule.TwoThirds => (2 * voting + 2) / 3,
        QuorumRule.AtLeast => body.QuorumCount ?? 1,
        _ => 0,
    };
}
