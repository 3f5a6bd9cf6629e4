using WASecurity.Evidence;

namespace WASecurity.Checks.Data
{
    /// <summary>Findings about one data store, carrying the properties every data-protection question exposes.</summary>
    internal static class DataStoreFindings
    {
        /// <summary>A finding on <paramref name="store"/> with its id property (BucketName, TableName, …), DataStoreType and Classification.</summary>
        public static Finding For(CheckContext context, CheckDefinition check, DataStore store, StoreClassification classification, FindingStatus status, string reason, Severity? severity = null)
        {
            var finding = context.NewFinding(check, status, store.Id, reason, store.Region, store.Arn, store.ResourceType, severity);
            return Decorate(finding, store, classification);
        }

        /// <summary>An Error finding on <paramref name="store"/> naming the call that failed.</summary>
        public static Finding Error(CheckContext context, CheckDefinition check, DataStore store, StoreClassification classification, EvidenceResponse failed)
        {
            var finding = context.ErrorFinding(check, failed, store.Id, store.Arn, store.ResourceType);
            finding.Region = store.Region;
            return Decorate(finding, store, classification);
        }

        /// <summary>An Error finding for stores of a type that could not be listed in a region.</summary>
        public static Finding Gap(CheckContext context, CheckDefinition check, InventoryGap gap)
        {
            var finding = context.ErrorFinding(check, gap.Response);
            finding.Reason = $"{finding.Reason} The {gap.StoreType} stores there are unknown.";
            return finding
                .WithProperty("DataStoreType", gap.StoreType)
                .WithProperty("Classification", ClassificationScheme.Unknown);
        }

        private static Finding Decorate(Finding finding, DataStore store, StoreClassification classification)
        {
            finding.WithProperty(store.IdPropertyName, store.Id)
                   .WithProperty("DataStoreType", store.StoreType)
                   .WithProperty("Classification", classification.Value);
            if (store.QueueUrl != null)
            {
                finding.WithProperty("QueueUrl", store.QueueUrl);
            }

            return finding;
        }
    }
}
