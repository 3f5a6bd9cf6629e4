using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Elb;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>
    /// SEC04.LoadBalancerAccessLogs: one finding per Application and classic load balancer, from its attributes
    /// (one DescribeLoadBalancerAttributes per load balancer, on the run's bounded pool).
    /// </summary>
    internal static class LoadBalancerLogChecks
    {
        private const string ClassicType = "AWS::ElasticLoadBalancing::LoadBalancer";

        public static async Task<IEnumerable<Finding>> AccessLogsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.LoadBalancerAccessLogs;
            return await context.ForEachRegionAsync(check, "Application or classic load balancer", async region =>
            {
                var v2 = ApplicationLoadBalancersAsync(context, check, region, cancellationToken);
                var classic = ClassicLoadBalancersAsync(context, check, region, cancellationToken);
                return (await v2.ConfigureAwait(false)).Concat(await classic.ConfigureAwait(false)).ToList();
            }).ConfigureAwait(false);
        }

        private static async Task<IEnumerable<Finding>> ApplicationLoadBalancersAsync(CheckContext context, CheckDefinition check, string region, CancellationToken cancellationToken)
        {
            var list = await context.GetAsync(ElbCalls.DescribeLoadBalancersV2(region), cancellationToken).ConfigureAwait(false);
            if (!list.IsSuccess)
            {
                return context.ErrorFinding(check, list).AsEnumerable();
            }

            var applications = ElbCalls.ApplicationLoadBalancers(list.Root).ToList();
            return await Task.WhenAll(applications.Select(async lb =>
            {
                var arn = lb.RequiredStr("LoadBalancerArn", "a load balancer");
                var name = lb.Str("LoadBalancerName") ?? arn;
                var attributes = await context.GetAsync(ElbCalls.DescribeLoadBalancerAttributesV2(region, arn), cancellationToken).ConfigureAwait(false);
                if (!attributes.IsSuccess)
                {
                    return context.ErrorFinding(check, attributes, name, arn).WithProperty("LoadBalancerArn", arn);
                }

                var values = attributes.Root.Items("Attributes")
                    .Where(a => a.Str("Key") != null)
                    .GroupBy(a => a.Str("Key")!, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First().Str("Value"), StringComparer.Ordinal);
                values.TryGetValue("access_logs.s3.enabled", out var enabled);
                values.TryGetValue("access_logs.s3.bucket", out var bucket);
                values.TryGetValue("access_logs.s3.prefix", out var prefix);
                var scheme = lb.Str("Scheme") ?? "unknown scheme";

                Finding finding;
                if (values.Count == 0)
                {
                    finding = context.NewFinding(check, FindingStatus.Error, name, $"Could not verify: DescribeLoadBalancerAttributes in {region} gives no attributes for {name}.", region, arn);
                }
                else if (enabled == null)
                {
                    // Access logs are on only when the attribute says "true"; unset is the documented default, false.
                    finding = context.NewFinding(check, FindingStatus.Fail, name, $"Application load balancer {name} ({scheme}) writes no access logs (access_logs.s3.enabled is not set; the default is false).", region, arn);
                }
                else if (string.Equals(enabled, "true", StringComparison.OrdinalIgnoreCase))
                {
                    finding = context.NewFinding(check, FindingStatus.Pass, name, $"Application load balancer {name} ({scheme}) writes access logs to s3://{bucket}/{prefix}.", region, arn);
                }
                else
                {
                    finding = context.NewFinding(check, FindingStatus.Fail, name, $"Application load balancer {name} ({scheme}) writes no access logs (access_logs.s3.enabled = {enabled}).", region, arn);
                }

                return finding
                    .WithProperty("LoadBalancerArn", arn)
                    .With("Scheme", scheme)
                    .With("AccessLogsEnabled", enabled)
                    .With("AccessLogsBucket", bucket);
            })).ConfigureAwait(false);
        }

        private static async Task<IEnumerable<Finding>> ClassicLoadBalancersAsync(CheckContext context, CheckDefinition check, string region, CancellationToken cancellationToken)
        {
            var list = await context.GetAsync(ElbCalls.DescribeClassicLoadBalancers(region), cancellationToken).ConfigureAwait(false);
            if (!list.IsSuccess)
            {
                return context.ErrorFinding(check, list, resourceType: ClassicType).AsEnumerable();
            }

            return await Task.WhenAll(list.Root.Items("LoadBalancerDescriptions").Select(async lb =>
            {
                var name = lb.RequiredStr("LoadBalancerName", "a classic load balancer");
                var arn = $"arn:{context.Account.Partition}:elasticloadbalancing:{region}:{context.Account.AccountId}:loadbalancer/{name}";
                var attributes = await context.GetAsync(ElbCalls.DescribeClassicLoadBalancerAttributes(region, name), cancellationToken).ConfigureAwait(false);
                if (!attributes.IsSuccess)
                {
                    return context.ErrorFinding(check, attributes, name, arn, ClassicType).WithProperty("LoadBalancerName", name);
                }

                var accessLog = attributes.Root.Path("LoadBalancerAttributes", "AccessLog");
                var enabled = accessLog?.Bool("Enabled");
                var bucket = accessLog?.Str("S3BucketName");
                var scheme = lb.Str("Scheme") ?? "unknown scheme";
                Finding finding = enabled switch
                {
                    null => Classic(FindingStatus.Error, $"Could not verify: DescribeLoadBalancerAttributes in {region} gives no AccessLog.Enabled for {name}."),
                    true => Classic(FindingStatus.Pass, $"Classic load balancer {name} ({scheme}) writes access logs to s3://{bucket}/{accessLog?.Str("S3BucketPrefix")}."),
                    false => Classic(FindingStatus.Fail, $"Classic load balancer {name} ({scheme}) writes no access logs (AccessLog.Enabled = false)."),
                };
                return finding
                    .WithProperty("LoadBalancerName", name)
                    .With("Scheme", scheme)
                    .With("AccessLogsEnabled", enabled)
                    .With("AccessLogsBucket", bucket);

                Finding Classic(FindingStatus status, string reason) => context.NewFinding(check, status, name, reason, region, arn, ClassicType);
            })).ConfigureAwait(false);
        }
    }
}
