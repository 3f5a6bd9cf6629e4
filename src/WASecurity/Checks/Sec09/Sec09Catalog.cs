using System;
using System.Linq;
using WASecurity.Checks.Sec08;
using WASecurity.Checks;
using WASecurity.Settings;

namespace WASecurity.Checks.Sec09
{
    /// <summary>SEC 9 (classic SEC 8, data at rest) — How do you protect your data at rest?</summary>
    internal static class Sec09Catalog
    {
        public const string RequireMfaDelete = nameof(RequireMfaDelete);
        public const string AllowedRegions = nameof(AllowedRegions);
        public const string DynamoDbRequireKmsKey = nameof(DynamoDbRequireKmsKey);

        private static readonly string[] AtRest = { "SEC08-BP02" };
        private static readonly string[] Classified = { Sec08Catalog.DataClassificationTagKey, Sec08Catalog.DataClassificationAllowedValues, Sec08Catalog.SensitiveClassifications };
        private static readonly string[] KeyLookup = { "kms:ListKeys", "kms:ListAliases", "kms:DescribeKey" };

        /// <summary>
        /// The actions of a check that reads the shared data-store inventory: its own, then the inventory's (the inventory
        /// lists every store type at once, so a bucket check also lists queues and tables).
        /// </summary>
        internal static string[] WithInventory(string[] actions) => actions.Concat(Sec08Catalog.InventoryActions).Distinct(StringComparer.Ordinal).ToArray();

        public static readonly CheckDefinition BucketDefaultEncryption = new CheckDefinition(
            "SEC09.BucketDefaultEncryption",
            "The S3 bucket encrypts new objects by default (SSE-S3 or SSE-KMS).",
            Severity.Medium,
            "AWS::S3::Bucket",
            "Default encryption makes every object encrypted without relying on each uploader to ask for it; the finding says whether S3 (SSE-S3) or a KMS key (SSE-KMS) holds the key.",
            "aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"<key-arn>\"},\"BucketKeyEnabled\":true}]}'",
            AtRest,
            Array.Empty<string>(),
            WithInventory(new[] { "s3:ListAllMyBuckets", "s3:GetBucketLocation", "s3:GetEncryptionConfiguration" }),
            powerShell: "Set-S3BucketEncryption -BucketName '<bucket>' -ServerSideEncryptionConfiguration_ServerSideEncryptionRule @{ServerSideEncryptionByDefault=@{ServerSideEncryptionAlgorithm='aws:kms'; ServerSideEncryptionKeyManagementServiceKeyId='<key-arn>'}; BucketKeyEnabled=$true}");

        public static readonly CheckDefinition EbsVolumeEncrypted = new CheckDefinition(
            "SEC09.EbsVolumeEncrypted",
            "The EBS volume is encrypted.",
            Severity.High,
            "AWS::EC2::Volume",
            "An unencrypted volume's data, and every snapshot of it, is readable by anyone who can copy or share the snapshot.",
            "Create an encrypted copy: aws ec2 create-snapshot --volume-id <volume>, aws ec2 copy-snapshot --source-snapshot-id <snap> --source-region <region> --encrypted --kms-key-id <key-arn>, then create a volume from it and swap it in.",
            AtRest,
            Array.Empty<string>(),
            WithInventory(new[] { "ec2:DescribeVolumes" }),
            powerShell: "$snapshot = New-EC2Snapshot -VolumeId '<volume>'; Copy-EC2Snapshot -SourceSnapshotId $snapshot.SnapshotId -SourceRegion '<region>' -Encrypted $true -KmsKeyId '<key-arn>'");

        public static readonly CheckDefinition EbsSnapshotEncrypted = new CheckDefinition(
            "SEC09.EbsSnapshotEncrypted",
            "The EBS snapshot the account owns is encrypted.",
            Severity.High,
            "AWS::EC2::Snapshot",
            "An unencrypted snapshot can be shared or made public with all the volume's data in it.",
            "aws ec2 copy-snapshot --source-snapshot-id <snapshot> --source-region <region> --encrypted --kms-key-id <key-arn>, then delete the unencrypted snapshot (aws ec2 delete-snapshot --snapshot-id <snapshot>).",
            AtRest,
            Array.Empty<string>(),
            new[] { "ec2:DescribeSnapshots" },
            powerShell: "Copy-EC2Snapshot -SourceSnapshotId '<snapshot>' -SourceRegion '<region>' -Encrypted $true -KmsKeyId '<key-arn>'; Remove-EC2Snapshot -SnapshotId '<snapshot>'");

