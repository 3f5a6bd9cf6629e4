using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Data;
using WASecurity.Checks.Ec2;
using WASecurity.Checks.S3;
using WASecurity.Evidence;
using WASecurity.Policies;

namespace WASecurity.Checks.Sec06
{
    /// <summary>SEC 6: S3 public access, EBS default encryption, public snapshots and AMIs, IMDS defaults, Access Analyzer.</summary>
    internal sealed class Sec06ServiceSecurity : IQuestionChecks
    {
        public IReadOnlyList<CheckImplementation> GetChecks() => new[]
        {
            new CheckImplementation(Sec06Catalog.AccountBlockPublicAccess, AccountBlockPublicAccessAsync),
            new CheckImplementation(Sec06Catalog.BucketBlockPublicAccess, BucketBlockPublicAccessAsync),
            new CheckImplementation(Sec06Catalog.BucketNotPublic, BucketNotPublicAsync),
            new CheckImplementation(Sec06Catalog.EbsEncryptionByDefault, EbsEncryptionByDefaultAsync),
            new CheckImplementation(Sec06Catalog.NoPublicSnapshots, NoPublicSnapshotsAsync),
            new CheckImplementation(Sec06Catalog.NoPublicAmis, NoPublicAmisAsync),
            new CheckImplementation(Sec06Catalog.ImdsV2RequiredByDefault, ImdsV2RequiredByDefaultAsync),
            new CheckImplementation(Sec06Catalog.AccessAnalyzerEnabled, AccessAnalyzerEnabledAsync),
            new CheckImplementation(Sec06Catalog.RdsInstanceNotPublic, RdsInstanceNotPublicAsync),
            new CheckImplementation(Sec06Catalog.RdsAutoMinorVersionUpgrade, RdsAutoMinorVersionUpgradeAsync),
            new CheckImplementation(Sec06Catalog.QueuePolicyNotPublic, PublicResourcePolicyChecks.QueuePolicyNotPublicAsync),
            new CheckImplementation(Sec06Catalog.TopicPolicyNotPublic, PublicResourcePolicyChecks.TopicPolicyNotPublicAsync),
            new CheckImplementation(Sec06Catalog.LambdaPolicyNotPublic, PublicResourcePolicyChecks.LambdaPolicyNotPublicAsync),
            new CheckImplementation(Sec06Catalog.LambdaUrlRequiresAuth, PublicResourcePolicyChecks.LambdaUrlRequiresAuthAsync),
            new CheckImplementation(Sec06Catalog.RdsSnapshotNotPublic, PublicSnapshotAndRegistryChecks.RdsSnapshotNotPublicAsync),
            new CheckImplementation(Sec06Catalog.EcrRepositoryNotPublic, PublicSnapshotAndRegistryChecks.EcrRepositoryNotPublicAsync),
            new CheckImplementation(Sec06Catalog.RdsClusterSnapshotNotPublic, PublicSnapshotAndRegistryChecks.RdsClusterSnapshotNotPublicAsync),
            new CheckImplementation(Sec06Catalog.SsmDocumentNotPublic, SsmDocumentSharingChecks.SsmDocumentNotPublicAsync),
        };

        private static Task<IEnumerable<Finding>> RdsInstanceNotPublicAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.RdsInstanceNotPublic;
            return ForEachDbInstanceAsync(context, check, cancellationToken, (instance, id, arn, region) =>
            {
                var endpoint = instance.Prop("Endpoint")?.Str("Address");
                var publiclyAccessible = instance.Bool("PubliclyAccessible");
                var finding = publiclyAccessible == null
                    ? context.NewFinding(check, FindingStatus.Error, id, $"Could not verify: DescribeDBInstances in {region} does not say whether {id} is publicly accessible (PubliclyAccessible is missing).", region, arn)
                    : publiclyAccessible == true
                        ? context.NewFinding(check, FindingStatus.Fail, id, $"RDS instance {id} is publicly accessible{(endpoint == null ? string.Empty : $" at {endpoint}")}: it has a public address, and only its security groups keep the internet out.", region, arn)
                        : context.NewFinding(check, FindingStatus.Pass, id, $"RDS instance {id} is not publicly accessible.", region, arn);
                return finding
                    .With("PubliclyAccessible", publiclyAccessible)
                    .WithProperty("Engine", instance.Str("Engine"));
            });
        }

