using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.CloudFront;
using WASecurity.Checks.Elb;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec05
{
    /// <summary>SEC 5 web application firewall: a web ACL that can block something in front of internet-facing HTTP endpoints.</summary>
    internal static class WebAclChecks
    {
        public static async Task<IEnumerable<Finding>> LoadBalancerWebAclAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec05Catalog.LoadBalancerWebAcl;
            return await context.ForEachRegionAsync(check, "internet-facing Application load balancer", async region =>
            {
                var list = await context.GetAsync(ElbCalls.DescribeLoadBalancersV2(region), cancellationToken).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    return context.ErrorFinding(check, list).AsEnumerable();
                }

                var exposed = list.Root.Items("LoadBalancers")
                    .Where(lb => lb.Str("Type") == "application" && lb.Str("Scheme") == "internet-facing")
                    .ToList();
                return await Task.WhenAll(exposed.Select(async lb =>
                {
                    var arn = lb.RequiredStr("LoadBalancerArn", "a load balancer");
                    var name = lb.Str("LoadBalancerName") ?? arn;
                    var response = await context.GetAsync(WebAclCalls.GetWebAclForResource(region, arn), cancellationToken).ConfigureAwait(false);
                    if (!response.IsSuccess)
                    {
                        return context.ErrorFinding(check, response, name, arn).WithProperty("LoadBalancerArn", arn);
                    }

                    var acl = response.Root.Path("WebACL");
                    Finding finding;
                    if (acl == null)
                    {
                        finding = context.NewFinding(check, FindingStatus.Fail, name, $"Internet-facing load balancer {name} has no AWS WAF web ACL.", region, arn);
                    }
                    else if (!CanBlock(acl.Value))
                    {
                        finding = context.NewFinding(check, FindingStatus.Fail, name, $"Internet-facing load balancer {name} has web ACL {acl.Value.Str("Name")}, but it has no rules and allows every request.", region, arn);
                    }
                    else
                    {
                        var rules = acl.Value.Items("Rules").Count();
                        finding = context.NewFinding(check, FindingStatus.Pass, name, $"Internet-facing load balancer {name} is protected by web ACL {acl.Value.Str("Name")} ({rules} rule(s), default action {DefaultAction(acl.Value)}).", region, arn);
                    }

                    return finding
                        .WithProperty("LoadBalancerArn", arn)
                        .With("WebAclArn", acl?.Str("ARN"))
                        .With("Rules", acl?.Items("Rules").Count());
                })).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        public static async Task<IEnumerable<Finding>> CloudFrontWebAclAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec05Catalog.CloudFrontWebAcl;
            var response = await context.GetAsync(CloudFrontCalls.ListDistributions, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                return context.ErrorFinding(check, response).AsEnumerable();
            }

            var distributions = response.Root.Path("DistributionList")?.Items("Items").Where(d => d.Bool("Enabled") != false).ToList() ?? new List<JsonElement>();
            if (distributions.Count == 0)
            {
                return context.AccountFinding(check, FindingStatus.NotApplicable, "The account has no enabled CloudFront distribution.").AsEnumerable();
            }

            return distributions.Select(distribution =>
            {
                var id = distribution.RequiredStr("Id", "a distribution");
                var arn = distribution.Str("ARN");
                var domain = distribution.Str("DomainName");
                var webAcl = distribution.Str("WebACLId");
                var finding = webAcl == null
                    ? context.NewFinding(check, FindingStatus.Error, id, $"Could not verify: ListDistributions does not say whether distribution {id} has a web ACL (WebACLId is missing).", ApiCall.Global, arn)
                    : webAcl.Length == 0
                        ? context.NewFinding(check, FindingStatus.Fail, id, $"Distribution {id} ({domain}) has no AWS WAF web ACL.", ApiCall.Global, arn)
                        : context.NewFinding(check, FindingStatus.Pass, id, $"Distribution {id} ({domain}) is protected by web ACL {webAcl}.", ApiCall.Global, arn);
                return finding.WithProperty("DistributionId", id).With("WebACLId", webAcl);
            }).ToList();
        }

        /// <summary>Whether a web ACL can block anything: a rule, or a default action other than Allow.</summary>
        private static bool CanBlock(JsonElement acl) =>
            acl.Items("Rules").Any() || DefaultAction(acl) != "Allow";

        private static string DefaultAction(JsonElement acl)
        {
            var action = acl.Path("DefaultAction");
            return action?.ValueKind == JsonValueKind.Object ? action.Value.EnumerateObject().Select(p => p.Name).FirstOrDefault() ?? "unknown" : "unknown";
        }
    }
}