        public static readonly CheckDefinition RdsStorageEncrypted = new CheckDefinition(
            "SEC09.RdsStorageEncrypted",
            "The RDS database's storage is encrypted.",
            Severity.High,
            "AWS::RDS::DBInstance",
            "Unencrypted database storage leaves data, logs, backups and snapshots readable outside the database engine's access control.",
            "Encryption cannot be turned on in place: aws rds create-db-snapshot, aws rds copy-db-snapshot --kms-key-id <key-arn>, then aws rds restore-db-instance-from-db-snapshot from the encrypted copy and switch over.",
            AtRest,
            new[] { "3.0/2.3.1", "7.0/3.2.1" },
            WithInventory(new[] { "rds:DescribeDBInstances", "rds:DescribeDBClusters" }),
            powerShell: "New-RDSDBSnapshot -DBInstanceIdentifier '<id>' -DBSnapshotIdentifier '<id>-plain'; Copy-RDSDBSnapshot -SourceDBSnapshotIdentifier '<id>-plain' -TargetDBSnapshotIdentifier '<id>-encrypted' -KmsKeyId '<key-arn>'; Restore-RDSDBInstanceFromDBSnapshot -DBSnapshotIdentifier '<id>-encrypted' -DBInstanceIdentifier '<new-id>'");

        public static readonly CheckDefinition EfsEncrypted = new CheckDefinition(
            "SEC09.EfsEncrypted",
            "The EFS file system is encrypted at rest.",
            Severity.High,
            "AWS::EFS::FileSystem",
            "An unencrypted file system stores its files in the clear; encryption at rest can only be chosen when the file system is created.",
            "Create an encrypted file system (aws efs create-file-system --encrypted --kms-key-id <key-arn>), copy the data with AWS DataSync, and move the mount targets.",
            AtRest,
            new[] { "3.0/2.4.1", "7.0/3.3.1" },
            WithInventory(new[] { "elasticfilesystem:DescribeFileSystems" }),
            powerShell: "New-EFSFileSystem -Encrypted $true -KmsKeyId '<key-arn>'");

        public static readonly CheckDefinition SqsQueueEncrypted = new CheckDefinition(
            "SEC09.SqsQueueEncrypted",
            "The SQS queue encrypts its messages at rest (SSE-SQS or SSE-KMS).",
            Severity.Medium,
            "AWS::SQS::Queue",
            "Messages often carry the same data as the stores they feed; an unencrypted queue keeps them in the clear for up to 14 days.",
            "aws sqs set-queue-attributes --queue-url <url> --attributes SqsManagedSseEnabled=true (or KmsMasterKeyId=<key-arn> for a customer-managed key).",
            AtRest,
            Array.Empty<string>(),
            WithInventory(new[] { "sqs:ListQueues", "sqs:GetQueueAttributes" }),
            powerShell: "Set-SQSQueueAttribute -QueueUrl '<url>' -Attribute @{SqsManagedSseEnabled='true'}");

        public static readonly CheckDefinition DynamoDbTableKey = new CheckDefinition(
            "SEC09.DynamoDbTableKey",
            "The DynamoDB table is encrypted with a KMS key in the account (AWS managed or customer managed), not a key DynamoDB owns.",
            Severity.Low,
            "AWS::DynamoDB::Table",
            "Every DynamoDB table is encrypted, but a key DynamoDB owns cannot be audited, restricted or disabled by the account: no key policy limits who can decrypt the table and CloudTrail shows no use of the key. The DynamoDbRequireKmsKey setting decides whether that fails; the finding's KeyType says which key protects the table.",
            "aws dynamodb update-table --table-name <table> --sse-specification Enabled=true,SSEType=KMS (the AWS managed key alias/aws/dynamodb) or Enabled=true,SSEType=KMS,KMSMasterKeyId=<key-arn> (a customer managed key)",
            AtRest,
            Array.Empty<string>(),
            WithInventory(new[] { "dynamodb:ListTables", "dynamodb:DescribeTable" }.Concat(KeyLookup).ToArray()),
            new[] { DynamoDbRequireKmsKey },
            powerShell: "Update-DDBTable -TableName '<table>' -SSESpecification_Enabled $true -SSESpecification_SSEType KMS -SSESpecification_KMSMasterKeyId '<key-arn>'");

