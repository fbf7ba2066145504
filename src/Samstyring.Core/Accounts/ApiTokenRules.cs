using Samstyring.Core.Common;

namespace Samstyring.Core.Accounts;

/// <summary>The rules API tokens share: how long one may live, and when it stops working.</summary>
public static class ApiTokenRules
{
    /// <summary>
    /// Whether the user behind a token still vouches for it. A personal token acts with the role and organisation its user
    /// had when it was made: a new role or organisation ends it, as it ends the user's sessions. An integration token needs
    /// its maker to be in the office still, since only the office may give out another role and organisation.
    /// </summary>
    public static bool StillBacked(ApiTokenKind kind, Role role, int? organizationId, Role userRole, int? userOrganizationId) => kind switch
    {
        ApiTokenKind.Personal => role == userRole && organizationId == userOrganizationId,
        _ => userRole == Role.PortfolioOffice,
    };

    public static ApiTokenStatus Status(DateTime? revokedAt, DateTime expiresAt, bool backed, DateTime now) =>
        revokedAt is not null ? ApiTokenStatus.Revoked
        : expiresAt <= now ? ApiTokenStatus.Expired
        : !backed ? ApiTokenStatus.Void
        : ApiTokenStatus.Active;

    /// <summary>A token works to the end of its last day (UTC, as the product counts days) and stops at 00:00 the day after.</summary>
    public static DateTime ExpiresAt(DateOnly lastDay) => lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The last day a token works, for showing and for the forms.</summary>
    public static DateOnly LastDay(DateTime expiresAt) => DateOnly.FromDateTime(expiresAt.AddTicks(-1));

    public static DateOnly DefaultLastDay(DateOnly today) => today.AddDays(ApiToken.DefaultDays);

    public static DateOnly MaxLastDay(DateOnly today) => today.AddDays(ApiToken.MaxDays);
}
