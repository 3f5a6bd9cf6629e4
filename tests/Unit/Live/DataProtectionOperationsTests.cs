using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Checks.Data;
using WASecurity.Checks.Kms;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>The data-protection operations' responses in the AWS CLI's shape, against moto.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class DataProtectionOperationsTests
    {
        private readonly MotoServer _moto;

        public DataProtectionOperationsTests(MotoServer moto) => _moto = moto;

        private LiveEvidenceSource Source() => new LiveEvidenceSource(
            new AwsSession(new BasicAWSCredentials("AKIDDATAOPS", "s"), "us-east-1", _moto.Endpoint, 8), OperationRegistry.Default, null, useSessionCache: false);

        [Fact]
        public async Task File_systems_of_every_page_are_merged_through_the_Marker_query_string()
        {
            _moto.Reset();
            // moto pages EFS by 10 when no MaxItems is sent.
            _moto.RunPython("efs = client('efs')\nfor i in range(12):\n    efs.create_file_system(CreationToken=f'fs{i}', Encrypted=(i % 2 == 0))");
            using var source = Source();

            var response = await source.GetAsync(DataCalls.DescribeFileSystems("us-east-1"), CancellationToken.None);

            Assert.True(response.IsSuccess, response.Error?.ToString());
            Assert.Equal(12, response.Root.Items("FileSystems").Select(f => f.Str("FileSystemId")).Distinct().Count());
            Assert.Null(response.Root.Prop("NextMarker"));
            Assert.Equal(JsonValueKind.False, response.Root.Items("FileSystems").First(f => f.Str("CreationToken") == "fs1").Prop("Encrypted")!.Value.ValueKind);
        }

        [Fact]
        public async Task Queue_calls_are_keyed_by_name_and_sent_with_the_url_and_the_key_policy_is_a_string()
        {
            _moto.Reset();
            var printed = _moto.RunPython(string.Join("\n", new[]
            {
                "url = client('sqs').create_queue(QueueName='orders', tags={'DataClassification': 'Confidential'})['QueueUrl']",
                "key = client('kms').create_key()['KeyMetadata']['KeyId']",
                "print(url + ' ' + key)",
            })).Trim().Split(' ');
            var (url, keyId) = (printed[0], printed[1]);
            using var source = Source();

            var attributes = await source.GetAsync(DataCalls.GetQueueAttributes("us-east-1", "orders", url), CancellationToken.None);
            var tags = await source.GetAsync(DataCalls.ListQueueTags("us-east-1", "orders", url), CancellationToken.None);
            var policy = await source.GetAsync(KmsCalls.GetKeyPolicy("us-east-1", keyId), CancellationToken.None);
            var metadata = await source.GetAsync(KmsCalls.DescribeKey("us-east-1", keyId), CancellationToken.None);

            Assert.Equal("us-east-1/sqs/GetQueueAttributes/orders.json", attributes.Call.BundlePath);
            Assert.Equal("arn:aws:sqs:us-east-1:123456789012:orders", attributes.Root.Path("Attributes")!.Value.Str("QueueArn"));
            Assert.Equal(JsonValueKind.String, attributes.Root.Path("Attributes", "SqsManagedSseEnabled")!.Value.ValueKind);
            Assert.Equal("Confidential", tags.Root.Path("Tags")!.Value.Str("DataClassification"));
            Assert.Equal(JsonValueKind.String, policy.Root.Prop("Policy")!.Value.ValueKind);
            Assert.Contains("kms:*", policy.Root.Str("Policy"));
            var key = metadata.Root.Prop("KeyMetadata")!.Value;
            Assert.Equal("CUSTOMER", key.Str("KeyManager"));
            Assert.Equal("SYMMETRIC_DEFAULT", key.Str("KeySpec"));
            Assert.Equal("AWS_KMS", key.Str("Origin"));
            Assert.NotNull(key.Date("CreationDate"));
        }
    }
}
