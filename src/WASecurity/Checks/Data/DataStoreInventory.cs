using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.S3;
using WASecurity.Evidence;

namespace WASecurity.Checks.Data
{
    /// <summary>
    /// Every data store of the account in the covered regions, built once per run from the list and describe
    /// calls and shared by the classification, encryption and key-management questions.
    /// </summary>
    internal sealed class DataStoreInventory
    {
        private DataStoreInventory(IReadOnlyList<DataStore> stores, IReadOnlyList<InventoryGap> gaps)
        {
            Stores = stores;
            Gaps = gaps;
        }

        /// <summary>The stores found, in region then type order.</summary>
        public IReadOnlyList<DataStore> Stores { get; }

        /// <summary>List calls that failed: the stores of that type in that region are unknown.</summary>
        public IReadOnlyList<InventoryGap> Gaps { get; }

        public IEnumerable<DataStore> OfType(string storeType) => Stores.Where(s => s.StoreType == storeType);

        /// <summary>The inventory of the run, built on first use.</summary>
        public static Task<DataStoreInventory> GetAsync(CheckContext context, CancellationToken cancellationToken) =>
            context.GetDerivedAsync(nameof(DataStoreInventory), () => BuildAsync(context, cancellationToken));

        private static async Task<DataStoreInventory> BuildAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var builder = new Builder(context, cancellationToken);
            var s3 = builder.AddBucketsAsync();
            var regional = Task.WhenAll(context.Regions.Select(builder.AddRegionAsync));
            await Task.WhenAll(s3, regional).ConfigureAwait(false);

            var order = context.Regions.Select((r, i) => (r, i)).ToDictionary(p => p.r, p => p.i, StringComparer.Ordinal);
            var stores = builder.Stores
                .OrderBy(s => order.TryGetValue(s.Region, out var i) ? i : -1)
                .ThenBy(s => s.StoreType, StringComparer.Ordinal)
                .ThenBy(s => s.Id, StringComparer.Ordinal)
                .ToList();
            return new DataStoreInventory(stores, builder.Gaps.OrderBy(g => g.Response.Call.Region, StringComparer.Ordinal).ToList());
        }

        /// <summary>Normalises S3's LocationConstraint: null or empty is us-east-1, the legacy 'EU' is eu-west-1.</summary>
        internal static string BucketRegion(string? locationConstraint)
        {
            if (string.IsNullOrEmpty(locationConstraint))
            {
                return "us-east-1";
            }

            return string.Equals(locationConstraint, "EU", StringComparison.OrdinalIgnoreCase) ? "eu-west-1" : locationConstraint!;
        }

        /// <summary>SQS tags come as a map (<c>{"Tags":{"k":"v"}}</c>), unlike the other services' lists.</summary>
        internal static IReadOnlyDictionary<string, string> MapTags(JsonElement root)
        {
            var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var map = root.Prop("Tags");
            if (map?.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in map.Value.EnumerateObject())
                {
                    tags[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? string.Empty : property.Value.GetRawText();
                }

                return tags;
            }

            return root.Tags();
        }

        private sealed class Builder
        {
            private readonly CheckContext _context;
            private readonly CancellationToken _token;
            private readonly object _gate = new object();

            public Builder(CheckContext context, CancellationToken token)
            {
                _context = context;
                _token = token;
            }

            public List<DataStore> Stores { get; } = new List<DataStore>();

            public List<InventoryGap> Gaps { get; } = new List<InventoryGap>();

            public async Task AddBucketsAsync()
            {
                var list = await Get(S3Calls.ListBuckets).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    Gap(DataStoreTypes.S3Bucket, list);
                    return;
                }

                var covered = new HashSet<string>(_context.Regions, StringComparer.Ordinal);
                var buckets = await Task.WhenAll(list.Root.Items("Buckets").Select(DescribeBucketAsync)).ConfigureAwait(false);

                // Buckets in regions outside -Region are left out, as regional resources are; an unknown location stays in.
                Add(buckets.Where(b => b != null && (b.Region == ApiCall.Global || covered.Contains(b.Region)))!);
            }

