using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.ApiGateway;
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

                var exposed = ElbCalls.ApplicationLoadBalancers(list.Root, internetFacingOnly: true).ToList();
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
                    var (status, reason) = Verdict(acl, $"Internet-facing load balancer {name}");
                    return context.NewFinding(check, status, name, reason, region, arn)
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

        public static Task<IEnumerable<Finding>> ApiGatewayWebAclAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec05Catalog.ApiGatewayWebAcl;
            return RestApiStage.ForEachAsync(context, check, "stage of a public (edge-optimized or regional) REST API", s => !s.IsPrivate, async stage =>
            {
                var subject = $"The {stage.Label}";
                var attached = stage.Stage.Str("webAclArn");
                if (string.IsNullOrEmpty(attached))
                {
                    // The stage itself says it: no call needed to know that nothing is attached.
                    return stage.NewFinding(context, check, FindingStatus.Fail, $"{subject} has no AWS WAF web ACL.").With("WebAclArn", null);
                }

                var response = await context.GetAsync(WebAclCalls.GetWebAclForResource(stage.Region, stage.Arn), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return context.ErrorFinding(check, response, $"{stage.ApiId}/{stage.StageName}", stage.Arn, RestApiStage.ResourceType)
                        .WithProperty("RestApiId", stage.ApiId)
                        .WithProperty("StageName", stage.StageName);
                }

                var acl = response.Root.Path("WebACL");
                var (status, reason) = acl == null
                    ? (FindingStatus.Error, $"Could not verify: the {stage.Label} names web ACL {attached}, but GetWebACLForResource returns none for it.")
                    : Verdict(acl, subject);
                return stage.NewFinding(context, check, status, reason)
                    .With("WebAclArn", acl?.Str("ARN") ?? attached)
                    .With("Rules", acl?.Items("Rules").Count());
            }, cancellationToken);
        }

        /// <summary>Pass when a web ACL that can block something protects <paramref name="subject"/>, Fail otherwise.</summary>
        private static (FindingStatus Status, string Reason) Verdict(JsonElement? acl, string subject)
        {
            if (acl == null)
            {
                return (FindingStatus.Fail, $"{subject} has no AWS WAF web ACL.");
            }

            var name = acl.Value.Str("Name");
            return CanBlock(acl.Value)
                ? (FindingStatus.Pass, $"{subject} is protected by web ACL {name} ({acl.Value.Items("Rules").Count()} rule(s), default action {DefaultAction(acl.Value)}).")
                : (FindingStatus.Fail, $"{subject} has web ACL {name}, but it has no rules and allows every request.");
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
