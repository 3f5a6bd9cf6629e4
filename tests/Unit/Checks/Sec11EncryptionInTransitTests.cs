using System.Collections.Generic;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;
using static WASecurity.Tests.Checks.DataFixtures;
using static WASecurity.Tests.Checks.TransitFixtures;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec11EncryptionInTransitTests
    {
        private const string R = "us-east-1";

        private static BundleBuilder Scenario()
        {
            var bundle = NewBundle(R, "eu-west-1").EmptyStores("eu-west-1")
                .Buckets(("secure-bucket", R, DataFixtures.Classified("Internal")), ("open-bucket", R, DataFixtures.Classified("Internal")), ("nopolicy-bucket", R, null))
                .Tables(R)
                .Json($"{R}/ec2/DescribeVolumes.json", new { Volumes = new object[0] })
                .Json($"{R}/rds/DescribeDBInstances.json", new { DBInstances = new object[0] })
                .Json($"{R}/rds/DescribeDBClusters.json", new { DBClusters = new object[0] })
                .Json($"{R}/efs/DescribeFileSystems.json", new { FileSystems = new object[0] })
                .Queues(R,
                    ("tls-queue", new Dictionary<string, string> { ["Policy"] = TlsDenyPolicy($"arn:aws:sqs:{R}:{Account}:tls-queue") }, new Dictionary<string, string>()),
                    ("plain-queue", new Dictionary<string, string> { ["SqsManagedSseEnabled"] = "true" }, new Dictionary<string, string>()));
            bundle.Json("global/s3/GetBucketPolicy/secure-bucket.json", new { Policy = TlsDenyPolicy("arn:aws:s3:::secure-bucket") })
                  .Json("global/s3/GetBucketPolicy/open-bucket.json", new { Policy = TlsDenyPolicy("arn:aws:s3:::open-bucket", withDeny: false) })
                  .Error("global/s3/GetBucketPolicy/nopolicy-bucket.json", "NoSuchBucketPolicy", "The bucket policy does not exist");

            var good = LbArn(R, "web-good");
            var http = LbArn(R, "web-http");
            var weak = LbArn(R, "web-weak");
            var nlb = LbArn(R, "nlb-good", "net");
            bundle.LoadBalancers(R,
                ("web-good", "application", new[] { Listener(good, "HTTP", 80, defaultAction: RedirectToHttps()), Listener(good, "HTTPS", 443, "ELBSecurityPolicy-TLS13-1-2-2021-06") }),
                ("web-http", "application", new[] { Listener(http, "HTTP", 80) }),
                ("web-weak", "application", new[] { Listener(weak, "HTTP", 80, defaultAction: RedirectToHttps()), Listener(weak, "HTTPS", 443, "ELBSecurityPolicy-TLS-1-1-2017-01") }),
                ("nlb-good", "network", new[] { Listener(nlb, "TLS", 443, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"), Listener(nlb, "TCP", 22) }));
            bundle.Json("eu-west-1/elbv2/DescribeLoadBalancers.json", new { LoadBalancers = new object[0] })
                  .Json("eu-west-1/elb/DescribeLoadBalancers.json", new { LoadBalancerDescriptions = new object[0] })
                  .Json($"{R}/elb/DescribeLoadBalancers.json", new
                  {
                      LoadBalancerDescriptions = new[]
                      {
                          ClassicLb("classic-good", ("HTTPS", 443, "ELBSecurityPolicy-TLS-1-2-2017-01")),
                          ClassicLb("classic-bad", ("HTTP", 80, null), ("HTTPS", 443, "AWSConsole-SSLNegotiationPolicy-classic-bad-1700000000000")),
                      },
                  })
                  .Json($"{R}/elb/DescribeLoadBalancerPolicies/classic-good.json", new { PolicyDescriptions = new[] { NegotiationPolicy("ELBSecurityPolicy-TLS-1-2-2017-01", "ELBSecurityPolicy-TLS-1-2-2017-01", false, false) } })
                  .Json($"{R}/elb/DescribeLoadBalancerPolicies/classic-bad.json", new { PolicyDescriptions = new[] { NegotiationPolicy("AWSConsole-SSLNegotiationPolicy-classic-bad-1700000000000", "ELBSecurityPolicy-2016-08", true, true) } });

            bundle.Json("global/cloudfront/ListDistributions.json", new
            {
                DistributionList = new
                {
                    Marker = string.Empty,
                    MaxItems = 100,
                    IsTruncated = false,
                    Quantity = 3,
                    Items = new[]
                    {
                        Distribution("E1GOOD", "redirect-to-https", "https-only", "TLSv1.2_2021"),
                        Distribution("E2HTTP", "redirect-to-https", "allow-all", "TLSv1.2_2021"),
                        Distribution("E3OLDTLS", "https-only", null, "TLSv1.1_2016"),
                    },
                },
            });
            bundle.Certificates(R, QuestionRun.Now,
                      ("good", "www.example.com", 200, "AMAZON_ISSUED", "SUCCESS"),
                      ("soon", "legacy.example.com", 10, "IMPORTED", null),
                      ("renewfail", "api.example.com", 60, "AMAZON_ISSUED", "FAILED"))
                  .Certificates("eu-west-1", QuestionRun.Now);
            return bundle;
        }

        [Fact]
        public void Each_planted_transit_problem_fails_once_on_its_resource()
        {
            using var bundle = Scenario();
            var findings = QuestionRun.Run(bundle, "SEC11");

            findings.AssertFailsOn("SEC11.BucketDeniesInsecureTransport", "open-bucket", "nopolicy-bucket");
            findings.AssertFailsOn("SEC11.LoadBalancerHttpsRedirect", "web-http", "classic-bad");
            findings.AssertFailsOn("SEC11.LoadBalancerTlsPolicy", "web-weak", "classic-bad");
            findings.AssertFailsOn("SEC11.CloudFrontViewerHttps", "E2HTTP");
            findings.AssertFailsOn("SEC11.CloudFrontMinimumTls", "E3OLDTLS");
            findings.AssertFailsOn("SEC11.CertificateNotExpiring", $"arn:aws:acm:{R}:{Account}:certificate/soon", $"arn:aws:acm:{R}:{Account}:certificate/renewfail");
            findings.AssertFailsOn("SEC11.QueueDeniesInsecureTransport", "plain-queue");
            Assert.DoesNotContain(findings, f => f.Status == FindingStatus.Error);

            Assert.Equal(FindingStatus.Pass, findings.On("SEC11.BucketDeniesInsecureTransport", "secure-bucket").Status);
            Assert.Contains("DenyInsecureTransport", findings.On("SEC11.BucketDeniesInsecureTransport", "secure-bucket").Reason);
            Assert.Contains("ELBSecurityPolicy-TLS-1-1-2017-01", findings.On("SEC11.LoadBalancerTlsPolicy", "web-weak").Reason);
            Assert.Contains("ELBSecurityPolicy-2016-08", findings.On("SEC11.LoadBalancerTlsPolicy", "classic-bad").Reason);
            Assert.Contains("HTTP:80", findings.On("SEC11.LoadBalancerHttpsRedirect", "web-http").Reason);
            Assert.Equal("web-http", findings.On("SEC11.LoadBalancerHttpsRedirect", "web-http").Properties["LoadBalancerName"]);
            Assert.Equal(FindingStatus.Pass, findings.On("SEC11.LoadBalancerTlsPolicy", "nlb-good").Status);
            Assert.DoesNotContain(findings.Of("SEC11.LoadBalancerTlsPolicy"), f => f.ResourceId == "web-http");
            Assert.Contains("/api/*", findings.On("SEC11.CloudFrontViewerHttps", "E2HTTP").Reason);
            var soon = findings.On("SEC11.CertificateNotExpiring", $"arn:aws:acm:{R}:{Account}:certificate/soon");
            Assert.Contains("in 10 day(s)", soon.Reason);
            Assert.Equal("legacy.example.com", soon.Properties["DomainName"]);
        }

        [Fact]
        public void Weak_and_strong_tls_policies_are_told_apart()
        {
            Assert.False(WASecurity.Checks.Sec11.TlsPolicies.IsTls12OrNewer("ELBSecurityPolicy-2016-08"));
            Assert.False(WASecurity.Checks.Sec11.TlsPolicies.IsTls12OrNewer("ELBSecurityPolicy-TLS-1-0-2015-04"));
            Assert.False(WASecurity.Checks.Sec11.TlsPolicies.IsTls12OrNewer("ELBSecurityPolicy-TLS13-1-1-2021-06"));
            Assert.False(WASecurity.Checks.Sec11.TlsPolicies.IsTls12OrNewer("ELBSecurityPolicy-FS-2018-06"));
            Assert.True(WASecurity.Checks.Sec11.TlsPolicies.IsTls12OrNewer("ELBSecurityPolicy-TLS-1-2-Ext-2018-06"));
            Assert.True(WASecurity.Checks.Sec11.TlsPolicies.IsTls12OrNewer("ELBSecurityPolicy-FS-1-2-Res-2020-10"));
            Assert.True(WASecurity.Checks.Sec11.TlsPolicies.IsTls12OrNewer("ELBSecurityPolicy-TLS13-1-3-2021-06"));
            Assert.False(WASecurity.Checks.Sec11.TlsPolicies.MeetsCloudFrontMinimum("TLSv1.2_2019"));
            Assert.True(WASecurity.Checks.Sec11.TlsPolicies.MeetsCloudFrontMinimum("TLSv1.2_2021"));
            Assert.True(WASecurity.Checks.Sec11.TlsPolicies.MeetsCloudFrontMinimum("TLSv1.3_2025"));
        }

        [Fact]
        public void The_certificate_warning_period_is_a_setting()
        {
            using var bundle = Scenario();
            var findings = QuestionRun.Run(bundle, "SEC11", new System.Collections.Hashtable { ["CertificateExpiryWarningDays"] = 5 });

            findings.AssertFailsOn("SEC11.CertificateNotExpiring", $"arn:aws:acm:{R}:{Account}:certificate/renewfail");
        }

        [Fact]
        public void Missing_or_denied_evidence_is_an_error_never_a_pass()
        {
            using var bundle = Scenario();
            bundle.Error("global/s3/GetBucketPolicy/secure-bucket.json", "AccessDenied", "Access Denied")
                  .Remove($"{R}/elbv2/DescribeListeners/{EncodeKey(LbArn(R, "web-good"))}.json")
                  .Remove($"{R}/elb/DescribeLoadBalancerPolicies/classic-good.json")
                  .Error("global/cloudfront/ListDistributions.json", "AccessDenied", "User is not authorized to perform: cloudfront:ListDistributions")
                  .Error("eu-west-1/acm/ListCertificates.json", "AccessDeniedException", "not authorized");
            var findings = QuestionRun.Run(bundle, "SEC11");

            Assert.Equal(FindingStatus.Error, findings.On("SEC11.BucketDeniesInsecureTransport", "secure-bucket").Status);
            Assert.Equal(FindingStatus.Error, findings.On("SEC11.LoadBalancerHttpsRedirect", "web-good").Status);
            Assert.Equal(FindingStatus.Error, findings.On("SEC11.LoadBalancerTlsPolicy", "web-good").Status);
            var classic = findings.On("SEC11.LoadBalancerTlsPolicy", "classic-good");
            Assert.Equal(FindingStatus.Error, classic.Status);
            Assert.Contains("elasticloadbalancing:DescribeLoadBalancerPolicies", classic.Reason);
            Assert.Equal(FindingStatus.Error, Assert.Single(findings.Of("SEC11.CloudFrontViewerHttps")).Status);
            Assert.Equal(FindingStatus.Error, Assert.Single(findings.Of("SEC11.CertificateNotExpiring"), f => f.Region == "eu-west-1").Status);
        }
    }
}
