using Samstyring.Core.Common;

namespace Samstyring.Core.Council;

/// <summary>Who may do what in the council model. Every use case checks here, whichever door it came in by.</summary>
public static class CouncilAccess
{
    /// <summary>The secretariat (the office) runs bodies, meetings and cases.</summary>
    public static CurrentUser RequireSecretariat(CurrentUser? user) =>
        user is { Role: Role.PortfolioOffice } ? user
        : throw new ForbiddenException(user is null ? "Du må logge inn." : "Bare sekretariatet kan endre organer, møter og saker.");

    public static bool IsSecretariat(CurrentUser? user) => user is { Role: Role.PortfolioOffice };

    /// <summary>Unntatt offentlighet: the secretariat and council members see it; nobody else.</summary>
    public static bool CanSeeConfidential(CurrentUser? user) => user is { Role: Role.PortfolioOffice or Role.Member };

    /// <summary>
    /// Members' input on cases is internal working material for the council: members and the secretariat read it, the
    /// public sees only that a case was sent out for input and by when.
    /// </summary>
    public static bool CanReadComments(CurrentUser? user) => user is { Role: Role.PortfolioOffice or Role.Member };

    /// <summary>Members may send input on a case before its comment deadline; the secretariat records input received by other means.</summary>
    public static bool CanComment(CurrentUser? user) => user is { Role: Role.PortfolioOffice or Role.Member };
}
