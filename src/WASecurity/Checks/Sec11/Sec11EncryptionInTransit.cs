using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using System.Threading;
using System;
using WASecurity.Checks.CloudFront;
using WASecurity.Checks.Data;
using WASecurity.Checks.Elb;
using WASecurity.Checks.S3;
using WASecurity.Evidence;
using WASecurity.Policies;

namespace WASecurity.Checks.Sec11
{
    /// <summary>SEC 11: TLS enforced on buckets and queues, load balancers and CloudFront, and certificates that will not lapse.</summary>
    internal sealed class Sec11EncryptionInTransit : IQuestionChecks
    {
        private const string ElbV2Type = "AWS::ElasticLoadBalancingV2::LoadBalancer";
        private const string ClassicType = "AWS::ElasticLoadBalancing::LoadBalancer";

        public IReadOnlyList<CheckImplementation> GetChecks() => new[]
        {
            new CheckImplementation(Sec11Catalog.BucketDeniesInsecureTransport, BucketDeniesInsecureTransportAsync),
            new CheckImplementation(Sec11Catalog.LoadBalancerHttpsRedirect, (c, t) => LoadBalancersAsync(c, Sec11Catalog.LoadBalancerHttpsRedirect, HttpsRedirect, ClassicHttpsRedirect, t)),
            new CheckImplementation(Sec11Catalog.LoadBalancerTlsPolicy, (c, t) => LoadBalancersAsync(c, Sec11Catalog.LoadBalancerTlsPolicy, TlsPolicy, ClassicTlsPolicyAsync, t)),
            new CheckImplementation(Sec11Catalog.CloudFrontViewerHttps, CloudFrontViewerHttpsAsync),
            new CheckImplementation(Sec11Catalog.CloudFrontMinimumTls, CloudFrontMinimumTlsAsync),
            new CheckImplementation(Sec11Catalog.CertificateNotExpiring, CertificateNotExpiringAsync),
            new CheckImplementation(Sec11Catalog.QueueDeniesInsecureTransport, QueueDeniesInsecureTransportAsync),
        };

        private static async Task<IEnumerable<Finding>> BucketDeniesInsecureTransportAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec11Catalog.BucketDeniesInsecureTransport;
            var scheme = ClassificationScheme.FromSettings(context.Settings);
            var inventory = await DataStoreInventory.GetAsync(context, cancellationToken).ConfigureAwait(false);
            var findings = inventory.Gaps.Where(g => g.StoreType == DataStoreTypes.S3Bucket).Select(g => DataStoreFindings.Gap(context, check, g)).ToList();
            findings.AddRange(await Task.WhenAll(inventory.OfType(DataStoreTypes.S3Bucket).Select(async bucket =>
            {
                var classification = scheme.Classify(bucket);
                var response = await context.GetAsync(S3Calls.GetBucketPolicy(bucket.Id), cancellationToken).ConfigureAwait(false);
                if (response.IsErrorCode("NoSuchBucketPolicy"))
                {
                    return DataStoreFindings.For(context, check, bucket, classification, FindingStatus.Fail, $"Bucket {bucket.Id} has no bucket policy, so nothing denies requests without TLS.");
                }

                if (!response.IsSuccess)
                {
                    return DataStoreFindings.Error(context, check, bucket, classification, response);
                }

                var objects = $"{bucket.Arn}/*";
                return Decide(context, check, response.Root.Str("Policy"), new[] { "s3:GetObject", "s3:PutObject" }, objects,
                    verdict => DataStoreFindings.For(context, check, bucket, classification, verdict.Status, $"Bucket {bucket.Id}: {verdict.Reason}"));
            })).ConfigureAwait(false));
            return findings;
        }

