using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Bodies;

/// <summary>How the secretariat's pages word a body's settings and a member's role.</summary>
public static class BodyText
{
    public static string Quorum(Body b) => b.QuorumRule == QuorumRule.AtLeast ? $"Minst {b.QuorumCount} medlemmer til stede" : b.QuorumRule.Label();

    public static string Role(BodyMember m) =>
        m.Role == MemberRole.Substitute && m.SubstituteFor is { } s ? $"Stedfortreder for {s.Name}" : m.Role.Label();

    public static string Term(BodyMember m) =>
        m.TermEnd is { } end ? $"{Norwegian.ShortDate(m.TermStart)}–{Norwegian.ShortDate(end)}" : $"Fra {Norwegian.ShortDate(m.TermStart)}";
}
