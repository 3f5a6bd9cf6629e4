using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using WASecurity.Checks.Data;
using WASecurity.Checks.Lambda;
using WASecurity.Evidence;
using WASecurity.Policies;

namespace WASecurity.Checks.Sec06
{
    /// <summary>
    /// SEC 6: resource policies of queues, topics and Lambda functions that grant to everyone, and Lambda function URLs
    /// without authentication. The policy evaluator
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

                    // Without Attributes the response says nothing about a policy: Error, never "no policy".
                    var attributes = response.Root.Prop("Attributes");
                    var finding = attributes == null
                        ? MissingMember(context, check, response, "SQS queue", name, region, defaultArn, "Attributes")
                        : Judge(context, check, "SQS queue", name, region, attributes.Value.Str("QueueArn") ?? defaultArn, attributes.Value.Str("Policy"), "queue policy");
                    return finding
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

                    var attributes = response.Root.Prop("Attributes");
                    var finding = attributes == null
                        ? MissingMember(context, check, response, "SNS topic", name, region, arn, "Attributes")
                        : Judge(context, check, "SNS topic", name, region, arn, attributes.Value.Str("Policy"), "topic policy");
                    return finding.WithProperty("TopicArn", arn);
                })).ConfigureAwait(false);
            });
        }

        public static Task<IEnumerable<Finding>> LambdaPolicyNotPublicAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.LambdaPolicyNotPublic;
            return ForEachFunctionAsync(context, check, cancellationToken, async (region, name, arn) =>
            {
                var response = await context.GetAsync(LambdaCalls.GetPolicy(region, name), cancellationToken).ConfigureAwait(false);
                if (response.IsErrorCode("ResourceNotFoundException"))
                {
                    // Lambda's answer for a function without a resource-based policy.
                    return context.NewFinding(check, FindingStatus.Pass, name, $"Lambda function {name} has no resource-based policy (GetPolicy: ResourceNotFoundException): only principals of the account whose IAM policies allow it can invoke it.", region, arn)
                        .With("HasPolicy", false);
                }

                if (!response.IsSuccess)
                {
                    return context.ErrorFinding(check, response, name, arn, check.ResourceType);
                }

                var policy = response.Root.Str("Policy");
                if (string.IsNullOrWhiteSpace(policy))
                {
                    return MissingMember(context, check, response, "Lambda function", name, region, arn, "Policy");
                }

                return Judge(context, check, "Lambda function", name, region, arn, policy, "resource-based policy");
            });
        }

        public static Task<IEnumerable<Finding>> LambdaUrlRequiresAuthAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.LambdaUrlRequiresAuth;
            return ForEachFunctionAsync(context, check, cancellationToken, async (region, name, arn) =>
            {
                var response = await context.GetAsync(LambdaCalls.ListFunctionUrlConfigs(region, name), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return context.ErrorFinding(check, response, name, arn, check.ResourceType);
                }

                var urls = response.Root.Items("FunctionUrlConfigs")
                    .Select(u => (Url: u.RequiredStr("FunctionUrl", "FunctionUrlConfigs[]"), AuthType: u.RequiredStr("AuthType", "FunctionUrlConfigs[]"), Target: u.Str("FunctionArn")))
                    .ToList();
                var described = urls.Select(u => $"{u.Url} ({u.AuthType}{Qualifier(u.Target, arn)})").ToList();
                var open = urls.Where(u => string.Equals(u.AuthType, "NONE", StringComparison.OrdinalIgnoreCase)).ToList();
                Finding finding;
                if (urls.Count == 0)
                {
                    finding = context.NewFinding(check, FindingStatus.Pass, name, $"Lambda function {name} has no function URL.", region, arn);
                }
                else if (open.Count > 0)
                {
                    finding = context.NewFinding(
                        check,
                        FindingStatus.Fail,
                        name,
                        $"Lambda function {name} has {(open.Count == 1 ? "a function URL" : open.Count + " function URLs")} that Lambda does not authenticate (AuthType NONE): {string.Join(", ", open.Select(u => u.Url + Qualifier(u.Target, arn, standalone: true)))}.",
                        region,
                        arn);
                }
                else
                {
                    finding = context.NewFinding(check, FindingStatus.Pass, name, $"Every function URL of Lambda function {name} requires IAM authentication: {string.Join(", ", described)}.", region, arn);
                }

                return finding.With("FunctionUrls", described);
            });
        }

        /// <summary>An Error for a success answer that lacks the member the check decides on.</summary>
        internal static Finding MissingMember(CheckContext context, CheckDefinition check, EvidenceResponse response, string kind, string name, string region, string arn, string member) =>
            context.NewFinding(check, FindingStatus.Error, name, $"Could not verify: the {response.Call.Operation} response for {kind} {name} in {region} has no {member}.", region, arn)
                .With("FailedCall", response.Call.Action);

        /// <summary>" for alias x" when a URL belongs to an alias (its FunctionArn is the function's ARN plus ":x").</summary>
        private static string Qualifier(string? target, string functionArn, bool standalone = false)
        {
            if (target == null || !target.StartsWith(functionArn + ":", StringComparison.Ordinal))
            {
                return string.Empty;
            }

            var alias = target.Substring(functionArn.Length + 1);
            return standalone ? $" (alias {alias})" : $", alias {alias}";
        }

        /// <summary>Lists the region's functions (an Error for the region when that fails, NotApplicable without any) and judges each.</summary>
        private static Task<IEnumerable<Finding>> ForEachFunctionAsync(
            CheckContext context, CheckDefinition check, CancellationToken cancellationToken, Func<string, string, string, Task<Finding>> judge)
        {
            return context.ForEachRegionAsync(async region =>
            {
                var list = await context.GetAsync(LambdaCalls.ListFunctions(region), cancellationToken).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    return context.ErrorFinding(check, list).AsEnumerable();
                }

                var functions = list.Root.Items("Functions")
                    .Select(f => (Name: f.RequiredStr("FunctionName", "Functions[]"), Arn: f.Str("FunctionArn")))
                    .ToList();
                if (functions.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.NotApplicable, $"No Lambda function in {region}.", region).AsEnumerable();
                }

                var findings = await Task.WhenAll(functions.Select(f =>
                    judge(region, f.Name, f.Arn ?? $"arn:{context.Account.Partition}:lambda:{region}:{context.Account.AccountId}:function:{f.Name}"))).ConfigureAwait(false);
                return findings.Select(f => f.WithProperty("FunctionName", f.ResourceId)).ToList();
            });
        }

        /// <summary>
        /// Pass without a policy or when no Allow to everyone stands without a restricting condition; Fail when one
        /// does; Error when the policy cannot be read (never Pass on a policy the evaluator could not judge).
        /// </summary>
        internal static Finding Judge(CheckContext context, CheckDefinition check, string kind, string name, string region, string arn, string? policyText, string policyName)
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
