using System.Linq;
using System.Text.Json;
using WASecurity.Checks.Sec06;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec06ServiceSecurityTests
    {
        private const string East = "us-east-1";
        private const string West = "eu-west-1";
        private const string Account = "111122223333";

        [Fact]
        public void Incomplete_account_block_public_access_fails_and_names_the_missing_settings()
        {
            using var bundle = Scenario();
            var finding = Assert.Single(Run(bundle).Of(Sec06Catalog.AccountBlockPublicAccess));
            Assert.Equal(FindingStatus.Fail, finding.Status);
            Assert.Equal("global", finding.Region);
            Assert.Contains("IgnorePublicAcls, RestrictPublicBuckets", finding.Reason);
            Assert.Equal(new[] { "3.0/2.1.4", "7.0/3.1.4" }, finding.Cis);
        }

        [Fact]
        public void No_account_configuration_at_all_fails_rather_than_errors()
        {
            using var bundle = Scenario();
            bundle.Error("global/s3control/GetPublicAccessBlock.json", "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found");
            var finding = Assert.Single(Run(bundle).Of(Sec06Catalog.AccountBlockPublicAccess));
            Assert.Equal(FindingStatus.Fail, finding.Status);
            Assert.Contains("NoSuchPublicAccessBlockConfiguration", finding.Reason);
        }

        [Fact]
        public void Buckets_without_complete_block_public_access_fail_per_bucket()
        {
            using var bundle = Scenario();
            var findings = Run(bundle).Of(Sec06Catalog.BucketBlockPublicAccess);
            Assert.Equal(5, findings.Count);
            Assert.Equal(
                InfrastructureChecksRunner.Sorted("global/org-bucket", "global/public-acl-bucket", "global/public-policy-bucket"),
                findings.Failed(Sec06Catalog.BucketBlockPublicAccess).Where());
            var acl = findings.Single(f => f.ResourceId == "public-acl-bucket");
            Assert.Equal("public-acl-bucket", acl.Properties["BucketName"]);
            // BlockPublicAcls comes from the account, RestrictPublicBuckets from the bucket: only IgnorePublicAcls is off.
            Assert.EndsWith("at both account and bucket level: IgnorePublicAcls.", acl.Reason);
            Assert.Equal(true, acl.Evidence["BlockPublicAcls"]);
            Assert.Equal(true, acl.Evidence["RestrictPublicBuckets"]);
        }

        [Fact]
        public void A_public_policy_and_a_public_acl_each_fail_only_their_bucket()
        {
            using var bundle = Scenario();
            var findings = Run(bundle).Of(Sec06Catalog.BucketNotPublic);
            var failed = findings.Failed(Sec06Catalog.BucketNotPublic);
            Assert.Equal(InfrastructureChecksRunner.Sorted("global/public-acl-bucket", "global/public-policy-bucket"), failed.Where());
            Assert.Contains("bucket policy", failed.Single(f => f.ResourceId == "public-policy-bucket").Reason);
            Assert.Contains("AllUsers READ", failed.Single(f => f.ResourceId == "public-acl-bucket").Reason);
            Assert.Equal("arn:aws:s3:::public-acl-bucket", failed.Single(f => f.ResourceId == "public-acl-bucket").ResourceArn);
        }

        [Fact]
        public void Restrict_public_buckets_neutralises_a_public_policy_and_org_conditions_are_not_public()
        {
            using var bundle = Scenario();
            var findings = Run(bundle).Of(Sec06Catalog.BucketNotPublic);
            var restricted = findings.Single(f => f.ResourceId == "restricted-bucket");
            Assert.Equal(FindingStatus.Pass, restricted.Status);
            Assert.Contains("RestrictPublicBuckets", restricted.Reason);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "org-bucket").Status);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "private-bucket").Status);
        }

        [Fact]
        public void A_complete_account_level_block_covers_every_bucket_without_reading_them()
        {
            using var bundle = Scenario();
            bundle.File("global/s3control/GetPublicAccessBlock.json", Block(true, true, true, true));
            foreach (var bucket in new[] { "public-policy-bucket", "public-acl-bucket", "private-bucket", "restricted-bucket", "org-bucket" })
            {
                bundle.Remove($"global/s3/GetPublicAccessBlock/{bucket}.json").Remove($"global/s3/GetBucketPolicy/{bucket}.json").Remove($"global/s3/GetBucketAcl/{bucket}.json");
            }

            var findings = Run(bundle);
            Assert.All(findings.Of(Sec06Catalog.BucketBlockPublicAccess).Concat(findings.Of(Sec06Catalog.BucketNotPublic)), f => Assert.Equal(FindingStatus.Pass, f.Status));
            Assert.Equal(10, findings.Of(Sec06Catalog.BucketBlockPublicAccess).Count + findings.Of(Sec06Catalog.BucketNotPublic).Count);
        }

        [Fact]
        public void A_denied_bucket_acl_is_an_error_for_that_bucket_only()
        {
            using var bundle = Scenario();
            bundle.Error("global/s3/GetBucketAcl/public-acl-bucket.json", "AccessDenied", "Access Denied");
            var findings = Run(bundle).Of(Sec06Catalog.BucketNotPublic);
            var error = findings.Single(f => f.ResourceId == "public-acl-bucket");
            Assert.Equal(FindingStatus.Error, error.Status);
            Assert.Equal("s3:GetBucketAcl", error.Evidence["FailedCall"]);
            Assert.Equal("public-acl-bucket", error.Properties["BucketName"]);
            Assert.Equal(FindingStatus.Fail, findings.Single(f => f.ResourceId == "public-policy-bucket").Status);
        }

        [Fact]
        public void An_unreadable_bucket_policy_is_an_error_not_a_pass()
        {
            using var bundle = Scenario();
            bundle.File("global/s3/GetBucketPolicy/org-bucket.json", PolicyResponse("{\"Statement\": [{\"Effect\": \"Perhaps\"}]}"));
            var finding = Run(bundle).Of(Sec06Catalog.BucketNotPublic).Single(f => f.ResourceId == "org-bucket");
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("cannot be read", finding.Reason);
        }

        [Fact]
        public void Without_the_account_level_only_a_complete_bucket_configuration_settles_it()
        {
            using var bundle = Scenario();
            bundle.Error("global/s3control/GetPublicAccessBlock.json", "AccessDenied", "Access Denied");
            var findings = Run(bundle).Of(Sec06Catalog.BucketBlockPublicAccess);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "private-bucket").Status);
            var unknown = findings.Single(f => f.ResourceId == "public-acl-bucket");
            Assert.Equal(FindingStatus.Error, unknown.Status);
            Assert.Contains("s3:GetAccountPublicAccessBlock", unknown.Reason);
        }

        [Fact]
        public void A_missing_bucket_list_is_an_error()
        {
            using var bundle = Scenario();
            bundle.Remove("global/s3/ListBuckets.json");
            var finding = Assert.Single(Run(bundle).Of(Sec06Catalog.BucketNotPublic));
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("global/s3/ListBuckets.json", finding.Reason);
        }

        [Fact]
        public void Ebs_encryption_by_default_fails_only_in_the_region_where_it_is_off()
        {
            using var bundle = Scenario();
            var findings = Run(bundle).Of(Sec06Catalog.EbsEncryptionByDefault);
            Assert.Equal(2, findings.Count);
            var failed = Assert.Single(findings.Failed(Sec06Catalog.EbsEncryptionByDefault));
            Assert.Equal(West, failed.Region);
        }

        [Fact]
        public void A_public_snapshot_fails_on_its_snapshot_and_region()
        {
            using var bundle = Scenario();
            var findings = Run(bundle).Of(Sec06Catalog.NoPublicSnapshots);
            var failed = Assert.Single(findings.Failed(Sec06Catalog.NoPublicSnapshots));
            Assert.Equal($"{West}/snap-0public00000000001", failed.Region + "/" + failed.ResourceId);
            Assert.Equal("snap-0public00000000001", failed.Properties["SnapshotId"]);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.Region == East).Status);
        }

        [Fact]
        public void A_public_ami_fails_on_its_image_and_its_private_sibling_does_not()
        {
            using var bundle = Scenario();
            var findings = Run(bundle).Of(Sec06Catalog.NoPublicAmis);
            var failed = Assert.Single(findings.Failed(Sec06Catalog.NoPublicAmis));
            Assert.Equal($"{East}/ami-0public0000000001", failed.Region + "/" + failed.ResourceId);
            Assert.Equal("ami-0public0000000001", failed.Properties["ImageId"]);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.Region == West).Status);
        }

        [Fact]
        public void Instance_metadata_defaults_fixture_fails_where_imdsv2_is_not_required()
        {
            using var bundle = Scenario();
            var findings = Run(bundle).Of(Sec06Catalog.ImdsV2RequiredByDefault);
            var failed = Assert.Single(findings.Failed(Sec06Catalog.ImdsV2RequiredByDefault));
            Assert.Equal(West, failed.Region);
            Assert.Contains("No account-level metadata default", failed.Reason);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.Region == East).Status);
        }

        [Fact]
        public void Access_analyzer_fixture_fails_where_only_an_unused_access_analyzer_exists()
        {
            using var bundle = Scenario();
            var findings = Run(bundle).Of(Sec06Catalog.AccessAnalyzerEnabled);
            var failed = Assert.Single(findings.Failed(Sec06Catalog.AccessAnalyzerEnabled));
            Assert.Equal(West, failed.Region);
            Assert.Contains("ACCOUNT_UNUSED_ACCESS", failed.Reason);
            var pass = findings.Single(f => f.Region == East);
            Assert.Equal(FindingStatus.Pass, pass.Status);
            Assert.Equal("account-analyzer", pass.ResourceId);
        }

        [Fact]
        public void Access_analyzer_fixture_denied_is_an_error_naming_the_permission()
        {
            using var bundle = Scenario();
            bundle.Error($"{East}/accessanalyzer/ListAnalyzers.json", "AccessDeniedException", "User is not authorized");
            var east = Run(bundle).Of(Sec06Catalog.AccessAnalyzerEnabled).Single(f => f.Region == East);
            Assert.Equal(FindingStatus.Error, east.Status);
            Assert.Contains("access-analyzer:ListAnalyzers", east.Reason);
        }

        [Fact]
        public void Regional_calls_missing_from_the_bundle_are_errors_in_their_region()
        {
            using var bundle = Scenario();
            bundle.Remove($"{West}/ec2/GetEbsEncryptionByDefault.json").Remove($"{West}/ec2/DescribeSnapshots/public.json").Remove($"{West}/ec2/DescribeImages.json").Remove($"{West}/ec2/GetInstanceMetadataDefaults.json");
            var findings = Run(bundle);
            foreach (var check in new[] { Sec06Catalog.EbsEncryptionByDefault, Sec06Catalog.NoPublicSnapshots, Sec06Catalog.NoPublicAmis, Sec06Catalog.ImdsV2RequiredByDefault })
            {
                Assert.Equal(FindingStatus.Error, findings.Of(check).Single(f => f.Region == West).Status);
            }
        }

        [Fact]
        public void The_cmdlet_exposes_bucket_names()
        {
            using var bundle = Scenario();
            var result = PowerShellRunner.Run($"Test-WASServiceSecurity -EvidencePath '{bundle.WriteFolder()}' -CheckId SEC06.BucketNotPublic | Where-Object Status -eq Fail | Sort-Object BucketName | Select-Object -ExpandProperty BucketName").AssertNoErrors();
            Assert.Equal(new[] { "public-acl-bucket", "public-policy-bucket" }, result.Output.Select(o => o.ToString()));
        }

        private static System.Collections.Generic.IReadOnlyList<Finding> Run(BundleBuilder bundle) => InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question);

        internal static BundleBuilder Scenario()
        {
            var bundle = new BundleBuilder(Account, East, West);
            bundle.File("global/s3control/GetPublicAccessBlock.json", Block(true, false, true, false));
            bundle.File("global/s3/ListBuckets.json", JsonSerializer.Serialize(new
            {
                Buckets = new[] { "public-policy-bucket", "public-acl-bucket", "private-bucket", "restricted-bucket", "org-bucket" }
                    .Select(n => new { Name = n, CreationDate = "2025-01-10T10:00:00+00:00" }),
                Owner = new { DisplayName = "owner", ID = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" },
            }));

            bundle.Error("global/s3/GetPublicAccessBlock/public-policy-bucket.json", "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found");
            bundle.File("global/s3/GetBucketPolicy/public-policy-bucket.json", PolicyResponse(@"{""Version"":""2012-10-17"",""Statement"":[{""Sid"":""PublicRead"",""Effect"":""Allow"",""Principal"":""*"",""Action"":""s3:GetObject"",""Resource"":""arn:aws:s3:::public-policy-bucket/*""}]}"));
            bundle.File("global/s3/GetBucketAcl/public-policy-bucket.json", Acl());

            bundle.File("global/s3/GetPublicAccessBlock/public-acl-bucket.json", Block(false, false, true, true));
            bundle.Error("global/s3/GetBucketPolicy/public-acl-bucket.json", "NoSuchBucketPolicy", "The bucket policy does not exist");
            bundle.File("global/s3/GetBucketAcl/public-acl-bucket.json", Acl("http://acs.amazonaws.com/groups/global/AllUsers"));

            bundle.File("global/s3/GetPublicAccessBlock/private-bucket.json", Block(true, true, true, true));
            bundle.File("global/s3/GetPublicAccessBlock/restricted-bucket.json", Block(true, true, true, true));
            bundle.File("global/s3/GetBucketPolicy/restricted-bucket.json", PolicyResponse(@"{""Version"":""2012-10-17"",""Statement"":[{""Effect"":""Allow"",""Principal"":{""AWS"":""*""},""Action"":""s3:*"",""Resource"":""arn:aws:s3:::restricted-bucket/*""}]}"));

            bundle.Error("global/s3/GetPublicAccessBlock/org-bucket.json", "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found");
            bundle.File("global/s3/GetBucketPolicy/org-bucket.json", PolicyResponse(@"{""Version"":""2012-10-17"",""Statement"":[{""Effect"":""Allow"",""Principal"":""*"",""Action"":""s3:GetObject"",""Resource"":""arn:aws:s3:::org-bucket/*"",""Condition"":{""StringEquals"":{""aws:PrincipalOrgID"":""o-a1b2c3d4e5""}}}]}"));
            bundle.File("global/s3/GetBucketAcl/org-bucket.json", Acl());

            bundle.File($"{East}/ec2/GetEbsEncryptionByDefault.json", "{\"EbsEncryptionByDefault\": true, \"SseEncryptionType\": \"sse-ebs\"}");
            bundle.File($"{West}/ec2/GetEbsEncryptionByDefault.json", "{\"EbsEncryptionByDefault\": false, \"SseEncryptionType\": \"sse-ebs\"}");

            bundle.File($"{East}/ec2/DescribeSnapshots/public.json", "{\"Snapshots\": []}");
            bundle.File($"{West}/ec2/DescribeSnapshots/public.json", "{\"Snapshots\": [{\"Description\": \"db backup\", \"Encrypted\": false, \"OwnerId\": \"111122223333\", \"Progress\": \"100%\", \"SnapshotId\": \"snap-0public00000000001\", \"StartTime\": \"2026-05-01T10:00:00.000Z\", \"State\": \"completed\", \"VolumeId\": \"vol-0aaaa000000000001\", \"VolumeSize\": 8, \"StorageTier\": \"standard\"}]}");

            bundle.File($"{East}/ec2/DescribeImages.json", Images(("ami-0public0000000001", true), ("ami-0private000000001", false)));
            bundle.File($"{West}/ec2/DescribeImages.json", Images(("ami-0private000000002", false)));

            bundle.File($"{East}/ec2/GetInstanceMetadataDefaults.json", "{\"AccountLevel\": {\"HttpTokens\": \"required\", \"HttpPutResponseHopLimit\": 2}}");
            bundle.File($"{West}/ec2/GetInstanceMetadataDefaults.json", "{\"AccountLevel\": {}}");

            bundle.File($"{East}/accessanalyzer/ListAnalyzers.json", Analyzers(East, ("account-analyzer", "ACCOUNT", "ACTIVE")));
            bundle.File($"{West}/accessanalyzer/ListAnalyzers.json", Analyzers(West, ("unused-access", "ACCOUNT_UNUSED_ACCESS", "ACTIVE")));
            return bundle;
        }

        internal static string Block(bool blockAcls, bool ignoreAcls, bool blockPolicy, bool restrict) =>
            JsonSerializer.Serialize(new { PublicAccessBlockConfiguration = new { BlockPublicAcls = blockAcls, IgnorePublicAcls = ignoreAcls, BlockPublicPolicy = blockPolicy, RestrictPublicBuckets = restrict } });

        /// <summary>The CLI prints the policy as a JSON string inside {"Policy": …}.</summary>
        internal static string PolicyResponse(string policy) => JsonSerializer.Serialize(new { Policy = policy });

        internal static string Acl(params string[] publicGroups)
        {
            var owner = new { DisplayName = "owner", ID = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" };
            var grants = new object[] { new { Grantee = new { owner.DisplayName, owner.ID, Type = "CanonicalUser" }, Permission = "FULL_CONTROL" } }
                .Concat(publicGroups.Select(g => (object)new { Grantee = new { Type = "Group", URI = g }, Permission = "READ" }));
            return JsonSerializer.Serialize(new { Owner = owner, Grants = grants });
        }

        internal static string Images(params (string Id, bool Public)[] images) => JsonSerializer.Serialize(new
        {
            Images = images.Select(i => new
            {
                Architecture = "x86_64",
                CreationDate = "2026-06-01T08:00:00.000Z",
                ImageId = i.Id,
                ImageLocation = "111122223333/golden-" + i.Id,
                ImageType = "machine",
                Public = i.Public,
                OwnerId = Account,
                State = "available",
                Name = "golden-" + i.Id,
                RootDeviceType = "ebs",
            }),
        });

        internal static string Analyzers(string region, params (string Name, string Type, string Status)[] analyzers) => JsonSerializer.Serialize(new
        {
            analyzers = analyzers.Select(a => new
            {
                arn = $"arn:aws:access-analyzer:{region}:{Account}:analyzer/{a.Name}",
                createdAt = "2025-02-15T00:46:40+00:00",
                name = a.Name,
                status = a.Status,
                tags = new { },
                type = a.Type,
            }),
        });
    }
}
