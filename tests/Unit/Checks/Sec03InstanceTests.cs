using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;
using static WASecurity.Tests.Checks.Sec03Fixture;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec03InstanceTests
    {
        private const string Profile = "arn:aws:iam::111122223333:instance-profile/web";

        private static object Instance(string id, string state = "running", string? profile = Profile, string? tokens = "required", string endpoint = "enabled") => new
        {
            InstanceId = id,
            InstanceType = "t3.micro",
            State = new { Code = state == "running" ? 16 : 80, Name = state },
            IamInstanceProfile = profile == null ? null : new { Arn = profile, Id = "AIPAEXAMPLE" },
            MetadataOptions = tokens == null ? null : new { State = "applied", HttpTokens = tokens, HttpPutResponseHopLimit = 2, HttpEndpoint = endpoint, HttpProtocolIpv6 = "disabled", InstanceMetadataTags = "disabled" },
            Tags = new[] { new { Key = "Name", Value = id + "-name" } },
        };

        private static object Reservations(params object[][] reservations) => new
        {
            Reservations = reservations.Select((instances, i) => new { ReservationId = "r-" + i, OwnerId = AccountId, Instances = instances }).ToArray(),
        };

        /// <summary>
        /// us-east-1: i-clean (profile, IMDSv2), i-noprofile (IMDSv2), i-stopped (no profile, IMDSv1, stopped);
        /// eu-west-1: i-imdsv1 (profile, IMDSv1), i-noendpoint (profile, IMDSv1 but endpoint disabled).
        /// </summary>
        private static BundleBuilder Scenario() =>
            new BundleBuilder(AccountId, "us-east-1", "eu-west-1")
                .Json("us-east-1/ec2/DescribeInstances.json", Reservations(
                    new[] { Instance("i-clean"), Instance("i-noprofile", profile: null) },
                    new[] { Instance("i-stopped", state: "stopped", profile: null, tokens: "optional") }))
                .Json("eu-west-1/ec2/DescribeInstances.json", Reservations(
                    new[] { Instance("i-imdsv1", tokens: "optional"), Instance("i-noendpoint", tokens: "optional", endpoint: "disabled") }));

        [Fact]
        public void A_running_instance_without_a_profile_fails_once_and_stopped_instances_are_skipped()
        {
            using var bundle = Scenario();
            var findings = Run(bundle, "SEC03.InstanceProfileAttached");

            var fail = Assert.Single(Failures(findings));
            Assert.Equal("i-noprofile", fail.ResourceId);
            Assert.Equal("us-east-1", fail.Region);
            Assert.Equal("i-noprofile", fail.Properties["InstanceId"]);
            Assert.Equal($"arn:aws:ec2:us-east-1:{AccountId}:instance/i-noprofile", fail.ResourceArn);
            Assert.Contains("i-noprofile (i-noprofile-name)", fail.Reason);
            Assert.Equal(new[] { "i-clean", "i-imdsv1", "i-noendpoint", "i-noprofile" }, findings.Select(f => f.ResourceId).OrderBy(x => x));
            Assert.All(findings.Where(f => f.ResourceId != "i-noprofile"), f => Assert.Equal(FindingStatus.Pass, f.Status));
        }

        [Fact]
        public void A_running_instance_accepting_imdsv1_fails_once_and_a_disabled_endpoint_passes()
        {
            using var bundle = Scenario();
            var findings = Run(bundle, "SEC03.InstanceImdsV2Required");

            var fail = Assert.Single(Failures(findings));
            Assert.Equal("i-imdsv1", fail.ResourceId);
            Assert.Equal("eu-west-1", fail.Region);
            Assert.Equal("optional", fail.Evidence["HttpTokens"]);
            Assert.Equal(FindingStatus.Pass, Single(findings, "i-noendpoint").Status);
            Assert.Equal(FindingStatus.Pass, Single(findings, "i-clean").Status);
            Assert.DoesNotContain(findings, f => f.ResourceId == "i-stopped");
        }

        [Fact]
        public void An_instance_without_metadata_options_is_an_error_not_a_pass()
        {
            using var bundle = new BundleBuilder(AccountId).Json("us-east-1/ec2/DescribeInstances.json", Reservations(new[] { Instance("i-odd", tokens: null) }));
            var finding = Assert.Single(Run(bundle, "SEC03.InstanceImdsV2Required"));

            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Equal("i-odd", finding.ResourceId);
        }

        [Fact]
        public void A_denied_region_is_an_error_for_that_region_only()
        {
            using var bundle = Scenario().Error("eu-west-1/ec2/DescribeInstances.json", "UnauthorizedOperation", "You are not authorized to perform this operation.");
            var findings = Run(bundle, "SEC03.InstanceProfileAttached");

            var error = Assert.Single(findings, f => f.Status == FindingStatus.Error);
            Assert.Equal("eu-west-1", error.Region);
            Assert.Contains("ec2:DescribeInstances in eu-west-1 was denied", error.Reason);
            Assert.Equal(new[] { "i-clean", "i-noprofile" }, findings.Where(f => f.Status != FindingStatus.Error).Select(f => f.ResourceId).OrderBy(x => x));
        }

        [Fact]
        public void Missing_evidence_is_an_error()
        {
            using var bundle = new BundleBuilder(AccountId);
            var error = Assert.Single(Run(bundle, "SEC03.InstanceImdsV2Required"));

            Assert.Equal(FindingStatus.Error, error.Status);
            Assert.Contains("us-east-1/ec2/DescribeInstances.json", error.Reason);
        }

        [Fact]
        public void No_running_instance_anywhere_is_one_not_applicable_finding()
        {
            using var bundle = new BundleBuilder(AccountId, "us-east-1", "eu-west-1")
                .Json("us-east-1/ec2/DescribeInstances.json", Reservations(new[] { Instance("i-stopped", state: "stopped") }))
                .Json("eu-west-1/ec2/DescribeInstances.json", new { Reservations = new object[0] });
            var finding = Assert.Single(Run(bundle, "SEC03.InstanceProfileAttached"));

            Assert.Equal(FindingStatus.NotApplicable, finding.Status);
            Assert.Contains("us-east-1, eu-west-1", finding.Reason);
        }
    }
}
