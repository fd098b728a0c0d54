namespace EventPlatform.Web.Tests;

/// <summary>The registrants export opened in a spreadsheet: every value stays text.</summary>
public sealed class CsvCellTests
{
    [Theory]
    [InlineData("Ana Lima", "\"Ana Lima\"")]
    [InlineData("Acme, \"ML\" team", "\"Acme, \"\"ML\"\" team\"")]
    [InlineData("", "\"\"")]
    public void Values_are_quoted_with_quotes_doubled(string value, string cell) => Assert.Equal(cell, Endpoints.CsvCell.Of(value));

    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"click\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void A_value_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe(string value) =>
        Assert.StartsWith("\"'", Endpoints.CsvCell.Of(value), StringComparison.Ordinal);
}
