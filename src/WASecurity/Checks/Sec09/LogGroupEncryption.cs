using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Sec04;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec09
{
    /// <summary>
    /// SEC 9: CloudWatch Logs log groups encrypted with a KMS key of the account. It reads the same DescribeLogGroups
    /// answer as SEC04.LogGroupRetention, so the listing is fetched (and stored in a bundle) once.
    /// </summary>
    internal static class LogGroupEncryption
    {
        public static Task<IEnumerable<Finding>> LogGroupEncryptedAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec09Catalog.LogGroupEncrypted;
            return context.ForEachRegionAsync(check, "CloudWatch Logs log group", async region =>
            {
                var response = await context.GetAsync(LoggingCalls.DescribeLogGroups(region), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return context.ErrorFinding(check, response).AsEnumerable();
                }

                return response.Root.Items("logGroups").Select(group =>
                {
                    var name = group.RequiredStr("logGroupName", "logGroups[]");
                    var key = group.Str("kmsKeyId");
                    var arn = group.Str("logGroupArn") ?? $"arn:{context.Account.Partition}:logs:{region}:{context.Account.AccountId}:log-group:{name}";
                    var finding = string.IsNullOrEmpty(key)
                        ? context.NewFinding(check, FindingStatus.Fail, name, $"Log group '{name}' has no KMS key (kmsKeyId): its events are encrypted only with keys CloudWatch Logs holds, which no key policy of the account governs.", region, arn)
                        : context.NewFinding(check, FindingStatus.Pass, name, $"Log group '{name}' is encrypted with KMS key {key}.", region, arn);
                    return finding.WithProperty("LogGroupName", name).With("KmsKeyId", key);
                }).ToList();
            });
        }
    }
}
