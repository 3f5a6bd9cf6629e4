using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>The protocol-client calls a remediation uses to read and turn on EBS encryption by default, against moto.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class Ec2EbsDefaultsMotoTests
    {
        private readonly MotoServer _moto;

        public Ec2EbsDefaultsMotoTests(MotoServer moto) => _moto = moto;

        [Fact]
        public async Task Ebs_encryption_by_default_is_read_and_turned_on_in_the_given_region_only()
        {
            _moto.Reset();
            try
            {
                _moto.RunPython("client('ec2', 'eu-west-1').disable_ebs_encryption_by_default()\nclient('ec2', 'us-east-1').disable_ebs_encryption_by_default()");
                using var session = new AwsSession(new BasicAWSCredentials("AKIDEBSTEST", "ebs-secret"), "us-east-1", _moto.Endpoint, 4);
                var context = new LiveCallContext(session);

                Assert.False(await Ec2Operations.GetEbsEncryptionByDefaultAsync(context, "eu-west-1", CancellationToken.None));
                Assert.True(await Ec2Operations.EnableEbsEncryptionByDefaultAsync(context, "eu-west-1", CancellationToken.None));
                Assert.True(await Ec2Operations.GetEbsEncryptionByDefaultAsync(context, "eu-west-1", CancellationToken.None));

                // Another region is untouched, and boto3 sees the same state.
                Assert.False(await Ec2Operations.GetEbsEncryptionByDefaultAsync(context, "us-east-1", CancellationToken.None));
                Assert.Equal(
                    "True False",
                    _moto.RunPython("print(client('ec2', 'eu-west-1').get_ebs_encryption_by_default()['EbsEncryptionByDefault'], client('ec2').get_ebs_encryption_by_default()['EbsEncryptionByDefault'])").Trim());
            }
            finally
            {
                _moto.Reset();
            }
        }

        [Fact]
        public async Task A_refused_enable_is_the_services_error_not_a_false_state()
        {
            using var fake = new FakeAwsEndpoint(_ => new FakeResponse(403, "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>not allowed</Message></Error></Errors></Response>"));
            using var session = new AwsSession(new BasicAWSCredentials("AKIDEBSTEST", "ebs-secret"), "us-east-1", fake.Endpoint, 4);

            var error = await Assert.ThrowsAsync<AwsServiceException>(() => Ec2Operations.EnableEbsEncryptionByDefaultAsync(new LiveCallContext(session), "eu-west-1", CancellationToken.None));

            Assert.Equal(("UnauthorizedOperation", "not allowed", 403), (error.ErrorCode, error.ErrorMessage, error.StatusCode));
        }
    }
}
