using Samstyring.Core.Common;

namespace Samstyring.Core.Solutions;

/// <summary>
/// Who may change what in the solutions area. Everyone reads the catalogue and the adoption figures (open data). The office
/// edits the catalogue, targets and adoption; a solution's operator (role operator, bound to its organisation) records the
/// adoption of the solutions it runs, and nothing else.
/// </summary>
public static class SolutionAccess
{
    public static bool CanEditCatalogue(CurrentUser? user) => user is { IsOffice: true };

    public static bool CanRecordAdoption(CurrentUser? user, int? operatorId) =>
        user is { IsOffice: true } || user is { Role: Role.Operator, OrganizationId: { } org } && org == operatorId;

    public static void RequireCatalogueEditor(CurrentUser? user)
    {
        if (!CanEditCatalogue(user)) throw new ForbiddenException("Bare porteføljekontoret kan endre løsningskatalogen.");
    }

    public static void RequireAdoptionRecorder(CurrentUser? user, NationalSolution solution)
    {
        if (!CanRecordAdoption(user, solution.OperatorId))
            throw new ForbiddenException($"Bare porteføljekontoret og driftsleverandøren av {solution.Name} kan registrere innføring av løsningen.");
    }
}
