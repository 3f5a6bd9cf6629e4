using System.Linq;
using System.Text.Json;
using WASecurity.Reports;
using Xunit;

namespace WASecurity.Tests.Reports
{
    public sealed class CsvReportTests
    {
        [Fact]
        public void Csv_has_one_row_per_finding_with_joined_arrays_and_json_evidence()
        {
            var findings = SampleFindings.Create();
            var bytes = ReportTestIO.Bytes(ReportFormat.Csv, findings);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));

            var rows = ReportTestIO.Csv(ReportTestIO.Text(ReportFormat.Csv, findings));
            var header = rows[0];
            Assert.Equal(findings.Count + 1, rows.Count);
            Assert.All(rows, r => Assert.Equal(header.Count, r.Count));

            var row = rows[1 + findings.FindIndex(f => f.ResourceId == SampleFindings.ScriptId)];
            string Cell(string name) => row[header.IndexOf(name)];
            Assert.Equal("SEC09.BucketEncrypted", Cell("CheckId"));
            Assert.Equal("Fail", Cell("Status"));
            Assert.Equal(SampleFindings.ScriptId, Cell("ResourceId"));
            Assert.Equal("SEC09-BP01", Cell("BestPractices"));
            using var evidence = JsonDocument.Parse(Cell("Evidence"));
            Assert.Equal("=cmd|' /C calc'!A0", evidence.RootElement.GetProperty("Tags")[1].GetString());
            Assert.Equal(3, evidence.RootElement.GetProperty("Nested").GetProperty("Count").GetInt32());
            Assert.Contains("pipe & <b>markup</b>", Cell("Reason"));
        }

        [Theory]
        [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
        [InlineData("+1", "'+1")]
        [InlineData("-1+1", "'-1+1")]
        [InlineData("@SUM(1)", "'@SUM(1)")]
        [InlineData("\tx", "'\tx")]
        [InlineData("bucket-=1", "bucket-=1")]
        public void Cells_a_spreadsheet_would_run_as_formulas_are_prefixed_with_a_quote(string value, string expected)
        {
            Assert.Equal(expected, CsvReport.Neutralize(value));
        }

        [Fact]
        public void Resource_ids_starting_with_formula_characters_are_neutralized_in_the_file()
        {
            var rows = ReportTestIO.Csv(ReportTestIO.Text(ReportFormat.Csv, SampleFindings.Create()));
            var ids = rows.Skip(1).Select(r => r[rows[0].IndexOf("ResourceId")]).ToList();
            Assert.Contains("'-1+1", ids);
            Assert.Contains("'@SUM(1)", ids);
            Assert.DoesNotContain(rows.SelectMany(r => r), c => c.Length > 0 && "=+-@".Contains(c[0]));
        }
    }
}
