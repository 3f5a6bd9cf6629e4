using System;
using WASecurity.Checks;
using WASecurity.Settings;

namespace WASecurity.Checks.Sec07
{
    /// <summary>SEC 7 — How do you protect the integrity of the operating system on EC2 instances?</summary>
    internal static class Sec07Catalog
    {
        public const string ApprovedAmiOwners = nameof(ApprovedAmiOwners);
        public const string MaxAmiAgeDays = nameof(MaxAmiAgeDays);

        private const string Instance = "AWS::EC2::Instance";

        public static readonly CheckDefinition InstanceManagedBySsm = new CheckDefinition(
            "SEC07.InstanceManagedBySsm",
            "Every running instance is managed by Systems Manager and its agent is online.",
            Severity.Medium,
            Instance,
            "An instance Systems Manager cannot reach cannot be patched, inventoried or accessed without opening SSH or RDP; a lost connection usually means a stopped agent, a missing instance profile or no route to the SSM endpoints.",
            "Give the instance a role with the AmazonSSMManagedInstanceCore policy (aws ec2 associate-iam-instance-profile --instance-id <id> --iam-instance-profile Name=<profile>) or turn on Default Host Management Configuration (aws ssm update-service-setting --setting-id /ssm/managed-instance/default-ec2-instance-management-role --setting-value <role>), and make sure the SSM agent runs and reaches the ssm, ssmmessages and ec2messages endpoints.",
            new[] { "SEC06-BP04", "SEC06-BP05" },
            Array.Empty<string>(),
            new[] { "ec2:DescribeInstances", "ssm:DescribeInstanceInformation" },
            powerShell: "Register-EC2IamInstanceProfile -InstanceId '<id>' -IamInstanceProfile_Name '<profile>'; Update-SSMServiceSetting -SettingId /ssm/managed-instance/default-ec2-instance-management-role -SettingValue '<role>'");

        public static readonly CheckDefinition InstancePatchCompliant = new CheckDefinition(
            "SEC07.InstancePatchCompliant",
            "Every running instance reports no missing or failed patches, no non-compliant critical or security patches and no pending reboot.",
            Severity.High,
            Instance,
            "Known vulnerabilities are the most exploited way into a host; Patch Manager's counts say whether the approved patches are installed and active (a patch awaiting reboot is not yet protecting anything).",
            "Scan and install with Patch Manager (aws ssm send-command --document-name AWS-RunPatchBaseline --parameters Operation=Install --targets Key=InstanceIds,Values=<id>), reboot where InstalledPendingRebootCount > 0, and schedule it with a patch policy or maintenance window.",
            new[] { "SEC06-BP01", "SEC06-BP04" },
            Array.Empty<string>(),
            new[] { "ec2:DescribeInstances", "ssm:DescribeInstancePatchStates" },
            powerShell: "Send-SSMCommand -DocumentName AWS-RunPatchBaseline -Parameter @{Operation='Install'} -Target @{Key='InstanceIds'; Values='<id>'}");

        public static readonly CheckDefinition InstanceAmiApproved = new CheckDefinition(
            "SEC07.InstanceAmiApproved",
            "Every running instance runs an AMI owned by the account or by an approved owner.",
            Severity.Medium,
            Instance,
            "An image from an unknown publisher can carry anything; building instances from the account's own hardened images, or from owners the organization trusts (the ApprovedAmiOwners setting), keeps the software supply chain known.",
            "Rebuild the instance from an approved golden image (for example one built with EC2 Image Builder) and restrict launches with an allowed-AMIs setting (aws ec2 enable-allowed-images-settings --allowed-images-settings-state enabled, then aws ec2 replace-image-criteria-in-allowed-images-settings --image-criteria ImageProviders=<account-id>,amazon).",
            new[] { "SEC06-BP06", "SEC06-BP04" },
            Array.Empty<string>(),
            new[] { "ec2:DescribeInstances", "ec2:DescribeImages" },
            new[] { ApprovedAmiOwners },
            powerShell: "Enable-EC2AllowedImagesSetting -AllowedImagesSettingsState enabled; Set-EC2ImageCriteriaInAllowedImagesSetting -ImageCriterion @{ImageProviders=@('<account-id>', 'amazon')}");

