using System.Collections.Generic;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.Data
{
    /// <summary>One data store of the account (a bucket, table, volume, database, file system or queue) as its describe call showed it.</summary>
    internal sealed class DataStore
    {
        public DataStore(string storeType, string region, string id, string? arn, JsonElement description)
        {
            StoreType = storeType;
            Region = region;
            Id = id;
            Arn = arn;
            Description = description;
        }

        /// <summary>One of the <see cref="DataStoreTypes"/> names (the DataStoreType property of findings).</summary>
        public string StoreType { get; }

        public string ResourceType => DataStoreTypes.CloudFormationType(StoreType);

        /// <summary>The region the data lives in (<c>global</c> only for a bucket whose location could not be read).</summary>
        public string Region { get; internal set; }

        /// <summary>The id a user types: bucket name, table name, volume id, DB identifier, file system id, queue name.</summary>
        public string Id { get; }

        public string? Arn { get; internal set; }

        /// <summary>The store's entry in its describe response (the bucket entry, Table, Volume, DBInstance, … or the queue's Attributes).</summary>
        public JsonElement Description { get; internal set; }

        /// <summary>The describe call that failed for this store (DescribeTable, GetQueueAttributes, GetBucketLocation), if any.</summary>
        public EvidenceResponse? DescriptionError { get; internal set; }

        /// <summary>The store's tags; null when they could not be read (see <see cref="TagsError"/>).</summary>
        public IReadOnlyDictionary<string, string>? Tags { get; internal set; }

        public EvidenceResponse? TagsError { get; internal set; }

        /// <summary>The queue URL of an SQS queue (what SQS cmdlets take), otherwise null.</summary>
        public string? QueueUrl { get; internal set; }

        /// <summary>The name AWS Tools cmdlets take for this kind of store (BucketName, TableName, VolumeId, …).</summary>
        public string IdPropertyName => DataStoreTypes.IdPropertyName(StoreType);

        public override string ToString() => $"{StoreType} {Id} ({Region})";
    }
}
