using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Security Hub BatchImportFindings (REST-JSON <c>POST /findings/import</c>, body <c>{"Findings":[…]}</c>), for
    /// Send-WASFinding. It writes to the account, so it is kept apart from the read-only operation registry (as
    /// S3 Control PutPublicAccessBlock is) and its action, securityhub:BatchImportFindings, is not in the assessment policy.
    /// </summary>
    internal static class SecurityHubBatchImport
    {
        public const string Operation = "BatchImportFindings";
        public const string Action = "securityhub:BatchImportFindings";

        /// <summary>BatchImportFindings takes at most 100 findings per request.</summary>
        public const int MaxFindingsPerRequest = 100;

        /// <summary>The request limit is 6 MB; batches stay under 5 MB so the envelope and escaping never tip one over.</summary>
        public const int MaxBytesPerRequest = 5 * 1024 * 1024;

        /// <summary>
        /// Splits the findings into requests of at most <paramref name="maxCount"/> findings and
        /// <paramref name="maxBytes"/> bytes of JSON, in order. A finding larger than the byte budget goes alone.
        /// </summary>
        public static IReadOnlyList<IReadOnlyList<JsonObject>> Batches(IEnumerable<JsonObject> findings, int maxCount = MaxFindingsPerRequest, int maxBytes = MaxBytesPerRequest)
        {
            var batches = new List<IReadOnlyList<JsonObject>>();
            var current = new List<JsonObject>();
            var bytes = 0;
            foreach (var finding in findings)
            {
                var size = Encoding.UTF8.GetByteCount(finding.ToJsonString()) + 1;
                if (current.Count > 0 && (current.Count >= maxCount || bytes + size > maxBytes))
                {
                    batches.Add(current);
                    current = new List<JsonObject>();
                    bytes = 0;
                }

                current.Add(finding);
                bytes += size;
            }

            if (current.Count > 0)
            {
                batches.Add(current);
            }

            return batches;
        }

        /// <summary>Imports one batch into <paramref name="region"/>; throws <see cref="AwsServiceException"/> when the call itself fails.</summary>
        public static async Task<ImportOutcome> SendAsync(AwsProtocolClient protocol, string region, IReadOnlyList<JsonObject> batch, CancellationToken cancellationToken)
        {
            // The findings are copied: a JsonNode can have only one parent, and the caller keeps its own.
            var findings = new JsonArray(batch.Select(f => JsonNode.Parse(f.ToJsonString())).ToArray());
            var body = new JsonObject { ["Findings"] = findings };
            var response = await protocol.RestJsonAsync(SecurityHubOperations.Service, region, Operation, HttpMethod.Post, "/findings/import", body, cancellationToken).ConfigureAwait(false);
            return ImportOutcome.Read(response, batch.Count);
        }
    }

    /// <summary>What BatchImportFindings answered for one request.</summary>
    internal sealed class ImportOutcome
    {
        public ImportOutcome(int successCount, int failedCount, IReadOnlyList<(string Id, string ErrorCode, string ErrorMessage)> failed)
        {
            SuccessCount = successCount;
            FailedCount = failedCount;
            Failed = failed;
        }

        public int SuccessCount { get; }

        public int FailedCount { get; }

        public IReadOnlyList<(string Id, string ErrorCode, string ErrorMessage)> Failed { get; }

        /// <summary>Reads <c>{FailedCount, SuccessCount, FailedFindings:[{Id, ErrorCode, ErrorMessage}]}</c>.</summary>
        public static ImportOutcome Read(JsonObject response, int sent)
        {
            var failed = new List<(string, string, string)>();
            if (response["FailedFindings"] is JsonArray list)
            {
                foreach (var item in list.OfType<JsonObject>())
                {
                    failed.Add((Text(item, "Id"), Text(item, "ErrorCode"), Text(item, "ErrorMessage")));
                }
            }

            var failedCount = Number(response, "FailedCount") ?? failed.Count;
            var successCount = Number(response, "SuccessCount") ?? Math.Max(0, sent - failedCount);
            return new ImportOutcome(successCount, failedCount, failed);
        }

        private static string Text(JsonObject item, string name) =>
            item[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : string.Empty;

        private static int? Number(JsonObject response, string name) =>
            response[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<int>() : (int?)null;
    }
}
