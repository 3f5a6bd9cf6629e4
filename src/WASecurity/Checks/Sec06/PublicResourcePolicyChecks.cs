using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Data;
using WASecurity.Evidence;
using WASecurity.Policies;

namespace WASecurity.Checks.Sec06
{
    /// <summary>
    /// SEC 6: resource policies of queues and topics that grant to everyone. The policy evaluator
    /// (<see cref="ResourcePolicyAnalyzer"/>) decides, as it does for S3 bucket policies.
    /// </summary>
    internal static class PublicResourcePolicyChecks
    {
        public static Task<IEnumerable<Finding>> QueuePolicyNotPublicAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.QueuePolicyNotPublic;
            return context.ForEachRegionAsync(async region =>
            {
                var list = await context.GetAsync(DataCalls.ListQueues(region), cancellationToken).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    return context.ErrorFinding(check, list).AsEnumerable();
                }

                // The CLI prints no QueueUrls for a region without queues.
                var urls = list.Root.Prop("QueueUrls") == null ? new List<string>() : list.Root.Strings("QueueUrls").ToList();
                if (urls.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.NotApplicable, $"No SQS queue in {region}.", region).AsEnumerable();
                }

                return await Task.WhenAll(urls.Select(async url =>
                {
                    var name = url.TrimEnd('/').Split('/').Last();
                    var response = await context.GetAsync(DataCalls.GetQueueAttributes(region, name, url), cancellationToken).ConfigureAwait(false);
                    var defaultArn = $"arn:{context.Account.Partition}:sqs:{region}:{context.Account.AccountId}:{name}";
                    if (!response.IsSuccess)
                    {
                        return context.ErrorFinding(check, response, name, defaultArn, check.ResourceType)
                            .WithProperty("QueueName", name)
                            .WithProperty("QueueUrl", url);
                    }

                    var attributes = response.Root.Prop("Attributes");
                    var arn = attributes?.Str("QueueArn") ?? defaultArn;
                    return Judge(context, check, "SQS queue", name, region, arn, attributes?.Str("Policy"), "queue policy")
                        .WithProperty("QueueName", name)
                        .WithProperty("QueueUrl", url);
                })).ConfigureAwait(false);
            });
        }

        public static Task<IEnumerable<Finding>> TopicPolicyNotPublicAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.TopicPolicyNotPublic;
            return context.ForEachRegionAsync(async region =>
            {
                var list = await context.GetAsync(PublicPolicyCalls.ListTopics(region), cancellationToken).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    return context.ErrorFinding(check, list).AsEnumerable();
                }

                var arns = list.Root.Items("Topics").Select(t => t.RequiredStr("TopicArn", "Topics[]")).ToList();
                if (arns.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.NotApplicable, $"No SNS topic in {region}.", region).AsEnumerable();
                }

                return await Task.WhenAll(arns.Select(async arn =>
                {
                    var name = arn.Split(':').Last();
                    var response = await context.GetAsync(PublicPolicyCalls.GetTopicAttributes(region, arn), cancellationToken).ConfigureAwait(false);
                    if (!response.IsSuccess)
                    {
                        return context.ErrorFinding(check, response, name, arn, check.ResourceType)
                            .WithProperty("TopicArn", arn);
                    }

                    var policy = response.Root.Prop("Attributes")?.Str("Policy");
                    return Judge(context, check, "SNS topic", name, region, arn, policy, "topic policy")
                        .WithProperty("TopicArn", arn);
                })).ConfigureAwait(false);
            });
        }

        /// <summary>
        /// Pass without a policy or when no Allow to everyone stands without a restricting condition; Fail when one
        /// does; Error when the policy cannot be read (never Pass on a policy the evaluator could not judge).
        /// </summary>
        private static Finding Judge(CheckContext context, CheckDefinition check, string kind, string name, string region, string arn, string? policyText, string policyName)
        {
            if (string.IsNullOrWhiteSpace(policyText))
            {
                return context.NewFinding(check, FindingStatus.Pass, name, $"{kind} {name} has no {policyName}: only principals of the account whose IAM policies allow it can use it.", region, arn)
                    .With("HasPolicy", false);
            }

            if (!PolicyDocument.TryParse(policyText!, out var document, out var error))
            {
                return context.NewFinding(check, FindingStatus.Error, name, $"Could not verify: the {policyName} of {kind} {name} cannot be read ({error}).", region, arn)
                    .With("HasPolicy", true);
            }

            ResourcePolicyExposure exposure;
            try
            {
                exposure = ResourcePolicyAnalyzer.Analyze(document!, context.Account.AccountId);
            }
            catch (PolicyFormatException e)
            {
                return context.NewFinding(check, FindingStatus.Error, name, $"Could not verify: the {policyName} of {kind} {name} cannot be judged ({e.Message.TrimEnd('.')}).", region, arn)
                    .With("HasPolicy", true);
            }

            var finding = exposure.IsPublic
                ? context.NewFinding(check, FindingStatus.Fail, name, $"{kind} {name} is public through its {policyName}: {TrimVerdict(exposure.Reason)}", region, arn)
                : context.NewFinding(check, FindingStatus.Pass, name, $"{kind} {name} is not public through its {policyName}: {TrimVerdict(exposure.Reason)}", region, arn);
            return finding
                .With("HasPolicy", true)
                .With("Policy", exposure.Reason)
                .With("PublicStatements", exposure.PublicStatements.Select(s => s.DisplayName).ToList())
                .With("ExternalAccounts", exposure.ExternalAccounts);
        }

        /// <summary>The analyzer's reason without its "Public: " / "Not public: " verdict, which the sentence already says.</summary>
        private static string TrimVerdict(string reason)
        {
            foreach (var prefix in new[] { "Public: ", "Not public: " })
            {
                if (reason.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return reason.Substring(prefix.Length);
                }
            }

            return reason;
        }
    }
}
