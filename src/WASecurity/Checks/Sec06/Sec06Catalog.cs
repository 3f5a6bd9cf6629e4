using System;
using WASecurity.Checks;
using WASecurity.Settings;

namespace WASecurity.Checks.Sec06
{
    /// <summary>SEC 6 — How do you use the security features of the services? (S3, EBS, AMIs, instance metadata, Access Analyzer).</summary>
    internal static class Sec06Catalog
    {
        private const string Bucket = "AWS::S3::Bucket";

        public static readonly CheckDefinition AccountBlockPublicAccess = new CheckDefinition(
            "SEC06.AccountBlockPublicAccess",
            "S3 Block Public Access is on at account level, all four settings.",
            Severity.High,
            "AWS::::Account",
            "Account-level Block Public Access overrides every bucket's ACLs and policies, so a single mistaken policy or ACL cannot publish data; a bucket that must be public belongs in a separate account or behind CloudFront.",
            "aws s3control put-public-access-block --account-id <account-id> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
            new[] { "SEC03-BP07", "SEC08-BP04" },
            new[] { "3.0/2.1.4", "7.0/3.1.4" },
            new[] { "s3:GetAccountPublicAccessBlock" },
            powerShell: "Add-S3CPublicAccessBlock -AccountId '<account-id>' -PublicAccessBlockConfiguration_BlockPublicAcl $true -PublicAccessBlockConfiguration_IgnorePublicAcl $true -PublicAccessBlockConfiguration_BlockPublicPolicy $true -PublicAccessBlockConfiguration_RestrictPublicBucket $true  # or Enable-WASS3AccountPublicAccessBlock");

        public static readonly CheckDefinition BucketBlockPublicAccess = new CheckDefinition(
            "SEC06.BucketBlockPublicAccess",
            "Every S3 bucket has all four Block Public Access settings in force, from the account or the bucket.",
            Severity.Medium,
            Bucket,
            "Where the account level does not block public access, each bucket's own Block Public Access is what stops a future policy or ACL from publishing it.",
            "aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true (or turn it on once for the account with aws s3control put-public-access-block).",
            new[] { "SEC03-BP07", "SEC08-BP04" },
            new[] { "3.0/2.1.4", "7.0/3.1.4" },
            new[] { "s3:ListAllMyBuckets", "s3:GetAccountPublicAccessBlock", "s3:GetBucketPublicAccessBlock" },
            powerShell: "Add-S3PublicAccessBlock -BucketName '<bucket>' -PublicAccessBlockConfiguration_BlockPublicAcl $true -PublicAccessBlockConfiguration_IgnorePublicAcl $true -PublicAccessBlockConfiguration_BlockPublicPolicy $true -PublicAccessBlockConfiguration_RestrictPublicBucket $true");

        public static readonly CheckDefinition BucketNotPublic = new CheckDefinition(
            "SEC06.BucketNotPublic",
            "No S3 bucket is public through its bucket policy or ACL, given the Block Public Access in force.",
            Severity.Critical,
            Bucket,
            "A bucket policy that allows everyone, or an ACL grant to AllUsers or AuthenticatedUsers (any AWS account), exposes the bucket's data to the internet unless RestrictPublicBuckets or IgnorePublicAcls neutralise it.",
            "Remove the public grant (aws s3api delete-bucket-policy --bucket <bucket>, or put a policy limited to your principals; aws s3api put-bucket-acl --bucket <bucket> --acl private) and turn on Block Public Access; serve public content through CloudFront with origin access control.",
            new[] { "SEC03-BP07", "SEC08-BP04" },
            new[] { "7.0/2.21" },
            new[] { "s3:ListAllMyBuckets", "s3:GetAccountPublicAccessBlock", "s3:GetBucketPublicAccessBlock", "s3:GetBucketPolicy", "s3:GetBucketAcl" },
            powerShell: "Remove-S3BucketPolicy -BucketName '<bucket>'; Set-S3BucketACL -BucketName '<bucket>' -ACL private");

