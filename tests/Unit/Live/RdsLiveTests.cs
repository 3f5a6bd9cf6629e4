using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>SEC06's RDS checks live against moto: a public instance beside its private twin, one without automatic minor upgrades beside one with them.</summary>
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

        [Fact]
        public void An_RDS_instance_without_automatic_minor_upgrades_fails_and_its_twin_passes()
        {
            _moto.Reset();
            _moto.RunPython(string.Join("\n",
                "rds = client('rds', region='us-east-1')",
                "for name, auto in (('ledger-db', False), ('catalog-db', True)):",
                "    rds.create_db_instance(DBInstanceIdentifier=name, DBInstanceClass='db.t3.micro', Engine='postgres',",
                "                           MasterUsername='app', MasterUserPassword='not-a-real-pw-1', AllocatedStorage=20,",
                "                           AutoMinorVersionUpgrade=auto)"));

            var findings = PowerShellRunner.Run(
                $"Test-WASServiceSecurity -EndpointUrl {_moto.Endpoint} -AccessKey AKIDRDS -SecretKey s -Region us-east-1 -NoCache -CheckId SEC06.RdsAutoMinorVersionUpgrade").AssertNoErrors().Findings;

            Assert.Equal(2, findings.Count);
            var manual = findings.Single(f => f.ResourceId == "ledger-db");
            Assert.Equal(FindingStatus.Fail, manual.Status);
            Assert.Equal($"arn:aws:rds:us-east-1:{MotoServer.AccountId}:db:ledger-db", manual.ResourceArn);
            Assert.Equal(false, manual.Evidence["AutoMinorVersionUpgrade"]);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "catalog-db").Status);
        }
    }
}