        private static Task<IEnumerable<Finding>> RdsAutoMinorVersionUpgradeAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.RdsAutoMinorVersionUpgrade;
            return ForEachDbInstanceAsync(context, check, cancellationToken, (instance, id, arn, region) =>
            {
                var engine = instance.Str("Engine");
                var version = instance.Str("EngineVersion");
                var running = engine == null ? string.Empty : $" ({engine}{(version == null ? string.Empty : " " + version)})";
                var autoUpgrade = instance.Bool("AutoMinorVersionUpgrade");
                var finding = autoUpgrade == null
                    ? context.NewFinding(check, FindingStatus.Error, id, $"Could not verify: DescribeDBInstances in {region} does not say whether {id} upgrades minor versions automatically (AutoMinorVersionUpgrade is missing).", region, arn)
                    : autoUpgrade == true
                        ? context.NewFinding(check, FindingStatus.Pass, id, $"RDS instance {id}{running} applies minor engine versions automatically in its maintenance window.", region, arn)
                        : context.NewFinding(check, FindingStatus.Fail, id, $"RDS instance {id}{running} has automatic minor version upgrade off: engine security fixes wait until someone upgrades it by hand.", region, arn);
                return finding
                    .With("AutoMinorVersionUpgrade", autoUpgrade)
                    .With("EngineVersion", version)
                    .WithProperty("Engine", engine);
            });
        }

        /// <summary>
        /// One finding per RDS instance of every covered region (from the DescribeDBInstances the data inventory also
        /// reads), an Error per region whose call failed, a NotApplicable per region without instances.
        /// </summary>
        private static Task<IEnumerable<Finding>> ForEachDbInstanceAsync(
            CheckContext context,
            CheckDefinition check,
            CancellationToken cancellationToken,
            Func<JsonElement, string, string?, string, Finding> judge) =>
            context.ForEachRegionAsync(async region =>
            {
                var response = await context.GetAsync(DataCalls.DescribeDbInstances(region), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return context.ErrorFinding(check, response).AsEnumerable();
                }

                var instances = response.Root.Items("DBInstances").ToList();
                if (instances.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.NotApplicable, $"No RDS database instance in {region}.", region).AsEnumerable();
                }

                return instances
                    .Select(instance => judge(instance, instance.RequiredStr("DBInstanceIdentifier", "DBInstances[]"), instance.Str("DBInstanceArn"), region))
                    .ToList();
            });

        private static async Task<IEnumerable<Finding>> AccountBlockPublicAccessAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.AccountBlockPublicAccess;
            var account = await GetAccountBlockAsync(context, cancellationToken).ConfigureAwait(false);
            if (account.Block == null)
            {
                return context.ErrorFinding(check, account.Response).AsEnumerable();
            }

            var block = account.Block;
            var finding = block.IsComplete
                ? context.AccountFinding(check, FindingStatus.Pass, "Account-level S3 Block Public Access has all four settings on.")
                : account.Response.IsSuccess
                    ? context.AccountFinding(check, FindingStatus.Fail, $"Account-level S3 Block Public Access is incomplete; off: {string.Join(", ", block.Disabled)}.")
                    : context.AccountFinding(check, FindingStatus.Fail, "The account has no S3 Block Public Access configuration (NoSuchPublicAccessBlockConfiguration).");
            return WithBlock(finding, block).AsEnumerable();
        }

        private static Task<IEnumerable<Finding>> BucketBlockPublicAccessAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.BucketBlockPublicAccess;
            return ForEachBucketAsync(context, check, cancellationToken, async (bucket, account) =>
            {
                var effective = await GetEffectiveBlockAsync(context, bucket, account, cancellationToken).ConfigureAwait(false);
                if (effective.Block == null)
                {
                    return BucketError(context, check, bucket, effective.Failed!);
                }

                var block = effective.Block;
                var source = effective.CoveredByAccount ? "the account level" : "the account and bucket levels combined";
                var finding = block.IsComplete
                    ? BucketFinding(context, check, bucket, FindingStatus.Pass, $"Bucket {bucket.Name} has all four Block Public Access settings in force from {source}.")
                    : BucketFinding(context, check, bucket, FindingStatus.Fail, $"Bucket {bucket.Name} lacks Block Public Access settings at both account and bucket level: {string.Join(", ", block.Disabled)}.");
                return WithBlock(finding, block).With("CoveredByAccount", effective.CoveredByAccount);
            });
        }

        private static Task<IEnumerable<Finding>> BucketNotPublicAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.BucketNotPublic;
            return ForEachBucketAsync(context, check, cancellationToken, (bucket, account) => BucketExposureAsync(context, check, bucket, account, cancellationToken));
        }

        /// <summary>
        /// The per-bucket checks' shared frame: the bucket list (Error when it cannot be read, NotApplicable when the
        /// account has none) and the account-level Block Public Access, then one finding per bucket. Buckets are judged
        /// concurrently; the evidence source bounds how many calls are in flight.
        /// </summary>
        private static async Task<IEnumerable<Finding>> ForEachBucketAsync(
            CheckContext context,
            CheckDefinition check,
            CancellationToken cancellationToken,
            Func<S3Bucket, (PublicAccessBlock? Block, EvidenceResponse Response), Task<Finding>> judge)
        {
            var buckets = await S3Bucket.ListAsync(context, cancellationToken).ConfigureAwait(false);
            if (buckets.Value == null)
            {
                return context.ErrorFinding(check, buckets.Response).AsEnumerable();
            }

            if (buckets.Value.Count == 0)
            {
                return context.AccountFinding(check, FindingStatus.NotApplicable, "The account has no S3 buckets.").AsEnumerable();
            }

            var account = await GetAccountBlockAsync(context, cancellationToken).ConfigureAwait(false);
            return await Task.WhenAll(buckets.Value.Select(bucket => judge(bucket, account))).ConfigureAwait(false);
        }

        /// <summary>
        /// Public means: a policy statement open to everyone that RestrictPublicBuckets does not neutralise, or an ACL
        /// grant to AllUsers/AuthenticatedUsers that IgnorePublicAcls does not neutralise. Only the evidence that can
        /// still matter is read.
        /// </summary>
        private static async Task<Finding> BucketExposureAsync(CheckContext context, CheckDefinition check, S3Bucket bucket, (PublicAccessBlock? Block, EvidenceResponse Response) account, CancellationToken cancellationToken)
        {
            var effective = await GetEffectiveBlockAsync(context, bucket, account, cancellationToken).ConfigureAwait(false);
            if (effective.Block == null)
            {
                return BucketError(context, check, bucket, effective.Failed!);
            }

            var block = effective.Block;
            var exposures = new List<string>();
            string policyVerdict;
            if (block.RestrictPublicBuckets)
            {
                policyVerdict = "RestrictPublicBuckets is in force, so a public policy would give no public access";
            }
            else
            {
                var policy = await context.GetAsync(S3Calls.GetBucketPolicy(bucket.Name), cancellationToken).ConfigureAwait(false);
                if (!policy.IsSuccess && !policy.IsErrorCode("NoSuchBucketPolicy"))
                {
                    return BucketError(context, check, bucket, policy);
                }

                if (!policy.IsSuccess)
                {
                    policyVerdict = "no bucket policy";
                }
                else
                {
                    var text = policy.Root.Str("Policy");
                    PolicyDocument? document = null;
                    string? error = "the response has no Policy";
                    if (text == null || !PolicyDocument.TryParse(text, out document, out error))
                    {
                        return BucketFinding(context, check, bucket, FindingStatus.Error, $"Could not verify: the bucket policy of {bucket.Name} cannot be read ({error}).")
                            .With("FailedCall", policy.Call.Action);
                    }

                    var exposure = ResourcePolicyAnalyzer.Analyze(document!, context.Account.AccountId);
                    policyVerdict = exposure.Reason;
                    if (exposure.IsPublic)
                    {
                        exposures.Add("its bucket policy: " + exposure.Reason);
                    }
                }
            }

            string aclVerdict;
            if (block.IgnorePublicAcls)
            {
                aclVerdict = "IgnorePublicAcls is in force, so public ACL grants give no access";
            }
            else
            {
                var acl = await context.GetAsync(S3Calls.GetBucketAcl(bucket.Name), cancellationToken).ConfigureAwait(false);
                if (!acl.IsSuccess)
                {
                    return BucketError(context, check, bucket, acl);
                }

                var grants = BucketAcl.PublicGrants(acl.Root);
                aclVerdict = grants.Count == 0 ? "no ACL grant to AllUsers or AuthenticatedUsers" : "ACL grants " + string.Join(", ", grants);
                if (grants.Count > 0)
                {
                    exposures.Add("its ACL, which grants " + string.Join(", ", grants));
                }
            }

            var finding = exposures.Count > 0
                ? BucketFinding(context, check, bucket, FindingStatus.Fail, $"Bucket {bucket.Name} is public through {string.Join(" and through ", exposures)}")
                : BucketFinding(context, check, bucket, FindingStatus.Pass, $"Bucket {bucket.Name} is not public: {policyVerdict}; {aclVerdict}.");
            if (!finding.Reason.EndsWith(".", StringComparison.Ordinal))
            {
                finding.Reason += ".";
            }

            return WithBlock(finding, block)
                .With("Policy", policyVerdict)
                .With("Acl", aclVerdict);
        }

        private static Task<IEnumerable<Finding>> EbsEncryptionByDefaultAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.EbsEncryptionByDefault;
            return context.ForEachRegionAsync(async region =>
            {
                var response = await context.GetAsync(Ec2Calls.GetEbsEncryptionByDefault(region), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return context.ErrorFinding(check, response).AsEnumerable();
                }

                var enabled = response.Root.Bool("EbsEncryptionByDefault");
                var finding = enabled == null
                    ? context.AccountFinding(check, FindingStatus.Error, "Could not verify: the GetEbsEncryptionByDefault response has no EbsEncryptionByDefault.", region)
                    : enabled.Value
                        ? context.AccountFinding(check, FindingStatus.Pass, $"EBS encryption by default is enabled in {region}.", region)
                        : context.AccountFinding(check, FindingStatus.Fail, $"EBS encryption by default is disabled in {region}: new volumes are unencrypted unless their creator asks.", region);
                return finding.With("EbsEncryptionByDefault", enabled).AsEnumerable();
            });
        }

        private static Task<IEnumerable<Finding>> NoPublicSnapshotsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.NoPublicSnapshots;
            return context.ForEachRegionAsync(async region =>
            {
                var response = await context.GetAsync(Ec2Calls.DescribePublicSnapshots(region), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return context.ErrorFinding(check, response).AsEnumerable();
                }

                // The call asked for the account's own snapshots restorable by "all": every one listed is public. An
                // answer without the Snapshots list says nothing, so it cannot pass.
                response.Root.Required("Snapshots", "DescribeSnapshots");
                var snapshots = response.Root.Items("Snapshots").Select(s => s.RequiredStr("SnapshotId", "a snapshot")).ToList();
                if (snapshots.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.Pass, $"No snapshot owned by the account is restorable by everyone in {region}.", region).AsEnumerable();
                }

                return snapshots.Select(id => context.NewFinding(
                        check,
                        FindingStatus.Fail,
                        id,
                        $"Snapshot {id} can be restored by every AWS account (createVolumePermission group all).",
                        region,
                        $"arn:{context.Account.Partition}:ec2:{region}::snapshot/{id}")
                    .WithProperty("SnapshotId", id))
                    .ToList();
            });
        }

        private static Task<IEnumerable<Finding>> NoPublicAmisAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.NoPublicAmis;
            return context.ForEachRegionAsync(async region =>
            {
                var response = await context.GetAsync(Ec2Calls.DescribeOwnedImages(region), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return context.ErrorFinding(check, response).AsEnumerable();
                }

                var images = response.Root.Items("Images").ToList();
                var owned = images.Where(i => i.Str("OwnerId") == null || i.Str("OwnerId") == context.Account.AccountId).ToList();
                var publicImages = owned.Where(i => i.Bool("Public") == true && i.RequiredStr("ImageId", "an image") != null).ToList();
                if (publicImages.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.Pass, $"None of the {owned.Count} AMI(s) the account owns in {region} is public.", region)
                        .With("OwnedImages", owned.Count)
                        .AsEnumerable();
                }

                return publicImages.Select(image =>
                {
                    var id = image.Str("ImageId")!;
                    return context.NewFinding(
                            check,
                            FindingStatus.Fail,
                            id,
                            $"AMI {id} ({image.Str("Name") ?? "unnamed"}) is public: every AWS account can launch it.",
                            region,
                            $"arn:{context.Account.Partition}:ec2:{region}::image/{id}")
                        .With("Name", image.Str("Name"))
                        .With("CreationDate", image.Text("CreationDate"))
                        .WithProperty("ImageId", id);
                }).ToList();
            });
        }

        private static Task<IEnumerable<Finding>> ImdsV2RequiredByDefaultAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.ImdsV2RequiredByDefault;
            return context.ForEachRegionAsync(async region =>
            {
                var response = await context.GetAsync(Ec2Calls.GetInstanceMetadataDefaults(region), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return context.ErrorFinding(check, response).AsEnumerable();
                }

                // An empty AccountLevel means "no preference": the AMI or launch request decides, usually IMDSv1 allowed.
                var level = response.Root.Prop("AccountLevel");
                var tokens = level?.Str("HttpTokens");
                var endpoint = level?.Str("HttpEndpoint");
                Finding finding;
                if (string.Equals(tokens, "required", StringComparison.OrdinalIgnoreCase))
                {
                    finding = context.AccountFinding(check, FindingStatus.Pass, $"New instances in {region} require IMDSv2 by default (HttpTokens = required).", region);
                }
                else if (string.Equals(endpoint, "disabled", StringComparison.OrdinalIgnoreCase))
                {
                    finding = context.AccountFinding(check, FindingStatus.Pass, $"New instances in {region} have the metadata endpoint disabled by default.", region);
                }
                else
                {
                    finding = context.AccountFinding(
                        check,
                        FindingStatus.Fail,
                        tokens == null
                            ? $"No account-level metadata default is set in {region}, so new instances allow IMDSv1 unless their AMI or launch request says otherwise."
                            : $"The account-level metadata default in {region} is HttpTokens = {tokens}: new instances allow IMDSv1.",
                        region);
                }

                return finding.With("HttpTokens", tokens).With("HttpEndpoint", endpoint).AsEnumerable();
            });
        }

        private static Task<IEnumerable<Finding>> AccessAnalyzerEnabledAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.AccessAnalyzerEnabled;
            return context.ForEachRegionAsync(async region =>
            {
                var response = await context.GetAsync(AccessAnalyzerCalls.ListAnalyzers(region), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return context.ErrorFinding(check, response).AsEnumerable();
                }

                var analyzers = response.Root.Items("analyzers").ToList();
                var external = analyzers.Where(a =>
                    string.Equals(a.Str("status"), "ACTIVE", StringComparison.OrdinalIgnoreCase)
                    && (string.Equals(a.Str("type"), "ACCOUNT", StringComparison.OrdinalIgnoreCase) || string.Equals(a.Str("type"), "ORGANIZATION", StringComparison.OrdinalIgnoreCase)))
                    .ToList();
                var all = analyzers.Select(a => $"{a.Str("name")} ({a.Str("type")}, {a.Str("status")})").ToList();
                Finding finding;
                if (external.Count > 0)
                {
                    var first = external[0];
                    finding = context.NewFinding(check, FindingStatus.Pass, first.Str("name") ?? region, $"Access Analyzer {first.Str("name")} ({first.Str("type")}) is active in {region}.", region, first.Str("arn"));
                }
                else
                {
                    finding = context.AccountFinding(
                        check,
                        FindingStatus.Fail,
                        analyzers.Count == 0
                            ? $"No IAM Access Analyzer exists in {region}."
                            : $"No active external-access analyzer (type ACCOUNT or ORGANIZATION) exists in {region}; found {string.Join(", ", all)}.",
                        region);
                }

                return finding.With("Analyzers", all).AsEnumerable();
            });
        }

        /// <summary>The account-level settings; NoSuchPublicAccessBlockConfiguration is "none", other failures null.</summary>
        private static Task<(PublicAccessBlock? Block, EvidenceResponse Response)> GetAccountBlockAsync(CheckContext context, CancellationToken cancellationToken) =>
            GetBlockAsync(context, S3Calls.GetAccountPublicAccessBlock(context.Account.AccountId), cancellationToken);

        private static async Task<(PublicAccessBlock? Block, EvidenceResponse Response)> GetBlockAsync(CheckContext context, ApiCall call, CancellationToken cancellationToken)
        {
            var parsed = await context.GetParsedAsync(call, r => PublicAccessBlock.Parse(r.Root), cancellationToken).ConfigureAwait(false);
            if (parsed.Value != null)
            {
                return (parsed.Value, parsed.Response);
            }

            return (parsed.Response.IsErrorCode("NoSuchPublicAccessBlockConfiguration") ? PublicAccessBlock.None : null, parsed.Response);
        }

        /// <summary>
        /// The Block Public Access in force for a bucket: the account's when it is complete (the bucket's own is then not
        /// read), else account OR bucket. Null with the failed response when that cannot be known.
        /// </summary>
        private static async Task<(PublicAccessBlock? Block, bool CoveredByAccount, EvidenceResponse? Failed)> GetEffectiveBlockAsync(
            CheckContext context, S3Bucket bucket, (PublicAccessBlock? Block, EvidenceResponse Response) account, CancellationToken cancellationToken)
        {
            if (account.Block?.IsComplete == true)
            {
                return (account.Block, true, null);
            }

            var own = await GetBlockAsync(context, S3Calls.GetPublicAccessBlock(bucket.Name), cancellationToken).ConfigureAwait(false);
            if (own.Block == null)
            {
                return (null, false, own.Response);
            }

            if (account.Block == null)
            {
                // Without the account level only a complete bucket configuration settles the question.
                return own.Block.IsComplete ? (own.Block, false, null) : (null, false, account.Response);
            }

            return (account.Block.Or(own.Block), false, null);
        }

        private static Finding WithBlock(Finding finding, PublicAccessBlock block) =>
            finding.With("BlockPublicAcls", block.BlockPublicAcls)
                   .With("IgnorePublicAcls", block.IgnorePublicAcls)
                   .With("BlockPublicPolicy", block.BlockPublicPolicy)
                   .With("RestrictPublicBuckets", block.RestrictPublicBuckets);

        private static Finding BucketFinding(CheckContext context, CheckDefinition check, S3Bucket bucket, FindingStatus status, string reason) =>
            context.NewFinding(check, status, bucket.Name, reason, ApiCall.Global, bucket.Arn(context.Account.Partition))
                .WithProperty("BucketName", bucket.Name)
                .With("BucketRegion", bucket.Region);

        private static Finding BucketError(CheckContext context, CheckDefinition check, S3Bucket bucket, EvidenceResponse failed) =>
            context.ErrorFinding(check, failed, bucket.Name, bucket.Arn(context.Account.Partition), check.ResourceType)
                .WithProperty("BucketName", bucket.Name);
    }
}