        public static readonly CheckDefinition EbsEncryptionByDefault = new CheckDefinition(
            "SEC06.EbsEncryptionByDefault",
            "EBS encryption by default is enabled in every region.",
            Severity.Medium,
            "AWS::::Account",
            "With encryption by default every new volume and snapshot copy is encrypted, whoever creates it and however; without it, one unencrypted volume is a forgotten flag away.",
            "aws ec2 enable-ebs-encryption-by-default --region <region> (optionally aws ec2 modify-ebs-default-kms-key-id to use a customer managed key).",
            new[] { "SEC08-BP02", "SEC08-BP03" },
            new[] { "3.0/2.2.1", "7.0/6.1.1" },
            new[] { "ec2:GetEbsEncryptionByDefault" },
            powerShell: "Enable-EC2EbsEncryptionByDefault -Region '<region>'  # or Enable-WASEbsEncryptionByDefault; Edit-EC2EbsDefaultKmsKeyId -KmsKeyId '<key-arn>' for a customer managed key");

        public static readonly CheckDefinition NoPublicSnapshots = new CheckDefinition(
            "SEC06.NoPublicSnapshots",
            "No EBS snapshot owned by the account can be restored by everyone.",
            Severity.Critical,
            "AWS::EC2::Snapshot",
            "Anyone can create a volume from a public snapshot and read every file on it; public snapshots are continuously harvested for credentials and data.",
            "aws ec2 modify-snapshot-attribute --snapshot-id <snapshot-id> --attribute createVolumePermission --operation-type remove --group-names all; prevent it account-wide with aws ec2 enable-snapshot-block-public-access --state block-all-sharing.",
            new[] { "SEC03-BP07", "SEC08-BP04" },
            Array.Empty<string>(),
            new[] { "ec2:DescribeSnapshots" },
            powerShell: "Edit-EC2SnapshotAttribute -SnapshotId '<snapshot-id>' -Attribute createVolumePermission -OperationType remove -GroupName all; Enable-EC2SnapshotBlockPublicAccess -State block-all-sharing");

        public static readonly CheckDefinition NoPublicAmis = new CheckDefinition(
            "SEC06.NoPublicAmis",
            "No AMI owned by the account is public.",
            Severity.High,
            "AWS::EC2::Image",
            "A public AMI lets anyone launch a copy of the image, with whatever credentials, keys and code were baked into it.",
            "aws ec2 modify-image-attribute --image-id <ami-id> --launch-permission \"Remove=[{Group=all}]\"; prevent it account-wide with aws ec2 enable-image-block-public-access --image-block-public-access-state block-new-sharing.",
            new[] { "SEC03-BP07", "SEC06-BP06" },
            Array.Empty<string>(),
            new[] { "ec2:DescribeImages" },
            powerShell: "Edit-EC2ImageAttribute -ImageId '<ami-id>' -LaunchPermission_Remove @{Group='all'}; Enable-EC2ImageBlockPublicAccess -ImageBlockPublicAccessState block-new-sharing");

        public static readonly CheckDefinition ImdsV2RequiredByDefault = new CheckDefinition(
            "SEC06.ImdsV2RequiredByDefault",
            "The account-level instance metadata defaults require IMDSv2 in every region.",
            Severity.Medium,
            "AWS::::Account",
            "IMDSv1 answers any request from the instance, so a server-side request forgery bug hands out the instance role's credentials; requiring session tokens (IMDSv2) by default covers every new instance, whoever launches it.",
            "aws ec2 modify-instance-metadata-defaults --region <region> --http-tokens required --http-put-response-hop-limit 2 (then move existing instances with aws ec2 modify-instance-metadata-options --instance-id <id> --http-tokens required).",
            new[] { "SEC06-BP02", "SEC06-BP04" },
            Array.Empty<string>(),
            new[] { "ec2:GetInstanceMetadataDefaults" },
            powerShell: "Edit-EC2InstanceMetadataDefault -Region '<region>' -HttpToken required -HttpPutResponseHopLimit 2; Edit-EC2InstanceMetadataOption -InstanceId '<id>' -HttpToken required");

        public static readonly CheckDefinition AccessAnalyzerEnabled = new CheckDefinition(
            "SEC06.AccessAnalyzerEnabled",
            "IAM Access Analyzer has an active external-access analyzer in every region.",
            Severity.Medium,
            "AWS::AccessAnalyzer::Analyzer",
            "Access Analyzer continuously reports resources (buckets, keys, roles, snapshots, queues …) shared outside the account or organization; it works per region, so a region without an analyzer is unwatched.",
            "aws accessanalyzer create-analyzer --region <region> --analyzer-name account-analyzer --type ACCOUNT (or --type ORGANIZATION from the delegated administrator).",
            new[] { "SEC03-BP07", "SEC09-BP03" },
            new[] { "3.0/1.20", "7.0/2.18" },
            new[] { "access-analyzer:ListAnalyzers" },
            powerShell: "New-IAMAAAnalyzer -Region '<region>' -AnalyzerName account-analyzer -Type ACCOUNT");