        public static readonly CheckDefinition SensitiveStoreCustomerKey = new CheckDefinition(
            "SEC09.SensitiveStoreCustomerKey",
            "A data store classified as sensitive is encrypted with a customer-managed KMS key.",
            Severity.High,
            "AWS::S3::Bucket",
            "With a customer-managed key the account decides, in the key policy, who can decrypt the data, sees every use in CloudTrail, and can cut access off by disabling the key; AWS-owned and AWS-managed keys allow none of that.",
            "Create a customer-managed key (aws kms create-key, aws kms enable-key-rotation) and re-encrypt the store with it: put-bucket-encryption with SSEAlgorithm aws:kms and KMSMasterKeyID, update-table --sse-specification, set-queue-attributes KmsMasterKeyId, or copy volumes, snapshots and databases with --kms-key-id.",
            new[] { "SEC08-BP01", "SEC08-BP02", "SEC07-BP02" },
            Array.Empty<string>(),
            Sec08Catalog.InventoryActions.Concat(KeyLookup).Concat(new[] { "s3:GetEncryptionConfiguration" }).ToArray(),
            Classified,
            powerShell: "$key = New-KMSKey -Description '<store> data key'; Enable-KMSKeyRotation -KeyId $key.KeyId  # then Set-S3BucketEncryption, Update-DDBTable -SSESpecification_KMSMasterKeyId or Set-SQSQueueAttribute with the key");

        public static readonly CheckDefinition SensitiveBucketVersioning = new CheckDefinition(
            "SEC09.SensitiveBucketVersioning",
            "A bucket classified as sensitive has versioning enabled (and MFA delete when required).",
            Severity.Medium,
            "AWS::S3::Bucket",
            "Versioning keeps every overwritten or deleted object recoverable; MFA delete stops a stolen credential from erasing the versions too.",
            "aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled (MFA delete, as the root user: --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa '<serial> <code>').",
            new[] { "SEC08-BP04", "SEC07-BP02" },
            Array.Empty<string>(),
            WithInventory(new[] { "s3:GetBucketVersioning" }),
            Classified.Concat(new[] { RequireMfaDelete }).ToArray(),
            powerShell: "Write-S3BucketVersioning -BucketName '<bucket>' -VersioningConfig_Status Enabled");

        public static readonly CheckDefinition SensitiveTableRecovery = new CheckDefinition(
            "SEC09.SensitiveTableRecovery",
            "A DynamoDB table classified as sensitive has point-in-time recovery enabled.",
            Severity.Medium,
            "AWS::DynamoDB::Table",
            "Point-in-time recovery restores a table to any second of the last 35 days after an accidental or malicious write or delete.",
            "aws dynamodb update-continuous-backups --table-name <table> --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true",
            new[] { "SEC08-BP04", "SEC07-BP02" },
            Array.Empty<string>(),
            WithInventory(new[] { "dynamodb:DescribeContinuousBackups" }),
            Classified,
            powerShell: "Update-DDBContinuousBackup -TableName '<table>' -PointInTimeRecoverySpecification_PointInTimeRecoveryEnabled $true");

        public static readonly CheckDefinition SensitiveDatabaseBackups = new CheckDefinition(
            "SEC09.SensitiveDatabaseBackups",
            "An RDS database classified as sensitive keeps automated backups.",
            Severity.Medium,
            "AWS::RDS::DBInstance",
            "Without automated backups (retention 0) a database cannot be restored to a point in time after data is destroyed or encrypted by an attacker.",
            "aws rds modify-db-instance --db-instance-identifier <id> --backup-retention-period 7 --apply-immediately (modify-db-cluster --backup-retention-period for clusters).",
            new[] { "SEC08-BP04", "SEC07-BP02" },
            Array.Empty<string>(),
            WithInventory(new[] { "rds:DescribeDBInstances", "rds:DescribeDBClusters" }),
            Classified,
            powerShell: "Edit-RDSDBInstance -DBInstanceIdentifier '<id>' -BackupRetentionPeriod 7 -ApplyImmediately $true");

