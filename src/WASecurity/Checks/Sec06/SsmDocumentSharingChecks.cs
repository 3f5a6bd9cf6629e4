using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec06
{
    /// <summary>SEC 6: Systems Manager documents of the account that every AWS account may see and run.</summary>
    internal static class SsmDocumentSharingChecks
    {
        public static Task<IEnumerable<Finding>> SsmDocumentNotPublicAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.SsmDocumentNotPublic;
            return context.ForEachRegionAsync(check, "Systems Manager document owned by the account", async region =>
            {
                var list = await context.GetAsync(SsmDocumentCalls.ListOwnDocuments(region), cancellationToken).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    return context.ErrorFinding(check, list).AsEnumerable();
                }

                var documents = list.Root.Items("DocumentIdentifiers")
                    .Select(d => (Name: d.RequiredStr("Name", "DocumentIdentifiers[]"), Type: d.Str("DocumentType")))
                    .ToList();
                var findings = await Task.WhenAll(documents.Select(async document =>
                {
                    var arn = $"arn:{context.Account.Partition}:ssm:{region}:{context.Account.AccountId}:document/{document.Name}";
                    var response = await context.GetAsync(SsmDocumentCalls.DescribeDocumentPermission(region, document.Name), cancellationToken).ConfigureAwait(false);
                    Finding finding;
                    if (!response.IsSuccess)
                    {
                        finding = context.ErrorFinding(check, response, document.Name, arn, check.ResourceType);
                    }
                    else if (!(AccountIds(response.Root) is { } accounts))
                    {
                        // AWS always answers with the list of strings, empty for a document shared with nobody.
                        finding = context.NewFinding(check, FindingStatus.Error, document.Name, $"Could not verify: the DescribeDocumentPermission response for Systems Manager document {document.Name} in {region} has no AccountIds list of account ids.", region, arn)
                            .With("FailedCall", response.Call.Action);
                    }
                    else
                    {
                        var named = accounts.Where(a => !IsEveryone(a)).ToList();
                        var shared = named.Count == 0 ? string.Empty : $" It is shared with {named.Count} named account(s): {string.Join(", ", named)}.";
                        var kind = document.Type == null ? string.Empty : $" ({document.Type})";
                        finding = accounts.Any(IsEveryone)
                            ? context.NewFinding(check, FindingStatus.Fail, document.Name, $"Systems Manager document {document.Name}{kind} is shared publicly: every AWS account can see and run it (\"all\" is among its account ids).{shared}", region, arn)
                            : context.NewFinding(check, FindingStatus.Pass, document.Name, $"Systems Manager document {document.Name}{kind} is not shared publicly.{shared}", region, arn);
                        finding.With("AccountIds", accounts).With("DocumentType", document.Type);
                    }

                    return finding.WithProperty("Name", document.Name);
                })).ConfigureAwait(false);
                return findings.ToList();
            });
        }

        /// <summary>The AccountIds list, or null when it is missing or is not a list of strings (never read as "shared with nobody").</summary>
        private static IReadOnlyList<string>? AccountIds(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("AccountIds", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var ids = list.EnumerateArray().ToList();
            return ids.All(id => id.ValueKind == JsonValueKind.String) ? ids.Select(id => id.GetString()!).ToList() : null;
        }

        private static bool IsEveryone(string accountId) => string.Equals(accountId, "all", StringComparison.OrdinalIgnoreCase);
    }
}
