using Samstyring.Core.Common;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Solutions;

/// <summary>The solutions area as open data (CSV): the catalogue, and the adoption per municipality on a date.</summary>
public static class SolutionExport
{
    public static byte[] CatalogueCsv(IReadOnlyList<SolutionSummary> solutions) =>
        CsvExport.ToBytes(
            ["key", "name", "kind", "owner", "operator", "lifecycle", "grunnmur", "part_of", "financing", "demo"],
            solutions.Select(s => (IReadOnlyList<object?>)[s.Key, s.Name, s.Kind.Code(), s.Owner?.Name, s.Operator?.Name, s.Lifecycle.Code(),
                s.GrunnmurAreaKey, s.PartOfKey, s.FinancingModel?.Code(), s.IsDemo]));

    /// <summary>One row per municipality: the same columns an upload reads (kommunenummer, status, dato, kilde), so a download can be edited and uploaded again.</summary>
    public static byte[] AdoptionCsv(IReadOnlyList<ActorStage> stages) =>
        CsvExport.ToBytes(
            ["kommunenummer", "kommunenavn", "fylke", "helseregion", "folketall", "status", "dato", "kilde"],
            stages.Select(s => (IReadOnlyList<object?>)[s.MunicipalityNumber, s.Name, s.County, s.Region?.Label(), s.Population, s.Stage.Code(), s.Since, s.Source]));
}
