using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Tests.Portfolio;

/// <summary>
/// Import files that are small on the wire and huge once read are refused at a named bound, without the reader
/// allocating what the file asks for. The reader is synchronous, so what it allocates is measured on this thread.
/// </summary>
public class ImportFileLimitsTests
{
    /// <summary>Far more than any bounded read here needs, far less than what the unbounded reader allocated.</summary>
    private const long AllocationCeiling = 64L * 1024 * 1024;

    private static string Refused(byte[] content, string fileName)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ImportFailedException>(() => ImportFile.Read(content, fileName));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < AllocationCeiling, $"the reader allocated {allocated / 1024 / 1024} MB for a {content.Length / 1024} KB file");
        var error = Assert.Single(e.Errors);
        Assert.Equal(0, error.Row);
        return error.Message;
    }

    private static string N(long n) => Norwegian.Number(n);

    [Fact]
    public void A_cell_at_column_ZZZZZZ_is_refused_without_padding_the_row()
    {
        var xlsx = HostileFiles.XlsxWithCellAt("ZZZZZZ2");
        Assert.True(xlsx.Length < 2048, $"{xlsx.Length} bytes");
        var message = Refused(xlsx, "tiltak.xlsx");
        Assert.Contains("ZZZZZZ2", message);
        Assert.Contains($"{ImportLimits.MaxColumns} kolonner", message);
    }

    [Fact]
    public void A_cell_just_inside_the_column_bound_is_read()
    {
        var table = ImportFile.Read(HostileFiles.XlsxWithCellAt("CV2"), "tiltak.xlsx");
        Assert.Equal("Tiltak", Assert.Single(table.Rows).Values["name"]);
    }

    [Fact]
    public void Shared_strings_that_unpack_to_hundreds_of_MB_are_refused_at_the_part_bound()
    {
        var xlsx = HostileFiles.XlsxWithHugeSharedString(300_000_000);
        Assert.True(xlsx.Length < 1024 * 1024, $"{xlsx.Length} bytes");
        var message = Refused(xlsx, "tiltak.xlsx");
        Assert.Contains("sharedStrings.xml", message);
        Assert.Contains($"{ImportLimits.MaxPartBytes / 1024 / 1024} MB", message);
    }

    [Fact]
    public void A_part_whose_header_understates_its_size_is_stopped_where_the_header_lies()
    {
        var honest = HostileFiles.XlsxWithHugeSharedString(100_000_000);
        var lying = HostileFiles.WithLyingSize(honest, "xl/sharedStrings.xml", 4096);
        var message = Refused(lying, "tiltak.xlsx");
        Assert.Contains("sharedStrings.xml", message);
        Assert.Contains("skadet", message);
    }

    [Fact]
    public void A_million_empty_rows_are_refused_at_the_row_bound()
    {
        var xlsx = HostileFiles.XlsxWithEmptyRows(1_000_000);
        Assert.True(xlsx.Length < 100 * 1024, $"{xlsx.Length} bytes");
        var message = Refused(xlsx, "tiltak.xlsx");
        Assert.Contains($"{N(ImportLimits.MaxLines)} rader", message);
    }

    [Fact]
    public void Shared_strings_beyond_the_text_bound_are_refused()
    {
        // 400 strings of 30 000 characters: each within the cell limit, together 12 million.
        var message = Refused(HostileFiles.XlsxWithManySharedStrings(400, 30_000), "tiltak.xlsx");
        Assert.Contains($"{N(ImportLimits.MaxTextChars)} tegn", message);
    }

    [Fact]
    public void Too_many_shared_strings_are_refused()
    {
        var message = Refused(HostileFiles.XlsxWithManySharedStrings(ImportLimits.MaxSharedStrings + 1, 0), "tiltak.xlsx");
        Assert.Contains($"{N(ImportLimits.MaxSharedStrings)} ", message);
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public void A_cell_longer_than_Excel_allows_is_refused(string kind)
    {
        var length = ImportLimits.MaxCellChars + 1;
        var message = kind == "xlsx"
            ? Refused(HostileFiles.XlsxWithLongCell(length), "tiltak.xlsx")
            : Refused(HostileFiles.CsvWithLongCell(length), "tiltak.csv");
        Assert.Contains($"{N(ImportLimits.MaxCellChars)} tegn", message);
    }

    [Fact]
    public void A_csv_line_with_a_million_columns_is_refused_at_the_column_bound()
    {
        var message = Refused(HostileFiles.CsvWithColumns(1_000_000), "tiltak.csv");
        Assert.Contains($"{ImportLimits.MaxColumns} kolonner", message);
        Assert.Contains("Rad 2", message);
    }

    [Fact]
    public void A_csv_with_a_million_blank_lines_is_refused_at_the_row_bound()
    {
        var message = Refused(HostileFiles.CsvWithBlankLines(1_000_000), "tiltak.csv");
        Assert.Contains($"{N(ImportLimits.MaxLines)} rader", message);
    }

    [Theory]
    [InlineData("tiltak.csv")]
    [InlineData("tiltak.xlsx")]
    public void An_empty_file_is_refused(string fileName) =>
        Assert.Equal("Filen er tom.", Refused([], fileName));
}
