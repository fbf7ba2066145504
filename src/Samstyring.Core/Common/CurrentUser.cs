namespace Samstyring.Core.Common;

public enum Role
{
    [Label("Porteføljekontor")] PortfolioOffice,
    [Label("Tiltakseier")] InitiativeOwner,
    [Label("KS-koordinator")] KsCoordinator,
    [Label("Utvalgsmedlem")] Member,
    /// <summary>A solution's operator (driftsleverandør), bound to its organisation: records adoption of the solutions it runs.</summary>
    [Label("Driftsleverandør")] Operator,
    /// <summary>A member of the technical calculation committee (teknisk beregningsutvalg): records the year's calculations.</summary>
    [Label("Teknisk beregningsutvalg")] Tbu,
}

/// <summary>Who is acting. Null user means an anonymous visitor.</summary>
public sealed record CurrentUser(string UserName, string DisplayName, Role Role, int? OrganizationId)
{
    public static readonly CurrentUser System = new("system", "Samstyring (system)", Role.PortfolioOffice, null);

    public bool IsOffice => Role == Role.PortfolioOffice;

    /// <summary>
    /// The API token the request came with (<c>Authorization: Bearer</c>); null for a login cookie, a password or the
    /// command line. A token may not make new tokens: a leaked one could otherwise outlive its expiry and its revocation.
    /// </summary>
    public int? ApiTokenId { get; init; }
}