        public static readonly CheckDefinition ReplicationWithinAllowedRegions = new CheckDefinition(
            "SEC09.ReplicationWithinAllowedRegions",
            "Replication copies data only to regions in the AllowedRegions setting.",
            Severity.High,
            "AWS::S3::Bucket",
            "Data residency obligations follow every copy: an S3 replication rule, a DynamoDB global table replica or an RDS cross-region read replica puts the data in another jurisdiction.",
            "Remove the replication rule (aws s3api put-bucket-replication / delete-bucket-replication), the replica (aws dynamodb update-table --replica-updates Delete={RegionName=<region>}, aws rds delete-db-instance for the replica), or add the region to AllowedRegions if it is permitted.",
            new[] { "SEC07-BP02", "SEC07-BP04" },
            Array.Empty<string>(),
            WithInventory(new[] { "s3:GetReplicationConfiguration", "s3:GetBucketLocation", "dynamodb:DescribeTable", "rds:DescribeDBInstances", "rds:DescribeDBClusters" }),
            new[] { AllowedRegions },
            powerShell: "Remove-S3BucketReplication -BucketName '<bucket>'; Update-DDBTable -TableName '<table>' -ReplicaUpdate @{Delete=@{RegionName='<region>'}}");

        public static readonly CheckDefinition BucketMfaDelete = new CheckDefinition(
            "SEC09.BucketMfaDelete",
            "Every S3 bucket is versioned with MFA delete enabled.",
            Severity.Low,
            "AWS::S3::Bucket",
            "With MFA delete, removing an object version or turning versioning off needs the root user's MFA code as well as its credentials, so a stolen key cannot erase a bucket's history. It can only be enabled by the root user with the CLI or API, which is why few accounts have it; SEC09.SensitiveBucketVersioning covers the buckets that hold sensitive data.",
            "As the root user with its MFA device (the only principal allowed): aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa '<mfa-serial-arn> <code>'",
            new[] { "SEC08-BP04", "SEC09-BP04" },
            new[] { "3.0/2.1.2", "7.0/3.1.2" },
            WithInventory(new[] { "s3:GetBucketVersioning" }),
            powerShell: "Write-S3BucketVersioning -BucketName '<bucket>' -VersioningConfig_Status Enabled -VersioningConfig_EnableMfaDelete $true -MfaCodes_SerialNumber '<mfa-serial-arn>' -MfaCodes_AuthenticationValue '<code>'  # as the root user");

        public static readonly CheckDefinition LogGroupEncrypted = new CheckDefinition(
            "SEC09.LogGroupEncrypted",
            "The CloudWatch Logs log group is encrypted with a KMS key of the account.",
            Severity.Low,
            "AWS::Logs::LogGroup",
            "CloudWatch Logs always encrypts log events, but without a KMS key (kmsKeyId) it uses keys the service holds: no key policy of the account limits who can read the events, CloudTrail shows no use of the key, and access cannot be cut off by disabling it. Logs often carry request payloads, tokens and personal data, so the logs that do should be under a key the account controls.",
            "aws logs associate-kms-key --log-group-name <log-group> --kms-key-id <key-arn> (the key policy must allow the logs.<region>.amazonaws.com service principal to use the key; only events ingested afterwards are encrypted with it).",
            AtRest,
            Array.Empty<string>(),
            new[] { "logs:DescribeLogGroups" },
            powerShell: "Register-CWLKmsKey -LogGroupName '<log-group>' -KmsKeyId '<key-arn>'");

