using System.Collections;
using System.Linq;
using WASecurity.Checks.Sec12;
using WASecurity.Tests.Infrastructure;
using Xunit;
using static WASecurity.Tests.Checks.DataFixtures;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec12IncidentResponseTests
    {
        private const string R = "us-east-1";
        private const string E = "eu-west-1";

        private static object Role(string name, object trust, params string[] policies) => new
        {
            Path = "/",
            RoleName = name,
            RoleId = "AROA" + name.ToUpperInvariant().PadRight(17, 'X').Substring(0, 17),
            Arn = $"arn:aws:iam::{Account}:role/{name}",
            CreateDate = "2024-01-01T00:00:00+00:00",
            AssumeRolePolicyDocument = trust,
            RolePolicyList = new object[0],
            AttachedManagedPolicies = policies.Select(p => new { PolicyName = p, PolicyArn = $"arn:aws:iam::aws:policy/{p}" }).ToArray(),
        };

        private static object Trust(string principalKey, string principal) => new
        {
            Version = "2012-10-17",
            Statement = new[] { new { Effect = "Allow", Principal = new System.Collections.Generic.Dictionary<string, string> { [principalKey] = principal }, Action = "sts:AssumeRole" } },
        };

        private static object Instances(params string[] states) => new
        {
            Reservations = new[]
            {
                new { ReservationId = "r-0123", OwnerId = Account, Instances = states.Select((s, i) => new { InstanceId = $"i-00000000000000{i:x3}", State = new { Code = 16, Name = s } }).ToArray() },
            },
        };

        private static object Group(string id, string name, bool withRules) => new
        {
            GroupId = id,
            GroupName = name,
            Description = name,
            VpcId = "vpc-0a1b2c3d",
            OwnerId = Account,
            IpPermissions = withRules ? new object[] { new { IpProtocol = "tcp", FromPort = 22, ToPort = 22, IpRanges = new[] { new { CidrIp = "10.0.0.0/8" } } } } : new object[0],
            IpPermissionsEgress = withRules ? new object[] { new { IpProtocol = "-1", IpRanges = new[] { new { CidrIp = "0.0.0.0/0" } } } } : new object[0],
        };

        private static BundleBuilder Scenario()
        {
            var bundle = NewBundle(R, E)
                .Json("global/iam/ListEntitiesForPolicy/AWSSupportAccess.json", new { PolicyGroups = new object[0], PolicyUsers = new object[0], PolicyRoles = new[] { new { RoleName = "aws-support", RoleId = "AROAEXAMPLESUPPORT1" } } })
                .Json("global/iam/GetAccountAuthorizationDetails.json", new
                {
                    UserDetailList = new object[0],
                    GroupDetailList = new object[0],
                    RoleDetailList = new[]
                    {
                        Role("IncidentResponder", Trust("Federated", $"arn:aws:iam::{Account}:saml-provider/corp-idp"), "SecurityAudit"),
                        Role("lambda-forensics-collector", Trust("Service", "lambda.amazonaws.com"), "ReadOnlyAccess"),
                        Role("aws-support", Trust("AWS", $"arn:aws:iam::{Account}:root"), "AWSSupportAccess"),
                    },
                    Policies = new object[0],
                })
                .Json($"{R}/events/ListRules.json", new
                {
                    Rules = new object[]
                    {
                        new { Name = "guardduty-to-sns", Arn = $"arn:aws:events:{R}:{Account}:rule/guardduty-to-sns", EventPattern = "{\"source\":[\"aws.guardduty\"],\"detail-type\":[\"GuardDuty Finding\"]}", State = "ENABLED", EventBusName = "default" },
                        new { Name = "securityhub-imported", Arn = $"arn:aws:events:{R}:{Account}:rule/securityhub-imported", EventPattern = "{\"source\":[{\"prefix\":\"aws.security\"}],\"detail-type\":[\"Security Hub Findings - Imported\"]}", State = "ENABLED", EventBusName = "default" },
                    },
                })
                .Json($"{R}/events/ListTargetsByRule/guardduty-to-sns.json", new { Targets = new[] { new { Id = "sns", Arn = $"arn:aws:sns:{R}:{Account}:security-alerts" } } })
                .Json($"{R}/events/ListTargetsByRule/securityhub-imported.json", new { Targets = new[] { new { Id = "queue", Arn = $"arn:aws:sqs:{R}:{Account}:soc-intake" } } })
                .Json($"{E}/events/ListRules.json", new
                {
                    Rules = new object[]
                    {
                        new { Name = "guardduty-eu", Arn = $"arn:aws:events:{E}:{Account}:rule/guardduty-eu", EventPattern = "{\"source\":[\"aws.guardduty\"]}", State = "ENABLED", EventBusName = "default" },
                        new { Name = "securityhub-eu", Arn = $"arn:aws:events:{E}:{Account}:rule/securityhub-eu", EventPattern = "{\"source\":[\"aws.securityhub\"]}", State = "ENABLED", EventBusName = "default" },
                        new { Name = "securityhub-eu-old", Arn = $"arn:aws:events:{E}:{Account}:rule/securityhub-eu-old", EventPattern = "{\"source\":[\"aws.securityhub\"]}", State = "DISABLED", EventBusName = "default" },
                    },
                })
                .Json($"{E}/events/ListTargetsByRule/guardduty-eu.json", new { Targets = new object[0] })
                .Json($"{E}/events/ListTargetsByRule/securityhub-eu.json", new { Targets = new[] { new { Id = "sns", Arn = $"arn:aws:sns:{E}:{Account}:security-alerts" } } })
                .Json($"{R}/ec2/DescribeInstances.json", Instances("running", "stopped"))
                .Json($"{E}/ec2/DescribeInstances.json", Instances("running"))
                .Json($"{R}/ec2/DescribeSecurityGroups.json", new { SecurityGroups = new[] { Group("sg-0000000000000aaaa", "default", true), Group("sg-0000000000000bbbb", "ir-quarantine", false) } })
                .Json($"{E}/ec2/DescribeSecurityGroups.json", new { SecurityGroups = new[] { Group("sg-0000000000000cccc", "default", true) } });
            return bundle;
        }

        [Fact]
        public void Each_planted_readiness_gap_fails_once_and_prepared_controls_pass()
        {
            using var bundle = Scenario();
            var findings = QuestionRun.Run(bundle, "SEC12");

            // The security contact is SEC01.SecurityContactRegistered's alone: SEC12 does not report it a second time.
            Assert.DoesNotContain(findings, f => f.CheckId.EndsWith(".SecurityContactRegistered", System.StringComparison.Ordinal));
            var support = Assert.Single(findings.Of("SEC12.SupportRoleExists"));
            Assert.Equal(FindingStatus.Pass, support.Status);
            Assert.Equal("aws-support", support.Properties["RoleName"]);
            var responder = Assert.Single(findings.Of("SEC12.IncidentResponseRole"));
            Assert.Equal(FindingStatus.Pass, responder.Status);
            Assert.Equal("IncidentResponder", responder.ResourceId);
            Assert.Contains("SecurityAudit", responder.Reason);

            var routed = findings.Of("SEC12.FindingsRouted");
            Assert.Equal(4, routed.Count);
            var failed = Assert.Single(routed, f => f.Status == FindingStatus.Fail);
            Assert.Equal(E, failed.Region);
            Assert.Equal("aws.guardduty", failed.Properties["EventSource"]);
            Assert.Contains("guardduty-eu", failed.Reason);
            Assert.DoesNotContain(routed, f => f.Status == FindingStatus.Error);
            Assert.Equal("securityhub-imported", Assert.Single(routed, f => f.Region == R && (string?)f.Properties["EventSource"] == "aws.securityhub").ResourceId);

            var quarantine = findings.Of("SEC12.QuarantineSecurityGroup");
            Assert.Equal("sg-0000000000000bbbb", Assert.Single(quarantine, f => f.Region == R && f.Status == FindingStatus.Pass).Properties["GroupId"]);
            Assert.Equal(FindingStatus.Fail, Assert.Single(quarantine, f => f.Region == E).Status);

            Assert.Equal(4, findings.WithStatus(FindingStatus.Manual).Count);
            Assert.All(findings.WithStatus(FindingStatus.Manual), f => Assert.False(string.IsNullOrWhiteSpace(f.Remediation)));
        }

        [Fact]
        public void A_missing_support_role_or_responder_role_fails()
        {
            using var bundle = Scenario();
            bundle.Json("global/iam/ListEntitiesForPolicy/AWSSupportAccess.json", new { PolicyGroups = new object[0], PolicyUsers = new[] { new { UserName = "alice", UserId = "AIDAEXAMPLE" } }, PolicyRoles = new object[0] });
            var findings = QuestionRun.Run(bundle, "SEC12", new Hashtable { ["IncidentResponseReadPolicies"] = new[] { "ViewOnlyAccess" } });

            var support = Assert.Single(findings.Of("SEC12.SupportRoleExists"));
            Assert.Equal(FindingStatus.Fail, support.Status);
            Assert.Contains("user alice", support.Reason);
            var responder = Assert.Single(findings.Of("SEC12.IncidentResponseRole"));
            Assert.Equal(FindingStatus.Fail, responder.Status);
            Assert.Contains("IncidentResponder has none of ViewOnlyAccess", responder.Reason);
            Assert.Contains("lambda-forensics-collector", responder.Reason);
        }

        [Fact]
        public void Regions_without_instances_need_no_quarantine_group_and_one_with_rules_fails()
        {
            using var bundle = Scenario();
            bundle.Json($"{E}/ec2/DescribeInstances.json", Instances("terminated"))
                  .Json($"{R}/ec2/DescribeSecurityGroups.json", new { SecurityGroups = new[] { Group("sg-0000000000000bbbb", "Quarantine", true) } });
            var quarantine = QuestionRun.Run(bundle, "SEC12").Of("SEC12.QuarantineSecurityGroup");

            Assert.Equal(FindingStatus.NotApplicable, Assert.Single(quarantine, f => f.Region == E).Status);
            var withRules = Assert.Single(quarantine, f => f.Region == R);
            Assert.Equal(FindingStatus.Fail, withRules.Status);
            Assert.Equal("sg-0000000000000bbbb", withRules.ResourceId);
        }

        [Fact]
        public void Missing_or_denied_evidence_is_an_error()
        {
            using var bundle = Scenario();
            bundle.Error("global/iam/GetAccountAuthorizationDetails.json", "AccessDenied", "not authorized")
                  .Remove("global/iam/ListEntitiesForPolicy/AWSSupportAccess.json")
                  .Error($"{E}/events/ListRules.json", "AccessDeniedException", "not authorized")
                  .Remove($"{R}/ec2/DescribeSecurityGroups.json");
            var findings = QuestionRun.Run(bundle, "SEC12");

            Assert.Equal(FindingStatus.Error, Assert.Single(findings.Of("SEC12.IncidentResponseRole")).Status);
            var support = Assert.Single(findings.Of("SEC12.SupportRoleExists"));
            Assert.Equal(FindingStatus.Error, support.Status);
            Assert.Contains("ListEntitiesForPolicy", support.Reason);
            var rules = Assert.Single(findings.Of("SEC12.FindingsRouted"), f => f.Region == E);
            Assert.Equal(FindingStatus.Error, rules.Status);
            Assert.Contains("events:ListRules", rules.Reason);
            Assert.Equal(FindingStatus.Error, Assert.Single(findings.Of("SEC12.QuarantineSecurityGroup"), f => f.Region == R).Status);
        }

        [Fact]
        public void The_support_role_is_found_in_authorization_details_when_the_bundle_has_no_entity_list()
        {
            using var bundle = Scenario();
            bundle.Remove("global/iam/ListEntitiesForPolicy/AWSSupportAccess.json");
            var support = Assert.Single(QuestionRun.Run(bundle, "SEC12").Of("SEC12.SupportRoleExists"));

            Assert.Equal(FindingStatus.Pass, support.Status);
            Assert.Equal("aws-support", support.ResourceId);
        }

        [Theory]
        [InlineData("{\"source\":[\"aws.guardduty\"]}", "aws.guardduty", true)]
        [InlineData("{\"source\":[\"aws.ec2\"]}", "aws.guardduty", false)]
        [InlineData("{\"source\":[{\"prefix\":\"aws.\"}]}", "aws.securityhub", true)]
        [InlineData("{\"detail-type\":[\"GuardDuty Finding\"]}", "aws.guardduty", false)]
        [InlineData("not json", "aws.guardduty", false)]
        public void Event_patterns_match_sources_exactly_or_by_prefix(string pattern, string source, bool expected) =>
            Assert.Equal(expected, WASecurity.Checks.Sec12.Sec12IncidentResponse.PatternMatchesSource(pattern, source));
    }
}