        public static readonly CheckDefinition RdsInstanceNotPublic = new CheckDefinition(
            "SEC06.RdsInstanceNotPublic",
            "No RDS database instance is publicly accessible.",
            Severity.High,
            "AWS::RDS::DBInstance",
            "A publicly accessible instance gets a public DNS name and address; one security-group rule away from the internet, its login becomes the only thing between anyone and the data, and exposed databases are scanned and brute-forced within minutes.",
            "aws rds modify-db-instance --db-instance-identifier <id> --no-publicly-accessible --apply-immediately; reach it from inside the VPC (a bastion, SSM port forwarding, VPN or Direct Connect) instead.",
            new[] { "SEC03-BP07", "SEC05-BP01" },
            new[] { "3.0/2.3.3", "7.0/3.2.3" },
            new[] { "rds:DescribeDBInstances" },
            powerShell: "Edit-RDSDBInstance -DBInstanceIdentifier '<id>' -PubliclyAccessible $false -ApplyImmediately $true");

        public static readonly CheckDefinition RdsAutoMinorVersionUpgrade = new CheckDefinition(
            "SEC06.RdsAutoMinorVersionUpgrade",
            "Every RDS database instance has automatic minor version upgrades enabled.",
            Severity.Medium,
            "AWS::RDS::DBInstance",
            "Minor engine versions carry the database engine's security fixes; with automatic minor version upgrade on, RDS applies them in the maintenance window instead of waiting for someone to schedule them.",
            "aws rds modify-db-instance --db-instance-identifier <id> --auto-minor-version-upgrade --apply-immediately (the upgrade itself then happens in the instance's maintenance window).",
            new[] { "SEC06-BP01", "SEC06-BP04" },
            new[] { "3.0/2.3.2", "7.0/3.2.2" },
            new[] { "rds:DescribeDBInstances" },
            powerShell: "Edit-RDSDBInstance -DBInstanceIdentifier '<id>' -AutoMinorVersionUpgrade $true -ApplyImmediately $true");
        public static readonly CheckDefinition QueuePolicyNotPublic = new CheckDefinition(
            "SEC06.QueuePolicyNotPublic",
            "No SQS queue policy lets everyone use the queue without a restricting condition.",
            Severity.Critical,
            "AWS::SQS::Queue",
            "A queue policy that allows the principal \"*\" without a condition pinning the source account, source ARN, organization or VPC endpoint lets any AWS account (and, for some actions, anyone) send, read or delete the queue's messages; such statements are usually written for an SNS topic or S3 event and lose their aws:SourceArn condition.",
            "Rewrite the queue policy so that every statement to \"*\" carries a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID (or names the principals instead), and apply it: aws sqs set-queue-attributes --queue-url <queue-url> --attributes file://attributes.json, where attributes.json is {\"Policy\": \"<policy JSON as a string>\"}; a permission added with aws sqs add-permission is removed with aws sqs remove-permission --queue-url <queue-url> --label <label>.",
            new[] { "SEC03-BP07", "SEC08-BP04" },
            new[] { "7.0/2.21" },
            new[] { "sqs:ListQueues", "sqs:GetQueueAttributes" },
            powerShell: "Set-SQSQueueAttribute -QueueUrl '<queue-url>' -Attribute @{ Policy = (Get-Content -Raw -LiteralPath ./policy.json) }  # a permission added with add-permission: Remove-SQSPermission -QueueUrl '<queue-url>' -Label '<label>'");

