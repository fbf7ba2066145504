using Samstyring.Core.Common;

namespace Samstyring.Core.Financing;

/// <summary>
/// Who may see and change what in the financing area. Adopted price models, cost bases and every actor's amount in them are
/// public (open data). Drafts and scenarios are seen by the office, the TBU and council members. The office edits; the TBU
/// records its calculations (the TBU figure and the TBU step). An invoice basis (with voluntary purchases) and an actor's
/// orders are seen by the office and the actor's own users. Orders commit the actor to pay, so they are placed, changed
/// and cancelled by the office for any actor and by initiative owners (the role an actor's staff hold to act for their
/// organisation) for their own; a KS coordinator or an operator is bound to an organisation for other duties and sees
/// its orders without placing them.
/// </summary>
public static class FinancingAccess
{
    public static bool CanSeeDrafts(CurrentUser? user) => user is { Role: Role.PortfolioOffice or Role.Tbu or Role.Member };

    public static bool CanEdit(CurrentUser? user) => user is { IsOffice: true };

    public static bool CanRecordTbu(CurrentUser? user) => user is { Role: Role.PortfolioOffice or Role.Tbu };

    public static bool CanSeeInvoiceBasis(CurrentUser? user, int organizationId) =>
        user is { IsOffice: true } || user is { OrganizationId: { } org } && org == organizationId;

    /// <summary>Whether the user may place orders at all: the office, or an initiative owner with an organisation.</summary>
    public static bool CanOrder(CurrentUser? user) => user is { IsOffice: true } || user is { Role: Role.InitiativeOwner, OrganizationId: not null };

    public static bool CanOrderFor(CurrentUser? user, int organizationId) =>
        user is { IsOffice: true } || user is { Role: Role.InitiativeOwner, OrganizationId: { } org } && org == organizationId;

    public static bool CanSee(CurrentUser? user, PriceModel model) => model.IsPublic || CanSeeDrafts(user);

    public static void RequireEditor(CurrentUser? user)
    {
        if (!CanEdit(user)) throw new ForbiddenException("Bare porteføljekontoret kan endre finansieringsmodellen.");
    }

    public static void RequireTbu(CurrentUser? user)
    {
        if (!CanRecordTbu(user)) throw new ForbiddenException("Bare teknisk beregningsutvalg og porteføljekontoret kan registrere beregninger.");
    }

    /// <summary>Refuses unless the user may order for the organisation (or, without one, may order at all).</summary>
    public static void RequireOrderer(CurrentUser? user, int? organizationId)
    {
        if (user is null) throw new ForbiddenException("Logg inn for å bestille tjenester.");
        if (!CanOrder(user)) throw new ForbiddenException("Bare porteføljekontoret og aktørenes tiltakseiere kan bestille tjenester.");
        if (organizationId is { } org && !CanOrderFor(user, org))
            throw new ForbiddenException("Du kan bare bestille tjenester for din egen virksomhet.");
    }

    public static void RequireInvoiceReader(CurrentUser? user, int organizationId)
    {
        if (!CanSeeInvoiceBasis(user, organizationId))
            throw new ForbiddenException("Fakturagrunnlaget vises bare for aktørens egne brukere og porteføljekontoret.");
    }
}
