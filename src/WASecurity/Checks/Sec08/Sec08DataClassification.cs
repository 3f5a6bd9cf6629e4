using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Data;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec08
{
    /// <summary>SEC 8: which data stores exist, what their classification tag says, and whether Macie looks inside S3.</summary>
    internal sealed class Sec08DataClassification : IQuestionChecks
    {
        public IReadOnlyList<CheckImplementation> GetChecks() => new[]
        {
            new CheckImplementation(Sec08Catalog.DataStoreClassified, DataStoreClassifiedAsync),
            new CheckImplementation(Sec08Catalog.MacieEnabled, MacieEnabledAsync),
        };

        private static async Task<IEnumerable<Finding>> DataStoreClassifiedAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec08Catalog.DataStoreClassified;
            var scheme = ClassificationScheme.FromSettings(context.Settings);
            var inventory = await DataStoreInventory.GetAsync(context, cancellationToken).ConfigureAwait(false);
            var findings = inventory.Gaps.Select(g => DataStoreFindings.Gap(context, check, g)).ToList();
            var allowed = string.Join(", ", scheme.AllowedValues);
            foreach (var store in inventory.Stores)
            {
                var classification = scheme.Classify(store);
                Finding finding;
                if (store.TagsError != null)
                {
                    finding = DataStoreFindings.Error(context, check, store, classification, store.TagsError);
                }
                else if (classification.IsAllowed)
                {
                    finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Pass, $"{Describe(store)} is classified {classification.Value} ({scheme.TagKey} = {classification.TagValue}).");
                }
                else if (classification.TagValue == null || classification.Value == ClassificationScheme.Unclassified)
                {
                    finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Fail, $"{Describe(store)} has no {scheme.TagKey} tag, so nobody knows how sensitive its data is.");
                }
                else
                {
                    finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Fail, $"{Describe(store)} is tagged {scheme.TagKey} = '{classification.TagValue}', which is not an allowed value ({allowed}).");
                }

                findings.Add(finding
                    .With("TagKey", scheme.TagKey)
                    .With("TagValue", classification.TagValue)
                    .With("AllowedValues", scheme.AllowedValues));
            }

            return findings;
        }

        private static Task<IEnumerable<Finding>> MacieEnabledAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec08Catalog.MacieEnabled;
            return context.ForEachRegionAsync(async region =>
            {
                var session = await context.GetAsync(DataCalls.GetMacieSession(region), cancellationToken).ConfigureAwait(false);
                Finding finding;
                if (session.IsSuccess)
                {
                    var status = session.Root.Str("status") ?? "unknown";
                    finding = string.Equals(status, "ENABLED", StringComparison.OrdinalIgnoreCase)
                        ? context.AccountFinding(check, FindingStatus.Pass, $"Macie is enabled in {region}.", region)
                        : context.AccountFinding(check, FindingStatus.Fail, $"Macie is {status.ToLowerInvariant()} in {region}: no sensitive-data discovery runs there.", region);
                    finding.With("MacieStatus", status);
                }
                else if (IsMacieOff(session))
                {
                    finding = context.AccountFinding(check, FindingStatus.Fail, $"Macie is not enabled in {region}: nothing discovers sensitive data in its S3 buckets.", region)
                        .With("MacieStatus", "NOT_ENABLED")
                        .With("ErrorCode", session.Error!.Code);
                }
                else
                {
                    finding = context.ErrorFinding(check, session);
                }

                return finding.AsEnumerable();
            });
        }

        /// <summary>Macie answers GetMacieSession in an account where it was never enabled with AccessDenied "Macie is not enabled".</summary>
        private static bool IsMacieOff(EvidenceResponse session)
        {
            var error = session.Error!;
            return error.Kind == ApiErrorKind.NotFound
                || (error.Kind == ApiErrorKind.AccessDenied && error.Message.IndexOf("not enabled", StringComparison.OrdinalIgnoreCase) >= 0);
        }

        private static string Describe(DataStore store) => $"{Label(store.StoreType)} {store.Id}";

        internal static string Label(string storeType)
        {
            switch (storeType)
            {
                case DataStoreTypes.S3Bucket: return "Bucket";
                case DataStoreTypes.DynamoDBTable: return "DynamoDB table";
                case DataStoreTypes.EBSVolume: return "EBS volume";
                case DataStoreTypes.RDSInstance: return "RDS instance";
                case DataStoreTypes.RDSCluster: return "RDS cluster";
                case DataStoreTypes.EFSFileSystem: return "EFS file system";
                default: return "SQS queue";
            }
        }
    }
}
