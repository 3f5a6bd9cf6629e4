using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Checks.Data;
using WASecurity.Checks.Sec04;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// The S3 operations the CloudTrail-bucket checks read (logging, lifecycle, Object Lock, versioning), against
    /// moto: the CLI's shape when configured, S3's exact code when not.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class S3OperationMotoTests
    {
        private readonly MotoServer _moto;

        public S3OperationMotoTests(MotoServer moto) => _moto = moto;

        [Fact]
        public async Task Trail_bucket_settings_come_back_in_the_cli_shape_or_with_S3s_not_configured_code()
        {
            _moto.Reset();
            _moto.RunPython(string.Join("\n", new[]
            {
                "s3 = client('s3')",
                "s3.create_bucket(Bucket='was-trail-locked', ObjectLockEnabledForBucket=True)",
                "s3.create_bucket(Bucket='was-trail-plain')",
                "s3.create_bucket(Bucket='was-access-logs')",
                "s3.put_object_lock_configuration(Bucket='was-trail-locked', ObjectLockConfiguration={'ObjectLockEnabled': 'Enabled', 'Rule': {'DefaultRetention': {'Mode': 'GOVERNANCE', 'Days': 30}}})",
                // The grants of the log-delivery-write canned ACL, given explicitly: moto versions differ in how they expand it.
                "owner = s3.get_bucket_acl(Bucket='was-access-logs')['Owner']['ID']",
                "log_delivery = {'Type': 'Group', 'URI': 'http://acs.amazonaws.com/groups/s3/LogDelivery'}",
                "s3.put_bucket_acl(Bucket='was-access-logs', AccessControlPolicy={'Owner': {'ID': owner}, 'Grants': ["
                    + "{'Grantee': {'Type': 'CanonicalUser', 'ID': owner}, 'Permission': 'FULL_CONTROL'},"
                    + "{'Grantee': log_delivery, 'Permission': 'WRITE'}, {'Grantee': log_delivery, 'Permission': 'READ_ACP'}]})",
                "s3.put_bucket_logging(Bucket='was-trail-locked', BucketLoggingStatus={'LoggingEnabled': {'TargetBucket': 'was-access-logs', 'TargetPrefix': 'trail/'}})",
                "s3.put_bucket_lifecycle_configuration(Bucket='was-trail-locked', LifecycleConfiguration={'Rules': [{'ID': 'expire-logs', 'Filter': {'Prefix': 'AWSLogs/'}, 'Status': 'Enabled', 'Expiration': {'Days': 30}}]})",
            }));
            using var source = new LiveEvidenceSource(
                new AwsSession(new BasicAWSCredentials("AKIDS3OPTEST", "s3-op-secret"), "us-east-1", _moto.Endpoint, 4),
                OperationRegistry.Default,
                null,
                false);
            Task<EvidenceResponse> Get(ApiCall call) => source.GetAsync(call, CancellationToken.None);

            var locked = await Get(LoggingCalls.GetObjectLockConfiguration("was-trail-locked"));
            var retention = locked.Root.Path("ObjectLockConfiguration")!.Value;
            Assert.Equal("Enabled", retention.Str("ObjectLockEnabled"));
            Assert.Equal(("GOVERNANCE", 30), (retention.Path("Rule", "DefaultRetention")!.Value.Str("Mode"), retention.Path("Rule", "DefaultRetention")!.Value.Int("Days")));
            Assert.Equal("ObjectLockConfigurationNotFoundError", (await Get(LoggingCalls.GetObjectLockConfiguration("was-trail-plain"))).Error!.Code);

            var logging = await Get(LoggingCalls.GetBucketLogging("was-trail-locked"));
            Assert.Equal(("was-access-logs", "trail/"), (logging.Root.Path("LoggingEnabled")!.Value.Str("TargetBucket"), logging.Root.Path("LoggingEnabled")!.Value.Str("TargetPrefix")));
            var noLogging = await Get(LoggingCalls.GetBucketLogging("was-trail-plain"));
            Assert.True(noLogging.IsSuccess, noLogging.Error?.ToString());
            Assert.Empty(noLogging.Root.EnumerateObject());

            var lifecycle = await Get(LoggingCalls.GetBucketLifecycleConfiguration("was-trail-locked"));
            var rule = lifecycle.Root.Items("Rules").Single();
            Assert.Equal(("expire-logs", "Enabled", "AWSLogs/", 30), (rule.Str("ID"), rule.Str("Status"), rule.Path("Filter")!.Value.Str("Prefix"), rule.Path("Expiration")!.Value.Int("Days")));
            Assert.Equal("NoSuchLifecycleConfiguration", (await Get(LoggingCalls.GetBucketLifecycleConfiguration("was-trail-plain"))).Error!.Code);

            // Object Lock turns versioning on; a bucket that never had it prints {}.
            Assert.Equal("Enabled", (await Get(LoggingCalls.GetBucketVersioning("was-trail-locked"))).Root.Str("Status"));
            Assert.Empty((await Get(LoggingCalls.GetBucketVersioning("was-trail-plain"))).Root.EnumerateObject());
            Assert.Equal("ReplicationConfigurationNotFoundError", (await Get(DataCalls.GetBucketReplication("was-trail-plain"))).Error!.Code);

            // The ACL as the CLI prints it: the owner's canonical id under ID, groups by URI.
            var acl = await Get(LoggingCalls.GetBucketAcl("was-access-logs"));
            var ownerId = acl.Root.Path("Owner")!.Value.Str("ID");
            Assert.False(string.IsNullOrEmpty(ownerId));
            var grants = acl.Root.Items("Grants").ToList();
            Assert.Contains(grants, g => g.Path("Grantee")!.Value.Str("Type") == "CanonicalUser" && g.Path("Grantee")!.Value.Str("ID") == ownerId && g.Str("Permission") == "FULL_CONTROL");
            Assert.Contains(grants, g => g.Path("Grantee")!.Value.Str("Type") == "Group" && g.Path("Grantee")!.Value.Str("URI") == "http://acs.amazonaws.com/groups/s3/LogDelivery" && g.Str("Permission") == "WRITE");
            Assert.Contains(grants, g => g.Path("Grantee")!.Value.Str("URI") == "http://acs.amazonaws.com/groups/s3/LogDelivery" && g.Str("Permission") == "READ_ACP");

            // This moto has no GetBucketPolicyStatus: the call is an error, never a "not public" verdict.
            var status = await Get(LoggingCalls.GetBucketPolicyStatus("was-trail-plain"));
            // (A moto that implements it answers NoSuchBucketPolicy for this bucket, which has none.)
            Assert.False(status.IsSuccess, "GetBucketPolicyStatus on a bucket without a policy must not succeed.");
            Assert.Contains(status.Error!.Code, new[] { "InvalidResponse", "NoSuchBucketPolicy" });
        }
    }
}