        public static readonly CheckDefinition SageMakerNotebookEncrypted = new CheckDefinition(
            "SEC09.SageMakerNotebookEncrypted",
            "The SageMaker notebook instance encrypts its storage volume with a KMS key of the account.",
            Severity.Medium,
            "AWS::SageMaker::NotebookInstance",
            "A notebook instance's ML storage volume holds the notebooks and whatever data was copied to them for exploration, often production extracts. With a KMS key (KmsKeyId) the account's key policy decides who can decrypt that volume and CloudTrail records each use; without one it is not under a key the account controls. The key can only be chosen when the instance is created.",
            "The key of an existing instance cannot be changed: create a replacement with one (aws sagemaker create-notebook-instance --notebook-instance-name <notebook>-encrypted --instance-type <instance-type> --role-arn <role-arn> --kms-key-id <key-arn>), move the notebooks to it (a Git repository or S3), then aws sagemaker stop-notebook-instance and delete-notebook-instance --notebook-instance-name <notebook>.",
            AtRest,
            Array.Empty<string>(),
            new[] { "sagemaker:ListNotebookInstances", "sagemaker:DescribeNotebookInstance" },
            powerShell: "New-SMNotebookInstance -NotebookInstanceName '<notebook>-encrypted' -InstanceType '<instance-type>' -RoleArn '<role-arn>' -KmsKeyId '<key-arn>'; Stop-SMNotebookInstance -NotebookInstanceName '<notebook>'; Remove-SMNotebookInstance -NotebookInstanceName '<notebook>'");

        public static readonly CheckDefinition OpenSearchDomainEncrypted = new CheckDefinition(
            "SEC09.OpenSearchDomainEncrypted",
            "The OpenSearch Service domain encrypts its data at rest.",
            Severity.Medium,
            "AWS::OpenSearchService::Domain",
            "Without encryption at rest a domain stores its indexes, logs, swap files and automated snapshots in the clear; search clusters commonly hold copies of application data, logs and personal data. Encryption uses a KMS key (the AWS managed aws/es key or a customer managed one) and, once on, cannot be turned off.",
            "aws opensearch update-domain-config --domain-name <domain> --encryption-at-rest-options Enabled=true,KmsKeyId=<key-arn> (OpenSearch and Elasticsearch 6.7 or later; an older domain needs a new, encrypted domain and a snapshot restore).",
            AtRest,
            Array.Empty<string>(),
            new[] { "es:ListDomainNames", "es:DescribeDomains" },
            powerShell: "Update-OSDomainConfig -DomainName '<domain>' -EncryptionAtRestOptions_Enabled $true -EncryptionAtRestOptions_KmsKeyId '<key-arn>'");

        public static readonly CheckDefinition GlueCatalogEncrypted = new CheckDefinition(
            "SEC09.GlueCatalogEncrypted",
            "The Glue Data Catalog encrypts its metadata with a KMS key.",
            Severity.Medium,
            "AWS::Glue::DataCatalogEncryptionSettings",
            "The Data Catalog holds the map of the data lake: databases, table definitions, schemas, partition locations and connection definitions, which Athena, EMR, Redshift Spectrum and Lake Formation read. With CatalogEncryptionMode SSE-KMS (or SSE-KMS-WITH-SERVICE-ROLE) every catalog write is encrypted under a KMS key whose policy decides who can read it; DISABLED stores it without one. There is one catalog per account and region, so each covered region is one finding.",
            "PutDataCatalogEncryptionSettings replaces both halves of the settings, so give the connection password setting too: aws glue put-data-catalog-encryption-settings --catalog-id <catalog-id> --data-catalog-encryption-settings 'EncryptionAtRest={CatalogEncryptionMode=SSE-KMS,SseAwsKmsKeyId=<key-arn>},ConnectionPasswordEncryption={ReturnConnectionPasswordEncrypted=true,AwsKmsKeyId=<key-arn>}' --region <region> (the roles that use the catalog need kms:Decrypt and kms:GenerateDataKey on the key; only writes made afterwards are encrypted).",
            AtRest,
            Array.Empty<string>(),
            new[] { "glue:GetDataCatalogEncryptionSettings" },
            powerShell: "Set-GLUEDataCatalogEncryptionSetting -CatalogId '<catalog-id>' -EncryptionAtRest_CatalogEncryptionMode SSE-KMS -EncryptionAtRest_SseAwsKmsKeyId '<key-arn>' -ConnectionPasswordEncryption_ReturnConnectionPasswordEncrypted $true -ConnectionPasswordEncryption_AwsKmsKeyId '<key-arn>' -Region '<region>'");

