using Samstyring.Core.Common;

namespace Samstyring.Core.Financing;

/// <summary>
/// Who may see and change what in the financing area. Adopted price models, cost bases and every actor's amount in them are
/// public (open data). Drafts and scenarios are seen by the office, the TBU and council members. The office edits; the TBU
/// records its calculations (the TBU figure and the TBU step). An invoice basis (with voluntary purchases) is seen by the
/// office and the actor's own users.
/// </summary>
public static class FinancingAccess
{
    public static bool CanSeeDrafts(CurrentUser? user) => user is { Role: Role.PortfolioOffice or Role.Tbu or Role.Member };

    public static bool CanEdit(CurrentUser? user) => user is { IsOffice: true };

    public static bool CanRecordTbu(CurrentUser? user) => user is { Role: Role.PortfolioOffice or Role.Tbu };

    public static bool CanSeeInvoiceBasis(CurrentUser? user, int organizationId) =>
        user is { IsOffice: true } || user is { OrganizationId: { } org } && org == organizationId;

    public static bool CanSee(CurrentUser? user, PriceModel model) => model.IsPublic || CanSeeDrafts(user);

    public static void RequireEditor(CurrentUser? user)
    {
        if (!CanEdit(user)) throw new ForbiddenException("Bare porteføljekontoret kan endre finansieringsmodellen.");
    }

    public static void RequireTbu(CurrentUser? user)
    {
        if (!CanRecordTbu(user)) throw new ForbiddenException("Bare teknisk beregningsutvalg og porteføljekontoret kan registrere beregninger.");
    }

    public static void RequireInvoiceReader(CurrentUser? user, int organizationId)
    {
        if (!CanSeeInvoiceBasis(user, organizationId))
            throw new ForbiddenException("Fakturagrunnlaget vises bare for aktørens egne brukere og porteføljekontoret.");
    }
}
