using System.Collections.Generic;
using System.IO;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Reports
{
    public sealed class ReportCmdletTests
    {
        private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        [Fact]
        public void Export_then_Import_gives_back_the_same_findings()
        {
            var path = SampleFindings.TempFile(".json");
            try
            {
                var findings = SampleFindings.Create().ToArray();
                var result = PowerShellRunner.Run(
                    "$findings | Export-WASReport -Format Json -Path $path; Import-WASAssessment -Path $path",
                    Vars(("findings", findings), ("path", path))).AssertNoErrors();
                Assert.Equal(findings.Select(f => f.ToString()), result.Findings.Select(f => f.ToString()));
                // Resource names come back as properties for piping by name.
                Assert.Equal("<script>alert(1)</script>", result.Output.Single(o => o.Properties["BucketName"] != null).Properties["BucketName"].Value);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Export_refuses_to_overwrite_without_Force()
        {
            var path = SampleFindings.TempFile(".html");
            File.WriteAllText(path, "keep me");
            try
            {
                var findings = SampleFindings.Create().ToArray();
                var refused = PowerShellRunner.Run("$findings | Export-WASReport -Format Html -Path $path", Vars(("findings", findings), ("path", path)));
                Assert.Equal("WASReportExists,WASecurity.Cmdlets.ExportWASReport", refused.FirstError?.FullyQualifiedErrorId);
                Assert.Contains("-Force", refused.FirstError!.ToString());
                Assert.Equal("keep me", File.ReadAllText(path));

                PowerShellRunner.Run("$findings | Export-WASReport -Format Html -Path $path -Force", Vars(("findings", findings), ("path", path))).AssertNoErrors();
                Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path));
                Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".tmp-*"));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Export_WhatIf_writes_nothing_and_PassThru_passes_findings_on()
        {
            var path = SampleFindings.TempFile(".sarif");
            var other = SampleFindings.TempFile(".xml");
            try
            {
                var findings = SampleFindings.Create().ToArray();
                PowerShellRunner.Run("$findings | Export-WASReport -Format Sarif -Path $path -WhatIf", Vars(("findings", findings), ("path", path))).AssertNoErrors();
                Assert.False(File.Exists(path));

                var result = PowerShellRunner.Run(
                    "$findings | Export-WASReport Sarif $path -PassThru | Export-WASReport JUnit $other -PassThru",
                    Vars(("findings", findings), ("path", path), ("other", other))).AssertNoErrors();
                Assert.Equal(findings.Length, result.Findings.Count);
                Assert.True(File.Exists(path));
                Assert.True(File.Exists(other));
            }
            finally
            {
                File.Delete(path);
                File.Delete(other);
            }
        }

        [Fact]
        public void Demo_account_assessment_exports_every_format()
        {
            var folder = Path.Combine(Path.GetTempPath(), "was-reports-" + System.Guid.NewGuid().ToString("N"));
            try
            {
                var result = PowerShellRunner.Run(
                    "$f = Test-WASRootAccount -EvidencePath $bundle; foreach ($format in [enum]::GetNames([WASecurity.Reports.ReportFormat])) { $f | Export-WASReport -Format $format -Path (Join-Path $folder \"report.$format\") }; $f",
                    Vars(("bundle", Path.Combine(SampleFindings.RepoRoot(), "samples", "demo-account")), ("folder", folder))).AssertNoErrors();
                Assert.NotEmpty(result.Findings);
                Assert.Equal(9, Directory.GetFiles(folder).Length);
                Assert.Contains("SEC01.RootHardwareMfa", File.ReadAllText(Path.Combine(folder, "report.Html")));
                Assert.Contains("\"GeneratorId\": \"SEC01.RootHardwareMfa\"", File.ReadAllText(Path.Combine(folder, "report.Asff")));
                Assert.Equal(result.Findings.Count, File.ReadAllLines(Path.Combine(folder, "report.Ocsf")).Length);
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, true);
                }
            }
        }

        [Fact]
        public void Import_names_the_file_of_an_invalid_report_and_reads_the_others()
        {
            var bad = SampleFindings.TempFile(".json");
            var good = SampleFindings.TempFile(".json");
            File.WriteAllText(bad, "{\"findings\":[{\"CheckId\":\"SEC01.X\",\"Status\":\"Maybe\",\"Severity\":\"High\"}]}");
            File.WriteAllBytes(good, ReportTestIO.Bytes(WASecurity.Reports.ReportFormat.Json, SampleFindings.Create()));
            try
            {
                var result = PowerShellRunner.Run("Import-WASAssessment -Path $bad, $good", Vars(("bad", bad), ("good", good)));
                Assert.Equal("WASInvalidReport,WASecurity.Cmdlets.ImportWASAssessment", result.FirstError?.FullyQualifiedErrorId);
                Assert.Contains(bad, result.FirstError!.ToString());
                Assert.Contains("findings[0]: Status 'Maybe'", result.FirstError!.ToString());
                Assert.Equal(SampleFindings.Create().Count, result.Findings.Count);
            }
            finally
            {
                File.Delete(bad);
                File.Delete(good);
            }
        }

        [Fact]
        public void Deserialized_and_json_findings_are_accepted_as_findings()
        {
            var folder = Path.Combine(Path.GetTempPath(), "was-deser-" + System.Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                var findings = SampleFindings.Create().ToArray();
                var result = PowerShellRunner.Run(@"
                    $findings | Export-Clixml (Join-Path $folder 'f.clixml')
                    $findings | Export-WASReport Json (Join-Path $folder 'original.json')
                    Import-Clixml (Join-Path $folder 'f.clixml') | Export-WASReport Json (Join-Path $folder 'clixml.json')
                    (Get-Content -Raw (Join-Path $folder 'original.json') | ConvertFrom-Json).findings | Export-WASReport Json (Join-Path $folder 'json.json')
                    Compare-WASAssessment -Reference (Get-Content -Raw (Join-Path $folder 'original.json') | ConvertFrom-Json).findings -Difference (Import-Clixml (Join-Path $folder 'f.clixml')) -IncludeUnchanged",
                    Vars(("findings", findings), ("folder", folder))).AssertNoErrors();

                string Findings(string name)
                {
                    using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, name)));
                    return document.RootElement.GetProperty("findings").GetRawText();
                }

                Assert.Equal(Findings("original.json"), Findings("clixml.json"));
                Assert.Equal(Findings("original.json"), Findings("json.json"));
                var changes = result.Output.Select(o => o.BaseObject).OfType<FindingChange>().ToList();
                Assert.Equal(findings.Length, changes.Count);
                Assert.All(changes, c => Assert.Contains(c.Change, new[] { FindingChangeKind.Unchanged, FindingChangeKind.StillFailing }));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
