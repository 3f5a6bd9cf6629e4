using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Amazon.S3.Model;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// AWSSDK.S3 responses written as <c>aws s3api … --output json</c> prints them. The SDK renames members
    /// (BucketName → Name, ServerSideEncryptionRules → Rules, EnableMfaDelete → MFADelete) and reshapes some
    /// (an ACL's grantee, a replication destination's BucketArn → Bucket); each is mapped back here, and a member
    /// the SDK leaves null is left out, as the CLI leaves out an absent element.
    /// </summary>
    internal static class S3CliJson
    {
        public static JsonObject Buckets(IEnumerable<S3Bucket> buckets, Owner? owner)
        {
            var list = new JsonArray();
            foreach (var bucket in buckets)
            {
                list.Add(new JsonObject()
                    .Put("Name", bucket.BucketName)
                    .Put("CreationDate", Timestamp(bucket.CreationDate))
                    .Put("BucketRegion", bucket.BucketRegion)
                    .Put("BucketArn", bucket.BucketArn));
            }

            return new JsonObject { ["Buckets"] = list }.Put("Owner", Owner(owner));
        }

        public static JsonObject Acl(Owner? owner, IEnumerable<S3Grant>? grants) =>
            new JsonObject().Put("Owner", Owner(owner)).Put("Grants", Grants(grants));

        public static JsonArray? Grants(IEnumerable<S3Grant>? grants)
        {
            if (grants == null)
            {
                return null;
            }

            var list = new JsonArray();
            foreach (var grant in grants)
            {
                var grantee = grant.Grantee == null ? null : new JsonObject()
                    .Put("DisplayName", grant.Grantee.DisplayName)
                    .Put("EmailAddress", grant.Grantee.EmailAddress)
                    .Put("ID", grant.Grantee.CanonicalUser)
                    .Put("Type", grant.Grantee.Type?.Value)
                    .Put("URI", grant.Grantee.URI);
                list.Add(new JsonObject().Put("Grantee", grantee).Put("Permission", grant.Permission?.Value));
            }

            return list;
        }

        public static JsonObject PublicAccessBlock(PublicAccessBlockConfiguration configuration) =>
            new JsonObject
            {
                ["PublicAccessBlockConfiguration"] = new JsonObject()
                    .Put("BlockPublicAcls", configuration.BlockPublicAcls)
                    .Put("IgnorePublicAcls", configuration.IgnorePublicAcls)
                    .Put("BlockPublicPolicy", configuration.BlockPublicPolicy)
                    .Put("RestrictPublicBuckets", configuration.RestrictPublicBuckets),
            };

        public static JsonObject Encryption(ServerSideEncryptionConfiguration configuration)
        {
            var rules = new JsonArray();
            foreach (var rule in configuration.ServerSideEncryptionRules ?? new List<ServerSideEncryptionRule>())
            {
                var byDefault = rule.ServerSideEncryptionByDefault == null ? null : new JsonObject()
                    .Put("SSEAlgorithm", rule.ServerSideEncryptionByDefault.ServerSideEncryptionAlgorithm?.Value)
                    .Put("KMSMasterKeyID", rule.ServerSideEncryptionByDefault.ServerSideEncryptionKeyManagementServiceKeyId);
                rules.Add(new JsonObject().Put("ApplyServerSideEncryptionByDefault", byDefault).Put("BucketKeyEnabled", rule.BucketKeyEnabled));
            }

            return new JsonObject { ["ServerSideEncryptionConfiguration"] = new JsonObject { ["Rules"] = rules } };
        }

        /// <summary>A bucket that never had versioning prints <c>{}</c>; the SDK calls that state "Off".</summary>
        public static JsonObject Versioning(S3BucketVersioningConfig? config)
        {
            var status = config?.Status?.Value;
            var json = new JsonObject();
            if (!string.IsNullOrEmpty(status) && !string.Equals(status, "Off", StringComparison.OrdinalIgnoreCase))
            {
                json["Status"] = status;
            }

            if (config?.EnableMfaDelete != null)
            {
                json["MFADelete"] = config.EnableMfaDelete.Value ? "Enabled" : "Disabled";
            }

            return json;
        }

        /// <summary>Logging off prints <c>{}</c>; on, <c>{"LoggingEnabled": {"TargetBucket", "TargetPrefix", …}}</c>.</summary>
        public static JsonObject Logging(S3BucketLoggingConfig? config)
        {
            if (config == null || string.IsNullOrEmpty(config.TargetBucketName))
            {
                return new JsonObject();
            }

            return new JsonObject
            {
                ["LoggingEnabled"] = new JsonObject()
                    .Put("TargetBucket", config.TargetBucketName)
                    .Put("TargetPrefix", config.TargetPrefix ?? string.Empty)
                    .Put("TargetGrants", config.Grants == null || config.Grants.Count == 0 ? null : Grants(config.Grants)),
            };
        }

        public static JsonObject Lifecycle(LifecycleConfiguration configuration, string? transitionDefault)
        {
            var rules = new JsonArray();
            foreach (var rule in configuration.Rules ?? new List<LifecycleRule>())
            {
                var json = new JsonObject()
                    .Put("Expiration", rule.Expiration == null ? null : new JsonObject()
                        .Put("Date", Timestamp(rule.Expiration.Date))
                        .Put("Days", rule.Expiration.Days)
                        .Put("ExpiredObjectDeleteMarker", rule.Expiration.ExpiredObjectDeleteMarker))
                    .Put("ID", rule.Id)
#pragma warning disable CS0618 // Older rules still carry the legacy top-level Prefix, which the CLI prints and the checks read.
                    .Put("Prefix", rule.Prefix)
#pragma warning restore CS0618
                    .Put("Filter", LifecycleFilter(rule.Filter))
                    .Put("Status", rule.Status?.Value)
                    .Put("Transitions", List(rule.Transitions, t => new JsonObject()
                        .Put("Date", Timestamp(t.Date)).Put("Days", t.Days).Put("StorageClass", t.StorageClass?.Value)))
                    .Put("NoncurrentVersionTransitions", List(rule.NoncurrentVersionTransitions, t => new JsonObject()
                        .Put("NoncurrentDays", t.NoncurrentDays).Put("StorageClass", t.StorageClass?.Value).Put("NewerNoncurrentVersions", t.NewerNoncurrentVersions)))
                    .Put("NoncurrentVersionExpiration", rule.NoncurrentVersionExpiration == null ? null : new JsonObject()
                        .Put("NoncurrentDays", rule.NoncurrentVersionExpiration.NoncurrentDays)
                        .Put("NewerNoncurrentVersions", rule.NoncurrentVersionExpiration.NewerNoncurrentVersions))
                    .Put("AbortIncompleteMultipartUpload", rule.AbortIncompleteMultipartUpload == null ? null : new JsonObject()
                        .Put("DaysAfterInitiation", rule.AbortIncompleteMultipartUpload.DaysAfterInitiation));
                rules.Add(json);
            }

            return new JsonObject { ["Rules"] = rules }.Put("TransitionDefaultMinimumObjectSize", transitionDefault);
        }

        public static JsonObject ObjectLock(ObjectLockConfiguration configuration)
        {
            var retention = configuration.Rule?.DefaultRetention;
            return new JsonObject
            {
                ["ObjectLockConfiguration"] = new JsonObject()
                    .Put("ObjectLockEnabled", configuration.ObjectLockEnabled?.Value)
                    .Put("Rule", configuration.Rule == null ? null : new JsonObject()
                        .Put("DefaultRetention", retention == null ? null : new JsonObject()
                            .Put("Mode", retention.Mode?.Value)
                            .Put("Days", retention.Days)
                            .Put("Years", retention.Years))),
            };
        }

        public static JsonObject Tagging(IEnumerable<Tag>? tags) =>
            new JsonObject { ["TagSet"] = Tags(tags) ?? new JsonArray() };

        /// <summary>us-east-1 has no LocationConstraint: the CLI prints null (the SDK says "").</summary>
        public static JsonObject Location(string? location) =>
            new JsonObject { ["LocationConstraint"] = string.IsNullOrEmpty(location) || location == "us-east-1" ? null : JsonValue.Create(location) };

        public static JsonObject Replication(ReplicationConfiguration configuration)
        {
            var rules = new JsonArray();
            foreach (var rule in configuration.Rules ?? new List<ReplicationRule>())
            {
                var destination = rule.Destination == null ? null : new JsonObject()
                    .Put("Bucket", rule.Destination.BucketArn)
                    .Put("Account", rule.Destination.AccountId)
                    .Put("StorageClass", rule.Destination.StorageClass?.Value)
                    .Put("EncryptionConfiguration", rule.Destination.EncryptionConfiguration == null ? null : new JsonObject()
                        .Put("ReplicaKmsKeyID", rule.Destination.EncryptionConfiguration.ReplicaKmsKeyID));
                var filter = rule.Filter == null ? null : new JsonObject()
                    .Put("Prefix", rule.Filter.Prefix)
                    .Put("Tag", Tag(rule.Filter.Tag))
                    .Put("And", rule.Filter.And == null ? null : new JsonObject()
                        .Put("Prefix", rule.Filter.And.Prefix)
                        .Put("Tags", Tags(rule.Filter.And.Tags)));
                rules.Add(new JsonObject()
                    .Put("ID", rule.Id)
                    .Put("Priority", rule.Priority)
#pragma warning disable CS0618 // Legacy replication rules (schema V1) name a top-level Prefix instead of a Filter.
                    .Put("Prefix", rule.Prefix)
#pragma warning restore CS0618
                    .Put("Filter", filter)
                    .Put("Status", rule.Status?.Value)
                    .Put("Destination", destination)
                    .Put("DeleteMarkerReplication", rule.DeleteMarkerReplication == null ? null : new JsonObject()
                        .Put("Status", rule.DeleteMarkerReplication.Status?.Value)));
            }

            return new JsonObject
            {
                ["ReplicationConfiguration"] = new JsonObject().Put("Role", configuration.Role).Put("Rules", rules),
            };
        }

        /// <summary>A timestamp as the CLI prints it (<c>2024-03-11T09:12:44+00:00</c>).</summary>
        public static string? Timestamp(DateTime? value)
        {
            if (value == null)
            {
                return null;
            }

            var utc = value.Value.Kind == DateTimeKind.Local ? value.Value.ToUniversalTime() : value.Value;
            var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            var micros = (utc.Ticks % TimeSpan.TicksPerSecond) / 10;
            return micros == 0 ? text + "+00:00" : text + "." + micros.ToString("D6", CultureInfo.InvariantCulture) + "+00:00";
        }

        private static JsonObject? LifecycleFilter(LifecycleFilter? filter)
        {
            if (filter == null)
            {
                return null;
            }

            var json = new JsonObject()
                .Put("Prefix", filter.Prefix)
                .Put("Tag", Tag(filter.Tag))
                .Put("ObjectSizeGreaterThan", filter.ObjectSizeGreaterThan)
                .Put("ObjectSizeLessThan", filter.ObjectSizeLessThan)
                .Put("And", filter.And == null ? null : new JsonObject()
                    .Put("Prefix", filter.And.Prefix)
                    .Put("Tags", Tags(filter.And.Tags))
                    .Put("ObjectSizeGreaterThan", filter.And.ObjectSizeGreaterThan)
                    .Put("ObjectSizeLessThan", filter.And.ObjectSizeLessThan));

            // The SDK's unmarshaller fills the predicate form (LifecycleFilterPredicate) rather than the flat members.
            switch (filter.LifecycleFilterPredicate)
            {
                case LifecycleAndOperator and:
                    var andJson = json["And"] as JsonObject ?? new JsonObject();
                    var tags = new JsonArray();
                    foreach (var operand in and.Operands ?? new List<LifecycleFilterPredicate>())
                    {
                        switch (operand)
                        {
                            case LifecyclePrefixPredicate prefix:
                                andJson.Put("Prefix", prefix.Prefix);
                                break;
                            case LifecycleTagPredicate tag:
                                tags.Add(Tag(tag.Tag));
                                break;
                            case LifecycleObjectSizeGreaterThanPredicate greater:
                                andJson.Put("ObjectSizeGreaterThan", greater.ObjectSizeGreaterThan);
                                break;
                            case LifecycleObjectSizeLessThanPredicate less:
                                andJson.Put("ObjectSizeLessThan", less.ObjectSizeLessThan);
                                break;
                        }
                    }

                    if (tags.Count > 0)
                    {
                        andJson["Tags"] = tags;
                    }

                    json["And"] = andJson;
                    break;
                case LifecyclePrefixPredicate prefix when !json.ContainsKey("Prefix"):
                    json.Put("Prefix", prefix.Prefix);
                    break;
                case LifecycleTagPredicate tag when !json.ContainsKey("Tag"):
                    json.Put("Tag", Tag(tag.Tag));
                    break;
                case LifecycleObjectSizeGreaterThanPredicate greater when !json.ContainsKey("ObjectSizeGreaterThan"):
                    json.Put("ObjectSizeGreaterThan", greater.ObjectSizeGreaterThan);
                    break;
                case LifecycleObjectSizeLessThanPredicate less when !json.ContainsKey("ObjectSizeLessThan"):
                    json.Put("ObjectSizeLessThan", less.ObjectSizeLessThan);
                    break;
            }

            return json;
        }

        private static JsonObject? Owner(Owner? owner) =>
            owner == null ? null : new JsonObject().Put("DisplayName", owner.DisplayName).Put("ID", owner.Id);

        private static JsonObject? Tag(Tag? tag) => tag == null ? null : new JsonObject().Put("Key", tag.Key).Put("Value", tag.Value);

        private static JsonArray? Tags(IEnumerable<Tag>? tags) => List(tags, t => Tag(t));

        private static JsonArray? List<T>(IEnumerable<T>? items, Func<T, JsonNode?> convert)
        {
            if (items == null)
            {
                return null;
            }

            var array = new JsonArray();
            foreach (var item in items)
            {
                array.Add(convert(item));
            }

            return array;
        }
    }
}
