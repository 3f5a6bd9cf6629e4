using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.S3;
using WASecurity.Evidence;
using WASecurity.Policies;

namespace WASecurity.Checks.Sec04
{
    /// <summary>The S3 buckets that receive CloudTrail log files: one finding per bucket, however many trails share it.</summary>
    internal static class TrailBucketChecks
    {
        private const string BucketType = "AWS::S3::Bucket";

        public static Task<IEnumerable<Finding>> AccessLoggingAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.TrailBucketAccessLogging;
            return ForEachBucketAsync(context, check, cancellationToken, async (bucket, trails) =>
            {
                var logging = await context.GetAsync(LoggingCalls.GetBucketLogging(bucket), cancellationToken).ConfigureAwait(false);
                if (!logging.IsSuccess)
                {
                    return BucketError(context, check, logging, bucket, trails);
                }

                var enabled = logging.Root.Prop("LoggingEnabled");
                var target = enabled?.Str("TargetBucket");
                return (target != null
                        ? BucketFinding(context, check, FindingStatus.Pass, bucket, trails, $"CloudTrail bucket '{bucket}' writes server access logs to '{target}'.")
                        : BucketFinding(context, check, FindingStatus.Fail, bucket, trails, $"CloudTrail bucket '{bucket}' has server access logging disabled."))
                    .With("TargetBucket", target)
                    .With("TargetPrefix", enabled?.Str("TargetPrefix"));
            });
        }

