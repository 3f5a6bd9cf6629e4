using System.Collections.Generic;
using System.Linq;
using WASecurity.Tests.Infrastructure;

namespace WASecurity.Tests.Checks
{
    /// <summary>Pieces of data-store evidence in the exact shapes the AWS CLI prints, for the data-protection tests.</summary>
    internal static class DataFixtures
    {
        public const string Account = "111122223333";

        public static BundleBuilder NewBundle(params string[] regions) =>
            new BundleBuilder(Account, regions.Length == 0 ? new[] { "us-east-1" } : regions);

        /// <summary>Every data-store list call of the region, answered with an empty list.</summary>
        public static BundleBuilder EmptyStores(this BundleBuilder bundle, string region) =>
            bundle.Json($"{region}/dynamodb/ListTables.json", new { TableNames = new string[0] })
                  .Json($"{region}/ec2/DescribeVolumes.json", new { Volumes = new object[0] })
                  .Json($"{region}/rds/DescribeDBInstances.json", new { DBInstances = new object[0] })
                  .Json($"{region}/rds/DescribeDBClusters.json", new { DBClusters = new object[0] })
                  .Json($"{region}/efs/DescribeFileSystems.json", new { FileSystems = new object[0] })
                  .Json($"{region}/sqs/ListQueues.json", new { QueueUrls = new string[0] });

        /// <summary>SEC 9's service stores outside the data-store inventory (log groups, notebook instances, search domains), answered with empty lists, and a Glue Data Catalog that encrypts its metadata and connection passwords.</summary>
        public static BundleBuilder NoServiceStores(this BundleBuilder bundle, string region) =>
            bundle.Json($"{region}/logs/DescribeLogGroups.json", new { logGroups = new object[0] })
                  .Json($"{region}/sagemaker/ListNotebookInstances.json", new { NotebookInstances = new object[0] })
                  .Json($"{region}/glue/GetDataCatalogEncryptionSettings.json", new
                  {
                      DataCatalogEncryptionSettings = new
                      {
                          EncryptionAtRest = new { CatalogEncryptionMode = "SSE-KMS", SseAwsKmsKeyId = $"arn:aws:kms:{region}:111122223333:key/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e" },
                          ConnectionPasswordEncryption = new { ReturnConnectionPasswordEncrypted = true, AwsKmsKeyId = $"arn:aws:kms:{region}:111122223333:key/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e" },
                      },
                  })
                  .Json($"{region}/opensearch/ListDomainNames.json", new { DomainNames = new object[0] });

        public static object[] Tags(params (string Key, string Value)[] tags) =>
            tags.Select(t => (object)new { t.Key, t.Value }).ToArray();

        public static object[] Classified(string value) => Tags(("DataClassification", value));

        /// <summary>ListBuckets plus each bucket's location and tags (null tags: NoSuchTagSet).</summary>
        public static BundleBuilder Buckets(this BundleBuilder bundle, params (string Name, string Region, object[]? Tags)[] buckets)
        {
            bundle.Json("global/s3/ListBuckets.json", new
            {
                Buckets = buckets.Select(b => new { b.Name, CreationDate = "2024-03-01T10:00:00+00:00" }).ToArray(),
                Owner = new { ID = "0a1b2c3d" },
            });
            foreach (var b in buckets)
            {
                bundle.File($"global/s3/GetBucketLocation/{b.Name}.json", b.Region == "us-east-1" ? "{\"LocationConstraint\": null}" : $"{{\"LocationConstraint\": \"{b.Region}\"}}");
                if (b.Tags == null)
                {
                    bundle.Error($"global/s3/GetBucketTagging/{b.Name}.json", "NoSuchTagSet", "The TagSet does not exist");
                }
                else
                {
                    bundle.Json($"global/s3/GetBucketTagging/{b.Name}.json", new { TagSet = b.Tags });
                }
            }

            return bundle;
        }

        /// <summary>ListTables, DescribeTable and ListTagsOfResource for each table.</summary>
        public static BundleBuilder Tables(this BundleBuilder bundle, string region, params (string Name, object[] Tags, object? Sse)[] tables)
        {
            bundle.Json($"{region}/dynamodb/ListTables.json", new { TableNames = tables.Select(t => t.Name).ToArray() });
            foreach (var t in tables)
            {
                var table = new Dictionary<string, object?>
                {
                    ["TableName"] = t.Name,
                    ["TableStatus"] = "ACTIVE",
                    ["TableArn"] = $"arn:aws:dynamodb:{region}:{Account}:table/{t.Name}",
                    ["TableId"] = "5d7b7a4c-0000-4000-8000-" + t.Name.GetHashCode().ToString("x8").PadLeft(12, '0'),
                };
                if (t.Sse != null)
                {
                    table["SSEDescription"] = t.Sse;
                }

                bundle.Json($"{region}/dynamodb/DescribeTable/{t.Name}.json", new { Table = table });
                bundle.Json($"{region}/dynamodb/ListTagsOfResource/{t.Name}.json", new { Tags = t.Tags });
            }

            return bundle;
        }

        public static object KmsSse(string keyArn) => new { Status = "ENABLED", SSEType = "KMS", KMSMasterKeyArn = keyArn };

        public static string KeyArn(string region, string keyId) => $"arn:aws:kms:{region}:{Account}:key/{keyId}";

        /// <summary>ListQueues, GetQueueAttributes and ListQueueTags for each queue.</summary>
        public static BundleBuilder Queues(this BundleBuilder bundle, string region, params (string Name, Dictionary<string, string> Attributes, Dictionary<string, string> Tags)[] queues)
        {
            bundle.Json($"{region}/sqs/ListQueues.json", new { QueueUrls = queues.Select(q => QueueUrl(region, q.Name)).ToArray() });
            foreach (var q in queues)
            {
                var attributes = new Dictionary<string, string>(q.Attributes)
                {
                    ["QueueArn"] = $"arn:aws:sqs:{region}:{Account}:{q.Name}",
                };
                bundle.Json($"{region}/sqs/GetQueueAttributes/{q.Name}.json", new { Attributes = attributes });
                bundle.Json($"{region}/sqs/ListQueueTags/{q.Name}.json", new { Tags = q.Tags });
            }

            return bundle;
        }

        public static string QueueUrl(string region, string name) => $"https://sqs.{region}.amazonaws.com/{Account}/{name}";
    }
}
