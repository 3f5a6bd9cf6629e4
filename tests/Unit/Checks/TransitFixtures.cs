using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using WASecurity.Tests.Infrastructure;

namespace WASecurity.Tests.Checks
{
    /// <summary>Load balancer, CloudFront, ACM and policy evidence in the AWS CLI's shapes.</summary>
    internal static class TransitFixtures
    {
        public static string TlsDenyPolicy(string resourceArn, bool withDeny = true)
        {
            var statements = new System.Collections.Generic.List<object>
            {
                new { Sid = "AllowAccount", Effect = "Allow", Principal = new { AWS = $"arn:aws:iam::{DataFixtures.Account}:root" }, Action = "*", Resource = resourceArn },
            };
            if (withDeny)
            {
                statements.Add(new
                {
                    Sid = "DenyInsecureTransport",
                    Effect = "Deny",
                    Principal = "*",
                    Action = "*",
                    Resource = new[] { resourceArn, resourceArn + "/*" },
                    Condition = new { Bool = new System.Collections.Generic.Dictionary<string, string> { ["aws:SecureTransport"] = "false" } },
                });
            }

            return JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = statements });
        }

        public static string LbArn(string region, string name, string kind = "app") =>
            $"arn:aws:elasticloadbalancing:{region}:{DataFixtures.Account}:loadbalancer/{kind}/{name}/50dc6c495c0c9188";

        public static object Listener(string lbArn, string protocol, int port, string? sslPolicy = null, object? defaultAction = null) => new
        {
            ListenerArn = lbArn.Replace(":loadbalancer/", ":listener/") + "/" + port.ToString("x8", CultureInfo.InvariantCulture),
            LoadBalancerArn = lbArn,
            Port = port,
            Protocol = protocol,
            SslPolicy = sslPolicy,
            Certificates = sslPolicy == null ? null : new[] { new { CertificateArn = $"arn:aws:acm:us-east-1:{DataFixtures.Account}:certificate/12345678-1234-1234-1234-123456789012" } },
            DefaultActions = new[] { defaultAction ?? Forward(lbArn) },
        };

        public static object Forward(string lbArn) => new
        {
            Type = "forward",
            TargetGroupArn = lbArn.Replace(":loadbalancer/app/", ":targetgroup/").Replace(":loadbalancer/net/", ":targetgroup/") + "-tg",
            Order = 1,
        };

        public static object RedirectToHttps() => new
        {
            Type = "redirect",
            Order = 1,
            RedirectConfig = new { Protocol = "HTTPS", Port = "443", Host = "#{host}", Path = "/#{path}", Query = "#{query}", StatusCode = "HTTP_301" },
        };

        /// <summary>DescribeLoadBalancers (ELBv2) plus DescribeListeners per load balancer.</summary>
        public static BundleBuilder LoadBalancers(this BundleBuilder bundle, string region, params (string Name, string Type, object[] Listeners)[] lbs)
        {
            bundle.Json($"{region}/elbv2/DescribeLoadBalancers.json", new
            {
                LoadBalancers = lbs.Select(lb => new
                {
                    LoadBalancerArn = LbArn(region, lb.Name, lb.Type == "network" ? "net" : "app"),
                    DNSName = $"{lb.Name}-1234567890.{region}.elb.amazonaws.com",
                    LoadBalancerName = lb.Name,
                    Scheme = "internet-facing",
                    State = new { Code = "active" },
                    Type = lb.Type,
                }).ToArray(),
            });
            foreach (var lb in lbs)
            {
                bundle.Json($"{region}/elbv2/DescribeListeners/{EncodeKey(LbArn(region, lb.Name, lb.Type == "network" ? "net" : "app"))}.json", new { Listeners = lb.Listeners });
            }

            return bundle;
        }

        public static string EncodeKey(string key) => WASecurity.Evidence.ApiCall.EncodeKey(key);

        public static object ClassicLb(string name, params (string Protocol, int Port, string? Policy)[] listeners) => new
        {
            LoadBalancerName = name,
            DNSName = $"{name}-1234567890.us-east-1.elb.amazonaws.com",
            Scheme = "internet-facing",
            ListenerDescriptions = listeners.Select(l => new
            {
                Listener = new { Protocol = l.Protocol, LoadBalancerPort = l.Port, InstanceProtocol = "HTTP", InstancePort = 80, SSLCertificateId = l.Policy == null ? null : $"arn:aws:acm:us-east-1:{DataFixtures.Account}:certificate/abc" },
                PolicyNames = l.Policy == null ? new string[0] : new[] { l.Policy },
            }).ToArray(),
        };

        public static object NegotiationPolicy(string name, string reference, bool tls10, bool tls11) => new
        {
            PolicyName = name,
            PolicyTypeName = "SSLNegotiationPolicyType",
            PolicyAttributeDescriptions = new object[]
            {
                new { AttributeName = "Reference-Security-Policy", AttributeValue = reference },
                new { AttributeName = "Protocol-SSLv3", AttributeValue = "false" },
                new { AttributeName = "Protocol-TLSv1", AttributeValue = tls10 ? "true" : "false" },
                new { AttributeName = "Protocol-TLSv1.1", AttributeValue = tls11 ? "true" : "false" },
                new { AttributeName = "Protocol-TLSv1.2", AttributeValue = "true" },
                new { AttributeName = "ECDHE-RSA-AES128-GCM-SHA256", AttributeValue = "true" },
            },
        };

        public static object Distribution(string id, string viewerPolicy, string? behaviorPolicy, string? minimumVersion) => new
        {
            Id = id,
            ARN = $"arn:aws:cloudfront::{DataFixtures.Account}:distribution/{id}",
            Status = "Deployed",
            DomainName = $"{id.ToLowerInvariant()}.cloudfront.net",
            Aliases = new { Quantity = 1, Items = new[] { $"{id.ToLowerInvariant()}.example.com" } },
            DefaultCacheBehavior = new { TargetOriginId = "origin", ViewerProtocolPolicy = viewerPolicy },
            CacheBehaviors = behaviorPolicy == null
                ? (object)new { Quantity = 0 }
                : new { Quantity = 1, Items = new[] { new { PathPattern = "/api/*", TargetOriginId = "origin", ViewerProtocolPolicy = behaviorPolicy } } },
            ViewerCertificate = minimumVersion == null
                ? (object)new { CloudFrontDefaultCertificate = true, SSLSupportMethod = "vip", MinimumProtocolVersion = "TLSv1", CertificateSource = "cloudfront" }
                : new { CloudFrontDefaultCertificate = false, ACMCertificateArn = $"arn:aws:acm:us-east-1:{DataFixtures.Account}:certificate/cf", SSLSupportMethod = "sni-only", MinimumProtocolVersion = minimumVersion, CertificateSource = "acm" },
            Enabled = true,
        };

        /// <summary>ListCertificates plus DescribeCertificate per certificate.</summary>
        public static BundleBuilder Certificates(this BundleBuilder bundle, string region, DateTimeOffset now, params (string Id, string Domain, int DaysLeft, string Type, string? Renewal)[] certificates)
        {
            string Arn(string id) => $"arn:aws:acm:{region}:{DataFixtures.Account}:certificate/{id}";
            string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture);
            bundle.Json($"{region}/acm/ListCertificates.json", new
            {
                CertificateSummaryList = certificates.Select(c => new { CertificateArn = Arn(c.Id), DomainName = c.Domain, Type = c.Type, Status = "ISSUED", InUse = true, NotAfter = Iso(now.AddDays(c.DaysLeft)) }).ToArray(),
            });
            foreach (var c in certificates)
            {
                bundle.Json($"{region}/acm/DescribeCertificate/{EncodeKey(Arn(c.Id))}.json", new
                {
                    Certificate = new
                    {
                        CertificateArn = Arn(c.Id),
                        DomainName = c.Domain,
                        Status = "ISSUED",
                        Type = c.Type,
                        NotBefore = Iso(now.AddDays(c.DaysLeft - 395)),
                        NotAfter = Iso(now.AddDays(c.DaysLeft)),
                        InUseBy = new[] { LbArn(region, "web") },
                        RenewalEligibility = c.Type == "AMAZON_ISSUED" ? "ELIGIBLE" : "INELIGIBLE",
                        RenewalSummary = c.Renewal == null ? null : new { RenewalStatus = c.Renewal, RenewalStatusReason = c.Renewal == "FAILED" ? "CAA_ERROR" : null, UpdatedAt = Iso(now.AddDays(-1)) },
                        KeyAlgorithm = "RSA-2048",
                    },
                });
            }

            return bundle;
        }
    }
}
