using System;
using WASecurity.Checks;
using WASecurity.Settings;

namespace WASecurity.Checks.Sec08
{
    /// <summary>SEC 8 (classic SEC 7) — How do you classify your data? An inventory of data stores and their classification tags.</summary>
    internal static class Sec08Catalog
    {
        public const string DataClassificationTagKey = nameof(DataClassificationTagKey);
        public const string DataClassificationAllowedValues = nameof(DataClassificationAllowedValues);
        public const string SensitiveClassifications = nameof(SensitiveClassifications);

        public static readonly string[] InventoryActions =
        {
            "s3:ListAllMyBuckets", "s3:GetBucketLocation", "s3:GetBucketTagging",
            "dynamodb:ListTables", "dynamodb:DescribeTable", "dynamodb:ListTagsOfResource",
            "ec2:DescribeVolumes", "rds:DescribeDBInstances", "rds:DescribeDBClusters",
            "elasticfilesystem:DescribeFileSystems", "sqs:ListQueues", "sqs:GetQueueAttributes", "sqs:ListQueueTags",
        };

        public static readonly CheckDefinition DataStoreClassified = new CheckDefinition(
            "SEC08.DataStoreClassified",
            "The data store carries a classification tag with an allowed value.",
            Severity.Medium,
            "AWS::S3::Bucket",
            "How strongly a store must be protected (encryption keys, versioning, backups, who may read it) depends on what it holds; an untagged store cannot be held to its level, and automation cannot find the sensitive ones.",
            "Tag the store with its classification, e.g. aws s3api put-bucket-tagging --bucket <bucket> --tagging 'TagSet=[{Key=DataClassification,Value=Confidential}]' (aws dynamodb tag-resource, aws ec2 create-tags, aws rds add-tags-to-resource, aws efs tag-resource, aws sqs tag-queue for the other stores); enforce the tag with a tag policy or an SCP on creation.",
            new[] { "SEC07-BP01", "SEC07-BP02" },
            Array.Empty<string>(),
            InventoryActions,
            new[] { DataClassificationTagKey, DataClassificationAllowedValues },
            powerShell: "Write-S3BucketTagging -BucketName '<bucket>' -TagSet @{Key='DataClassification'; Value='Confidential'}  # Add-DDBResourceTag, New-EC2Tag, Add-RDSTagsToResource, Add-EFSResourceTag, Add-SQSResourceTag for the other stores");

        public static readonly CheckDefinition MacieEnabled = new CheckDefinition(
            "SEC08.MacieEnabled",
            "Amazon Macie is enabled in the region to discover and classify sensitive data in S3.",
            Severity.Informational,
            "AWS::::Account",
            "Tags say what owners believe a bucket holds; Macie finds what it actually holds (personal data, credentials) and the buckets nobody tagged.",
            "aws macie2 enable-macie --region <region>, then configure automated sensitive data discovery (aws macie2 update-automated-discovery-configuration --status ENABLED).",
            new[] { "SEC07-BP03" },
            new[] { "3.0/2.1.3", "7.0/3.1.3" },
            new[] { "macie2:GetMacieSession" },
            powerShell: "Enable-MAC2Macie -Region '<region>'; Update-MAC2AutomatedDiscoveryConfiguration -Status ENABLED");

        public static readonly QuestionDefinition Question = new QuestionDefinition(
            "SEC08",
            "How do you identify and classify your data?",
            "DataProtection",
            "Get-WASDataClassification",
            new[] { DataStoreClassified, MacieEnabled },
            new[]
            {
                new SettingDefinition(DataClassificationTagKey, typeof(string), "DataClassification", "The tag key that holds a data store's classification (Get-WASDataClassification -TagKey sets it for the run)."),
                new SettingDefinition(DataClassificationAllowedValues, typeof(string[]), new[] { "Public", "Internal", "Confidential", "Restricted" }, "The allowed classification values, compared case-insensitively (Get-WASDataClassification -AllowedValue sets it for the run)."),
                new SettingDefinition(SensitiveClassifications, typeof(string[]), new[] { "Confidential", "Restricted" }, "Classifications whose stores must use customer-managed KMS keys, versioning, point-in-time recovery and backups (SEC09, SEC10)."),
            },
            () => new Sec08DataClassification());
    }
}
