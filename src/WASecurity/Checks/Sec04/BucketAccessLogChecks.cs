using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.S3;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>
    /// SEC04.BucketServerAccessLogging: one finding per bucket, from its GetBucketLogging (the same answer the CloudTrail
    /// bucket check reads). A bucket that receives other buckets' access logs is not asked to log itself.
    /// </summary>
    internal static class BucketAccessLogChecks
    {
        private const string BucketType = "AWS::S3::Bucket";

        public static async Task<IEnumerable<Finding>> ServerAccessLoggingAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.BucketServerAccessLogging;
            var buckets = await S3Bucket.ListAsync(context, cancellationToken).ConfigureAwait(false);
            if (buckets.Value == null)
            {
                return context.ErrorFinding(check, buckets.Response, resourceType: BucketType).AsEnumerable();
            }

            if (buckets.Value.Count == 0)
            {
                return context.AccountFinding(check, FindingStatus.NotApplicable, "The account has no S3 bucket.").AsEnumerable();
            }

            var answers = await Task.WhenAll(buckets.Value.Select(async b => (Bucket: b, Response: await context.GetAsync(LoggingCalls.GetBucketLogging(b.Name), cancellationToken).ConfigureAwait(false))))
                .ConfigureAwait(false);

            // Which buckets receive whose logs: a log destination that logged itself would log its own log writes.
            var sources = answers
                .Where(a => a.Response.IsSuccess)
                .Select(a => (Source: a.Bucket.Name, Target: a.Response.Root.Prop("LoggingEnabled")?.Str("TargetBucket")))
                .Where(a => a.Target != null && a.Target != a.Source)
                .ToLookup(a => a.Target!, a => a.Source, StringComparer.Ordinal);

            return answers.Select(answer =>
            {
                var bucket = answer.Bucket;
                var arn = bucket.Arn(context.Account.Partition);
                if (!answer.Response.IsSuccess)
                {
                    return context.ErrorFinding(check, answer.Response, bucket.Name, arn, BucketType).WithProperty("BucketName", bucket.Name);
                }

                var enabled = answer.Response.Root.Prop("LoggingEnabled");
                var target = enabled?.Str("TargetBucket");
                var receives = sources[bucket.Name].ToList();
                Finding finding;
                if (target != null)
                {
                    finding = New(FindingStatus.Pass, $"Bucket {bucket.Name} writes server access logs to s3://{target}/{enabled?.Str("TargetPrefix")}.");
                }
                else if (receives.Count > 0)
                {
                    finding = New(FindingStatus.NotApplicable, $"Bucket {bucket.Name} is the server access log destination of {receives.Count} bucket(s) ({string.Join(", ", receives.Take(3))}{(receives.Count > 3 ? ", …" : string.Empty)}); logging it would log its own log deliveries.");
                }
                else
                {
                    finding = New(FindingStatus.Fail, $"Bucket {bucket.Name} has server access logging disabled: reads and writes of its objects leave no record unless CloudTrail data events cover it.");
                }

                return finding
                    .WithProperty("BucketName", bucket.Name)
                    .With("TargetBucket", target)
                    .With("TargetPrefix", enabled?.Str("TargetPrefix"))
                    .With("LogSourceBuckets", receives.Count > 0 ? receives : null);

                Finding New(FindingStatus status, string reason) => context.NewFinding(check, status, bucket.Name, reason, ApiCall.Global, arn, BucketType);
            }).ToList();
        }
    }
}