        private static async Task<IEnumerable<Finding>> QueueDeniesInsecureTransportAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec11Catalog.QueueDeniesInsecureTransport;
            var scheme = ClassificationScheme.FromSettings(context.Settings);
            var inventory = await DataStoreInventory.GetAsync(context, cancellationToken).ConfigureAwait(false);
            var findings = inventory.Gaps.Where(g => g.StoreType == DataStoreTypes.SQSQueue).Select(g => DataStoreFindings.Gap(context, check, g)).ToList();
            foreach (var queue in inventory.OfType(DataStoreTypes.SQSQueue))
            {
                var classification = scheme.Classify(queue);
                if (queue.DescriptionError != null)
                {
                    findings.Add(DataStoreFindings.Error(context, check, queue, classification, queue.DescriptionError));
                    continue;
                }

                var policy = queue.Description.Str("Policy");
                findings.Add(string.IsNullOrWhiteSpace(policy)
                    ? DataStoreFindings.For(context, check, queue, classification, FindingStatus.Fail, $"SQS queue {queue.Id} has no queue policy, so nothing denies requests without TLS.")
                    : Decide(context, check, policy, new[] { "sqs:SendMessage", "sqs:ReceiveMessage" }, queue.Arn ?? queue.Id,
                        verdict => DataStoreFindings.For(context, check, queue, classification, verdict.Status, $"SQS queue {queue.Id}: {verdict.Reason}")));
            }