        public static readonly CheckDefinition TopicPolicyNotPublic = new CheckDefinition(
            "SEC06.TopicPolicyNotPublic",
            "No SNS topic policy lets everyone use the topic without a restricting condition.",
            Severity.High,
            "AWS::SNS::Topic",
            "A topic policy that allows the principal \"*\" without a condition pinning the source account, source ARN or organization lets any AWS account publish to the topic (spoofed alerts and events reach every subscriber) or subscribe to it (and receive every message).",
            "Rewrite the topic policy so that every statement to \"*\" carries a condition such as aws:SourceOwner, aws:SourceArn or aws:PrincipalOrgID (the default policy limits everyone to the owning account with AWS:SourceOwner), and apply it: aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name Policy --attribute-value file://policy.json.",
            new[] { "SEC03-BP07", "SEC08-BP04" },
            new[] { "7.0/2.21" },
            new[] { "sns:ListTopics", "sns:GetTopicAttributes" },
            powerShell: "Set-SNSTopicAttribute -TopicArn '<topic-arn>' -AttributeName Policy -AttributeValue (Get-Content -Raw -LiteralPath ./policy.json)");

        public static readonly CheckDefinition LambdaPolicyNotPublic = new CheckDefinition(
            "SEC06.LambdaPolicyNotPublic",
            "No Lambda function's resource-based policy lets everyone invoke or manage it without a restricting condition.",
            Severity.Critical,
            "AWS::Lambda::Function",
            "A function policy that allows the principal \"*\" without a condition pinning the source account, source ARN or organization lets any AWS account invoke the function (running its code with its role's permissions, and running up its cost) or, for wider actions, read and change it; such statements are usually written for an event source and lose their aws:SourceArn condition.",
            "Remove the statement (aws lambda remove-permission --function-name <function> --statement-id <sid>) and grant the caller again with a specific principal, or with --source-arn and --source-account for a service (aws lambda add-permission --function-name <function> --statement-id <sid> --action lambda:InvokeFunction --principal s3.amazonaws.com --source-arn <source-arn> --source-account <account-id>).",
            new[] { "SEC03-BP07", "SEC06-BP02" },
            new[] { "7.0/2.21" },
            new[] { "lambda:ListFunctions", "lambda:GetPolicy" },
            powerShell: "Remove-LMPermission -FunctionName '<function>' -StatementId '<sid>'");

        public static readonly CheckDefinition LambdaUrlRequiresAuth = new CheckDefinition(
            "SEC06.LambdaUrlRequiresAuth",
            "No Lambda function URL accepts unauthenticated requests (AuthType NONE).",
            Severity.High,
            "AWS::Lambda::Function",
            "A function URL with AuthType NONE is an HTTPS endpoint on the internet that Lambda does not authenticate: only the function's resource policy (which the console opens to everyone for such a URL) and the function's own code stand between any caller and its role's permissions.",
            "Require IAM authentication (aws lambda update-function-url-config --function-name <function> --auth-type AWS_IAM, adding --qualifier <alias> for an alias's URL) and sign requests with SigV4, or put the function behind API Gateway or CloudFront with an authorizer; remove a URL nobody needs with aws lambda delete-function-url-config --function-name <function>.",
            new[] { "SEC06-BP02", "SEC05-BP02" },
            Array.Empty<string>(),
            new[] { "lambda:ListFunctions", "lambda:ListFunctionUrlConfigs" },
            powerShell: "Update-LMFunctionUrlConfig -FunctionName '<function>' -AuthType AWS_IAM  # or remove the URL: Remove-LMFunctionUrlConfig -FunctionName '<function>'");

        public static readonly CheckDefinition RdsSnapshotNotPublic = new CheckDefinition(
            "SEC06.RdsSnapshotNotPublic",
            "No manual RDS database snapshot can be restored by every AWS account.",
            Severity.Critical,
            "AWS::RDS::DBSnapshot",
            "A manual snapshot whose restore attribute holds \"all\" can be copied or restored by anyone with an AWS account, with every row of the database in it; public snapshots are searched for systematically.",
            "aws rds modify-db-snapshot-attribute --db-snapshot-identifier <db-snapshot> --attribute-name restore --values-to-remove all (share it with named accounts instead: --values-to-add <account-id>).",
            new[] { "SEC03-BP07", "SEC08-BP04" },
            Array.Empty<string>(),
            new[] { "rds:DescribeDBSnapshots", "rds:DescribeDBSnapshotAttributes" },
            powerShell: "Edit-RDSDBSnapshotAttribute -DBSnapshotIdentifier '<db-snapshot>' -AttributeName restore -ValuesToRemove all");

