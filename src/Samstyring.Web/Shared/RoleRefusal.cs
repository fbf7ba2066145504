using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Samstyring.Core.Common;

namespace Samstyring.Web.Shared;

/// <summary>
/// When a role policy refuses a request (before its body is read), the problem details say who may do it, as the use
/// cases' own refusals do: «Bare porteføljekontoret (sekretariatet) har tilgang til dette.»
/// </summary>
public sealed class RoleRefusal : IAuthorizationMiddlewareResultHandler
{
    public const string DetailKey = "samstyring:refusal";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RolesAuthorizationRequirement>().FirstOrDefault() is { } roles)
        {
            var who = roles.AllowedRoles.Select(r => Enum.TryParse<Role>(r, out var role) ? Describe(role) : r).ToList();
            context.Items[DetailKey] = $"Bare {Norwegian.List(who)} har tilgang til dette.";
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static string Describe(Role role) => role switch
    {
        Role.PortfolioOffice => "porteføljekontoret (sekretariatet)",
        Role.InitiativeOwner => "tiltakseiere",
        Role.KsCoordinator => "KS-koordinatoren",
        Role.Member => "utvalgsmedlemmer",
        Role.Operator => "driftsleverandører (for løsningene de drifter)",
        Role.Tbu => "teknisk beregningsutvalg",
        _ => role.Label(),
    };
}