            return findings;
        }

        /// <summary>Asks the evaluator whether a resource policy denies <paramref name="actions"/> without TLS.</summary>
        private static Finding Decide(CheckContext context, CheckDefinition check, string? policyText, string[] actions, string resource, Func<(FindingStatus Status, string Reason), Finding> make)
        {
            PolicyDocument? policy = null;
            string? error = "it is empty";
            if (string.IsNullOrWhiteSpace(policyText) || !PolicyDocument.TryParse(policyText!, out policy, out error))
            {
                return make((FindingStatus.Error, $"Could not verify: the policy cannot be read ({error})."));
            }

            var denies = ResourcePolicyAnalyzer.DeniesInsecureTransport(policy!, actions, resource, out var reason);
            return make((denies ? FindingStatus.Pass : FindingStatus.Fail, reason))
                .With("DeniesInsecureTransport", denies)
                .With("ActionsTested", actions);
        }

        private delegate Finding? ElbV2Rule(CheckContext context, CheckDefinition check, JsonElement loadBalancer, IReadOnlyList<JsonElement> listeners, string region);

        private delegate Task<Finding?> ClassicRule(CheckContext context, CheckDefinition check, JsonElement loadBalancer, string region, CancellationToken cancellationToken);

        /// <summary>Applies a rule to every ELBv2 and classic load balancer of every region.</summary>
        private static Task<IEnumerable<Finding>> LoadBalancersAsync(CheckContext context, CheckDefinition check, ElbV2Rule v2, ClassicRule classic, CancellationToken cancellationToken)
        {
            return context.ForEachRegionAsync(async region =>
            {
                var findings = new List<Finding>();
                var v2Task = context.GetAsync(ElbCalls.DescribeLoadBalancersV2(region), cancellationToken);
                var classicList = await context.GetAsync(ElbCalls.DescribeClassicLoadBalancers(region), cancellationToken).ConfigureAwait(false);
                var v2List = await v2Task.ConfigureAwait(false);
                if (!v2List.IsSuccess)
                {
                    findings.Add(context.ErrorFinding(check, v2List));
                }
                else
                {
                    var results = await Task.WhenAll(v2List.Root.Items("LoadBalancers").Where(lb => lb.Str("LoadBalancerArn") != null).Select(async lb =>
                    {
                        var listeners = await context.GetAsync(TransitCalls.DescribeListeners(region, lb.Str("LoadBalancerArn")!), cancellationToken).ConfigureAwait(false);
                        return listeners.IsSuccess
                            ? v2(context, check, lb, listeners.Root.Items("Listeners").ToList(), region)
                            : ElbV2Finding(context, check, lb, region, FindingStatus.Error, CheckContext.DescribeFailure(listeners))
                                .With("FailedCall", listeners.Call.Action).With("ErrorCode", listeners.Error!.Code);
                    })).ConfigureAwait(false);
                    findings.AddRange(results.Where(f => f != null)!);
                }

                if (!classicList.IsSuccess)
                {
                    findings.Add(context.ErrorFinding(check, classicList));
                }
                else
                {
                    var results = await Task.WhenAll(classicList.Root.Items("LoadBalancerDescriptions").Where(lb => lb.Str("LoadBalancerName") != null)
                        .Select(lb => classic(context, check, lb, region, cancellationToken))).ConfigureAwait(false);
                    findings.AddRange(results.Where(f => f != null)!);
                }

                return findings;
            });
        }

        private static Finding? HttpsRedirect(CheckContext context, CheckDefinition check, JsonElement lb, IReadOnlyList<JsonElement> listeners, string region)
        {
            if (string.Equals(lb.Str("Type"), "gateway", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var http = listeners.Where(l => string.Equals(l.Str("Protocol"), "HTTP", StringComparison.OrdinalIgnoreCase)).ToList();
            var open = http.Where(l => !RedirectsToHttps(l)).Select(l => $"HTTP:{l.Text("Port")} ({DefaultActionType(l)})").ToList();
            var name = lb.Str("LoadBalancerName");
            var finding = open.Count > 0
                ? ElbV2Finding(context, check, lb, region, FindingStatus.Fail, $"Load balancer {name} serves plain HTTP without redirecting to HTTPS on {string.Join(", ", open)}.")
                : http.Count > 0
                    ? ElbV2Finding(context, check, lb, region, FindingStatus.Pass, $"Every HTTP listener of load balancer {name} redirects to HTTPS.")
                    : ElbV2Finding(context, check, lb, region, FindingStatus.Pass, $"Load balancer {name} has no plain HTTP listener.");
            return finding.With("HttpListenersWithoutRedirect", open);
        }

        private static bool RedirectsToHttps(JsonElement listener)
        {
            var action = DefaultAction(listener);
            if (action == null)
            {
                return false;
            }

            var type = action.Value.Str("Type");
            // A fixed response serves no content from targets over HTTP.
            return string.Equals(type, "fixed-response", StringComparison.OrdinalIgnoreCase)
                || (string.Equals(type, "redirect", StringComparison.OrdinalIgnoreCase)
                    && string.Equals(action.Value.Path("RedirectConfig")?.Str("Protocol"), "HTTPS", StringComparison.OrdinalIgnoreCase));
        }

        private static JsonElement? DefaultAction(JsonElement listener)
        {
            var actions = listener.Items("DefaultActions").ToList();
            return actions.Count == 0 ? (JsonElement?)null : actions.OrderBy(a => a.Int("Order") ?? int.MaxValue).Last();
        }

        private static string DefaultActionType(JsonElement listener) => DefaultAction(listener)?.Str("Type") ?? "no default action";

        private static Task<Finding?> ClassicHttpsRedirect(CheckContext context, CheckDefinition check, JsonElement lb, string region, CancellationToken cancellationToken)
        {
            var name = lb.Str("LoadBalancerName")!;
            var http = ClassicListeners(lb).Where(l => string.Equals(l.Listener.Str("Protocol"), "HTTP", StringComparison.OrdinalIgnoreCase))
                .Select(l => $"HTTP:{l.Listener.Text("LoadBalancerPort")}").ToList();
            var finding = http.Count > 0
                ? ClassicFinding(context, check, lb, region, FindingStatus.Fail, $"Classic load balancer {name} serves plain HTTP on {string.Join(", ", http)}; classic load balancers cannot redirect to HTTPS.")
                : ClassicFinding(context, check, lb, region, FindingStatus.Pass, $"Classic load balancer {name} has no plain HTTP listener.");
            return Task.FromResult<Finding?>(finding.With("HttpListeners", http));
        }

        private static Finding? TlsPolicy(CheckContext context, CheckDefinition check, JsonElement lb, IReadOnlyList<JsonElement> listeners, string region)
        {
            var secure = listeners.Where(l => string.Equals(l.Str("Protocol"), "HTTPS", StringComparison.OrdinalIgnoreCase) || string.Equals(l.Str("Protocol"), "TLS", StringComparison.OrdinalIgnoreCase)).ToList();
            if (secure.Count == 0)
            {
                return null;
            }

            var name = lb.Str("LoadBalancerName");
            var weak = secure.Where(l => !TlsPolicies.IsTls12OrNewer(l.Str("SslPolicy")))
                .Select(l => $"{l.Str("Protocol")}:{l.Text("Port")} uses {l.Str("SslPolicy") ?? "no policy"}").ToList();
            var finding = weak.Count > 0
                ? ElbV2Finding(context, check, lb, region, FindingStatus.Fail, $"Load balancer {name} allows TLS versions older than 1.2: {string.Join("; ", weak)}.")
                : ElbV2Finding(context, check, lb, region, FindingStatus.Pass, $"Every HTTPS/TLS listener of load balancer {name} allows only TLS 1.2 or newer ({string.Join(", ", secure.Select(l => l.Str("SslPolicy")).Distinct())}).");
            return finding.With("SslPolicies", secure.Select(l => $"{l.Text("Port")}={l.Str("SslPolicy")}")).With("WeakListeners", weak);
        }

        private static async Task<Finding?> ClassicTlsPolicyAsync(CheckContext context, CheckDefinition check, JsonElement lb, string region, CancellationToken cancellationToken)
        {
            var name = lb.Str("LoadBalancerName")!;
            var secure = ClassicListeners(lb)
                .Where(l => string.Equals(l.Listener.Str("Protocol"), "HTTPS", StringComparison.OrdinalIgnoreCase) || string.Equals(l.Listener.Str("Protocol"), "SSL", StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (secure.Count == 0)
            {
                return null;
            }

            var response = await context.GetAsync(TransitCalls.DescribeLoadBalancerPolicies(region, name), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                return ClassicFinding(context, check, lb, region, FindingStatus.Error, CheckContext.DescribeFailure(response))
                    .With("FailedCall", response.Call.Action).With("ErrorCode", response.Error!.Code);
            }

            var policies = response.Root.Items("PolicyDescriptions").Where(TlsPolicies.IsSslNegotiation)
                .ToDictionary(p => p.Str("PolicyName") ?? string.Empty, p => p, StringComparer.Ordinal);
            var weak = new List<string>();
            foreach (var (listener, names) in secure)
            {
                var port = $"{listener.Str("Protocol")}:{listener.Text("LoadBalancerPort")}";
                var negotiation = names.Where(policies.ContainsKey).Select(n => policies[n]).FirstOrDefault();
                if (negotiation.ValueKind != JsonValueKind.Object)
                {
                    weak.Add($"{port} has no SSL negotiation policy");
                    continue;
                }

                var (protocols, reference) = TlsPolicies.ClassicPolicy(negotiation);
                if (protocols.Count > 0)
                {
                    weak.Add($"{port} uses {reference ?? negotiation.Str("PolicyName")} (enables {string.Join(", ", protocols)})");
                }
            }

            var finding = weak.Count > 0
                ? ClassicFinding(context, check, lb, region, FindingStatus.Fail, $"Classic load balancer {name} allows TLS versions older than 1.2: {string.Join("; ", weak)}.")
                : ClassicFinding(context, check, lb, region, FindingStatus.Pass, $"Every HTTPS/SSL listener of classic load balancer {name} allows only TLS 1.2 or newer.");
            return finding.With("WeakListeners", weak);
        }

        private static IEnumerable<(JsonElement Listener, IReadOnlyList<string> PolicyNames)> ClassicListeners(JsonElement lb) =>
            lb.Items("ListenerDescriptions")
                .Select(d => (Listener: d.Prop("Listener") ?? default, PolicyNames: d.Strings("PolicyNames")))
                .Where(d => d.Listener.ValueKind == JsonValueKind.Object);

        private static Finding ElbV2Finding(CheckContext context, CheckDefinition check, JsonElement lb, string region, FindingStatus status, string reason)
        {
            var name = lb.Str("LoadBalancerName") ?? lb.Str("LoadBalancerArn")!;
            return context.NewFinding(check, status, name, reason, region, lb.Str("LoadBalancerArn"), ElbV2Type)
                .WithProperty("LoadBalancerName", name)
                .WithProperty("LoadBalancerArn", lb.Str("LoadBalancerArn"))
                .With("Type", lb.Str("Type"))
                .With("Scheme", lb.Str("Scheme"));
        }

        private static Finding ClassicFinding(CheckContext context, CheckDefinition check, JsonElement lb, string region, FindingStatus status, string reason)
        {
            var name = lb.Str("LoadBalancerName")!;
            var arn = $"arn:{context.Account.Partition}:elasticloadbalancing:{region}:{context.Account.AccountId}:loadbalancer/{name}";
            return context.NewFinding(check, status, name, reason, region, arn, ClassicType)
                .WithProperty("LoadBalancerName", name)
                .With("Scheme", lb.Str("Scheme"));
        }

        private static Task<IEnumerable<Finding>> CloudFrontViewerHttpsAsync(CheckContext context, CancellationToken cancellationToken) =>
            ForEachDistributionAsync(context, Sec11Catalog.CloudFrontViewerHttps, cancellationToken, (check, d, id, list) =>
            {
                var behaviors = new List<(string Path, string? Policy)> { ("default", d.Path("DefaultCacheBehavior")?.Str("ViewerProtocolPolicy")) };
                behaviors.AddRange(d.Path("CacheBehaviors")?.Items("Items").Select(b => (b.Str("PathPattern") ?? "?", b.Str("ViewerProtocolPolicy"))) ?? Enumerable.Empty<(string, string?)>());
                var unknown = behaviors.Where(b => b.Policy == null).Select(b => b.Path).ToList();
                if (unknown.Count > 0)
                {
                    // AWS always sends a viewer protocol policy: without it nothing can be said about plain HTTP.
                    return DistributionError(context, check, d, id, list, $"distribution {id} has no ViewerProtocolPolicy in cache behavior(s) {string.Join(", ", unknown)}");
                }

                var open = behaviors.Where(b => !string.Equals(b.Policy, "redirect-to-https", StringComparison.OrdinalIgnoreCase) && !string.Equals(b.Policy, "https-only", StringComparison.OrdinalIgnoreCase))
                    .Select(b => $"{b.Path} ({b.Policy})").ToList();
                var finding = open.Count > 0
                    ? DistributionFinding(context, check, d, id, FindingStatus.Fail, $"Distribution {id} ({d.Str("DomainName")}) accepts plain HTTP from viewers in cache behavior(s) {string.Join(", ", open)}.")
                    : DistributionFinding(context, check, d, id, FindingStatus.Pass, $"Distribution {id} ({d.Str("DomainName")}) requires HTTPS from viewers in all {behaviors.Count} cache behavior(s).");
                return finding.With("ViewerProtocolPolicies", behaviors.Select(b => $"{b.Path}={b.Policy}"));
            });

        private static Task<IEnumerable<Finding>> CloudFrontMinimumTlsAsync(CheckContext context, CancellationToken cancellationToken) =>
            ForEachDistributionAsync(context, Sec11Catalog.CloudFrontMinimumTls, cancellationToken, (check, d, id, list) =>
            {
                var certificate = d.Prop("ViewerCertificate");
                if (certificate == null)
                {
                    return DistributionError(context, check, d, id, list, $"distribution {id} has no ViewerCertificate");
                }

                var defaultCertificate = certificate.Value.Bool("CloudFrontDefaultCertificate") == true;
                var version = certificate.Value.Str("MinimumProtocolVersion");
                Finding finding;
                if (defaultCertificate)
                {
                    finding = DistributionFinding(context, check, d, id, FindingStatus.Fail, $"Distribution {id} uses the default *.cloudfront.net certificate, which accepts TLSv1; use an ACM certificate with minimum {TlsPolicies.CloudFrontMinimum}.");
                }
                else
                {
                    finding = TlsPolicies.MeetsCloudFrontMinimum(version)
                        ? DistributionFinding(context, check, d, id, FindingStatus.Pass, $"Distribution {id} requires {version} or newer from viewers.")
                        : DistributionFinding(context, check, d, id, FindingStatus.Fail, $"Distribution {id} accepts viewers down to {version ?? "an unspecified version"} (minimum {TlsPolicies.CloudFrontMinimum}).");
                }

                return finding.With("MinimumProtocolVersion", version).With("CloudFrontDefaultCertificate", defaultCertificate);
            });

        private static async Task<IEnumerable<Finding>> ForEachDistributionAsync(
            CheckContext context, CheckDefinition check, CancellationToken cancellationToken, Func<CheckDefinition, JsonElement, string, EvidenceResponse, Finding> decide)
        {
            var response = await context.GetAsync(CloudFrontCalls.ListDistributions, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                return context.ErrorFinding(check, response).AsEnumerable();
            }

            return response.Root.Path("DistributionList")?.Items("Items")
                .Where(d => d.Str("Id") != null)
                .Select(d => decide(check, d, d.Str("Id")!, response))
                .ToList() ?? new List<Finding>();
        }

        /// <summary>Error for one distribution whose summary lacks what the check reads; the others are judged.</summary>
        private static Finding DistributionError(CheckContext context, CheckDefinition check, JsonElement d, string id, EvidenceResponse list, string problem) =>
            context.ErrorFinding(check, list.Unreadable(problem), id, d.Str("ARN"), check.ResourceType)
                .WithProperty("DistributionId", id);

        private static Finding DistributionFinding(CheckContext context, CheckDefinition check, JsonElement d, string id, FindingStatus status, string reason) =>
            context.NewFinding(check, status, id, reason, ApiCall.Global, d.Str("ARN"))
                .WithProperty("DistributionId", id)
                .With("DomainName", d.Str("DomainName"))
                .With("Aliases", d.Path("Aliases")?.Strings("Items") ?? Array.Empty<string>());

        private static Task<IEnumerable<Finding>> CertificateNotExpiringAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec11Catalog.CertificateNotExpiring;
            var warningDays = context.Settings.GetInt(Sec11Catalog.CertificateExpiryWarningDays);
            return context.ForEachRegionAsync(async region =>
            {
                var list = await context.GetAsync(TransitCalls.ListCertificates(region), cancellationToken).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    return context.ErrorFinding(check, list).AsEnumerable();
                }

                var findings = await Task.WhenAll(list.Root.Items("CertificateSummaryList").Where(c => c.Str("CertificateArn") != null).Select(async summary =>
                {
                    var arn = summary.Str("CertificateArn")!;
                    var domain = summary.Str("DomainName") ?? arn;
                    var described = await context.GetAsync(TransitCalls.DescribeCertificate(region, arn), cancellationToken).ConfigureAwait(false);
                    if (!described.IsSuccess)
                    {
                        var error = context.ErrorFinding(check, described, arn, arn, check.ResourceType);
                        error.Region = region;
                        return error.WithProperty("CertificateArn", arn).WithProperty("DomainName", domain);
                    }

                    if (described.Root.Prop("Certificate")?.ValueKind != JsonValueKind.Object)
                    {
                        var unreadable = context.ErrorFinding(check, described.Unreadable("'Certificate' is missing or not an object"), arn, arn, check.ResourceType);
                        unreadable.Region = region;
                        return unreadable.WithProperty("CertificateArn", arn).WithProperty("DomainName", domain);
                    }

                    var certificate = described.Root.Prop("Certificate")!.Value;
                    return DecideCertificate(context, check, region, arn, domain, certificate, warningDays);
                })).ConfigureAwait(false);
                return findings.AsEnumerable();
            });
        }

        private static Finding DecideCertificate(CheckContext context, CheckDefinition check, string region, string arn, string domain, JsonElement certificate, int warningDays)
        {
            var notAfter = certificate.Date("NotAfter");
            var status = certificate.Str("Status");
            var type = certificate.Str("Type");
            var renewal = certificate.Path("RenewalSummary")?.Str("RenewalStatus");
            var renewalReason = certificate.Path("RenewalSummary")?.Str("RenewalStatusReason");
            var inUse = certificate.Strings("InUseBy");
            var days = notAfter.HasValue ? (int)Math.Floor((notAfter.Value - context.Now).TotalDays) : (int?)null;

            Finding Make(FindingStatus findingStatus, string reason, Severity? severity = null) =>
                context.NewFinding(check, findingStatus, arn, reason, region, arn, null, severity)
                    .WithProperty("CertificateArn", arn)
                    .WithProperty("DomainName", domain);

            Finding finding;
            var used = inUse.Count > 0 ? $"used by {inUse.Count} resource(s)" : "not in use";
            if (string.Equals(status, "PENDING_VALIDATION", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "FAILED", StringComparison.OrdinalIgnoreCase)
                || string.Equals(status, "VALIDATION_TIMED_OUT", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "REVOKED", StringComparison.OrdinalIgnoreCase))
            {
                finding = status == "REVOKED"
                    ? Make(FindingStatus.Fail, $"Certificate for {domain} has been revoked ({used}).")
                    : Make(FindingStatus.NotApplicable, $"Certificate for {domain} was never issued (status {status}); delete it if it is not needed.");
            }
            else if (string.Equals(renewal, "FAILED", StringComparison.OrdinalIgnoreCase))
            {
                finding = Make(FindingStatus.Fail, $"Renewal of the certificate for {domain} failed ({renewalReason ?? "no reason given"}); it expires {Expiry(notAfter, days)}.");
            }
            else if (days.HasValue && days.Value < 0)
            {
                finding = inUse.Count > 0
                    ? Make(FindingStatus.Fail, $"Certificate for {domain} expired {Expiry(notAfter, days)} and is still {used}.")
                    : Make(FindingStatus.Fail, $"Certificate for {domain} expired {Expiry(notAfter, days)}; it is not in use, delete it.", Severity.Low);
            }
            else if (days.HasValue && days.Value <= warningDays)
            {
                var renews = string.Equals(type, "AMAZON_ISSUED", StringComparison.OrdinalIgnoreCase) && string.Equals(renewal, "PENDING_AUTO_RENEWAL", StringComparison.OrdinalIgnoreCase)
                    ? " ACM's automatic renewal has not completed yet."
                    : string.Equals(type, "IMPORTED", StringComparison.OrdinalIgnoreCase) ? " It is imported, so ACM cannot renew it." : string.Empty;
                finding = Make(FindingStatus.Fail, $"Certificate for {domain} expires {Expiry(notAfter, days)} (warning at {warningDays} days, {used}).{renews}");
            }
            else if (!days.HasValue)
            {
                finding = Make(FindingStatus.Error, $"Could not verify: the certificate for {domain} has no NotAfter date.");
            }
            else
            {
                finding = Make(FindingStatus.Pass, $"Certificate for {domain} expires {Expiry(notAfter, days)}.");
            }

            return finding
                .With("NotAfter", notAfter?.UtcDateTime.ToString("o", CultureInfo.InvariantCulture))
                .With("DaysToExpiry", days)
                .With("Status", status)
                .With("Type", type)
                .With("RenewalStatus", renewal)
                .With("InUseBy", inUse)
                .With("WarningDays", warningDays);
        }

        private static string Expiry(DateTimeOffset? notAfter, int? days)
        {
            if (!notAfter.HasValue || !days.HasValue)
            {
                return "on an unknown date";
            }

            var date = notAfter.Value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return days.Value >= 0 ? $"on {date}, in {days.Value} day(s)" : $"on {date}, {-days.Value} day(s) ago";
        }
    }
}
