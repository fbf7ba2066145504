namespace Samstyring.Core.Financing;

/// <summary>The invoice basis as a letter the actor can understand (PDF, DOCX), and all lines for the supplier's invoicing system (CSV, XLSX).</summary>
public static class InvoiceDocuments
{
    public static byte[] Pdf(InvoiceBasis basis) => throw new NotImplementedException("STUB");
    public static byte[] Docx(InvoiceBasis basis) => throw new NotImplementedException("STUB");
    public static byte[] LinesCsv(IEnumerable<InvoiceBasis> bases) => throw new NotImplementedException("STUB");
    public static byte[] LinesXlsx(IEnumerable<InvoiceBasis> bases) => throw new NotImplementedException("STUB");
}

/// <summary>A year's financing (adopted model, cost bases, group shares, every actor's amount) as DOCX and XLSX, and the allocation as CSV.</summary>
public static class FinancingDocuments
{
    public static byte[] Docx(ModelDetails model, IReadOnlyList<CostBasisView> costs, IReadOnlyList<AllocationRow> rows) => throw new NotImplementedException("STUB");
    public static byte[] Xlsx(ModelDetails model, IReadOnlyList<CostBasisView> costs, IReadOnlyList<AllocationRow> rows) => throw new NotImplementedException("STUB");
    public static byte[] AllocationCsv(IReadOnlyList<AllocationRow> rows) => throw new NotImplementedException("STUB");
    /// <summary>Who pays more and who pays less: a server-drawn SVG bar chart of the comparison (largest changes), with a title and description for screen readers.</summary>
    public static string ComparisonSvg(ModelComparison comparison, int maxActors = 30) => throw new NotImplementedException("STUB");
}