        public static Task<IEnumerable<Finding>> NotPublicAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.TrailBucketNotPublic;
            return ForEachBucketAsync(context, check, cancellationToken, async (bucket, trails) =>
            {
                var accountBlock = context.GetAsync(LoggingCalls.GetAccountPublicAccessBlock(context.Account.AccountId), cancellationToken);
                var bucketBlock = context.GetAsync(LoggingCalls.GetBucketPublicAccessBlock(bucket), cancellationToken);
                var policyStatus = context.GetAsync(LoggingCalls.GetBucketPolicyStatus(bucket), cancellationToken);
                var acl = context.GetAsync(LoggingCalls.GetBucketAcl(bucket), cancellationToken);
                await Task.WhenAll(accountBlock, bucketBlock, policyStatus, acl).ConfigureAwait(false);

                var ignoreAcls = BlockFlag(accountBlock.Result, "IgnorePublicAcls") || BlockFlag(bucketBlock.Result, "IgnorePublicAcls");
                var restrict = BlockFlag(accountBlock.Result, "RestrictPublicBuckets") || BlockFlag(bucketBlock.Result, "RestrictPublicBuckets");
                var policy = await PolicyVerdictAsync(context, bucket, policyStatus.Result, cancellationToken).ConfigureAwait(false);
                var policyPublic = policy.IsPublic;
                var publicGrants = acl.Result.IsSuccess ? BucketAcl.PublicGrantPairs(acl.Result.Root).Select(g => $"{g.Group}:{g.Permission}").ToList() : null;

                Finding finding;
                if (policyPublic == true && !restrict)
                {
                    finding = BucketFinding(context, check, FindingStatus.Fail, bucket, trails,
                        $"CloudTrail bucket '{bucket}' is public through its bucket policy ({policy.Basis}) and Block Public Access does not restrict public buckets.");
                }
                else if (publicGrants != null && publicGrants.Count > 0 && !ignoreAcls)
                {
                    finding = BucketFinding(context, check, FindingStatus.Fail, bucket, trails,
                        $"CloudTrail bucket '{bucket}' is public through its ACL ({string.Join(", ", publicGrants)}) and Block Public Access does not ignore public ACLs.");
                }
                else if (policyPublic == null && !restrict)
                {
                    return BucketError(context, check, policy.Failure!, bucket, trails);
                }
                else if (publicGrants == null && !ignoreAcls)
                {
                    return BucketError(context, check, acl.Result, bucket, trails);
                }
                else
                {
                    finding = BucketFinding(context, check, FindingStatus.Pass, bucket, trails,
                        $"CloudTrail bucket '{bucket}' is not public: {Basis(policyPublic, policy.Basis, restrict, publicGrants, ignoreAcls)}.");
                }

                return finding
                    .With("PolicyIsPublic", policyPublic)
                    .With("PolicyVerdictFrom", policy.Basis)
                    .With("PublicAclGrants", publicGrants)
                    .With("IgnorePublicAcls", ignoreAcls)
                    .With("RestrictPublicBuckets", restrict);
            });
        }

        public static Task<IEnumerable<Finding>> ImmutableAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.TrailBucketImmutable;
            return ForEachBucketAsync(context, check, cancellationToken, async (bucket, trails) =>
            {
                var lockTask = context.GetAsync(LoggingCalls.GetObjectLockConfiguration(bucket), cancellationToken);
                var versioningTask = context.GetAsync(LoggingCalls.GetBucketVersioning(bucket), cancellationToken);
                var objectLock = await lockTask.ConfigureAwait(false);
                var versioning = await versioningTask.ConfigureAwait(false);

                var lockConfig = objectLock.IsSuccess ? objectLock.Root.Prop("ObjectLockConfiguration") : null;
                var lockEnabled = string.Equals(lockConfig?.Str("ObjectLockEnabled"), "Enabled", StringComparison.OrdinalIgnoreCase);
                var retention = lockConfig?.Path("Rule", "DefaultRetention");
                var versioningStatus = versioning.IsSuccess ? versioning.Root.Str("Status") : null;
                var mfaDelete = versioning.IsSuccess ? versioning.Root.Str("MFADelete") : null;
                var mfaDeleteEnabled = string.Equals(versioningStatus, "Enabled", StringComparison.OrdinalIgnoreCase)
                    && string.Equals(mfaDelete, "Enabled", StringComparison.OrdinalIgnoreCase);

                Finding finding;
                if (lockEnabled)
                {
                    var days = retention?.Text("Days");
                    var rule = retention == null ? "no default retention"
                        : $"default retention {retention.Value.Str("Mode")} {(days != null ? days + " days" : retention.Value.Text("Years") + " years")}";
                    finding = BucketFinding(context, check, FindingStatus.Pass, bucket, trails, $"CloudTrail bucket '{bucket}' has S3 Object Lock enabled ({rule}).");
                }
                else if (mfaDeleteEnabled)
                {
                    finding = BucketFinding(context, check, FindingStatus.Pass, bucket, trails, $"CloudTrail bucket '{bucket}' has versioning with MFA delete enabled.");
                }
                else if (!objectLock.IsSuccess && objectLock.Error!.Kind != ApiErrorKind.NotFound)
                {
                    return BucketError(context, check, objectLock, bucket, trails);
                }
                else if (!versioning.IsSuccess)
                {
                    return BucketError(context, check, versioning, bucket, trails);
                }
                else
                {
                    var state = versioningStatus == null ? "versioning never enabled" : $"versioning {versioningStatus}, MFA delete {mfaDelete ?? "Disabled"}";
                    finding = BucketFinding(context, check, FindingStatus.Fail, bucket, trails, $"CloudTrail bucket '{bucket}' has no Object Lock and no MFA delete ({state}): its log files can be deleted.");
                }

                return finding
                    .With("ObjectLockEnabled", lockEnabled)
                    .With("VersioningStatus", versioningStatus)
                    .With("MFADelete", mfaDelete);
            });
        }

        public static Task<IEnumerable<Finding>> LifecycleRetentionAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.TrailBucketLifecycleRetention;
            var minimum = context.Settings.GetInt(Sec04Catalog.TrailLogRetentionDays);
            return ForEachBucketAsync(context, check, cancellationToken, async (bucket, trails) =>
            {
                var lifecycle = await context.GetAsync(LoggingCalls.GetBucketLifecycleConfiguration(bucket), cancellationToken).ConfigureAwait(false);
                if (!lifecycle.IsSuccess && lifecycle.Error!.Kind != ApiErrorKind.NotFound)
                {
                    return BucketError(context, check, lifecycle, bucket, trails);
                }

                var prefixes = trails.Select(t => t.LogKeyPrefix(context.Account.AccountId)).Distinct(StringComparer.Ordinal).ToList();
                var rules = lifecycle.IsSuccess ? LifecycleExpiration.Read(lifecycle.Root, context.Now) : new List<LifecycleExpiration>();
                var early = rules
                    .Where(r => prefixes.Any(r.AppliesTo))
                    .Where(r => r.Days < minimum)
                    .OrderBy(r => r.Days)
                    .FirstOrDefault();
                Finding finding;
                if (early != null)
                {
                    finding = BucketFinding(context, check, FindingStatus.Fail, bucket, trails,
                        $"Lifecycle rule '{early.RuleId}' on CloudTrail bucket '{bucket}' expires log files after {early.Describe()} (minimum {minimum} days).");
                }
                else
                {
                    var applying = rules.Where(r => prefixes.Any(r.AppliesTo)).ToList();
                    finding = BucketFinding(context, check, FindingStatus.Pass, bucket, trails, applying.Count == 0
                        ? $"No lifecycle rule on CloudTrail bucket '{bucket}' expires its log files."
                        : $"The earliest lifecycle expiration of log files in CloudTrail bucket '{bucket}' is after {applying.Min(r => r.Days)} days (minimum {minimum}).");
                }

                return finding
                    .With("LogKeyPrefixes", prefixes)
                    .With("ExpiringRules", rules.Where(r => prefixes.Any(r.AppliesTo)).Select(r => $"{r.RuleId}: {r.Describe()}"))
                    .With("MinimumDays", minimum);
            });
        }

        private static async Task<IEnumerable<Finding>> ForEachBucketAsync(
            CheckContext context, CheckDefinition check, CancellationToken cancellationToken, Func<string, IReadOnlyList<TrailRecord>, Task<Finding>> evaluate)
        {
            var inventory = await TrailInventory.LoadAsync(context, cancellationToken).ConfigureAwait(false);
            var findings = inventory.Failures.Select(f => context.ErrorFinding(check, f)).ToList();
            var buckets = inventory.Trails
                .Where(t => !string.IsNullOrEmpty(t.BucketName))
                .GroupBy(t => t.BucketName!, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
            if (buckets.Count == 0 && findings.Count == 0)
            {
                findings.Add(context.AccountFinding(check, FindingStatus.NotApplicable, "No CloudTrail trail delivers to an S3 bucket (see SEC04.CloudTrailMultiRegion)."));
            }

            findings.AddRange(await Task.WhenAll(buckets.Select(g => evaluate(g.Key, g.ToList()))).ConfigureAwait(false));
            return findings;
        }

        private static Finding BucketFinding(CheckContext context, CheckDefinition check, FindingStatus status, string bucket, IReadOnlyList<TrailRecord> trails, string reason) =>
            context.NewFinding(check, status, bucket, reason, ApiCall.Global, $"arn:{context.Account.Partition}:s3:::{bucket}", BucketType)
                .WithProperty("BucketName", bucket)
                .WithProperty("TrailName", trails[0].Name)
                .With("Trails", trails.Select(t => t.Arn));

        private static Finding BucketError(CheckContext context, CheckDefinition check, EvidenceResponse failed, string bucket, IReadOnlyList<TrailRecord> trails)
        {
            var finding = context.ErrorFinding(check, failed, bucket, $"arn:{context.Account.Partition}:s3:::{bucket}", BucketType)
                .WithProperty("BucketName", bucket)
                .WithProperty("TrailName", trails[0].Name);
            if (failed.Error!.Kind == ApiErrorKind.AccessDenied)
            {
                // Central log buckets usually live in a log-archive account; the caller then needs access there.
                finding.Reason += " The bucket may belong to another account (a central log archive): assess it there.";
            }

            return finding;
        }

        /// <summary>
        /// Whether the bucket policy makes the bucket public: S3's own verdict (GetBucketPolicyStatus) when it is in
        /// the evidence, otherwise the policy document judged by <see cref="ResourcePolicyAnalyzer"/>. A bucket
        /// without a policy is not public through it.
        /// </summary>
        private static async Task<PolicyVerdict> PolicyVerdictAsync(CheckContext context, string bucket, EvidenceResponse status, CancellationToken cancellationToken)
        {
            if (status.IsSuccess)
            {
                // S3 always answers IsPublic; a status without it says nothing, and must not read as "not public".
                var isPublic = status.Root.Path("PolicyStatus")?.Bool("IsPublic");
                if (isPublic == null)
                {
                    return new PolicyVerdict(null, "unknown", status.Unreadable("'PolicyStatus.IsPublic' is missing"));
                }

                if (isPublic == false)
                {
                    return new PolicyVerdict(false, "S3 policy status IsPublic = false", null);
                }

                // Name the statement when the document is in the evidence too; S3's verdict stands either way.
                var document = await context.GetAsync(LoggingCalls.GetBucketPolicy(bucket), cancellationToken).ConfigureAwait(false);
                var detail = document.IsSuccess && TryAnalyze(document, context.Account.AccountId, out _, out var why) ? "; " + why : string.Empty;
                return new PolicyVerdict(true, "S3 policy status IsPublic = true" + detail, null);
            }

            if (status.Error!.Kind == ApiErrorKind.NotFound)
            {
                return new PolicyVerdict(false, "no bucket policy", null);
            }

            var policy = await context.GetAsync(LoggingCalls.GetBucketPolicy(bucket), cancellationToken).ConfigureAwait(false);
            if (!policy.IsSuccess)
            {
                return policy.Error!.Kind == ApiErrorKind.NotFound
                    ? new PolicyVerdict(false, "no bucket policy", null)
                    : new PolicyVerdict(null, "unknown", status);
            }

            return TryAnalyze(policy, context.Account.AccountId, out var analyzedPublic, out var reason)
                ? new PolicyVerdict(analyzedPublic, "policy analyzer: " + reason, null)
                : new PolicyVerdict(null, "unknown", status);
        }

        private static bool TryAnalyze(EvidenceResponse policy, string accountId, out bool isPublic, out string reason)
        {
            isPublic = false;
            reason = string.Empty;
            var text = policy.Root.Str("Policy");
            if (text == null || !PolicyDocument.TryParse(text, out var document, out _))
            {
                return false;
            }

            isPublic = ResourcePolicyAnalyzer.IsPublic(document!, accountId, out reason);
            return true;
        }

        private static bool BlockFlag(EvidenceResponse response, string flag) =>
            response.IsSuccess && response.Root.Path("PublicAccessBlockConfiguration")?.Bool(flag) == true;

        private static string Basis(bool? policyPublic, string policyBasis, bool restrict, List<string>? grants, bool ignoreAcls)
        {
            var policy = policyPublic == true ? "its policy would be public but Block Public Access restricts public buckets"
                : policyPublic == false ? $"its policy is not public ({policyBasis})"
                : "Block Public Access restricts public buckets";
            var acl = grants != null && grants.Count > 0 ? "its ACL's public grants are ignored by Block Public Access"
                : grants != null ? "its ACL grants nothing to AllUsers or AuthenticatedUsers"
                : "Block Public Access ignores public ACLs";
            return $"{policy}; {acl}";
        }

        private sealed class PolicyVerdict
        {
            public PolicyVerdict(bool? isPublic, string basis, EvidenceResponse? failure)
            {
                IsPublic = isPublic;
                Basis = basis;
                Failure = failure;
            }

            /// <summary>Null when neither the policy status nor the policy could be read.</summary>
            public bool? IsPublic { get; }

            /// <summary>What decided: S3's policy status or the analyzer, with its reason.</summary>
            public string Basis { get; }

            public EvidenceResponse? Failure { get; }
        }
    }
}
