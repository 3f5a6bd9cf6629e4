using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.CloudFront;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>
    /// SEC04.CloudFrontAccessLogs: one finding per enabled distribution. Standard logging to S3 (legacy: the
    /// configuration's Logging.Enabled) or through CloudWatch Logs' delivery API (v2: an ACCESS_LOGS delivery source
    /// in us-east-1 that names the distribution) passes.
    /// </summary>
    internal static class CloudFrontLogChecks
    {
        private const string DistributionType = "AWS::CloudFront::Distribution";

        public static async Task<IEnumerable<Finding>> AccessLogsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.CloudFrontAccessLogs;
            var list = await context.GetAsync(CloudFrontCalls.ListDistributions, cancellationToken).ConfigureAwait(false);
            if (!list.IsSuccess)
            {
                return context.ErrorFinding(check, list, resourceType: DistributionType).AsEnumerable();
            }

            var distributions = list.Root.Path("DistributionList")?.Items("Items").Where(d => d.Bool("Enabled") != false).ToList() ?? new List<JsonElement>();
            if (distributions.Count == 0)
            {
                return context.AccountFinding(check, FindingStatus.NotApplicable, "The account has no enabled CloudFront distribution.").AsEnumerable();
            }

            var sources = context.GetAsync(CloudFrontCalls.DescribeDeliverySources, cancellationToken);
            return await Task.WhenAll(distributions.Select(async distribution =>
            {
                var id = distribution.RequiredStr("Id", "a distribution");
                var arn = distribution.Str("ARN") ?? $"arn:{context.Account.Partition}:cloudfront::{context.Account.AccountId}:distribution/{id}";
                var config = await context.GetAsync(CloudFrontCalls.GetDistributionConfig(id), cancellationToken).ConfigureAwait(false);
                if (!config.IsSuccess)
                {
                    return context.ErrorFinding(check, config, id, arn, DistributionType).WithProperty("DistributionId", id);
                }

                var logging = config.Root.Path("DistributionConfig", "Logging");
                var legacy = logging?.Bool("Enabled");
                var delivery = await sources.ConfigureAwait(false);
                var v2 = delivery.IsSuccess
                    ? delivery.Root.Items("deliverySources").FirstOrDefault(s => string.Equals(s.Str("logType"), "ACCESS_LOGS", StringComparison.Ordinal)
                                                                               && s.Strings("resourceArns").Contains(arn, StringComparer.Ordinal))
                    : default;
                var v2Name = v2.ValueKind == JsonValueKind.Object ? v2.Str("name") ?? "(unnamed)" : null;

                Finding finding;
                if (legacy == true)
                {
                    finding = New(FindingStatus.Pass, $"Distribution {id} writes standard access logs to {logging?.Str("Bucket")}/{logging?.Str("Prefix")}.");
                }
                else if (v2Name != null)
                {
                    finding = New(FindingStatus.Pass, $"Distribution {id} delivers access logs through CloudWatch Logs delivery source {v2Name}.");
                }
                else if (legacy == null)
                {
                    finding = New(FindingStatus.Error, $"Could not verify: GetDistributionConfig of distribution {id} has no Logging.Enabled.");
                }
                else if (!delivery.IsSuccess)
                {
                    // Standard logging to S3 is off; whether logs go through the delivery API is unknown.
                    return context.ErrorFinding(check, delivery, id, arn, DistributionType).WithProperty("DistributionId", id).With("LegacyLoggingEnabled", false);
                }
                else
                {
                    finding = New(FindingStatus.Fail, $"Distribution {id} ({distribution.Str("DomainName")}) writes no access logs: standard logging is off and no CloudWatch Logs delivery source names it.");
                }

                return finding
                    .WithProperty("DistributionId", id)
                    .With("LegacyLoggingEnabled", legacy)
                    .With("LogBucket", legacy == true ? logging?.Str("Bucket") : null)
                    .With("DeliverySource", v2Name);

                Finding New(FindingStatus status, string reason) => context.NewFinding(check, status, id, reason, ApiCall.Global, arn, DistributionType);
            })).ConfigureAwait(false);
        }
    }
}
