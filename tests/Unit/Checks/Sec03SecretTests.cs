using System.Collections;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;
using static WASecurity.Tests.Checks.Sec03Fixture;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec03SecretTests
    {
        private const string CheckId = "SEC03.SecretsRotated";

        private static object Secret(string name, bool? rotation, double createdDaysAgo, double? rotatedDaysAgo = null, string? primaryRegion = null, string region = "us-east-1") => new
        {
            ARN = $"arn:aws:secretsmanager:{region}:{AccountId}:secret:{name}-AbCdEf",
            Name = name,
            RotationEnabled = rotation,
            RotationLambdaARN = rotation == true ? $"arn:aws:lambda:{region}:{AccountId}:function:rotate" : null,
            RotationRules = rotation == true ? new { AutomaticallyAfterDays = 30 } : null,
            LastRotatedDate = rotatedDaysAgo == null ? null : DaysAgo(rotatedDaysAgo.Value),
            LastChangedDate = DaysAgo(rotatedDaysAgo ?? createdDaysAgo),
            CreatedDate = DaysAgo(createdDaysAgo),
            PrimaryRegion = primaryRegion,
            SecretVersionsToStages = new { },
        };

        /// <summary>us-east-1: rotated (clean), no-rotation (never configured), stale (enabled, last rotated 200 days ago), new (enabled, created 5 days ago); eu-west-1: a replica of no-rotation.</summary>
        private static BundleBuilder Scenario() =>
            new BundleBuilder(AccountId, "us-east-1", "eu-west-1")
                .Json("us-east-1/secretsmanager/ListSecrets.json", new
                {
                    SecretList = new[]
                    {
                        Secret("prod/db/rotated", true, 400, 20),
                        Secret("prod/api/no-rotation", null, 300),
                        Secret("prod/db/stale", true, 500, 200),
                        Secret("prod/db/new", true, 5),
                    },
                })
                .Json("eu-west-1/secretsmanager/ListSecrets.json", new { SecretList = new[] { Secret("prod/api/no-rotation", null, 300, primaryRegion: "us-east-1", region: "eu-west-1") } });

        [Fact]
        public void A_secret_without_rotation_and_a_stale_one_fail_once_each_and_clean_ones_pass()
        {
            using var bundle = Scenario();
            var findings = Run(bundle, CheckId);

            Assert.Equal(new[] { "prod/api/no-rotation", "prod/db/stale" }, Failures(findings).Select(f => f.ResourceId).OrderBy(x => x));
            var disabled = Single(findings, "prod/api/no-rotation");
            Assert.Equal("Secret prod/api/no-rotation has automatic rotation disabled (never rotated since its creation 300 days ago).", disabled.Reason);
            Assert.Equal($"arn:aws:secretsmanager:us-east-1:{AccountId}:secret:prod/api/no-rotation-AbCdEf", disabled.Properties["SecretId"]);
            Assert.Equal("us-east-1", disabled.Region);
            Assert.Contains("last rotated 200 days ago (limit 90)", Single(findings, "prod/db/stale").Reason);
            Assert.Equal(FindingStatus.Pass, Single(findings, "prod/db/rotated").Status);
            Assert.Equal(FindingStatus.Pass, Single(findings, "prod/db/new").Status);
        }

        [Fact]
        public void The_rotation_window_is_a_setting()
        {
            using var bundle = Scenario();
            var findings = Run(bundle, CheckId, new Hashtable { ["SecretRotationDays"] = 10 });

            Assert.Equal(new[] { "prod/api/no-rotation", "prod/db/rotated", "prod/db/stale" }, Failures(findings).Select(f => f.ResourceId).OrderBy(x => x));
        }

        [Fact]
        public void A_denied_region_is_an_error_and_no_secrets_is_not_applicable()
        {
            using var denied = Scenario().Error("eu-west-1/secretsmanager/ListSecrets.json", "AccessDeniedException", "not authorized to perform secretsmanager:ListSecrets");
            var error = Assert.Single(Run(denied, CheckId), f => f.Status == FindingStatus.Error);
            Assert.Equal("eu-west-1", error.Region);

            using var empty = new BundleBuilder(AccountId).Json("us-east-1/secretsmanager/ListSecrets.json", new { SecretList = new object[0] });
            Assert.Equal(FindingStatus.NotApplicable, Assert.Single(Run(empty, CheckId)).Status);

            using var missing = new BundleBuilder(AccountId);
            Assert.Equal(FindingStatus.Error, Assert.Single(Run(missing, CheckId)).Status);
        }
    }
}