        public static readonly CheckDefinition EcrRepositoryNotPublic = new CheckDefinition(
            "SEC06.EcrRepositoryNotPublic",
            "No ECR repository policy lets everyone use the repository without a restricting condition.",
            Severity.High,
            "AWS::ECR::Repository",
            "A repository policy that allows the principal \"*\" without a condition pinning the account or organization lets any AWS account pull the images (with the code, configuration and secrets baked into them) or, for push actions, replace them with its own.",
            "Remove the policy (aws ecr delete-repository-policy --repository-name <repository>) or replace it with one that names the accounts or pins aws:PrincipalOrgID (aws ecr set-repository-policy --repository-name <repository> --policy-text file://policy.json); publish public images through ECR Public instead.",
            new[] { "SEC03-BP07", "SEC06-BP02" },
            new[] { "7.0/2.21" },
            new[] { "ecr:DescribeRepositories", "ecr:GetRepositoryPolicy" },
            powerShell: "Remove-ECRRepositoryPolicy -RepositoryName '<repository>'  # or narrow it: Set-ECRRepositoryPolicy -RepositoryName '<repository>' -PolicyText (Get-Content -Raw -LiteralPath ./policy.json)");

        public static readonly CheckDefinition RdsClusterSnapshotNotPublic = new CheckDefinition(
            "SEC06.RdsClusterSnapshotNotPublic",
            "No manual RDS DB cluster snapshot can be restored by every AWS account.",
            Severity.Critical,
            "AWS::RDS::DBClusterSnapshot",
            "A manual Aurora or Multi-AZ DB cluster snapshot whose restore attribute holds \"all\" can be copied or restored by anyone with an AWS account, with every row of the cluster's databases in it.",
            "aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier <db-cluster-snapshot> --attribute-name restore --values-to-remove all (share it with named accounts instead: --values-to-add <account-id>).",
            new[] { "SEC03-BP07", "SEC08-BP04" },
            Array.Empty<string>(),
            new[] { "rds:DescribeDBClusterSnapshots", "rds:DescribeDBClusterSnapshotAttributes" },
            powerShell: "Edit-RDSDBClusterSnapshotAttribute -DBClusterSnapshotIdentifier '<db-cluster-snapshot>' -AttributeName restore -ValuesToRemove all");

        public static readonly CheckDefinition SsmDocumentNotPublic = new CheckDefinition(
            "SEC06.SsmDocumentNotPublic",
            "No Systems Manager document the account owns is shared publicly.",
            Severity.High,
            "AWS::SSM::Document",
            "A document shared with \"all\" can be read and run by every AWS account. Documents hold the account's automation: scripts, parameters, resource names and sometimes credentials or internal endpoints. Share documents with named accounts instead, and turn on the account's block public sharing setting (/ssm/documents/console/public-sharing-permission) so none can be made public again.",
            "aws ssm modify-document-permission --name <document> --permission-type Share --account-ids-to-remove all (share with named accounts instead: --account-ids-to-add <account-id>); block public sharing for the region: aws ssm update-service-setting --setting-id /ssm/documents/console/public-sharing-permission --setting-value Disable",
            new[] { "SEC03-BP07", "SEC06-BP02" },
            Array.Empty<string>(),
            new[] { "ssm:ListDocuments", "ssm:DescribeDocumentPermission" },
            powerShell: "Edit-SSMDocumentPermission -Name '<document>' -PermissionType Share -AccountIdsToRemove all; Update-SSMServiceSetting -SettingId /ssm/documents/console/public-sharing-permission -SettingValue Disable");

        public static readonly QuestionDefinition Question = new QuestionDefinition(
            "SEC06",
            "How do you use the security features of AWS services?",
            "InfrastructureProtection",
            "Test-WASServiceSecurity",
            new[]
            {
                AccountBlockPublicAccess, BucketBlockPublicAccess, BucketNotPublic, EbsEncryptionByDefault,
                NoPublicSnapshots, NoPublicAmis, ImdsV2RequiredByDefault, AccessAnalyzerEnabled, RdsInstanceNotPublic,
                RdsAutoMinorVersionUpgrade,
                QueuePolicyNotPublic, TopicPolicyNotPublic, LambdaPolicyNotPublic, LambdaUrlRequiresAuth,
                RdsSnapshotNotPublic, EcrRepositoryNotPublic, RdsClusterSnapshotNotPublic,
                SsmDocumentNotPublic,
            },
            Array.Empty<SettingDefinition>(),
            () => new Sec06ServiceSecurity());
    }
}
