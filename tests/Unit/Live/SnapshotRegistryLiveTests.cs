using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// SEC06.RdsSnapshotNotPublic, SEC06.RdsClusterSnapshotNotPublic and SEC06.EcrRepositoryNotPublic live against moto:
    /// a public DB and cluster snapshot beside unshared twins, a repository anyone may pull from beside one pinned to the account and one without a policy.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class SnapshotRegistryLiveTests
    {
        private readonly MotoServer _moto;

        public SnapshotRegistryLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void A_public_snapshot_and_repository_fail_and_their_private_twins_pass()
        {
            _moto.Reset();
            try
            {
                _moto.RunPython(string.Join("\n",
                    "import json",
                    "ACCOUNT = '" + MotoServer.AccountId + "'",
                    "rds = client('rds')",
                    "rds.create_db_instance(DBInstanceIdentifier='orders-db', DBInstanceClass='db.t3.micro', Engine='postgres',",
                    "                       MasterUsername='app', MasterUserPassword='not-a-real-pw-1', AllocatedStorage=20)",
                    "rds.create_db_snapshot(DBSnapshotIdentifier='orders-open', DBInstanceIdentifier='orders-db')",
                    "rds.create_db_snapshot(DBSnapshotIdentifier='orders-closed', DBInstanceIdentifier='orders-db')",
                    "rds.modify_db_snapshot_attribute(DBSnapshotIdentifier='orders-open', AttributeName='restore', ValuesToAdd=['all'])",
                    "rds.create_db_cluster(DBClusterIdentifier='reports', Engine='aurora-postgresql', MasterUsername='app', MasterUserPassword='not-a-real-pw-1')",
                    "rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier='reports-open', DBClusterIdentifier='reports')",
                    "rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier='reports-closed', DBClusterIdentifier='reports')",
                    "rds.modify_db_cluster_snapshot_attribute(DBClusterSnapshotIdentifier='reports-open', AttributeName='restore', ValuesToAdd=['all'])",
                    "ecr = client('ecr')",
                    "for name in ('web-open', 'web-account', 'web-plain'):",
                    "    ecr.create_repository(repositoryName=name)",
                    "def pull(principal):",
                    "    return json.dumps({'Version': '2012-10-17', 'Statement': [{'Sid': 'Pull', 'Effect': 'Allow', 'Principal': principal,",
                    "                       'Action': ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']}]})",
                    "ecr.set_repository_policy(repositoryName='web-open', policyText=pull('*'))",
                    "ecr.set_repository_policy(repositoryName='web-account', policyText=pull({'AWS': f'arn:aws:iam::{ACCOUNT}:root'}))"));

                var findings = PowerShellRunner.Run(
                    $"Test-WASServiceSecurity -EndpointUrl {_moto.Endpoint} -AccessKey AKIDSNAP -SecretKey s -Region us-east-1 -NoCache -CheckId SEC06.RdsSnapshotNotPublic,SEC06.RdsClusterSnapshotNotPublic,SEC06.EcrRepositoryNotPublic").AssertNoErrors().Findings;

                var snapshots = findings.Where(f => f.CheckId == "SEC06.RdsSnapshotNotPublic").ToList();
                Assert.Equal(2, snapshots.Count);
                var open = snapshots.Single(f => f.ResourceId == "orders-open");
                Assert.Equal(FindingStatus.Fail, open.Status);
                Assert.Equal($"arn:aws:rds:us-east-1:{MotoServer.AccountId}:snapshot:orders-open", open.ResourceArn);
                Assert.Equal(FindingStatus.Pass, snapshots.Single(f => f.ResourceId == "orders-closed").Status);

                var clusterSnapshots = findings.Where(f => f.CheckId == "SEC06.RdsClusterSnapshotNotPublic").ToList();
                Assert.Equal(2, clusterSnapshots.Count);
                var openCluster = clusterSnapshots.Single(f => f.ResourceId == "reports-open");
                Assert.Equal(FindingStatus.Fail, openCluster.Status);
                Assert.Equal($"arn:aws:rds:us-east-1:{MotoServer.AccountId}:cluster-snapshot:reports-open", openCluster.ResourceArn);
                Assert.Equal(FindingStatus.Pass, clusterSnapshots.Single(f => f.ResourceId == "reports-closed").Status);

                var repositories = findings.Where(f => f.CheckId == "SEC06.EcrRepositoryNotPublic").ToList();
                Assert.Equal(3, repositories.Count);
                var openRepository = repositories.Single(f => f.ResourceId == "web-open");
                Assert.Equal(FindingStatus.Fail, openRepository.Status);
                Assert.Equal($"arn:aws:ecr:us-east-1:{MotoServer.AccountId}:repository/web-open", openRepository.ResourceArn);
                Assert.Equal(FindingStatus.Pass, repositories.Single(f => f.ResourceId == "web-account").Status);
                var plain = repositories.Single(f => f.ResourceId == "web-plain");
                Assert.Equal(FindingStatus.Pass, plain.Status);
                Assert.Contains("RepositoryPolicyNotFoundException", plain.Reason);
            }
            finally
            {
                _moto.Reset();
            }
        }
    }
}
