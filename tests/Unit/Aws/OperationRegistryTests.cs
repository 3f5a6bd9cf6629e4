using System.Linq;
using WASecurity.Aws.Operations;
using WASecurity.Checks.ApiGateway;
using WASecurity.Checks.Ecr;
using WASecurity.Checks.Iam;
using WASecurity.Checks.Lambda;
using WASecurity.Checks.Sec04;
using WASecurity.Checks.Sec06;
using WASecurity.Checks.Sec09;
using WASecurity.Evidence;
using Xunit;

namespace WASecurity.Tests.Aws
{
    public sealed class OperationRegistryTests
    {
        /// <summary>Every call the implemented questions' checks make live, by question. Add your question's calls here.</summary>
        public static TheoryData<string, string> RequiredCalls => new TheoryData<string, string>
        {
            { "sts", "GetCallerIdentity" },
            { "ec2", "DescribeRegions" },
            { IamCalls.GetAccountSummary.Service, IamCalls.GetAccountSummary.Operation },
            { IamCalls.CredentialReport.Service, IamCalls.CredentialReport.Operation },
            { IamCalls.ListVirtualMfaDevices.Service, IamCalls.ListVirtualMfaDevices.Operation },
            { IamCalls.GetSecurityContact.Service, IamCalls.GetSecurityContact.Operation },
            { IamCalls.GetAccountAuthorizationDetails.Service, IamCalls.GetAccountAuthorizationDetails.Operation },
            { IamCalls.GetAccountPasswordPolicy.Service, IamCalls.GetAccountPasswordPolicy.Operation },
            { IamCalls.ListSamlProviders.Service, IamCalls.ListSamlProviders.Operation },
            { IamCalls.ListOpenIdConnectProviders.Service, IamCalls.ListOpenIdConnectProviders.Operation },
            { IamCalls.ListServerCertificates.Service, IamCalls.ListServerCertificates.Operation },
            { "sso-admin", IamCalls.ListSsoInstances("us-east-1").Operation },
            { "secretsmanager", WASecurity.Checks.Sec03.SecretsManagerCalls.ListSecrets("us-east-1").Operation },
            // SEC08-SEC12 (data protection and incident response), except the S3, CloudFront and EC2 calls.
            { "kms", "ListKeys" },
            { "kms", "ListAliases" },
            { "kms", "DescribeKey" },
            { "kms", "GetKeyRotationStatus" },
            { "kms", "GetKeyPolicy" },
            { "dynamodb", "ListTables" },
            { "dynamodb", "DescribeTable" },
            { "dynamodb", "ListTagsOfResource" },
            { "dynamodb", "DescribeContinuousBackups" },
            { "sqs", "ListQueues" },
            { "sqs", "GetQueueAttributes" },
            { "sqs", "ListQueueTags" },
            { "rds", "DescribeDBInstances" },
            { "rds", "DescribeDBClusters" },
            { "efs", "DescribeFileSystems" },
            { "macie2", "GetMacieSession" },
            { "elbv2", "DescribeLoadBalancers" },
            { "elbv2", "DescribeListeners" },
            { "elb", "DescribeLoadBalancers" },
            { "elb", "DescribeLoadBalancerPolicies" },
            { "acm", "ListCertificates" },
            { "acm", "DescribeCertificate" },
            { "events", "ListRules" },
            { "events", "ListTargetsByRule" },
            { "iam", "ListEntitiesForPolicy" },
            { "ec2", "DescribeInstances" },
            { "ec2", "DescribeSecurityGroups" },
            { "ec2", "DescribeNetworkInterfaces" },
            { "ec2", "DescribeNetworkAcls" },
            { "ec2", "DescribeVpcs" },
            { "ec2", "DescribeFlowLogs" },
            { "ec2", "DescribeVolumes" },
            { "ec2", "DescribeSnapshots" },
            { "ec2", "DescribeImages" },
            { "ec2", "GetEbsEncryptionByDefault" },
            { "ec2", "GetInstanceMetadataDefaults" },
            { "ssm", "DescribeInstanceInformation" },
            { "ssm", "DescribeInstancePatchStates" },
            { "s3", WASecurity.Checks.S3.S3Calls.ListBuckets.Operation },
            { "s3", WASecurity.Checks.S3.S3Calls.GetBucketPolicy("b").Operation },
            { "s3", WASecurity.Checks.S3.S3Calls.GetBucketAcl("b").Operation },
            { "s3", WASecurity.Checks.S3.S3Calls.GetPublicAccessBlock("b").Operation },
            { "s3control", WASecurity.Checks.S3.S3Calls.GetAccountPublicAccessBlock("123456789012").Operation },
            { "s3", WASecurity.Checks.Data.DataCalls.GetBucketLocation("b").Operation },
            { "s3", WASecurity.Checks.Data.DataCalls.GetBucketTagging("b").Operation },
            { "s3", WASecurity.Checks.Data.DataCalls.GetBucketEncryption("b").Operation },
            { "s3", WASecurity.Checks.Data.DataCalls.GetBucketVersioning("b").Operation },
            { "s3", WASecurity.Checks.Data.DataCalls.GetBucketReplication("b").Operation },
            { "s3", WASecurity.Checks.Sec04.LoggingCalls.GetBucketLogging("b").Operation },
            { "s3", WASecurity.Checks.Sec04.LoggingCalls.GetBucketPolicyStatus("b").Operation },
            { "s3", WASecurity.Checks.Sec04.LoggingCalls.GetObjectLockConfiguration("b").Operation },
            { "s3", WASecurity.Checks.Sec04.LoggingCalls.GetBucketLifecycleConfiguration("b").Operation },
            { WASecurity.Checks.CloudFront.CloudFrontCalls.ListDistributions.Service, WASecurity.Checks.CloudFront.CloudFrontCalls.ListDistributions.Operation },
            // SEC04 (the trail bucket's S3 calls and the VPC calls are registered with their services' operations).
            { "cloudtrail", LoggingCalls.DescribeTrails("us-east-1").Operation },
            { "cloudtrail", LoggingCalls.GetTrailStatus("us-east-1", "arn").Operation },
            { "cloudtrail", LoggingCalls.GetEventSelectors("us-east-1", "arn").Operation },
            { LoggingCalls.DescribeConfigurationRecorders("us-east-1").Service, LoggingCalls.DescribeConfigurationRecorders("us-east-1").Operation },
            { LoggingCalls.DescribeConfigurationRecorderStatus("us-east-1").Service, LoggingCalls.DescribeConfigurationRecorderStatus("us-east-1").Operation },
            { LoggingCalls.ListDetectors("us-east-1").Service, LoggingCalls.ListDetectors("us-east-1").Operation },
            { LoggingCalls.GetDetector("us-east-1", "d").Service, LoggingCalls.GetDetector("us-east-1", "d").Operation },
            { LoggingCalls.DescribeHub("us-east-1").Service, LoggingCalls.DescribeHub("us-east-1").Operation },
            { LoggingCalls.DescribeLogGroups("us-east-1").Service, LoggingCalls.DescribeLogGroups("us-east-1").Operation },
            { LoggingCalls.DescribeMetricFilters("us-east-1").Service, LoggingCalls.DescribeMetricFilters("us-east-1").Operation },
            { LoggingCalls.DescribeAlarms("us-east-1").Service, LoggingCalls.DescribeAlarms("us-east-1").Operation },
            { LoggingCalls.ListSubscriptionsByTopic("us-east-1", "arn").Service, LoggingCalls.ListSubscriptionsByTopic("us-east-1", "arn").Operation },
            // SEC06 Access Analyzer.
            { AccessAnalyzerCalls.ListAnalyzers("us-east-1").Service, AccessAnalyzerCalls.ListAnalyzers("us-east-1").Operation },
            // SEC06 public resource policies (SQS queue policies come with GetQueueAttributes above).
            { PublicPolicyCalls.ListTopics("us-east-1").Service, PublicPolicyCalls.ListTopics("us-east-1").Operation },
            { PublicPolicyCalls.GetTopicAttributes("us-east-1", "arn").Service, PublicPolicyCalls.GetTopicAttributes("us-east-1", "arn").Operation },
            { LambdaCalls.ListFunctions("us-east-1").Service, LambdaCalls.ListFunctions("us-east-1").Operation },
            { LambdaCalls.GetPolicy("us-east-1", "f").Service, LambdaCalls.GetPolicy("us-east-1", "f").Operation },
            { LambdaCalls.ListFunctionUrlConfigs("us-east-1", "f").Service, LambdaCalls.ListFunctionUrlConfigs("us-east-1", "f").Operation },
            { SnapshotAndRegistryCalls.DescribeManualDbSnapshots("us-east-1").Service, SnapshotAndRegistryCalls.DescribeManualDbSnapshots("us-east-1").Operation },
            { SnapshotAndRegistryCalls.DescribeDbSnapshotAttributes("us-east-1", "s").Service, SnapshotAndRegistryCalls.DescribeDbSnapshotAttributes("us-east-1", "s").Operation },
            { SnapshotAndRegistryCalls.DescribeManualDbClusterSnapshots("us-east-1").Service, SnapshotAndRegistryCalls.DescribeManualDbClusterSnapshots("us-east-1").Operation },
            { SnapshotAndRegistryCalls.DescribeDbClusterSnapshotAttributes("us-east-1", "s").Service, SnapshotAndRegistryCalls.DescribeDbClusterSnapshotAttributes("us-east-1", "s").Operation },
            { EcrCalls.DescribeRepositories("us-east-1").Service, EcrCalls.DescribeRepositories("us-east-1").Operation },
            { SnapshotAndRegistryCalls.GetRepositoryPolicy("us-east-1", "r").Service, SnapshotAndRegistryCalls.GetRepositoryPolicy("us-east-1", "r").Operation },
            { SageMakerCalls.ListNotebookInstances("us-east-1").Service, SageMakerCalls.ListNotebookInstances("us-east-1").Operation },
            { SageMakerCalls.DescribeNotebookInstance("us-east-1", "n").Service, SageMakerCalls.DescribeNotebookInstance("us-east-1", "n").Operation },
            { OpenSearchCalls.ListDomainNames("us-east-1").Service, OpenSearchCalls.ListDomainNames("us-east-1").Operation },
            { OpenSearchCalls.DescribeDomains("us-east-1", new[] { "d" }).Service, OpenSearchCalls.DescribeDomains("us-east-1", new[] { "d" }).Operation },
            { GlueCalls.GetDataCatalogEncryptionSettings("us-east-1").Service, GlueCalls.GetDataCatalogEncryptionSettings("us-east-1").Operation },
            { EcrCalls.DescribeImages("us-east-1", "r").Service, EcrCalls.DescribeImages("us-east-1", "r").Operation },
            { EcrCalls.DescribeImageScanFindings("us-east-1", "r", "sha256:0").Service, EcrCalls.DescribeImageScanFindings("us-east-1", "r", "sha256:0").Operation },
            { ApiGatewayV2Calls.GetApis("us-east-1").Service, ApiGatewayV2Calls.GetApis("us-east-1").Operation },
            { ApiGatewayV2Calls.GetStages("us-east-1", "a").Service, ApiGatewayV2Calls.GetStages("us-east-1", "a").Operation },
            { SsmDocumentCalls.ListOwnDocuments("us-east-1").Service, SsmDocumentCalls.ListOwnDocuments("us-east-1").Operation },
            { SsmDocumentCalls.DescribeDocumentPermission("us-east-1", "d").Service, SsmDocumentCalls.DescribeDocumentPermission("us-east-1", "d").Operation },
        };

        [Theory]
        [MemberData(nameof(RequiredCalls))]
        public void The_calls_of_implemented_questions_are_registered(string service, string operation)
        {
            Assert.True(OperationRegistry.Default.Contains(service, operation), $"{service} {operation} has no live operation.");
        }

        [Fact]
        public void Registering_an_operation_twice_is_a_defect()
        {
            var registry = new OperationRegistry();
            LiveOperation fetch = (call, context, token) => System.Threading.Tasks.Task.FromResult(EvidenceResponse.FromText(call, string.Empty));
            registry.Add("iam", "ListUsers", "iam:ListUsers", fetch);

            Assert.Throws<System.InvalidOperationException>(() => registry.Add("IAM", "ListUsers", "iam:ListUsers", fetch));
            Assert.True(registry.TryGet("iam", "ListUsers", out _));
            Assert.False(registry.TryGet("iam", "ListRoles", out _));
        }
    }
}
