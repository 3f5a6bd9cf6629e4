using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec09
{
    /// <summary>SEC 9: OpenSearch Service domains encrypted at rest (indexes, logs, swap files and automated snapshots).</summary>
    internal static class OpenSearchDomainEncryption
    {
        public static Task<IEnumerable<Finding>> OpenSearchDomainEncryptedAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec09Catalog.OpenSearchDomainEncrypted;
            return context.ForEachRegionAsync(check, "OpenSearch Service domain", async region =>
            {
                var list = await context.GetAsync(OpenSearchCalls.ListDomainNames(region), cancellationToken).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    return context.ErrorFinding(check, list).AsEnumerable();
                }

                var names = list.Root.Items("DomainNames").Select(d => d.RequiredStr("DomainName", "DomainNames[]")).Distinct(StringComparer.Ordinal).ToList();
                if (names.Count == 0)
                {
                    return Enumerable.Empty<Finding>();
                }

                var response = await context.GetAsync(OpenSearchCalls.DescribeDomains(region, names), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return names.Select(name => context.ErrorFinding(check, response, name, Arn(context, region, name), check.ResourceType).WithProperty("DomainName", name)).ToList();
                }

                var statuses = response.Root.Items("DomainStatusList").ToDictionary(s => s.RequiredStr("DomainName", "DomainStatusList[]"), s => s, StringComparer.Ordinal);
                return names.Select(name =>
                {
                    Finding finding;
                    if (!statuses.TryGetValue(name, out var status))
                    {
                        finding = context.NewFinding(check, FindingStatus.Error, name, $"Could not verify: the DescribeDomains response in {region} does not describe OpenSearch domain {name}, which ListDomainNames lists.", region, Arn(context, region, name))
                            .With("FailedCall", response.Call.Action);
                    }
                    else
                    {
                        var arn = status.Str("ARN") ?? Arn(context, region, name);
                        var options = status.Prop("EncryptionAtRestOptions");
                        var enabled = options?.Bool("Enabled");
                        var key = options?.Str("KmsKeyId");
                        // Only named in the reason: a version that is not text (Debian's moto 5.1 sends an object) does not decide anything.
                        var engine = status.Prop("EngineVersion") is { ValueKind: JsonValueKind.String } version ? version.GetString() : null;
                        var label = engine == null ? name : $"{name} ({engine})";
                        finding = enabled == true
                            ? context.NewFinding(check, FindingStatus.Pass, name, $"OpenSearch domain {label} encrypts its data at rest with KMS key {key ?? "(the AWS managed key aws/es)"}.", region, arn)
                            : enabled == false
                                ? context.NewFinding(check, FindingStatus.Fail, name, $"OpenSearch domain {label} does not encrypt its data at rest (EncryptionAtRestOptions.Enabled = false): indexes, logs, swap files and automated snapshots are stored in the clear.", region, arn)
                                : context.NewFinding(check, FindingStatus.Error, name, $"Could not verify: the DescribeDomains response in {region} gives OpenSearch domain {name} no EncryptionAtRestOptions.Enabled.", region, arn)
                                    .With("FailedCall", response.Call.Action);
                        finding.With("EncryptionAtRestEnabled", enabled).With("KmsKeyId", key)
                            .With("NodeToNodeEncryptionEnabled", status.Prop("NodeToNodeEncryptionOptions")?.Bool("Enabled"));
                    }

                    return finding.WithProperty("DomainName", name);
                }).ToList();
            });
        }

        private static string Arn(CheckContext context, string region, string name) =>
            $"arn:{context.Account.Partition}:es:{region}:{context.Account.AccountId}:domain/{name}";
    }
}