        public static readonly CheckDefinition InstanceAmiCurrent = new CheckDefinition(
            "SEC07.InstanceAmiCurrent",
            "Every running instance runs an AMI no older than the maximum image age.",
            Severity.Medium,
            Instance,
            "An old image means every instance built from it starts with months of missing patches and an outdated agent set; regularly rebuilt images (immutable infrastructure) keep the starting point patched. The limit is the MaxAmiAgeDays setting.",
            "Build a new image from the current base (EC2 Image Builder pipeline, or aws ec2 create-image from a freshly patched instance) and replace the instance, e.g. through an Auto Scaling group instance refresh (aws autoscaling start-instance-refresh --auto-scaling-group-name <asg>).",
            new[] { "SEC06-BP01", "SEC06-BP06" },
            Array.Empty<string>(),
            new[] { "ec2:DescribeInstances", "ec2:DescribeImages" },
            new[] { MaxAmiAgeDays },
            powerShell: "New-EC2Image -InstanceId '<id>' -Name '<image-name>'; Start-ASInstanceRefresh -AutoScalingGroupName '<asg>'");

        public static readonly CheckDefinition InternetFacingInstanceRole = new CheckDefinition(
            "SEC07.InternetFacingInstanceRole",
            "No internet-facing instance has an instance profile role with administrative reach.",
            Severity.High,
            Instance,
            "An instance with a public IP is the most exposed host in the account; its role's credentials are one SSRF or remote-code bug away from an attacker, so a role that is a full administrator (Critical) or can change IAM (High) turns a host compromise into an account compromise.",
            "Give the instance a role scoped to what its workload calls (aws iam detach-role-policy --role-name <role> --policy-arn <admin-policy-arn>; generate a least-privilege policy from CloudTrail with IAM Access Analyzer), require IMDSv2 on the instance, and move it behind a load balancer so it needs no public IP.",
            new[] { "SEC03-BP02", "SEC06-BP02" },
            Array.Empty<string>(),
            new[] { "ec2:DescribeInstances", "iam:GetAccountAuthorizationDetails" },
            powerShell: "Unregister-IAMRolePolicy -RoleName '<role>' -PolicyArn '<admin-policy-arn>'");

        public static readonly CheckDefinition ManagedServicesPreferred = CheckDefinition.Manual(
            "SEC07.ManagedServicesPreferred",
            "Workloads run on managed services where one fits, so AWS patches and hardens the operating systems beneath them.",
            "Every EC2 instance is an operating system the account must patch, harden and watch; where Lambda, Fargate, RDS or another managed service fits a workload, AWS carries that work and the attack surface that comes with it. No API shows whether a service would fit, so a person answers this check.",
            "With each workload's owner, record whether a managed service (Lambda, ECS or EKS on Fargate, RDS or Aurora, ElastiCache, OpenSearch Service, Amazon MQ) could run what now runs on EC2, plan the move where one can, and write down why the remaining instances are needed; then attest with -AttestationPath.",
            new[] { "SEC06-BP03" });

