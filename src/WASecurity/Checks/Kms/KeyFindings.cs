using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Checks.Kms
{
    /// <summary>Findings about KMS keys: every one exposes KeyId and KeyAlias, so failing keys pipe into AWS Tools' KMS cmdlets.</summary>
    internal static class KeyFindings
    {
        public const string KeyResourceType = "AWS::KMS::Key";

        public static Finding For(CheckContext context, CheckDefinition check, KmsKey key, FindingStatus status, string reason, Severity? severity = null) =>
            Decorate(context.NewFinding(check, status, key.KeyId, reason, key.Region, key.Arn, KeyResourceType, severity), key);

        public static Finding Error(CheckContext context, CheckDefinition check, KmsKey key, EvidenceResponse failed)
        {
            var finding = context.ErrorFinding(check, failed, key.KeyId, key.Arn, KeyResourceType);
            finding.Region = key.Region;
            return Decorate(finding, key);
        }

        /// <summary>
        /// Runs <paramref name="perKey"/> for every customer-managed key in every region. AWS-managed keys are skipped;
        /// a region whose keys cannot be listed, or a key that cannot be described, is an Error finding.
        /// </summary>
        public static Task<IEnumerable<Finding>> ForEachCustomerKeyAsync(
            CheckContext context, CheckDefinition check, CancellationToken cancellationToken, Func<KmsKey, Task<IEnumerable<Finding>>> perKey)
        {
            return context.ForEachRegionAsync(async region =>
            {
                var inventory = await KmsKeyInventory.GetAsync(context, region, cancellationToken).ConfigureAwait(false);
                if (inventory.ListError != null)
                {
                    return context.ErrorFinding(check, inventory.ListError).WithProperty("KeyId", null).WithProperty("KeyAlias", null).AsEnumerable();
                }

                var results = await Task.WhenAll(inventory.Keys.Select(key =>
                {
                    if (key.DescribeError != null)
                    {
                        return Task.FromResult(key.IsAwsManaged ? Enumerable.Empty<Finding>() : Error(context, check, key, key.DescribeError).AsEnumerable());
                    }

                    if (key.IsManagerUnknown)
                    {
                        // Skipping it would read as "no such key".
                        return Task.FromResult(For(context, check, key, FindingStatus.Error, key.UnknownManagerReason).AsEnumerable());
                    }

                    return key.IsCustomerManaged ? perKey(key) : Task.FromResult(Enumerable.Empty<Finding>());
                })).ConfigureAwait(false);
                return results.SelectMany(r => r).ToList();
            });
        }

        private static Finding Decorate(Finding finding, KmsKey key) =>
            finding.WithProperty("KeyId", key.KeyId)
                   .WithProperty("KeyAlias", key.Alias)
                   .With("KeyState", key.KeyState)
                   .With("KeyAliases", key.Aliases);
    }
}
