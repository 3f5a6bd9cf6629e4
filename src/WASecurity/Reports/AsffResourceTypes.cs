using System;
using System.Collections.Generic;

namespace WASecurity.Reports
{
    /// <summary>
    /// The ASFF resource type (Resources[].Type) of a finding's CloudFormation type. Security Hub knows a fixed list of
    /// types (AwsIamUser, AwsS3Bucket …); a type without an ASFF counterpart is <c>Other</c>, and the finding keeps its
    /// CloudFormation name in ProductFields.
    /// </summary>
    internal static class AsffResourceTypes
    {
        public const string Other = "Other";

        /// <summary>Account-wide settings (password policy, EBS default encryption, Block Public Access): Security Hub's own controls use AwsAccount.</summary>
        public const string Account = "AwsAccount";

        private static readonly Dictionary<string, string> Types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["AWS::::Account"] = Account,
            ["AWS::IAM::User"] = "AwsIamUser",
            ["AWS::IAM::Role"] = "AwsIamRole",
            ["AWS::IAM::Group"] = "AwsIamGroup",
            ["AWS::IAM::Policy"] = "AwsIamPolicy",
            ["AWS::IAM::ManagedPolicy"] = "AwsIamPolicy",
            ["AWS::IAM::AccessKey"] = "AwsIamAccessKey",
            ["AWS::IAM::AccountPasswordPolicy"] = Account,
            ["AWS::S3::Bucket"] = "AwsS3Bucket",
            ["AWS::S3::Object"] = "AwsS3Object",
            ["AWS::S3::AccountPublicAccessBlock"] = "AwsS3AccountPublicAccessBlock",
            ["AWS::KMS::Key"] = "AwsKmsKey",
            ["AWS::EC2::Instance"] = "AwsEc2Instance",
            ["AWS::EC2::SecurityGroup"] = "AwsEc2SecurityGroup",
            ["AWS::EC2::VPC"] = "AwsEc2Vpc",
            ["AWS::EC2::Subnet"] = "AwsEc2Subnet",
            ["AWS::EC2::Volume"] = "AwsEc2Volume",
            ["AWS::EC2::NetworkAcl"] = "AwsEc2NetworkAcl",
            ["AWS::EC2::VPCPeeringConnection"] = "AwsEc2VpcPeeringConnection",
            ["AWS::EC2::EIP"] = "AwsEc2Eip",
            ["AWS::EC2::LaunchTemplate"] = "AwsEc2LaunchTemplate",
            ["AWS::EC2::EBSEncryptionByDefault"] = Account,
            ["AWS::CloudTrail::Trail"] = "AwsCloudTrailTrail",
            ["AWS::RDS::DBInstance"] = "AwsRdsDbInstance",
            ["AWS::RDS::DBCluster"] = "AwsRdsDbCluster",
            ["AWS::RDS::DBSnapshot"] = "AwsRdsDbSnapshot",
            ["AWS::RDS::DBClusterSnapshot"] = "AwsRdsDbClusterSnapshot",
            ["AWS::Lambda::Function"] = "AwsLambdaFunction",
            ["AWS::DynamoDB::Table"] = "AwsDynamoDbTable",
            ["AWS::SNS::Topic"] = "AwsSnsTopic",
            ["AWS::SQS::Queue"] = "AwsSqsQueue",
            ["AWS::ElasticLoadBalancingV2::LoadBalancer"] = "AwsElbv2LoadBalancer",
            ["AWS::ElasticLoadBalancing::LoadBalancer"] = "AwsElbLoadBalancer",
            ["AWS::CloudFront::Distribution"] = "AwsCloudFrontDistribution",
            ["AWS::ECR::Repository"] = "AwsEcrRepository",
            ["AWS::ECS::Cluster"] = "AwsEcsCluster",
            ["AWS::ECS::TaskDefinition"] = "AwsEcsTaskDefinition",
            ["AWS::EFS::AccessPoint"] = "AwsEfsAccessPoint",
            ["AWS::SecretsManager::Secret"] = "AwsSecretsManagerSecret",
            ["AWS::CertificateManager::Certificate"] = "AwsCertificateManagerCertificate",
            ["AWS::CodeBuild::Project"] = "AwsCodeBuildProject",
            ["AWS::WAFv2::WebACL"] = "AwsWafv2WebAcl",
            ["AWS::GuardDuty::Detector"] = "AwsGuardDutyDetector",
        };

        /// <summary>The ASFF type of a CloudFormation type name; <c>Other</c> for one Security Hub has no type for.</summary>
        public static string Of(string cloudFormationType) =>
            Types.TryGetValue(cloudFormationType ?? string.Empty, out var type) ? type : Other;
    }
}