        public static readonly CheckDefinition EcrImageScanning = new CheckDefinition(
            "SEC07.EcrImageScanning",
            "Every ECR repository's images are scanned for vulnerabilities when pushed (or continuously).",
            Severity.Medium,
            "AWS::ECR::Repository",
            "Container images carry their own operating system packages and libraries; without a scan on push, a known-vulnerable image goes from the registry to production with nobody told. The registry's scanning configuration decides (GetRegistryScanningConfiguration): with enhanced scanning a repository is scanned when a rule's filters match it; with basic scanning when a SCAN_ON_PUSH rule matches it or the repository's own scanOnPush is on.",
            "Scan every repository on push at the registry level: aws ecr put-registry-scanning-configuration --scan-type ENHANCED --rules '[{\"scanFrequency\":\"CONTINUOUS_SCAN\",\"repositoryFilters\":[{\"filter\":\"*\",\"filterType\":\"WILDCARD\"}]}]' (enhanced scanning uses Amazon Inspector; --scan-type BASIC with SCAN_ON_PUSH is the free alternative).",
            new[] { "SEC06-BP01", "SEC06-BP04", "SEC11-BP02", "SEC01-BP06" },
            Array.Empty<string>(),
            new[] { "ecr:DescribeRepositories", "ecr:GetRegistryScanningConfiguration" },
            powerShell: "Write-ECRRegistryScanningConfiguration -ScanType ENHANCED -Rule @{ScanFrequency='CONTINUOUS_SCAN'; RepositoryFilters=@(@{Filter='*'; FilterType='WILDCARD'})}");

        public static readonly CheckDefinition EcrImageFindings = new CheckDefinition(
            "SEC07.EcrImageFindings",
            "The most recently pushed image of every ECR repository has no CRITICAL or HIGH vulnerability findings.",
            Severity.High,
            "AWS::ECR::Repository",
            "Scanning only helps when its results are acted on: an image with CRITICAL or HIGH findings carries known, often remotely exploitable, vulnerabilities in its packages into every task or pod that runs it. The check reads the scan of each repository's most recently pushed image (DescribeImages, then DescribeImageScanFindings for that image) and fails on any CRITICAL or HIGH count, naming every severity counted. An image never scanned, or whose scan has not completed (IN_PROGRESS, FAILED, UNSUPPORTED_IMAGE, SCAN_ELIGIBILITY_EXPIRED …), is NotApplicable with the status in the reason: there are no results to judge, and SEC07.EcrImageScanning judges whether pushes are scanned. An empty repository is NotApplicable.",
            "Rebuild the image on a patched base image or with updated packages, push it and redeploy what runs it; list the findings first with aws ecr describe-image-scan-findings --repository-name <repository> --image-id imageDigest=<image-digest> --region <region>, and once nothing runs the old image remove it: aws ecr batch-delete-image --repository-name <repository> --image-ids imageDigest=<image-digest> --region <region>.",
            new[] { "SEC06-BP01", "SEC11-BP02" },
            Array.Empty<string>(),
            new[] { "ecr:DescribeRepositories", "ecr:DescribeImages", "ecr:DescribeImageScanFindings" },
            powerShell: "Get-ECRImageScanFinding -RepositoryName '<repository>' -ImageId_ImageDigest '<image-digest>' -Region '<region>'; Remove-ECRImageBatch -RepositoryName '<repository>' -ImageId @{ImageDigest='<image-digest>'} -Region '<region>'");

        public static readonly QuestionDefinition Question = new QuestionDefinition(
            "SEC07",
            "How do you protect the integrity of the operating system on your Amazon EC2 instances?",
            "InfrastructureProtection",
            "Test-WASInstanceIntegrity",
            new[] { InstanceManagedBySsm, InstancePatchCompliant, InstanceAmiApproved, InstanceAmiCurrent, InternetFacingInstanceRole, ManagedServicesPreferred, EcrImageScanning, EcrImageFindings },
            new[]
            {
                new SettingDefinition(
                    ApprovedAmiOwners,
                    typeof(string[]),
                    new[] { "amazon" },
                    "AMI owners besides the account itself whose images SEC07.InstanceAmiApproved accepts: account ids, or owner aliases as DescribeImages reports them in ImageOwnerAlias (amazon, aws-marketplace)."),
                new SettingDefinition(MaxAmiAgeDays, typeof(int), 180, "Days since an AMI's CreationDate after which SEC07.InstanceAmiCurrent fails an instance running it."),
            },
            () => new Sec07InstanceIntegrity());
    }
}