        public static readonly CheckDefinition GlueConnectionPasswordsEncrypted = new CheckDefinition(
            "SEC09.GlueConnectionPasswordsEncrypted",
            "The Glue Data Catalog returns connection passwords only encrypted with a KMS key.",
            Severity.Medium,
            "AWS::Glue::DataCatalogEncryptionSettings",
            "Glue connections hold the user names and passwords of the databases that jobs and crawlers reach. Unless ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted is on, GetConnection and GetConnections return those passwords in clear text to anyone allowed to call them, which read-only and audit roles usually are; with it on they come back encrypted under the named KMS key and only principals the key policy allows can decrypt them. Metadata encryption (SEC09.GlueCatalogEncrypted) does not cover this.",
            "PutDataCatalogEncryptionSettings replaces both halves of the settings, so keep the metadata setting as it is: aws glue put-data-catalog-encryption-settings --catalog-id <catalog-id> --data-catalog-encryption-settings 'EncryptionAtRest={CatalogEncryptionMode=SSE-KMS,SseAwsKmsKeyId=<key-arn>},ConnectionPasswordEncryption={ReturnConnectionPasswordEncrypted=true,AwsKmsKeyId=<key-arn>}' --region <region> (callers of CreateConnection and UpdateConnection need kms:Encrypt on the key, and jobs that use the connections kms:Decrypt).",
            AtRest,
            Array.Empty<string>(),
            new[] { "glue:GetDataCatalogEncryptionSettings" },
            powerShell: "Set-GLUEDataCatalogEncryptionSetting -CatalogId '<catalog-id>' -EncryptionAtRest_CatalogEncryptionMode SSE-KMS -EncryptionAtRest_SseAwsKmsKeyId '<key-arn>' -ConnectionPasswordEncryption_ReturnConnectionPasswordEncrypted $true -ConnectionPasswordEncryption_AwsKmsKeyId '<key-arn>' -Region '<region>'");

        public static readonly CheckDefinition PeopleKeptAwayFromData = CheckDefinition.Manual(
            "SEC09.PeopleKeptAwayFromData",
            "People reach sensitive data through applications, dashboards and automation, and direct access to the stores is break-glass only.",
            "Every person who can read a data store directly can leak it, alter it or be phished for it; routine work through tools that expose only what the task needs (and log it) keeps the data out of reach. Whether people need direct access is a question about how they work, which no API shows, so a person answers this check.",
            "List who reads or changes the sensitive stores directly (console, SQL clients, aws s3 cp) and why; replace routine tasks with applications, dashboards or Systems Manager Automation runbooks, keep direct access for break-glass roles that are logged and alarmed, and review it at least yearly; then attest with -AttestationPath.",
            new[] { "SEC08-BP05" });

        public static readonly QuestionDefinition Question = new QuestionDefinition(
            "SEC09",
            "How do you protect your data at rest?",
            "DataProtection",
            "Test-WASEncryptionAtRest",
            new[]
            {
                BucketDefaultEncryption, EbsVolumeEncrypted, EbsSnapshotEncrypted, RdsStorageEncrypted, EfsEncrypted,
                SqsQueueEncrypted, DynamoDbTableKey, SensitiveStoreCustomerKey, SensitiveBucketVersioning, BucketMfaDelete, SensitiveTableRecovery,
                SensitiveDatabaseBackups, ReplicationWithinAllowedRegions, LogGroupEncrypted, SageMakerNotebookEncrypted,
                OpenSearchDomainEncrypted, GlueCatalogEncrypted, GlueConnectionPasswordsEncrypted, PeopleKeptAwayFromData,
            },
            new[]
            {
                new SettingDefinition(RequireMfaDelete, typeof(bool), false, "When $true, SEC09.SensitiveBucketVersioning also requires MFA delete on sensitive buckets (CIS 2.1.2)."),
                new SettingDefinition(AllowedRegions, typeof(string[]), Array.Empty<string>(), "Regions data may be replicated to; when empty, SEC09.ReplicationWithinAllowedRegions is not assessed."),
                new SettingDefinition(DynamoDbRequireKmsKey, typeof(bool), true, "When $true, SEC09.DynamoDbTableKey fails a DynamoDB table encrypted with the key DynamoDB owns; an AWS managed or customer managed KMS key passes. Sensitive tables need a customer managed key either way (SEC09.SensitiveStoreCustomerKey)."),
            },
            () => new Sec09EncryptionAtRest());
    }
}
