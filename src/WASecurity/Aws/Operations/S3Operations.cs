using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// S3 through the protocol client (REST-XML, path-style: <c>GET /{bucket}?{subresource}</c>), read with
    /// <see cref="Shapes"/>. ListBuckets goes to the session's region; every per-bucket call is signed for — and
    /// without an override sent to — the bucket's own region, learned from ListBuckets' BucketRegion or one
    /// GetBucketLocation per run (<see cref="S3BucketRegions"/>); if that cannot be learned the session's region is
    /// used, and a refusal naming the bucket's region (<c>x-amz-bucket-region</c>) is asked again there once.
    /// "Not configured" answers (NoSuchBucketPolicy, NoSuchTagSet, …) come back as error responses with S3's own
    /// code, which the checks interpret.
    /// </summary>
    internal static class S3Operations
    {
        // SHA-256 of an empty body: S3 refuses a request without x-amz-content-sha256.
        private const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        private static readonly AwsService Service = AwsService.Regional("s3");

        /// <summary>The evidence's S3 shapes: one per answer's root element and per structure (S3's names are the CLI's).</summary>
        internal static readonly CliShapes Shapes = new CliShapes(
            new Dictionary<string, string>
            {
                ["ListAllMyBucketsResult"] = "Buckets[Bucket]! Owner{Owner}",
                ["Bucket"] = "Name CreationDate@ BucketRegion BucketArn",
                ["Owner"] = "DisplayName ID",
                ["PolicyStatus"] = "IsPublic?",
                ["AccessControlPolicy"] = "Owner{Owner} Grants=AccessControlList[Grant]!",
                ["Grant"] = "Grantee{Grantee} Permission",
                ["Grantee"] = "DisplayName EmailAddress ID Type=@type URI",
                ["PublicAccessBlockConfiguration"] = "BlockPublicAcls? IgnorePublicAcls? BlockPublicPolicy? RestrictPublicBuckets?",
                ["ServerSideEncryptionConfiguration"] = "Rules=Rule[*EncryptionRule]!",
                ["EncryptionRule"] = "ApplyServerSideEncryptionByDefault{EncryptionByDefault} BucketKeyEnabled?",
                ["EncryptionByDefault"] = "SSEAlgorithm KMSMasterKeyID",
                // A bucket that never had versioning prints {}.
                ["VersioningConfiguration"] = "Status MFADelete=MfaDelete",
                // Logging off prints {}; on, TargetPrefix is always there.
                ["BucketLoggingStatus"] = "LoggingEnabled{LoggingEnabled}",
                ["LoggingEnabled"] = "TargetBucket TargetPrefix! TargetGrants[Grant]",
                ["LifecycleConfiguration"] = "Rules=Rule[*LifecycleRule]!",
                ["LifecycleRule"] = "Expiration{Expiration} ID Prefix Filter{LifecycleFilter} Status Transitions=Transition[*Transition]"
                    + " NoncurrentVersionTransitions=NoncurrentVersionTransition[*NoncurrentTransition] NoncurrentVersionExpiration{NoncurrentExpiration}"
                    + " AbortIncompleteMultipartUpload{AbortUpload}",
                ["Expiration"] = "Date@ Days# ExpiredObjectDeleteMarker?",
                ["LifecycleFilter"] = "Prefix Tag{Tag} ObjectSizeGreaterThan# ObjectSizeLessThan# And{LifecycleAnd}",
                ["LifecycleAnd"] = "Prefix Tags=Tag[*Tag] ObjectSizeGreaterThan# ObjectSizeLessThan#",
                ["Transition"] = "Date@ Days# StorageClass",
                ["NoncurrentTransition"] = "NoncurrentDays# StorageClass NewerNoncurrentVersions#",
                ["NoncurrentExpiration"] = "NoncurrentDays# NewerNoncurrentVersions#",
                ["AbortUpload"] = "DaysAfterInitiation#",
                ["ObjectLockConfiguration"] = "ObjectLockEnabled Rule{ObjectLockRule}",
                ["ObjectLockRule"] = "DefaultRetention{DefaultRetention}",
                ["DefaultRetention"] = "Mode Days# Years#",
                ["Tagging"] = "TagSet[Tag]!",
                ["Tag"] = "Key Value",
                ["ReplicationConfiguration"] = "Role Rules=Rule[*ReplicationRule]!",
                ["ReplicationRule"] = "ID Priority# Prefix Filter{ReplicationFilter} Status Destination{Destination} DeleteMarkerReplication{DeleteMarkerReplication}",
                ["ReplicationFilter"] = "Prefix Tag{Tag} And{ReplicationAnd}",
                ["ReplicationAnd"] = "Prefix Tags=Tag[*Tag]",
                ["Destination"] = "Bucket Account StorageClass EncryptionConfiguration{ReplicaEncryption}",
                ["ReplicaEncryption"] = "ReplicaKmsKeyID",
                ["DeleteMarkerReplication"] = "Status",
            },
            camelWire: false,
            WireJson.TimeStyle.Cli);

        public static void Register(OperationRegistry registry)
        {
            registry.Add("s3", "ListBuckets", "s3:ListAllMyBuckets", ListBucketsAsync);
            registry.Add("s3", "GetBucketLocation", "s3:GetBucketLocation", GetBucketLocationAsync);

            // A policy is JSON text, printed as a string.
            Bucket(registry, "GetBucketPolicy", "s3:GetBucketPolicy", "policy", (text, _) =>
            {
                ThrowIfErrorDocument(text, 200);
                return new JsonObject { ["Policy"] = text };
            });

            // A 200 without a verdict is no verdict: S3 always sends IsPublic (a bucket without a policy answers NoSuchBucketPolicy).
            Bucket(registry, "GetBucketPolicyStatus", "s3:GetBucketPolicyStatus", "policyStatus", (text, _) =>
                Wrapped(text, "GetBucketPolicyStatus", "PolicyStatus", "PolicyStatus.IsPublic", "IsPublic"));
            Bucket(registry, "GetBucketAcl", "s3:GetBucketAcl", "acl", (text, _) => Required(text, "GetBucketAcl", "AccessControlPolicy", "Owner", "Owner", payload: false));
            Bucket(registry, "GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock", "publicAccessBlock", (text, _) =>
                Wrapped(text, "GetPublicAccessBlock", "PublicAccessBlockConfiguration", "PublicAccessBlockConfiguration"));
            Bucket(registry, "GetBucketEncryption", "s3:GetEncryptionConfiguration", "encryption", (text, _) =>
                Wrapped(text, "GetBucketEncryption", "ServerSideEncryptionConfiguration", "ServerSideEncryptionConfiguration"));
            Bucket(registry, "GetBucketVersioning", "s3:GetBucketVersioning", "versioning", (text, _) => Optional(text, "VersioningConfiguration"));
            Bucket(registry, "GetBucketLogging", "s3:GetBucketLogging", "logging", (text, _) =>
            {
                var logging = Optional(text, "BucketLoggingStatus");
                return string.IsNullOrEmpty((string?)logging["LoggingEnabled"]?["TargetBucket"]) ? new JsonObject() : logging;
            });
            Bucket(registry, "GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration", "lifecycle", (text, headers) =>
            {
                var lifecycle = Required(text, "GetBucketLifecycleConfiguration", "LifecycleConfiguration", "Rules", payload: false);
                if (headers.TryGetValue("x-amz-transition-default-minimum-object-size", out var size))
                {
                    lifecycle["TransitionDefaultMinimumObjectSize"] = size;
                }

                return lifecycle;
            });
            Bucket(registry, "GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration", "object-lock", (text, _) =>
                Wrapped(text, "GetObjectLockConfiguration", "ObjectLockConfiguration", "ObjectLockConfiguration"));
            Bucket(registry, "GetBucketTagging", "s3:GetBucketTagging", "tagging", (text, _) => Optional(text, "Tagging"));
            Bucket(registry, "GetBucketReplication", "s3:GetReplicationConfiguration", "replication", (text, _) =>
                Wrapped(text, "GetBucketReplication", "ReplicationConfiguration", "ReplicationConfiguration"));
        }

        /// <summary>All pages (ContinuationToken) merged; each bucket's BucketRegion, when AWS sends it, is remembered.</summary>
        private static async Task<EvidenceResponse> ListBucketsAsync(ApiCall call, LiveCallContext context, CancellationToken cancellationToken)
        {
            var result = await AwsProtocolClient.PaginateAsync(
                async token =>
                {
                    var query = token == null ? null : new[] { new KeyValuePair<string, string>("continuation-token", token) };
                    var root = Parse(await GetAsync(context, context.RegionOf(call), call.Operation, "/", query, null, cancellationToken).ConfigureAwait(false), call.Operation);
                    var next = root.Elements().FirstOrDefault(e => e.Name.LocalName == "ContinuationToken")?.Value;
                    return (Shapes.Read(root, "ListAllMyBucketsResult"), string.IsNullOrEmpty(next) ? null : next);
                },
                call.Operation).ConfigureAwait(false);
            foreach (var bucket in ((JsonArray)result["Buckets"]!).OfType<JsonObject>())
            {
                if (bucket["Name"] is JsonValue name && bucket["BucketRegion"] is JsonValue region && name.ToString().Length > 0 && region.ToString().Length > 0)
                {
                    context.BucketRegions.Remember(name.ToString(), region.ToString());
                }
            }

            return ProtocolOperations.ToResponse(call, result);
        }

        /// <summary>us-east-1 has no LocationConstraint: the CLI prints null.</summary>
        private static async Task<EvidenceResponse> GetBucketLocationAsync(ApiCall call, LiveCallContext context, CancellationToken cancellationToken)
        {
            var bucket = BucketOf(call);
            var region = context.RegionOf(call);
            var location = await context.BucketRegions.LocationConstraintAsync(bucket, () => LocateAsync(context, bucket, region, cancellationToken)).ConfigureAwait(false);
            context.BucketRegions.Remember(bucket, S3BucketRegions.FromLocationConstraint(location));
            var printed = string.IsNullOrEmpty(location) || location == "us-east-1" ? null : JsonValue.Create(location);
            return ProtocolOperations.ToResponse(call, new JsonObject { ["LocationConstraint"] = printed });
        }

        /// <summary>GetBucketLocation answers from any region, so it is asked in the session's.</summary>
        private static async Task<string?> LocateAsync(LiveCallContext context, string bucket, string region, CancellationToken cancellationToken) =>
            Parse(await GetAsync(context, region, "GetBucketLocation", Path(bucket, "location"), null, null, cancellationToken).ConfigureAwait(false), "GetBucketLocation").Value;

        /// <summary>
        /// Registers a per-bucket operation: the ApiCall's Bucket parameter, sent in the bucket's region (learned with
        /// s3:GetBucketLocation when ListBuckets did not say). <paramref name="action"/> is S3's IAM action for it, which
        /// is often not the operation's name (GetBucketEncryption needs s3:GetEncryptionConfiguration).
        /// <paramref name="read"/> turns the answer's body (and headers) into the CLI's JSON.
        /// </summary>
        private static void Bucket(OperationRegistry registry, string operation, string action, string subresource, Func<string, IReadOnlyDictionary<string, string>, JsonObject> read)
        {
            registry.Add("s3", operation, action, async (call, context, cancellationToken) =>
            {
                var bucket = BucketOf(call);
                var region = await BucketRegionAsync(context, call, bucket, cancellationToken).ConfigureAwait(false);
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                string text;
                try
                {
                    text = await GetAsync(context, region, operation, Path(bucket, subresource), null, headers, cancellationToken).ConfigureAwait(false);
                }
                catch (AwsServiceException e) when (!string.IsNullOrEmpty(e.BucketRegion) && e.BucketRegion != region && AwsPartition.Of(e.BucketRegion!) == AwsPartition.Of(region))
                {
                    // Asked in the session's region for want of GetBucketLocation: S3 names the bucket's region.
                    context.BucketRegions.Correct(bucket, e.BucketRegion!);
                    text = await GetAsync(context, e.BucketRegion!, operation, Path(bucket, subresource), null, headers, cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    return ProtocolOperations.ToResponse(call, read(text, headers));
                }
                catch (System.Xml.XmlException e)
                {
                    throw new AwsServiceException("s3", operation, "InvalidResponse", $"The response is not XML ({e.Message}).", 200, e);
                }
            },
            "s3:GetBucketLocation");
        }

        private static async Task<string> BucketRegionAsync(LiveCallContext context, ApiCall call, string bucket, CancellationToken cancellationToken)
        {
            var sessionRegion = context.RegionOf(call);
            var region = await context.BucketRegions.GetAsync(bucket, async () =>
            {
                try
                {
                    var location = await context.BucketRegions.LocationConstraintAsync(bucket, () => LocateAsync(context, bucket, sessionRegion, cancellationToken)).ConfigureAwait(false);
                    return S3BucketRegions.FromLocationConstraint(location);
                }
                catch (AwsServiceException e)
                {
                    // Without s3:GetBucketLocation the call itself still runs, in the session's region.
                    context.Session.Debug($"s3:GetBucketLocation for a bucket failed ({e.ErrorCode}); using {sessionRegion}.");
                    return null;
                }
            }).ConfigureAwait(false);

            // The bucket's region must be in the session's partition; anything else is not this account's bucket.
            return region != null && AwsPartition.Of(region) == AwsPartition.Of(sessionRegion) ? region : sessionRegion;
        }

        private static Task<string> GetAsync(
            LiveCallContext context, string region, string operation, string path, IReadOnlyList<KeyValuePair<string, string>>? query, IDictionary<string, string>? responseHeaders, CancellationToken cancellationToken) =>
            context.Protocol.SendAsync(
                Service, region, operation, HttpMethod.Get, path, new Dictionary<string, string> { ["x-amz-content-sha256"] = EmptyPayloadHash }, Array.Empty<byte>(), cancellationToken,
                query,
                sdkStyleErrors: true,
                onSuccess: response =>
                {
                    foreach (var header in response.Headers.Concat(response.Content.Headers))
                    {
                        responseHeaders?.Add(header.Key, string.Join(",", header.Value));
                    }
                });

        private static string Path(string bucket, string subresource) => "/" + Uri.EscapeDataString(bucket) + "?" + subresource;

        private static XElement Parse(string text, string operation)
        {
            try
            {
                return SafeXml.Parse(text).Root ?? throw new System.Xml.XmlException("No root element.");
            }
            catch (System.Xml.XmlException e)
            {
                throw new AwsServiceException("s3", operation, "InvalidResponse", $"The response is not XML ({e.Message}).", 200, e);
            }
        }

        /// <summary>
        /// An answer whose members are the output's (versioning, logging, tags): read as <paramref name="shape"/>
        /// whatever its root is called, <c>{}</c> when it has none.
        /// </summary>
        private static JsonObject Optional(string text, string shape) =>
            Shapes.Read(text.Trim().Length == 0 ? new XElement(shape) : SafeXml.Parse(text).Root ?? new XElement(shape), shape);

        /// <summary>
        /// The answer as <paramref name="root"/>'s shape. An answer whose root is not that element (for a structure
        /// S3 sends as the whole body, <paramref name="payload"/>), or that lacks <paramref name="needs"/>, is not what
        /// the operation returns: InvalidResponse, naming <paramref name="member"/>.
        /// </summary>
        private static JsonObject Required(string text, string operation, string root, string member, string? needs = null, bool payload = true)
        {
            var element = Parse(text, operation);
            var json = !payload || element.Name.LocalName == root ? Shapes.Read(element, root) : null;
            return json != null && (needs == null || json.ContainsKey(needs))
                ? json
                : throw new AwsServiceException("s3", operation, "InvalidResponse", $"The response has no {member}.", 200);
        }

        /// <summary>The CLI prints these answers under their root's name (<c>{"PolicyStatus": {…}}</c>).</summary>
        private static JsonObject Wrapped(string text, string operation, string root, string member, string? needs = null) =>
            new JsonObject { [root] = Required(text, operation, root, member, needs) };

        private static string BucketOf(ApiCall call) =>
            call.Parameters.TryGetValue("Bucket", out var value) && value is string bucket && bucket.Length > 0
                ? bucket
                : throw new AwsServiceException("s3", call.Operation, "InvalidParameter", "The call names no Bucket.", 0);

        /// <summary>
        /// A bucket policy is JSON and never starts with '&lt;': a 200 whose body is S3's error document
        /// (<c>&lt;Error&gt;&lt;Code&gt;NoSuchBucketPolicy&lt;/Code&gt;…</c>) is raised as the error it is.
        /// </summary>
        internal static void ThrowIfErrorDocument(string body, int status)
        {
            var text = body.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
            if (status < 300 && !text.StartsWith("<", StringComparison.Ordinal))
            {
                return;
            }

            string? code = null;
            string? message = null;
            try
            {
                var error = SafeXml.Parse(text).Root;
                code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
                message = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
            }
            catch (System.Xml.XmlException)
            {
                // Not an error document either: reported below as what it is.
            }

            throw new AwsServiceException(
                "s3", "GetBucketPolicy", string.IsNullOrEmpty(code) ? "InvalidResponse" : code!, message ?? "The response is not a bucket policy.", status < 300 ? 200 : status);
        }
    }
}
