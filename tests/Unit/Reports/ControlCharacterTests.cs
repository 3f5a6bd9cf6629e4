using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Reports
{
    /// <summary>
    /// A data store whose name and classification tag hold terminal escape sequences (clear screen, OSC 8
    /// hyperlink, OSC 52 clipboard write), BEL, NUL, a lone CR, a C1 CSI and a right-to-left override, assessed
    /// by the real SEC08 cmdlet: no output path (console views, every report format, import, error records)
    /// may carry those characters, and each must show the visible escape instead.
    /// </summary>
    public sealed class ControlCharacterTests
    {
        private const string Account = "111122223333";
        private const string Region = "us-east-1";

        /// <summary>Clear screen and home, OSC 8 hyperlink, OSC 52 clipboard write, BEL, NUL, CR, C1 CSI, RLO.</summary>
        internal const string Hostile =
            "data\u001b[2J\u001b[H" +
            "\u001b]8;;https://attacker.invalid/\u001b\\click\u001b]8;;\u001b\\" +
            "\u001b]52;c;cm0gLXJmIH4K\u0007" +
            "bell\u0007nul\u0000cr\rC1\u009b31m" +
            "\u202Egnp.exe";

        /// <summary>What the finding and every output show for <see cref="Hostile"/>.</summary>
        internal const string Escaped =
            "data\\x1B[2J\\x1B[H" +
            "\\x1B]8;;https://attacker.invalid/\\x1B\\click\\x1B]8;;\\x1B\\" +
            "\\x1B]52;c;cm0gLXJmIH4K\\x07" +
            "bell\\x07nul\\x00cr\\x0DC1\\x9B31m" +
            "\\u202Egnp.exe";

        private static readonly string[] EscapeTexts = { "\\x1B[2J", "\\x1B]8;;", "\\x1B]52;c;", "\\x07", "\\x00", "\\x0D", "\\x9B31m", "\\u202E" };

        /// <summary>A bundle with one DynamoDB table named <see cref="Hostile"/>, tagged with it, and a Macie error echoing it.</summary>
        internal static BundleBuilder HostileBundle()
        {
            var key = ApiCall.EncodeKey(Hostile);
            return new BundleBuilder(Account, Region)
                .Json($"{Region}/dynamodb/ListTables.json", new { TableNames = new[] { Hostile } })
                .Json($"{Region}/dynamodb/DescribeTable/{key}.json", new
                {
                    Table = new
                    {
                        TableName = Hostile,
                        TableStatus = "ACTIVE",
                        TableArn = $"arn:aws:dynamodb:{Region}:{Account}:table/{Hostile}",
                        TableId = "5d7b7a4c-0000-4000-8000-000000000001",
                    },
                })
                .Json($"{Region}/dynamodb/ListTagsOfResource/{key}.json", new { Tags = new[] { new { Key = "DataClassification", Value = Hostile } } })
                .Json($"{Region}/ec2/DescribeVolumes.json", new { Volumes = new object[0] })
                .Json($"{Region}/rds/DescribeDBInstances.json", new { DBInstances = new object[0] })
                .Json($"{Region}/rds/DescribeDBClusters.json", new { DBClusters = new object[0] })
                .Json($"{Region}/efs/DescribeFileSystems.json", new { FileSystems = new object[0] })
                .Json($"{Region}/sqs/ListQueues.json", new { QueueUrls = new string[0] })
                .Json("global/s3/ListBuckets.json", new { Buckets = new object[0], Owner = new { ID = "0a1b2c3d" } })
                .Error($"{Region}/macie2/GetMacieSession.json", "InternalFailure", Hostile);
        }

        /// <summary>The first character a terminal, XML parser or bidi-aware viewer would act on, or null.</summary>
        internal static string? FirstForbidden(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var forbidden = (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
                    || (c >= 0x7F && c <= 0x9F)
                    || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                    || c == 0x061C || c == 0x200E || c == 0x200F;
                // A CR is allowed only as part of a line break.
                forbidden |= c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n');
                if (forbidden)
                {
                    return $"U+{(int)c:X4} at {i} in: {text.Substring(Math.Max(0, i - 40), Math.Min(80, text.Length - Math.Max(0, i - 40)))}";
                }
            }

            return null;
        }

        private static void AssertSafe(string text, string what)
        {
            var forbidden = FirstForbidden(text);
            Assert.True(forbidden == null, $"{what} holds a raw control character: {forbidden}");
        }

        private static void AssertShowsEscapes(string text, string what)
        {
            foreach (var escape in EscapeTexts)
            {
                Assert.True(text.Contains(escape, StringComparison.Ordinal), $"{what} does not show '{escape}':\n{text}");
            }
        }

        private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        [Fact]
        public void The_check_finding_holds_the_visible_escapes_in_every_text_evidence_and_property()
        {
            using var bundle = HostileBundle();
            var result = PowerShellRunner.Run("Get-WASDataClassification -EvidencePath $path", Vars(("path", bundle.WriteFolder()))).AssertNoErrors();

            var store = Assert.Single(result.Findings, f => f.CheckId == "SEC08.DataStoreClassified");
            Assert.Equal(FindingStatus.Fail, store.Status);
            Assert.Equal(Escaped, store.ResourceId);
            Assert.Equal($"arn:aws:dynamodb:{Region}:{Account}:table/{Escaped}", store.ResourceArn);
            Assert.Contains($"'{Escaped}'", store.Reason);
            Assert.Equal(Escaped, store.Evidence["TagValue"]);
            Assert.Equal(Escaped, store.Properties["TableName"]);
            var pipeline = Assert.Single(result.Output, o => o.BaseObject is Finding f && f.CheckId == "SEC08.DataStoreClassified");
            Assert.Equal(Escaped, pipeline.Properties["TableName"].Value);

            var macie = Assert.Single(result.Findings, f => f.CheckId == "SEC08.MacieEnabled");
            Assert.Equal(FindingStatus.Error, macie.Status);
            Assert.Contains(Escaped, macie.Reason);
            Assert.Equal(Escaped, macie.Evidence["ErrorMessage"]);

            foreach (var finding in result.Findings)
            {
                var texts = new[] { finding.Question, finding.Area, finding.CheckId, finding.Title, finding.AccountId, finding.Region, finding.ResourceType, finding.ResourceId, finding.ResourceArn ?? string.Empty, finding.Reason, finding.Remediation, finding.Justification ?? string.Empty }
                    .Concat(finding.BestPractices).Concat(finding.Cis)
                    .Concat(finding.Evidence.Keys.Cast<object>().Select(k => k.ToString()!))
                    .Concat(Strings(finding.Evidence))
                    .Concat(finding.Properties.Keys).Concat(finding.Properties.Values.SelectMany(Strings));
                foreach (var text in texts)
                {
                    AssertSafe(text, $"{finding.CheckId} {finding.Status}");
                }
            }
        }

        [Fact]
        public void Console_views_show_escapes_and_never_a_control_character()
        {
            using var bundle = HostileBundle();
            var views = new Dictionary<string, string>
            {
                ["Format-List *"] = "$f | Format-List * | Out-String -Width 4096",
                ["Format-List"] = "$f | Format-List | Out-String -Width 4096",
                ["Format-Table"] = "$f | Format-Table | Out-String -Width 4096",
                ["Format-Table -Wrap *"] = "$f | Format-Table -Wrap -Property * | Out-String -Width 4096",
                ["Out-String"] = "$f | Out-String -Width 4096",
                ["Evidence"] = "$f | ForEach-Object { $_.Evidence } | Format-List | Out-String -Width 4096",
                ["ToString"] = "$f | ForEach-Object { \"$_ $($_.Reason) $($_.Evidence.Values)\" } | Out-String -Width 4096",
            };
            foreach (var view in views)
            {
                var result = PowerShellRunner.Run(
                    "$f = Get-WASDataClassification -EvidencePath $path | Sort-Object CheckId; " + view.Value,
                    Vars(("path", bundle.WriteFolder()))).AssertNoErrors();
                var text = string.Concat(result.Output.Select(o => o.ToString()));
                AssertSafe(text, view.Key);
                Assert.Contains("\\x1B[", text);
                Assert.Contains("x9B", text);
                if (view.Key.StartsWith("Format-List", StringComparison.Ordinal) || view.Key == "ToString" || view.Key == "Evidence")
                {
                    // Views that show the whole value show every escape; the table views may cut it.
                    AssertShowsEscapes(text, view.Key);
                }
            }
        }

        [Theory]
        [InlineData("Markdown", ".md")]
        [InlineData("Csv", ".csv")]
        [InlineData("JUnit", ".xml")]
        [InlineData("NUnit", ".xml")]
        [InlineData("Sarif", ".sarif")]
        [InlineData("Html", ".html")]
        [InlineData("Json", ".json")]
        public void Every_report_format_shows_escapes_and_never_a_control_character(string format, string extension)
        {
            using var bundle = HostileBundle();
            var path = SampleFindings.TempFile(extension);
            try
            {
                PowerShellRunner.Run(
                    "Get-WASDataClassification -EvidencePath $bundle | Export-WASReport -Format $format -Path $path",
                    Vars(("bundle", bundle.WriteFolder()), ("format", format), ("path", path))).AssertNoErrors();
                var bytes = File.ReadAllBytes(path);
                var text = new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
                AssertSafe(text, format);
                foreach (var hex in new[] { "x1B", "x07", "x00", "x0D", "x9B", "u202E" })
                {
                    Assert.Contains(hex, text);
                }

                switch (format)
                {
                    case "JUnit":
                    case "NUnit":
                        var xml = ReportTestIO.Xml(bytes);
                        var values = xml.SelectNodes("//@*")!.Cast<System.Xml.XmlAttribute>().Select(a => a.Value).Append(xml.DocumentElement!.InnerText);
                        Assert.Contains(values, v => v.Contains(Escaped, StringComparison.Ordinal));
                        break;
                    case "Csv":
                        var rows = ReportTestIO.Csv(text);
                        Assert.Contains(rows.Skip(1), r => r[rows[0].IndexOf("ResourceId")] == Escaped);
                        break;
                    case "Json":
                    case "Sarif":
                        Assert.Contains(Strings(JsonDocument.Parse(bytes).RootElement), v => v.Contains(Escaped, StringComparison.Ordinal));
                        break;
                    case "Html":
                        AssertShowsEscapes(text, format);
                        break;
                    case "Markdown":
                        // Markdown backslashes '\' and '[' in a cell; rendered, the cell reads \x1B[2J.
                        Assert.Contains("\\\\x1B\\[2J", text);
                        Assert.Contains("\\\\u202Egnp.exe", text);
                        break;
                }
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Import_of_a_json_report_round_trips_the_escaped_text_and_escapes_raw_control_characters()
        {
            using var bundle = HostileBundle();
            var path = SampleFindings.TempFile(".json");
            var raw = SampleFindings.TempFile(".json");
            try
            {
                var result = PowerShellRunner.Run(
                    "$f = Get-WASDataClassification -EvidencePath $bundle; $f | Export-WASReport -Format Json -Path $path; " +
                    "Import-WASAssessment -Path $path",
                    Vars(("bundle", bundle.WriteFolder()), ("path", path))).AssertNoErrors();
                var imported = Assert.Single(result.Findings, f => f.CheckId == "SEC08.DataStoreClassified");
                Assert.Equal(Escaped, imported.ResourceId);
                Assert.Equal(Escaped, imported.Evidence["TagValue"]);
                Assert.Equal(Escaped, imported.Properties["TableName"]);

                // A report edited (or written by another tool) with raw control characters: escaped on import.
                var json = File.ReadAllText(path).Replace(JsonEncodedText.Encode(Escaped).ToString(), JsonEncodedText.Encode(Hostile).ToString());
                Assert.Contains("\\u001B[2J", json, StringComparison.OrdinalIgnoreCase);
                File.WriteAllText(raw, json);
                var reread = PowerShellRunner.Run(
                    "Import-WASAssessment -Path $raw | Format-List * | Out-String -Width 4096; Import-WASAssessment -Path $raw",
                    Vars(("raw", raw))).AssertNoErrors();
                var listed = reread.Output[0].ToString();
                AssertSafe(listed, "Format-List * of imported findings");
                AssertShowsEscapes(listed, "Format-List * of imported findings");
                var again = Assert.Single(reread.Findings, f => f.CheckId == "SEC08.DataStoreClassified");
                Assert.Equal(Escaped, again.ResourceId);
                Assert.Equal(Escaped, again.Evidence["TagValue"]);
                Assert.Equal(Escaped, again.Properties["TableName"]);
            }
            finally
            {
                File.Delete(path);
                File.Delete(raw);
            }
        }

        [Fact]
        public void Error_records_that_quote_a_report_show_escapes()
        {
            var path = SampleFindings.TempFile(".json");
            try
            {
                var finding = new { CheckId = "SEC08.DataStoreClassified", Status = "Fail\u001b]52;c;cm0gLXJmIH4K\u0007\u001b[2J", Severity = "High" };
                File.WriteAllText(path, JsonSerializer.Serialize(new { schemaVersion = 1, findings = new[] { finding } }));
                var result = PowerShellRunner.Run("Import-WASAssessment -Path $path; $Error[0] | Out-String -Width 4096", Vars(("path", path)));

                var error = Assert.Single(result.Errors);
                Assert.Equal("WASInvalidReport,WASecurity.Cmdlets.ImportWASAssessment", error.FullyQualifiedErrorId);
                AssertSafe(error.ToString(), "the error record");
                Assert.Contains("Fail\\x1B]52;c;cm0gLXJmIH4K\\x07\\x1B[2J", error.ToString());
                var shown = string.Concat(result.Output.Select(o => o.ToString()));
                AssertSafe(shown, "the error as PowerShell shows it");
                Assert.Contains("\\x1B]52;c;", shown);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Evidence_set_directly_from_PowerShell_is_shown_escaped()
        {
            var result = PowerShellRunner.Run(
                "$f = [WASecurity.Finding]::new(); $f.CheckId = 'SEC08.DataStoreClassified'; $f.ResourceId = $hostile; " +
                "$f.Evidence['Tag' + [char]0x1b + '[31m'] = $hostile; $f.Evidence['Nested'] = @{ Name = $hostile; List = @(1, $hostile) }; " +
                "$f.Cis = @('3.0/1.1'); $f.Cis[0] = $hostile; " +
                "$f | Format-List * | Out-String -Width 4096; $f",
                Vars(("hostile", Hostile))).AssertNoErrors();
            var text = result.Output[0].ToString();
            AssertSafe(text, "Format-List *");
            AssertShowsEscapes(text, "Format-List *");
            Assert.Contains("Tag\\x1B[31m", text);

            var finding = result.Findings.Single();
            Assert.Equal(Escaped, finding.Evidence["Tag\\x1B[31m"]);
            var nested = Assert.IsAssignableFrom<IDictionary>(finding.Evidence["Nested"]);
            Assert.Equal(Escaped, nested["Name"]);
            Assert.Equal(new object?[] { 1, Escaped }, Assert.IsType<object?[]>(nested["List"]));
            Assert.Equal(new[] { Escaped }, finding.Cis);
        }

        /// <summary>Every string in a value: dictionaries (keys and values), sequences, JSON documents.</summary>
        private static IEnumerable<string> Strings(object? value)
        {
            switch (value)
            {
                case null:
                    yield break;
                case string s:
                    yield return s;
                    yield break;
                case JsonElement element:
                    switch (element.ValueKind)
                    {
                        case JsonValueKind.String:
                            yield return element.GetString()!;
                            break;
                        case JsonValueKind.Object:
                            foreach (var property in element.EnumerateObject())
                            {
                                yield return property.Name;
                                foreach (var s in Strings(property.Value))
                                {
                                    yield return s;
                                }
                            }

                            break;
                        case JsonValueKind.Array:
                            foreach (var item in element.EnumerateArray())
                            {
                                foreach (var s in Strings(item))
                                {
                                    yield return s;
                                }
                            }

                            break;
                    }

                    yield break;
                case IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        foreach (var s in Strings(entry.Key).Concat(Strings(entry.Value)))
                        {
                            yield return s;
                        }
                    }

                    yield break;
                case IEnumerable sequence:
                    foreach (var item in sequence)
                    {
                        foreach (var s in Strings(item))
                        {
                            yield return s;
                        }
                    }

                    yield break;
                default:
                    yield return value.ToString() ?? string.Empty;
                    yield break;
            }
        }
    }
}
