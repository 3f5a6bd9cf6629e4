using System.Linq;
using System.Text.Json.Nodes;
using WASecurity.Aws.Operations;
using WASecurity.Permissions;
using Xunit;

namespace WASecurity.Tests.Aws
{
    /// <summary>How Send-WASFinding cuts findings into BatchImportFindings requests and reads the answers; and that the write stays out of the read-only policy.</summary>
    public sealed class SecurityHubBatchImportTests
    {
        private static JsonObject Finding(int i, int padding = 0) => new JsonObject { ["Id"] = "f" + i, ["Description"] = new string('x', padding) };

        [Fact]
        public void Requests_carry_at_most_100_findings_in_order()
        {
            var batches = SecurityHubBatchImport.Batches(Enumerable.Range(0, 250).Select(i => Finding(i)));

            Assert.Equal(new[] { 100, 100, 50 }, batches.Select(b => b.Count));
            Assert.Equal(Enumerable.Range(0, 250).Select(i => "f" + i), batches.SelectMany(b => b).Select(f => (string)f["Id"]!));
        }

        [Fact]
        public void Requests_stay_under_the_byte_budget_and_an_oversized_finding_goes_alone()
        {
            var findings = Enumerable.Range(0, 10).Select(i => Finding(i, 1000)).ToList();
            var batches = SecurityHubBatchImport.Batches(findings, maxCount: 100, maxBytes: 3500);
            Assert.Equal(new[] { 3, 3, 3, 1 }, batches.Select(b => b.Count));

            var oversized = SecurityHubBatchImport.Batches(new[] { Finding(0, 5000), Finding(1) }, maxCount: 100, maxBytes: 3500);
            Assert.Equal(new[] { 1, 1 }, oversized.Select(b => b.Count));
            Assert.Empty(SecurityHubBatchImport.Batches(Enumerable.Empty<JsonObject>()));
        }

        [Fact]
        public void The_answer_gives_the_counts_and_each_failed_finding()
        {
            var answer = JsonNode.Parse("{\"FailedCount\":1,\"SuccessCount\":2,\"FailedFindings\":[{\"Id\":\"wasecurity/1/x\",\"ErrorCode\":\"InvalidInput\",\"ErrorMessage\":\"Finding does not adhere to ASFF\"}]}")!.AsObject();
            var outcome = ImportOutcome.Read(answer, 3);

            Assert.Equal(2, outcome.SuccessCount);
            Assert.Equal(1, outcome.FailedCount);
            Assert.Equal(("wasecurity/1/x", "InvalidInput", "Finding does not adhere to ASFF"), Assert.Single(outcome.Failed));

            // An answer without counts: the failed list decides.
            var bare = ImportOutcome.Read(JsonNode.Parse("{}")!.AsObject(), 5);
            Assert.Equal(5, bare.SuccessCount);
            Assert.Equal(0, bare.FailedCount);
        }

        [Fact]
        public void BatchImportFindings_is_a_write_kept_out_of_the_registry_and_the_assessment_policy()
        {
            Assert.False(PermissionModel.IsRead(SecurityHubBatchImport.Action));
            Assert.Null(OperationRegistry.Default.Find("securityhub", SecurityHubBatchImport.Operation));
            Assert.DoesNotContain(PermissionModel.Assessment(null), p => p.Action == SecurityHubBatchImport.Action);
            // The read the checks send to Security Hub stays registered and read-only.
            Assert.NotNull(OperationRegistry.Default.Find("securityhub", "DescribeHub"));
        }
    }
}