            public async Task AddRegionAsync(string region)
            {
                await Task.WhenAll(
                    AddTablesAsync(region),
                    AddListedAsync(region, DataStoreTypes.EBSVolume, DataCalls.DescribeVolumes(region), "Volumes", "VolumeId", v => null, v => v.Tags()),
                    AddDatabasesAsync(region),
                    AddListedAsync(region, DataStoreTypes.EFSFileSystem, DataCalls.DescribeFileSystems(region), "FileSystems", "FileSystemId", f => f.Str("FileSystemArn"), f => f.Tags()),
                    AddQueuesAsync(region)).ConfigureAwait(false);
            }

            private async Task<DataStore?> DescribeBucketAsync(JsonElement entry)
            {
                var name = entry.Str("Name");
                if (string.IsNullOrEmpty(name))
                {
                    return null;
                }

                var store = new DataStore(DataStoreTypes.S3Bucket, ApiCall.Global, name!, $"arn:{_context.Account.Partition}:s3:::{name}", entry);
                var listedRegion = entry.Str("BucketRegion");
                var locationTask = listedRegion == null ? Get(DataCalls.GetBucketLocation(name!)) : null;
                var tagging = await Get(DataCalls.GetBucketTagging(name!)).ConfigureAwait(false);
                if (listedRegion != null)
                {
                    store.Region = listedRegion;
                }
                else
                {
                    var location = await locationTask!.ConfigureAwait(false);
                    if (location.IsSuccess)
                    {
                        store.Region = BucketRegion(location.Root.Str("LocationConstraint"));
                    }
                    else
                    {
                        store.DescriptionError = location;
                    }
                }

                SetTags(store, tagging, r => r.Root.Tags("TagSet"), "NoSuchTagSet");
                return store;
            }

            private async Task AddTablesAsync(string region)
            {
                var list = await Get(DataCalls.ListTables(region)).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    Gap(DataStoreTypes.DynamoDBTable, list);
                    return;
                }

