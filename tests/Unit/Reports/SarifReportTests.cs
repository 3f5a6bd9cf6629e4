using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Reports;
using Xunit;

namespace WASecurity.Tests.Reports
{
    public sealed class SarifReportTests
    {
        private static JsonElement Required(JsonElement element, string name, JsonValueKind kind)
        {
            Assert.True(element.TryGetProperty(name, out var value), $"SARIF requires '{name}' here: {element}");
            Assert.Equal(kind, value.ValueKind);
            return value;
        }

        private static void RequiredText(JsonElement element, string name)
        {
            var message = Required(element, name, JsonValueKind.Object);
            Assert.False(string.IsNullOrEmpty(Required(message, "text", JsonValueKind.String).GetString()));
        }

        [Fact]
        public void Sarif_has_the_fields_the_2_1_0_schema_requires()
        {
            var findings = SampleFindings.Create();
            using var document = JsonDocument.Parse(ReportTestIO.Bytes(ReportFormat.Sarif, findings));
            var log = document.RootElement;

            // sarifLog: version (const 2.1.0) and runs are required; $schema names the schema.
            Assert.Equal("2.1.0", Required(log, "version", JsonValueKind.String).GetString());
            Assert.Contains("sarif-schema-2.1.0.json", Required(log, "$schema", JsonValueKind.String).GetString());
            var run = Assert.Single(Required(log, "runs", JsonValueKind.Array).EnumerateArray());

            // run: tool; tool: driver; toolComponent: name.
            var driver = Required(Required(run, "tool", JsonValueKind.Object), "driver", JsonValueKind.Object);
            Assert.Equal("WASecurity", Required(driver, "name", JsonValueKind.String).GetString());
            Assert.Equal("9.9.9", Required(driver, "version", JsonValueKind.String).GetString());
            Assert.StartsWith("https://", Required(driver, "informationUri", JsonValueKind.String).GetString());

            // reportingDescriptor: id; multiformatMessageString: text.
            var rules = Required(driver, "rules", JsonValueKind.Array).EnumerateArray().ToList();
            foreach (var rule in rules)
            {
                Required(rule, "id", JsonValueKind.String);
                RequiredText(rule, "shortDescription");
                RequiredText(rule, "fullDescription");
                RequiredText(rule, "help");
                var properties = Required(rule, "properties", JsonValueKind.Object);
                Assert.True(double.TryParse(Required(properties, "security-severity", JsonValueKind.String).GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
                var tags = Required(properties, "tags", JsonValueKind.Array).EnumerateArray().Select(t => t.GetString()).ToList();
                Assert.Contains("security", tags);
                Assert.Equal(tags.Count, tags.Distinct().Count());
            }

            // invocation: executionSuccessful.
            Assert.All(Required(run, "invocations", JsonValueKind.Array).EnumerateArray(), i => Required(i, "executionSuccessful", JsonValueKind.True));

            // result: message (with text); ruleId/ruleIndex point at a rule; level is one of the enum.
            var results = Required(run, "results", JsonValueKind.Array).EnumerateArray().ToList();
            Assert.Equal(findings.Count(f => f.Status == FindingStatus.Fail || f.Status == FindingStatus.Error), results.Count);
            var ruleIds = rules.Select(r => r.GetProperty("id").GetString()).ToList();
            foreach (var result in results)
            {
                RequiredText(result, "message");
                var ruleId = Required(result, "ruleId", JsonValueKind.String).GetString();
                Assert.Equal(ruleId, ruleIds[Required(result, "ruleIndex", JsonValueKind.Number).GetInt32()]);
                Assert.Contains(Required(result, "level", JsonValueKind.String).GetString(), new[] { "error", "warning", "note", "none" });
                Assert.Contains(Required(result, "kind", JsonValueKind.String).GetString(), new[] { "fail", "open" });
                var location = Assert.Single(Required(result, "locations", JsonValueKind.Array).EnumerateArray());
                var logical = Assert.Single(Required(location, "logicalLocations", JsonValueKind.Array).EnumerateArray());
                Assert.False(string.IsNullOrEmpty(Required(logical, "fullyQualifiedName", JsonValueKind.String).GetString()));
                if (result.TryGetProperty("suppressions", out var suppressions))
                {
                    // suppression: kind is required.
                    Assert.All(suppressions.EnumerateArray(), s => Assert.Contains(Required(s, "kind", JsonValueKind.String).GetString(), new[] { "inSource", "external" }));
                }
            }
        }

        [Fact]
        public void Sarif_levels_follow_severity_and_errors_are_open_results()
        {
            var findings = SampleFindings.Create();
            using var document = JsonDocument.Parse(ReportTestIO.Bytes(ReportFormat.Sarif, findings));
            var results = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();

            JsonElement ResultOf(string checkId) => results.Single(r => r.GetProperty("ruleId").GetString() == checkId && r.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("name").GetString() != "@SUM(1)");
            Assert.Equal("error", ResultOf("SEC01.RootHardwareMfa").GetProperty("level").GetString());
            Assert.Equal("warning", ResultOf("SEC09.BucketEncrypted").GetProperty("level").GetString());
            Assert.Equal("note", ResultOf("SEC09.BucketVersioning").GetProperty("level").GetString());
            var error = ResultOf("SEC01.SecurityContactRegistered");
            Assert.Equal("open", error.GetProperty("kind").GetString());
            Assert.Equal("none", error.GetProperty("level").GetString());
            Assert.Equal("arn:aws:s3:::evil", ResultOf("SEC09.BucketEncrypted").GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());

            var suppressed = ResultOf("SEC09.BucketVersioning").GetProperty("suppressions")[0];
            Assert.Equal("external", suppressed.GetProperty("kind").GetString());
            Assert.Equal("accepted", suppressed.GetProperty("status").GetString());
            Assert.Equal("Logs are immutable elsewhere (TICKET-7).", suppressed.GetProperty("justification").GetString());
            Assert.False(ResultOf("SEC01.RootHardwareMfa").TryGetProperty("suppressions", out _));

            // A known check's rule comes from the catalog: its real severity score and CIS tag.
            var rule = document.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
                .Single(r => r.GetProperty("id").GetString() == "SEC01.RootHardwareMfa");
            Assert.Equal("8.0", rule.GetProperty("properties").GetProperty("security-severity").GetString());
            Assert.Contains("CIS-3.0/1.6", rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        }

        [Fact]
        public void An_empty_run_is_still_a_valid_log()
        {
            using var document = JsonDocument.Parse(ReportTestIO.Bytes(ReportFormat.Sarif, new List<Finding>()));
            var run = document.RootElement.GetProperty("runs")[0];
            Assert.Equal(0, run.GetProperty("results").GetArrayLength());
            Assert.Equal("WASecurity", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        }

        // The 2.1.0 schema sets additionalProperties: false on these objects; each list is the schema's property names.
        private static readonly Dictionary<string, string[]> Allowed = new Dictionary<string, string[]>
        {
            ["sarifLog"] = new[] { "$schema", "version", "runs", "inlineExternalProperties", "properties" },
            ["run"] = new[] { "tool", "invocations", "conversion", "language", "versionControlProvenance", "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results", "automationDetails", "runAggregates", "baselineGuid", "redactionTokens", "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind", "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses", "translations", "policies", "webRequests", "webResponses", "specialLocations", "properties" },
            ["tool"] = new[] { "driver", "extensions", "properties" },
            ["toolComponent"] = new[] { "guid", "name", "organization", "product", "productSuite", "shortDescription", "fullDescription", "fullName", "version", "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings", "notifications", "rules", "taxa", "locations", "language", "contents", "isComprehensive", "localizedDataSemanticVersion", "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent", "translationMetadata", "supportedTaxonomies", "properties" },
            ["reportingDescriptor"] = new[] { "id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames", "shortDescription", "fullDescription", "messageStrings", "defaultConfiguration", "helpUri", "help", "relationships", "properties" },
            ["multiformatMessageString"] = new[] { "text", "markdown", "properties" },
            ["reportingConfiguration"] = new[] { "enabled", "level", "rank", "parameters", "properties" },
            ["invocation"] = new[] { "commandLine", "arguments", "responseFiles", "startTimeUtc", "endTimeUtc", "exitCode", "ruleConfigurationOverrides", "notificationConfigurationOverrides", "toolExecutionNotifications", "toolConfigurationNotifications", "exitCodeDescription", "exitSignalName", "exitSignalNumber", "processStartFailureMessage", "executionSuccessful", "machine", "account", "processId", "executableLocation", "workingDirectory", "environmentVariables", "stdin", "stdout", "stderr", "stdoutStderr", "properties" },
            ["result"] = new[] { "ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid", "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals", "relatedLocations", "suppressions", "baselineState", "rank", "attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest", "webResponse", "properties" },
            ["message"] = new[] { "text", "markdown", "id", "arguments", "properties" },
            ["location"] = new[] { "id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships", "properties" },
            ["logicalLocation"] = new[] { "name", "index", "fullyQualifiedName", "decoratedName", "parentIndex", "kind", "properties" },
            ["suppression"] = new[] { "guid", "kind", "status", "justification", "location", "properties" },
        };

        private static void OnlyAllowed(JsonElement element, string definition) =>
            Assert.All(element.EnumerateObject(), p => Assert.True(Allowed[definition].Contains(p.Name), $"'{p.Name}' is not a property of {definition}"));

        [Fact]
        public void Sarif_objects_hold_only_properties_the_schema_defines()
        {
            using var document = JsonDocument.Parse(ReportTestIO.Bytes(ReportFormat.Sarif, SampleFindings.Create()));
            var log = document.RootElement;
            OnlyAllowed(log, "sarifLog");
            var run = log.GetProperty("runs")[0];
            OnlyAllowed(run, "run");
            OnlyAllowed(run.GetProperty("tool"), "tool");
            var driver = run.GetProperty("tool").GetProperty("driver");
            OnlyAllowed(driver, "toolComponent");
            foreach (var rule in driver.GetProperty("rules").EnumerateArray())
            {
                OnlyAllowed(rule, "reportingDescriptor");
                OnlyAllowed(rule.GetProperty("shortDescription"), "multiformatMessageString");
                OnlyAllowed(rule.GetProperty("fullDescription"), "multiformatMessageString");
                OnlyAllowed(rule.GetProperty("help"), "multiformatMessageString");
                OnlyAllowed(rule.GetProperty("defaultConfiguration"), "reportingConfiguration");
                Assert.Contains(rule.GetProperty("defaultConfiguration").GetProperty("level").GetString(), new[] { "none", "note", "warning", "error" });
            }

            Assert.All(run.GetProperty("invocations").EnumerateArray(), i => OnlyAllowed(i, "invocation"));
            foreach (var result in run.GetProperty("results").EnumerateArray())
            {
                OnlyAllowed(result, "result");
                OnlyAllowed(result.GetProperty("message"), "message");
                foreach (var location in result.GetProperty("locations").EnumerateArray())
                {
                    OnlyAllowed(location, "location");
                    Assert.All(location.GetProperty("logicalLocations").EnumerateArray(), l => OnlyAllowed(l, "logicalLocation"));
                }

                Assert.All(result.GetProperty("partialFingerprints").EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
                if (result.TryGetProperty("suppressions", out var suppressions))
                {
                    Assert.All(suppressions.EnumerateArray(), s =>
                    {
                        OnlyAllowed(s, "suppression");
                        Assert.Contains(s.GetProperty("status").GetString(), new[] { "accepted", "underReview", "rejected" });
                    });
                }
            }
        }
    }
}
