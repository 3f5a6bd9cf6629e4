using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>SEC06.RdsInstanceNotPublic live against moto: a public instance beside its private twin.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class RdsLiveTests
    {
        private readonly MotoServer _moto;

        public RdsLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void A_public_RDS_instance_fails_and_its_private_twin_passes()
        {
            _moto.Reset();
            _moto.RunPython(string.Join("\n",
                "rds = client('rds', region='us-east-1')",
                "for name, public in (('orders-db', True), ('billing-db', False)):",
                "    rds.create_db_instance(DBInstanceIdentifier=name, DBInstanceClass='db.t3.micro', Engine='postgres',",
                "                           MasterUsername='app', MasterUserPassword='not-a-real-pw-1', AllocatedStorage=20,",
                "                           PubliclyAccessible=public)"));

            var findings = PowerShellRunner.Run(
                $"Test-WASServiceSecurity -EndpointUrl {_moto.Endpoint} -AccessKey AKIDRDS -SecretKey s -Region us-east-1 -NoCache -CheckId SEC06.RdsInstanceNotPublic").AssertNoErrors().Findings;

            Assert.Equal(2, findings.Count);
            var open = findings.Single(f => f.ResourceId == "orders-db");
            Assert.Equal(FindingStatus.Fail, open.Status);
            Assert.Equal($"arn:aws:rds:us-east-1:{MotoServer.AccountId}:db:orders-db", open.ResourceArn);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "billing-db").Status);
        }
    }
}
