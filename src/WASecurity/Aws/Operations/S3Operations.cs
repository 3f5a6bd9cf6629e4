using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// S3 through the served SDK client (path-style behind -EndpointUrl, see <see cref="SdkClientFactory"/>).
    /// ListBuckets goes to the session's region; every per-bucket call is signed for — and without an override sent
    /// to — the bucket's own region, learned from ListBuckets' BucketRegion or one GetBucketLocation per run
    /// (<see cref="S3BucketRegions"/>); if that cannot be learned the session's region is used and the SDK's
    /// redirect handling is the fallback. "Not configured" answers (NoSuchBucketPolicy, NoSuchTagSet, …) come
    /// back as error responses with S3's own code, which the checks interpret.
    /// </summary>
    internal static class S3Operations
    {
        private const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        /// <summary>S3 as the protocol client reaches it (path-style), for the error codes the SDK drops.</summary>
        private static readonly AwsService RestS3 = AwsService.Regional("s3");

        public static void Register(OperationRegistry registry)
        {
            registry.Add("s3", "ListBuckets", "s3:ListAllMyBuckets", ListBucketsAsync);
            registry.Add("s3", "GetBucketLocation", "s3:GetBucketLocation", GetBucketLocationAsync);

            Bucket(registry, "GetBucketPolicy", "s3:GetBucketPolicy", async (client, bucket, token) =>
            {
                var response = await client.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, token).ConfigureAwait(false);
                var policy = Required(response.Policy, "GetBucketPolicy", "Policy");
                ThrowIfErrorDocument(policy, (int)response.HttpStatusCode);
                return new JsonObject { ["Policy"] = policy };
            });
            Bucket(registry, "GetBucketPolicyStatus", "s3:GetBucketPolicyStatus", async (client, bucket, token) =>
            {
                var response = await client.GetBucketPolicyStatusAsync(new GetBucketPolicyStatusRequest { BucketName = bucket }, token).ConfigureAwait(false);
                // A 200 without a verdict is no verdict: S3 always sends IsPublic (a bucket without a policy answers NoSuchBucketPolicy).
                var isPublic = Required(response.PolicyStatus?.IsPublic, "GetBucketPolicyStatus", "PolicyStatus.IsPublic");
                return new JsonObject { ["PolicyStatus"] = new JsonObject { ["IsPublic"] = isPublic } };
            });
            Bucket(registry, "GetBucketAcl", "s3:GetBucketAcl", async (client, bucket, token) =>
            {
                var response = await client.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket }, token).ConfigureAwait(false);
                return S3CliJson.Acl(Required(response.Owner, "GetBucketAcl", "Owner"), response.Grants ?? new List<S3Grant>());
            });
            Bucket(registry, "GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock", async (client, bucket, token) =>
            {
                var response = await client.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }, token).ConfigureAwait(false);
                return S3CliJson.PublicAccessBlock(Required(response.PublicAccessBlockConfiguration, "GetPublicAccessBlock", "PublicAccessBlockConfiguration"));
            });
            Bucket(registry, "GetBucketEncryption", "s3:GetEncryptionConfiguration", async (client, bucket, token) =>
            {
                var response = await client.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket }, token).ConfigureAwait(false);
                return UnlessSwallowed404(response, () => S3CliJson.Encryption(Required(response.ServerSideEncryptionConfiguration, "GetBucketEncryption", "ServerSideEncryptionConfiguration")));
            }, "encryption");
            Bucket(registry, "GetBucketVersioning", "s3:GetBucketVersioning", async (client, bucket, token) =>
            {
                var response = await client.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket }, token).ConfigureAwait(false);
                return S3CliJson.Versioning(response.VersioningConfig);
            });
            Bucket(registry, "GetBucketLogging", "s3:GetBucketLogging", async (client, bucket, token) =>
            {
                var response = await client.GetBucketLoggingAsync(new GetBucketLoggingRequest { BucketName = bucket }, token).ConfigureAwait(false);
                return UnlessSwallowed404(response, () => S3CliJson.Logging(response.BucketLoggingConfig));
            }, "logging");
            Bucket(registry, "GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration", async (client, bucket, token) =>
            {
                var response = await client.GetLifecycleConfigurationAsync(new GetLifecycleConfigurationRequest { BucketName = bucket }, token).ConfigureAwait(false);
                return UnlessSwallowed404(response, () => S3CliJson.Lifecycle(Required(response.Configuration, "GetBucketLifecycleConfiguration", "Rules"), response.TransitionDefaultMinimumObjectSize?.Value));
            }, "lifecycle");
            Bucket(registry, "GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration", async (client, bucket, token) =>
            {
                var response = await client.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = bucket }, token).ConfigureAwait(false);
                return S3CliJson.ObjectLock(Required(response.ObjectLockConfiguration, "GetObjectLockConfiguration", "ObjectLockConfiguration"));
            });
            Bucket(registry, "GetBucketTagging", "s3:GetBucketTagging", async (client, bucket, token) =>
            {
                var response = await client.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }, token).ConfigureAwait(false);
                return S3CliJson.Tagging(response.TagSet);
            });
            Bucket(registry, "GetBucketReplication", "s3:GetReplicationConfiguration", async (client, bucket, token) =>
            {
                var response = await client.GetBucketReplicationAsync(new GetBucketReplicationRequest { BucketName = bucket }, token).ConfigureAwait(false);
                return UnlessSwallowed404(response, () => S3CliJson.Replication(Required(response.Configuration, "GetBucketReplication", "ReplicationConfiguration")));
            }, "replication");
        }

        /// <summary>All pages (ContinuationToken) merged; each bucket's BucketRegion, when AWS sends it, is remembered.</summary>
        private static async Task<EvidenceResponse> ListBucketsAsync(ApiCall call, LiveCallContext context, CancellationToken cancellationToken)
        {
            using (var client = CreateClient(context, context.RegionOf(call)))
            {
                var buckets = new List<S3Bucket>();
                Owner? owner = null;
                string? token = null;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                do
                {
                    var request = new ListBucketsRequest { ContinuationToken = token };
                    var response = await context.Sdk.CallAsync("s3", call.Operation, t => client.ListBucketsAsync(request, t), cancellationToken).ConfigureAwait(false);
                    buckets.AddRange(response.Buckets ?? new List<S3Bucket>());
                    owner ??= response.Owner;
                    token = string.IsNullOrEmpty(response.ContinuationToken) || !seen.Add(response.ContinuationToken) ? null : response.ContinuationToken;
                }
                while (token != null);

                foreach (var bucket in buckets)
                {
                    if (!string.IsNullOrEmpty(bucket.BucketName) && !string.IsNullOrEmpty(bucket.BucketRegion))
                    {
                        context.BucketRegions.Remember(bucket.BucketName, bucket.BucketRegion);
                    }
                }

                return ProtocolOperations.ToResponse(call, S3CliJson.Buckets(buckets, owner));
            }
        }

        private static async Task<EvidenceResponse> GetBucketLocationAsync(ApiCall call, LiveCallContext context, CancellationToken cancellationToken)
        {
            var bucket = BucketOf(call);
            var location = await LocateAsync(context, bucket, context.RegionOf(call), cancellationToken).ConfigureAwait(false);
            context.BucketRegions.Remember(bucket, S3BucketRegions.FromLocationConstraint(location));
            return ProtocolOperations.ToResponse(call, S3CliJson.Location(location));
        }

        /// <summary>GetBucketLocation answers from any region, so it is asked in the session's.</summary>
        private static async Task<string?> LocateAsync(LiveCallContext context, string bucket, string region, CancellationToken cancellationToken)
        {
            using (var client = CreateClient(context, region))
            {
                var response = await context.Sdk.CallAsync(
                    "s3", "GetBucketLocation", t => client.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, t), cancellationToken).ConfigureAwait(false);
                return response.Location?.Value;
            }
        }

        /// <summary>
        /// Registers a per-bucket operation: the ApiCall's Bucket parameter, sent in the bucket's region (learned with
        /// s3:GetBucketLocation when ListBuckets did not say). <paramref name="action"/> is S3's IAM action for it, which
        /// is often not the operation's name (GetBucketEncryption needs s3:GetEncryptionConfiguration).
        /// </summary>
        /// <remarks>
        /// <paramref name="fetch"/> returns null when the SDK answered a 404 without raising it (it does so for
        /// encryption, logging, lifecycle and replication, dropping S3's error code); the same request is then sent
        /// once more through the protocol client, which reads the code (ServerSideEncryptionConfigurationNotFoundError,
        /// NoSuchBucket, …) so the checks can tell "not configured" from a failure.
        /// </remarks>
        private static void Bucket(OperationRegistry registry, string operation, string action, Func<IAmazonS3, string, CancellationToken, Task<JsonObject?>> fetch, string? subresource = null)
        {
            registry.Add("s3", operation, action, async (call, context, cancellationToken) =>
            {
                var bucket = BucketOf(call);
                var region = await BucketRegionAsync(context, call, bucket, cancellationToken).ConfigureAwait(false);
                JsonObject? result;
                using (var client = CreateClient(context, region))
                {
                    result = await context.Sdk.CallAsync("s3", operation, token => fetch(client, bucket, token), cancellationToken).ConfigureAwait(false);
                }

                if (result == null)
                {
                    throw await ExplainNotFoundAsync(context, region, bucket, operation, subresource ?? throw new InvalidOperationException(operation + " has no subresource."), cancellationToken).ConfigureAwait(false);
                }

                return ProtocolOperations.ToResponse(call, result);
            },
            "s3:GetBucketLocation");
        }

        /// <summary>S3's own answer to <c>GET /{bucket}?{subresource}</c> (path-style, signed for the bucket's region), as the error it is.</summary>
        private static async Task<AwsServiceException> ExplainNotFoundAsync(LiveCallContext context, string region, string bucket, string operation, string subresource, CancellationToken cancellationToken)
        {
            var headers = new Dictionary<string, string> { ["x-amz-content-sha256"] = EmptyPayloadHash };
            try
            {
                await context.Protocol.SendAsync(
                    RestS3, region, operation, System.Net.Http.HttpMethod.Get, "/" + Uri.EscapeDataString(bucket) + "?" + subresource, headers, Array.Empty<byte>(), cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException e)
            {
                return e;
            }

            return new AwsServiceException("s3", operation, "InvalidResponse", "S3 answered 404 to the SDK and 200 when asked again.", 200);
        }

        /// <summary>Returns null for a 404 the SDK did not raise (see <see cref="Bucket"/>).</summary>
        private static JsonObject? UnlessSwallowed404(Amazon.Runtime.AmazonWebServiceResponse response, Func<JsonObject> convert) =>
            response.HttpStatusCode == System.Net.HttpStatusCode.NotFound ? null : convert();

        private static async Task<string> BucketRegionAsync(LiveCallContext context, ApiCall call, string bucket, CancellationToken cancellationToken)
        {
            var sessionRegion = context.RegionOf(call);
            var region = await context.BucketRegions.GetAsync(bucket, async () =>
            {
                try
                {
                    return S3BucketRegions.FromLocationConstraint(await LocateAsync(context, bucket, sessionRegion, cancellationToken).ConfigureAwait(false));
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

        private static AmazonS3Client CreateClient(LiveCallContext context, string region) =>
            context.Sdk.Create<AmazonS3Client, AmazonS3Config>(region, (credentials, config) => new AmazonS3Client(credentials, config));

        private static string BucketOf(ApiCall call) =>
            call.Parameters.TryGetValue("Bucket", out var value) && value is string bucket && bucket.Length > 0
                ? bucket
                : throw new AwsServiceException("s3", call.Operation, "InvalidParameter", "The call names no Bucket.", 0);

        /// <summary>
        /// AWSSDK.S3 returns GetBucketPolicy's body as the policy whatever the status, so S3's error document
        /// (<c>&lt;Error&gt;&lt;Code&gt;NoSuchBucketPolicy&lt;/Code&gt;…</c>) would arrive as a "policy". It is raised as the
        /// error it is; a policy is JSON and never starts with '&lt;'.
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

        /// <summary>A member S3 always sends on success; its absence means the answer is not what the operation returns.</summary>
        private static T Required<T>(T? value, string operation, string member)
            where T : class =>
            value ?? throw new AwsServiceException("s3", operation, "InvalidResponse", $"The response has no {member}.", 200);

        private static bool Required(bool? value, string operation, string member) =>
            value ?? throw new AwsServiceException("s3", operation, "InvalidResponse", $"The response has no {member}.", 200);
    }
}