                var tables = await Task.WhenAll(list.Root.Strings("TableNames").Select(async name =>
                {
                    var describe = Get(DataCalls.DescribeTable(region, name));
                    var described = await describe.ConfigureAwait(false);
                    var table = described.IsSuccess ? described.Root.Prop("Table") ?? default : default;
                    var tableArn = (table.ValueKind == JsonValueKind.Object ? table.Str("TableArn") : null)
                        ?? $"arn:{_context.Account.Partition}:dynamodb:{region}:{_context.Account.AccountId}:table/{name}";
                    var tags = await Get(DataCalls.ListTagsOfResource(region, name, tableArn)).ConfigureAwait(false);
                    var store = new DataStore(DataStoreTypes.DynamoDBTable, region, name, table.ValueKind == JsonValueKind.Object ? table.Str("TableArn") : null, table);
                    if (!described.IsSuccess)
                    {
                        store.DescriptionError = described;
                    }

                    SetTags(store, tags, r => r.Root.Tags(), null);
                    return store;
                })).ConfigureAwait(false);
                Add(tables);
            }

            private async Task AddDatabasesAsync(string region)
            {
                var clustersTask = Get(DataCalls.DescribeDbClusters(region));
                var instances = await Get(DataCalls.DescribeDbInstances(region)).ConfigureAwait(false);
                var clusters = await clustersTask.ConfigureAwait(false);
                var clusterIds = new HashSet<string>(StringComparer.Ordinal);
                if (clusters.IsSuccess)
                {
                    var found = clusters.Root.Items("DBClusters")
                        .Where(c => c.Str("DBClusterIdentifier") != null)
                        .Select(c => Described(DataStoreTypes.RDSCluster, region, c.Str("DBClusterIdentifier")!, c.Str("DBClusterArn"), c, c.Tags("TagList")))
                        .ToList();
                    clusterIds.UnionWith(found.Select(s => s.Id));
                    Add(found);
                }
                else
                {
                    Gap(DataStoreTypes.RDSCluster, clusters);
                }

                if (instances.IsSuccess)
                {
                    // An Aurora member's storage, encryption and backups belong to its cluster, which is reported instead.
                    Add(instances.Root.Items("DBInstances")
                        .Where(i => i.Str("DBInstanceIdentifier") != null)
                        .Where(i => i.Str("DBClusterIdentifier") == null || !clusterIds.Contains(i.Str("DBClusterIdentifier")!))
                        .Select(i => Described(DataStoreTypes.RDSInstance, region, i.Str("DBInstanceIdentifier")!, i.Str("DBInstanceArn"), i, i.Tags("TagList"))));
                }
                else
                {
                    Gap(DataStoreTypes.RDSInstance, instances);
                }
            }

            private async Task AddListedAsync(
                string region, string storeType, ApiCall call, string listName, string idName, Func<JsonElement, string?> arn, Func<JsonElement, IReadOnlyDictionary<string, string>> tags)
            {
                var list = await Get(call).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    Gap(storeType, list);
                    return;
                }

                Add(list.Root.Items(listName)
                    .Where(e => e.Str(idName) != null)
                    .Select(e => Described(storeType, region, e.Str(idName)!, arn(e) ?? DefaultArn(storeType, region, e.Str(idName)!), e, tags(e))));
            }

            private async Task AddQueuesAsync(string region)
            {
                var list = await Get(DataCalls.ListQueues(region)).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    Gap(DataStoreTypes.SQSQueue, list);
                    return;
                }

                var queues = await Task.WhenAll(list.Root.Strings("QueueUrls").Select(async url =>
                {
                    var name = url.TrimEnd('/').Split('/').Last();
                    var attributesTask = Get(DataCalls.GetQueueAttributes(region, name, url));
                    var tags = await Get(DataCalls.ListQueueTags(region, name, url)).ConfigureAwait(false);
                    var attributes = await attributesTask.ConfigureAwait(false);
                    var described = attributes.IsSuccess ? attributes.Root.Prop("Attributes") ?? default : default;
                    var arn = described.ValueKind == JsonValueKind.Object ? described.Str("QueueArn") : null;
                    var store = new DataStore(DataStoreTypes.SQSQueue, region, name, arn ?? $"arn:{_context.Account.Partition}:sqs:{region}:{_context.Account.AccountId}:{name}", described)
                    {
                        QueueUrl = url,
                    };
                    if (!attributes.IsSuccess)
                    {
                        store.DescriptionError = attributes;
                    }

                    SetTags(store, tags, r => MapTags(r.Root), null);
                    return store;
                })).ConfigureAwait(false);
                Add(queues);
            }

            private DataStore Described(string storeType, string region, string id, string? arn, JsonElement description, IReadOnlyDictionary<string, string> tags) =>
                new DataStore(storeType, region, id, arn, description) { Tags = tags };

            private string DefaultArn(string storeType, string region, string id) =>
                storeType == DataStoreTypes.EBSVolume
                    ? $"arn:{_context.Account.Partition}:ec2:{region}:{_context.Account.AccountId}:volume/{id}"
                    : $"arn:{_context.Account.Partition}:elasticfilesystem:{region}:{_context.Account.AccountId}:file-system/{id}";

            private static void SetTags(DataStore store, EvidenceResponse response, Func<EvidenceResponse, IReadOnlyDictionary<string, string>> read, string? noTagsCode)
            {
                if (response.IsSuccess)
                {
                    store.Tags = read(response);
                }
                else if (noTagsCode != null && response.IsErrorCode(noTagsCode))
                {
                    // S3 answers a bucket without tags with an error, not an empty list.
                    store.Tags = new Dictionary<string, string>();
                }
                else
                {
                    store.TagsError = response;
                }
            }

            private Task<EvidenceResponse> Get(ApiCall call) => _context.GetAsync(call, _token);

            private void Add(IEnumerable<DataStore> stores)
            {
                lock (_gate)
                {
                    Stores.AddRange(stores);
                }
            }

            private void Gap(string storeType, EvidenceResponse response)
            {
                lock (_gate)
                {
                    Gaps.Add(new InventoryGap(storeType, response));
                }
            }
        }
    }
}
