using System;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Checks;
using WASecurity.Settings;

namespace WASecurity.Checks.Sec04
{
    /// <summary>SEC 4 — How do you detect and investigate security events? (capturing and analysing logs).</summary>
    internal static class Sec04Catalog
    {
        public const string TrailLogRetentionDays = nameof(TrailLogRetentionDays);
        public const string LogGroupRetentionDays = nameof(LogGroupRetentionDays);
        public const string TrailDeliveryMaxAgeHours = nameof(TrailDeliveryMaxAgeHours);

        private const string Account = "AWS::::Account";
        private const string Trail = "AWS::CloudTrail::Trail";
        private const string Bucket = "AWS::S3::Bucket";
        private static readonly string[] Configure = { "SEC04-BP01" };
        private static readonly string[] Central = { "SEC04-BP01", "SEC04-BP02" };
        private static readonly string[] Actionable = { "SEC04-BP02", "SEC04-BP03", "SEC04-BP04" };
        private static readonly string[] TrailActions = { "cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors" };

        private const string TrailHowTo =
            "The trail description comes from DescribeTrails in every covered region (shadow trails included, de-duplicated by ARN); its status and event selectors are read in its home region.";

        public static readonly CheckDefinition CloudTrailMultiRegion = new CheckDefinition(
            "SEC04.CloudTrailMultiRegion",
            "At least one multi-region CloudTrail trail is logging and records read and write management events.",
            Severity.High,
            Account,
            "Without an account-wide record of API calls there is nothing to investigate an incident with; a single-region trail misses activity in every other region, including the ones nobody watches. " + TrailHowTo,
            "aws cloudtrail create-trail --name management-events --s3-bucket-name <log-bucket> --is-multi-region-trail --enable-log-file-validation --kms-key-id <key-arn>; aws cloudtrail put-event-selectors --trail-name management-events --event-selectors '[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}]'; aws cloudtrail start-logging --name management-events",
            Configure,
            new[] { "3.0/3.1", "7.0/4.1" },
            TrailActions,
            powerShell: "New-CTTrail -Name management-events -S3BucketName '<log-bucket>' -IsMultiRegionTrail $true -EnableLogFileValidation $true -KmsKeyId '<key-arn>'; Write-CTEventSelector -TrailName management-events -EventSelector @{ReadWriteType='All'; IncludeManagementEvents=$true}; Start-CTLogging -Name management-events");

        public static readonly CheckDefinition OrganizationTrail = new CheckDefinition(
            "SEC04.OrganizationTrail",
            "The organization has an organization trail: multi-region, logging, recording every account's read and write management events.",
            Severity.Medium,
            Account,
            "An organization trail is created once, in the management account or a delegated administrator, and records every member account, including new ones, into one bucket that member accounts cannot change or stop; per-account trails can be deleted by each account's administrators and are missing in new accounts until someone adds them. Member accounts see it as a shadow trail, so any account of the organization can judge it. Outside an organization the check is NotApplicable. An organization-level check: a multi-account run assesses it once, in the account it started from. " + TrailHowTo,
            "From the management account (or the CloudTrail delegated administrator), after aws organizations enable-aws-service-access --service-principal cloudtrail.amazonaws.com: aws cloudtrail create-trail --name organization-events --s3-bucket-name <log-bucket> --is-multi-region-trail --is-organization-trail --enable-log-file-validation --kms-key-id <key-arn>; aws cloudtrail start-logging --name organization-events",
            Central,
            Array.Empty<string>(),
            new[] { "organizations:DescribeOrganization", "cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors" },
            powerShell: "New-CTTrail -Name organization-events -S3BucketName '<log-bucket>' -IsMultiRegionTrail $true -IsOrganizationTrail $true -EnableLogFileValidation $true -KmsKeyId '<key-arn>'; Start-CTLogging -Name organization-events");

        public static readonly CheckDefinition TrailLogFileValidation = new CheckDefinition(
            "SEC04.TrailLogFileValidation",
            "The trail has log file integrity validation enabled.",
            Severity.Medium,
            Trail,
            "Digest files let an investigator prove that log files were not changed or deleted after CloudTrail delivered them. " + TrailHowTo,
            "aws cloudtrail update-trail --name <trail> --enable-log-file-validation",
            Configure,
            new[] { "3.0/3.2", "7.0/4.2" },
            new[] { "cloudtrail:DescribeTrails" },
            powerShell: "Update-CTTrail -Name '<trail>' -EnableLogFileValidation $true");

        public static readonly CheckDefinition TrailKmsEncryption = new CheckDefinition(
            "SEC04.TrailKmsEncryption",
            "The trail encrypts its log files with a KMS key.",
            Severity.Medium,
            Trail,
            "With SSE-KMS, reading the logs needs kms:Decrypt on a key the security team controls, on top of s3:GetObject, and every decryption is itself logged. " + TrailHowTo,
            "aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn> (the key policy must allow cloudtrail.amazonaws.com to GenerateDataKey*)",
            Configure,
            new[] { "3.0/3.5", "7.0/4.5" },
            new[] { "cloudtrail:DescribeTrails" },
            powerShell: "Update-CTTrail -Name '<trail>' -KmsKeyId '<key-arn>'");

        public static readonly CheckDefinition TrailCloudWatchDelivery = new CheckDefinition(
            "SEC04.TrailCloudWatchDelivery",
            "The trail delivers its events to CloudWatch Logs and did so recently.",
            Severity.Medium,
            Trail,
            "Metric filters and alarms on API activity need the events in CloudWatch Logs; a delivery that stopped (a deleted role, a deleted log group) silently blinds every alarm. The last delivery must be within the TrailDeliveryMaxAgeHours setting. " + TrailHowTo,
            "aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn>",
            Central,
            Array.Empty<string>(),
            new[] { "cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus" },
            new[] { TrailDeliveryMaxAgeHours },
            powerShell: "Update-CTTrail -Name '<trail>' -CloudWatchLogsLogGroupArn '<log-group-arn>' -CloudWatchLogsRoleArn '<role-arn>'");

        public static readonly CheckDefinition TrailBucketAccessLogging = new CheckDefinition(
            "SEC04.TrailBucketAccessLogging",
            "The S3 bucket that receives CloudTrail logs has server access logging enabled.",
            Severity.Medium,
            Bucket,
            "Access logs on the log bucket show who read or tried to delete the audit trail itself.",
            "aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"<access-log-bucket>\",\"TargetPrefix\":\"<trail-bucket>/\"}}'",
            Configure,
            new[] { "3.0/3.4", "7.0/4.4" },
            new[] { "cloudtrail:DescribeTrails", "s3:GetBucketLogging" },
            powerShell: "Write-S3BucketLogging -BucketName '<trail-bucket>' -LoggingConfig_TargetBucketName '<access-log-bucket>' -LoggingConfig_TargetPrefix '<trail-bucket>/'");

        public static readonly CheckDefinition TrailBucketNotPublic = new CheckDefinition(
            "SEC04.TrailBucketNotPublic",
            "The S3 bucket that receives CloudTrail logs is not publicly accessible.",
            Severity.Critical,
            Bucket,
            "Audit logs describe the whole account: who does what, from where, with which resources. A public log bucket hands that map to anyone. The decision uses S3's own policy status (GetBucketPolicyStatus; when it is unavailable, the bucket policy judged by the module's resource policy analyzer), the bucket ACL's grants to AllUsers and AuthenticatedUsers, and the bucket's and account's Block Public Access.",
            "aws s3api put-public-access-block --bucket <trail-bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
            Configure,
            Array.Empty<string>(),
            new[] { "cloudtrail:DescribeTrails", "s3:GetBucketPolicyStatus", "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:GetBucketPublicAccessBlock", "s3:GetAccountPublicAccessBlock" },
            powerShell: "Add-S3PublicAccessBlock -BucketName '<trail-bucket>' -PublicAccessBlockConfiguration_BlockPublicAcl $true -PublicAccessBlockConfiguration_IgnorePublicAcl $true -PublicAccessBlockConfiguration_BlockPublicPolicy $true -PublicAccessBlockConfiguration_RestrictPublicBucket $true");

        public static readonly CheckDefinition TrailBucketImmutable = new CheckDefinition(
            "SEC04.TrailBucketImmutable",
            "The S3 bucket that receives CloudTrail logs protects them from deletion with Object Lock or versioning with MFA delete.",
            Severity.Medium,
            Bucket,
            "Logs are evidence only if an intruder with the account's credentials cannot erase them; Object Lock (or versioning with MFA delete) keeps every delivered log file.",
            "Create the log bucket with Object Lock: aws s3api create-bucket --bucket <trail-bucket> --object-lock-enabled-for-bucket, then aws s3api put-object-lock-configuration --bucket <trail-bucket> --object-lock-configuration '{\"ObjectLockEnabled\":\"Enabled\",\"Rule\":{\"DefaultRetention\":{\"Mode\":\"GOVERNANCE\",\"Days\":365}}}' (or, as the root user with MFA: aws s3api put-bucket-versioning --bucket <trail-bucket> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa '<serial> <code>').",
            Configure,
            Array.Empty<string>(),
            new[] { "cloudtrail:DescribeTrails", "s3:GetBucketVersioning", "s3:GetBucketObjectLockConfiguration" },
            powerShell: "New-S3Bucket -BucketName '<trail-bucket>' -ObjectLockEnabledForBucket $true; Write-S3ObjectLockConfiguration -BucketName '<trail-bucket>' -ObjectLockConfiguration_ObjectLockEnabled Enabled -ObjectLockRuleDefaultRetention_Mode GOVERNANCE -ObjectLockRuleDefaultRetention_Day 365");

        public static readonly CheckDefinition TrailBucketLifecycleRetention = new CheckDefinition(
            "SEC04.TrailBucketLifecycleRetention",
            "The S3 bucket that receives CloudTrail logs keeps them at least as long as the retention setting.",
            Severity.Medium,
            Bucket,
            "Investigations and audits look back months; a lifecycle rule that expires log files early destroys the evidence. No lifecycle expiration means the logs are kept. The minimum is the TrailLogRetentionDays setting.",
            "aws s3api put-bucket-lifecycle-configuration --bucket <trail-bucket> --lifecycle-configuration file://lifecycle.json (expire AWSLogs/ no earlier than the retention setting; transition to Glacier to save cost instead of expiring).",
            Configure,
            Array.Empty<string>(),
            new[] { "cloudtrail:DescribeTrails", "s3:GetLifecycleConfiguration" },
            new[] { TrailLogRetentionDays },
            powerShell: "Write-S3LifecycleConfiguration -BucketName '<trail-bucket>' -Configuration_Rule $rules  # $rules: Amazon.S3.Model.LifecycleRule objects expiring AWSLogs/ no earlier than the retention setting");

        public static readonly CheckDefinition S3DataEventsWrite = new CheckDefinition(
            "SEC04.S3DataEventsWrite",
            "A logging multi-region trail records S3 object-level write events for all buckets.",
            Severity.Medium,
            Account,
            "Management events do not show object uploads, overwrites or deletions; without write data events a ransomware-style deletion of objects leaves no trace. " + TrailHowTo,
            "aws cloudtrail put-event-selectors --trail-name <trail> --advanced-event-selectors '[{\"Name\":\"Management\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}]},{\"Name\":\"S3 objects\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Data\"]},{\"Field\":\"resources.type\",\"Equals\":[\"AWS::S3::Object\"]}]}]'",
            Configure,
            new[] { "3.0/3.8", "7.0/4.8" },
            TrailActions,
            powerShell: "Write-CTEventSelector -TrailName '<trail>' -AdvancedEventSelector @(@{Name='Management'; FieldSelectors=@(@{Field='eventCategory'; Equals=@('Management')})}, @{Name='S3 objects'; FieldSelectors=@(@{Field='eventCategory'; Equals=@('Data')}, @{Field='resources.type'; Equals=@('AWS::S3::Object')})})");

        public static readonly CheckDefinition S3DataEventsRead = new CheckDefinition(
            "SEC04.S3DataEventsRead",
            "A logging multi-region trail records S3 object-level read events for all buckets.",
            Severity.Low,
            Account,
            "Read data events show which objects were downloaded, and by whom: the record that sizes a data breach. " + TrailHowTo,
            "aws cloudtrail put-event-selectors --trail-name <trail> --advanced-event-selectors '[{\"Name\":\"Management\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}]},{\"Name\":\"S3 objects\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Data\"]},{\"Field\":\"resources.type\",\"Equals\":[\"AWS::S3::Object\"]}]}]'",
            Configure,
            new[] { "3.0/3.9", "7.0/4.9" },
            TrailActions,
            powerShell: "Write-CTEventSelector -TrailName '<trail>' -AdvancedEventSelector @(@{Name='Management'; FieldSelectors=@(@{Field='eventCategory'; Equals=@('Management')})}, @{Name='S3 objects'; FieldSelectors=@(@{Field='eventCategory'; Equals=@('Data')}, @{Field='resources.type'; Equals=@('AWS::S3::Object')})})");

        public static readonly CheckDefinition ConfigRecorderAllResources = new CheckDefinition(
            "SEC04.ConfigRecorderAllResources",
            "AWS Config records all supported resource types in the region and its last recording did not fail.",
            Severity.Medium,
            Account,
            "Config's configuration history answers 'what did this look like when it happened'; a region without a recorder is where unnoticed resources live. One finding per region.",
            "aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<config-role-arn> --recording-group allSupported=true,includeGlobalResourceTypes=true; aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<bucket>; aws configservice start-configuration-recorder --configuration-recorder-name default",
            Central,
            new[] { "3.0/3.3", "7.0/4.3" },
            new[] { "config:DescribeConfigurationRecorders", "config:DescribeConfigurationRecorderStatus" },
            powerShell: "Write-CFGConfigurationRecorder -ConfigurationRecorderName default -ConfigurationRecorder_RoleARN '<config-role-arn>' -RecordingGroup_AllSupported $true -RecordingGroup_IncludeGlobalResourceType $true; Write-CFGDeliveryChannel -DeliveryChannelName default -DeliveryChannel_S3BucketName '<bucket>'; Start-CFGConfigurationRecorder -ConfigurationRecorderName default");

        public static readonly CheckDefinition GuardDutyEnabled = new CheckDefinition(
            "SEC04.GuardDutyEnabled",
            "Amazon GuardDuty has an enabled detector in the region.",
            Severity.High,
            Account,
            "GuardDuty analyses CloudTrail, VPC flow and DNS logs for known attack patterns (credential exfiltration, crypto-mining, reconnaissance); an attacker starts in the region nobody enabled it in. One finding per region.",
            "aws guardduty create-detector --enable --region <region> (or enable it for the whole organization from the delegated administrator)",
            new[] { "SEC04-BP01", "SEC04-BP02", "SEC05-BP04", "SEC09-BP04" },
            Array.Empty<string>(),
            new[] { "guardduty:ListDetectors", "guardduty:GetDetector" },
            powerShell: "New-GDDetector -Enable $true -Region '<region>'");

        public static readonly CheckDefinition SecurityHubEnabled = new CheckDefinition(
            "SEC04.SecurityHubEnabled",
            "AWS Security Hub is enabled in the region.",
            Severity.Medium,
            Account,
            "Security Hub gathers GuardDuty, Inspector, Config and partner findings in one place and runs the security standards' controls continuously. One finding per region.",
            "aws securityhub enable-security-hub --enable-default-standards --region <region>",
            Central,
            new[] { "3.0/4.16", "7.0/5.16" },
            new[] { "securityhub:DescribeHub" },
            powerShell: "Enable-SHUBSecurityHub -EnableDefaultStandard $true -Region '<region>'");

        public static readonly CheckDefinition VpcFlowLogs = new CheckDefinition(
            "SEC04.VpcFlowLogs",
            "The VPC has an active flow log that captures at least rejected traffic.",
            Severity.Medium,
            "AWS::EC2::VPC",
            "Flow logs are the network record of an investigation: which hosts talked to which, and what was turned away.",
            "aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type ALL --log-destination-type cloud-watch-logs --log-group-name vpc-flow-logs --deliver-logs-permission-arn <role-arn>",
            new[] { "SEC04-BP01", "SEC05-BP04", "SEC09-BP04" },
            new[] { "3.0/3.7", "7.0/4.7" },
            new[] { "ec2:DescribeVpcs", "ec2:DescribeFlowLogs" },
            powerShell: "New-EC2FlowLog -ResourceType VPC -ResourceId '<vpc-id>' -TrafficType ALL -LogDestinationType cloud-watch-logs -LogGroupName vpc-flow-logs -DeliverLogsPermissionArn '<role-arn>'");

        public static readonly CheckDefinition LogGroupRetention = new CheckDefinition(
            "SEC04.LogGroupRetention",
            "The CloudWatch log group keeps its events at least as long as the retention setting.",
            Severity.Low,
            "AWS::Logs::LogGroup",
            "A short retention quietly deletes the events an investigation needs; never-expire passes. The minimum is the LogGroupRetentionDays setting.",
            "aws logs put-retention-policy --log-group-name <log-group> --retention-in-days 365",
            Configure,
            Array.Empty<string>(),
            new[] { "logs:DescribeLogGroups" },
            new[] { LogGroupRetentionDays },
            powerShell: "Write-CWLRetentionPolicy -LogGroupName '<log-group>' -RetentionInDays 365");

        public static readonly CheckDefinition LoadBalancerAccessLogs = new CheckDefinition(
            "SEC04.LoadBalancerAccessLogs",
            "The Application or classic load balancer writes access logs.",
            Severity.Medium,
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "Access logs are the only record of who sent which request to the workload behind the load balancer: client address, path, TLS version, response and timing. Without them an attack through the front door leaves no trace. Application load balancers (DescribeLoadBalancerAttributes: access_logs.s3.enabled) and classic load balancers (AccessLog.Enabled) are judged; Network load balancers log only TLS listeners and Gateway load balancers none, so they are not.",
            "aws elbv2 modify-load-balancer-attributes --load-balancer-arn <load-balancer-arn> --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<log-bucket> (classic: aws elb modify-load-balancer-attributes --load-balancer-name <load-balancer> --load-balancer-attributes 'AccessLog={Enabled=true,S3BucketName=<log-bucket>,EmitInterval=5}'); the bucket policy must let the region's Elastic Load Balancing account write.",
            Configure,
            new[] { "7.0/4.10" },
            new[] { "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes" },
            powerShell: "Edit-ELB2LoadBalancerAttribute -LoadBalancerArn '<load-balancer-arn>' -Attribute @{Key='access_logs.s3.enabled'; Value='true'}, @{Key='access_logs.s3.bucket'; Value='<log-bucket>'}  # classic: Edit-ELBLoadBalancerAttribute -LoadBalancerName '<load-balancer>' -AccessLog_Enabled $true -AccessLog_S3BucketName '<log-bucket>'");

        public static readonly CheckDefinition BucketServerAccessLogging = new CheckDefinition(
            "SEC04.BucketServerAccessLogging",
            "Every S3 bucket writes server access logs.",
            Severity.Low,
            Bucket,
            "Server access logs record every request made to a bucket's objects (requester, operation, key, status), including anonymous and denied requests that CloudTrail data events do not show; without them, who read a leaked object cannot be answered. A bucket that is itself the log destination of other buckets is NotApplicable: logging it would log its own log deliveries. SEC04.S3DataEventsRead and SEC04.S3DataEventsWrite judge the CloudTrail alternative.",
            "aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"<access-log-bucket>\",\"TargetPrefix\":\"<bucket>/\"}}' (the log bucket's policy must allow logging.s3.amazonaws.com to write)",
            Configure,
            Array.Empty<string>(),
            new[] { "s3:ListAllMyBuckets", "s3:GetBucketLogging" },
            powerShell: "Write-S3BucketLogging -BucketName '<bucket>' -LoggingConfig_TargetBucketName '<access-log-bucket>' -LoggingConfig_TargetPrefix '<bucket>/'");

        public static readonly CheckDefinition CloudFrontAccessLogs = new CheckDefinition(
            "SEC04.CloudFrontAccessLogs",
            "Every enabled CloudFront distribution writes access logs.",
            Severity.Medium,
            "AWS::CloudFront::Distribution",
            "CloudFront answers requests at the edge, so the origin's own logs never see what it served from cache or refused; the distribution's access logs are the only record of who requested what. Standard logging to S3 (the configuration's Logging.Enabled) and standard logging v2 through CloudWatch Logs' delivery API (an ACCESS_LOGS delivery source in us-east-1 naming the distribution) both pass.",
            "Deliver the logs through CloudWatch Logs (standard logging v2), in us-east-1: aws logs put-delivery-source --name cf-<distribution-id> --resource-arn <distribution-arn> --log-type ACCESS_LOGS --region us-east-1; aws logs put-delivery-destination --name cf-access-logs --delivery-destination-configuration destinationResourceArn=<log-bucket-arn> --region us-east-1; aws logs create-delivery --delivery-source-name cf-<distribution-id> --delivery-destination-arn <delivery-destination-arn> --region us-east-1",
            Configure,
            new[] { "7.0/4.10" },
            new[] { "cloudfront:ListDistributions", "cloudfront:GetDistributionConfig", "logs:DescribeDeliverySources" },
            powerShell: "Write-CWLDeliverySource -Name 'cf-<distribution-id>' -ResourceArn '<distribution-arn>' -LogType ACCESS_LOGS -Region us-east-1; $destination = Write-CWLDeliveryDestination -Name 'cf-access-logs' -DeliveryDestinationConfiguration_DestinationResourceArn '<log-bucket-arn>' -Region us-east-1; New-CWLDelivery -DeliverySourceName 'cf-<distribution-id>' -DeliveryDestinationArn $destination.Arn -Region us-east-1");

        public static readonly CheckDefinition ApiGatewayAccessLogs = new CheckDefinition(
            "SEC04.ApiGatewayAccessLogs",
            "Every stage of a REST API in API Gateway writes access logs.",
            Severity.Medium,
            "AWS::ApiGateway::Stage",
            "Access logs record each request an API stage answers (caller address, identity, method, path, status), the record an investigation of abuse through the API needs. Execution logging is a debugging aid that samples the integration's behaviour, not a record of callers, so only access logging (accessLogSettings.destinationArn, to CloudWatch Logs or Firehose) passes; the finding also says the execution logging level. HTTP and WebSocket APIs (API Gateway v2) are judged by SEC04.ApiGatewayV2AccessLogs.",
            "Create a log group and give API Gateway's account-level CloudWatch role (aws apigateway update-account) permission to write, then: aws apigateway update-stage --rest-api-id <rest-api-id> --stage-name <stage> --patch-operations op=replace,path=/accessLogSettings/destinationArn,value=<log-group-arn> 'op=replace,path=/accessLogSettings/format,value=$context.requestId $context.identity.sourceIp $context.identity.caller $context.httpMethod $context.resourcePath $context.status' --region <region>",
            Configure,
            new[] { "7.0/4.10" },
            new[] { "apigateway:GET" },
            powerShell: "Update-AGStage -RestApiId '<rest-api-id>' -StageName '<stage>' -PatchOperation @{Op='replace'; Path='/accessLogSettings/destinationArn'; Value='<log-group-arn>'}, @{Op='replace'; Path='/accessLogSettings/format'; Value='$context.requestId $context.identity.sourceIp $context.httpMethod $context.resourcePath $context.status'} -Region '<region>'");

        public static readonly CheckDefinition ApiGatewayV2AccessLogs = new CheckDefinition(
            "SEC04.ApiGatewayV2AccessLogs",
            "Every stage of an HTTP or WebSocket API in API Gateway writes access logs.",
            Severity.Medium,
            "AWS::ApiGatewayV2::Stage",
            "HTTP and WebSocket APIs (API Gateway v2) keep no record of their callers unless a stage sends access logs to CloudWatch Logs (AccessLogSettings.DestinationArn): the caller address, identity, route, status and request id an investigation of abuse through the API needs. Each stage of each API of GetApis is judged from GetStages; REST APIs are judged by SEC04.ApiGatewayAccessLogs.",
            "Create a log group (API Gateway v2 writes with its service-linked role), then: aws apigatewayv2 update-stage --api-id <api-id> --stage-name <stage> --access-log-settings 'DestinationArn=<log-group-arn>,Format=$context.requestId $context.identity.sourceIp $context.routeKey $context.status' --region <region>",
            Configure,
            Array.Empty<string>(),
            new[] { "apigateway:GET" },
            powerShell: "Update-AG2Stage -ApiId '<api-id>' -StageName '<stage>' -AccessLogSettings_DestinationArn '<log-group-arn>' -AccessLogSettings_Format '$context.requestId $context.identity.sourceIp $context.routeKey $context.status' -Region '<region>'");

        /// <summary>CIS 3.0 4.1–4.15 (7.0 5.1–5.15, the same controls renumbered), in control order.</summary>
        public static readonly IReadOnlyList<MonitoredEvent> MonitoredEvents = new[]
        {
            Monitor("UnauthorizedApiCalls", "unauthorized API calls", "4.1", "5.1", Severity.Medium, "UnauthorizedAPICalls", MonitoredEventPatterns.UnauthorizedApiCalls),
            Monitor("ConsoleSignInWithoutMfa", "console sign-ins without MFA", "4.2", "5.2", Severity.Medium, "ConsoleSigninWithoutMFA", MonitoredEventPatterns.ConsoleSignInWithoutMfa),
            Monitor("RootUsage", "use of the root user", "4.3", "5.3", Severity.High, "RootAccountUsage", MonitoredEventPatterns.RootUsage),
            Monitor("IamPolicyChanges", "IAM policy changes", "4.4", "5.4", Severity.Medium, "IAMPolicyChanges", MonitoredEventPatterns.IamPolicyChanges),
            Monitor("CloudTrailChanges", "CloudTrail configuration changes", "4.5", "5.5", Severity.Medium, "CloudTrailChanges", MonitoredEventPatterns.CloudTrailChanges),
            Monitor("ConsoleAuthenticationFailures", "console authentication failures", "4.6", "5.6", Severity.Low, "ConsoleAuthenticationFailures", MonitoredEventPatterns.ConsoleAuthenticationFailures),
            Monitor("CmkDeletion", "disabling or scheduled deletion of customer managed KMS keys", "4.7", "5.7", Severity.Medium, "DisableOrDeleteCMK", MonitoredEventPatterns.CmkDisabledOrScheduledForDeletion),
            Monitor("S3BucketPolicyChanges", "S3 bucket policy changes", "4.8", "5.8", Severity.Medium, "S3BucketPolicyChanges", MonitoredEventPatterns.S3BucketPolicyChanges),
            Monitor("ConfigChanges", "AWS Config configuration changes", "4.9", "5.9", Severity.Low, "AWSConfigChanges", MonitoredEventPatterns.ConfigChanges),
            Monitor("SecurityGroupChanges", "security group changes", "4.10", "5.10", Severity.Low, "SecurityGroupChanges", MonitoredEventPatterns.SecurityGroupChanges),
            Monitor("NetworkAclChanges", "network ACL changes", "4.11", "5.11", Severity.Low, "NACLChanges", MonitoredEventPatterns.NetworkAclChanges),
            Monitor("NetworkGatewayChanges", "network gateway changes", "4.12", "5.12", Severity.Low, "NetworkGatewayChanges", MonitoredEventPatterns.NetworkGatewayChanges),
            Monitor("RouteTableChanges", "route table changes", "4.13", "5.13", Severity.Low, "RouteTableChanges", MonitoredEventPatterns.RouteTableChanges),
            Monitor("VpcChanges", "VPC changes", "4.14", "5.14", Severity.Low, "VPCChanges", MonitoredEventPatterns.VpcChanges),
            Monitor("OrganizationsChanges", "AWS Organizations changes", "4.15", "5.15", Severity.Low, "OrganizationsChanges", MonitoredEventPatterns.OrganizationsChanges),
        };

        public static readonly QuestionDefinition Question = new QuestionDefinition(
            "SEC04",
            "How do you detect and investigate security events?",
            "DetectiveControls",
            "Test-WASLogging",
            new[]
            {
                CloudTrailMultiRegion, OrganizationTrail, TrailLogFileValidation, TrailKmsEncryption, TrailCloudWatchDelivery,
                TrailBucketAccessLogging, TrailBucketNotPublic, TrailBucketImmutable, TrailBucketLifecycleRetention,
                S3DataEventsWrite, S3DataEventsRead, ConfigRecorderAllResources, GuardDutyEnabled, SecurityHubEnabled,
                VpcFlowLogs, LogGroupRetention, LoadBalancerAccessLogs, ApiGatewayAccessLogs, ApiGatewayV2AccessLogs, BucketServerAccessLogging, CloudFrontAccessLogs,
            }.Concat(MonitoredEvents.Select(m => m.Check)).ToList(),
            new[]
            {
                new SettingDefinition(TrailLogRetentionDays, typeof(int), 365, "Days that lifecycle rules on a CloudTrail log bucket must keep log files at least (SEC04.TrailBucketLifecycleRetention)."),
                new SettingDefinition(LogGroupRetentionDays, typeof(int), 365, "Days that a CloudWatch log group must keep events at least; never-expire passes (SEC04.LogGroupRetention)."),
                new SettingDefinition(TrailDeliveryMaxAgeHours, typeof(int), 24, "Hours since a trail's last CloudWatch Logs delivery beyond which SEC04.TrailCloudWatchDelivery fails."),
            },
            () => new Sec04Logging());

        private static MonitoredEvent Monitor(string name, string what, string cis, string cis70, Severity severity, string metric, string pattern)
        {
            var check = new CheckDefinition(
                "SEC04.Alarm" + name,
                $"A metric filter and alarm with a confirmed SNS subscriber watch for {what}.",
                severity,
                Account,
                $"CIS 3.0 {cis} (7.0 {cis70}): someone must hear about {what} when it happens, not at the next audit. The check looks for a metric filter on the CloudWatch Logs group of a logging, multi-region trail with read and write management events, whose pattern covers the benchmark's pattern term by term (other spacing, order or a broader filter qualify), an alarm on the filter's metric, and an SNS topic among the alarm's actions with at least one confirmed subscription.",
                $"aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name {metric} --metric-transformations metricName={metric},metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '{pattern}'; aws cloudwatch put-metric-alarm --alarm-name {metric} --metric-name {metric} --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions <sns-topic-arn>; aws sns subscribe --topic-arn <sns-topic-arn> --protocol email --notification-endpoint <security@example.com>",
                Actionable,
                new[] { "3.0/" + cis, "7.0/" + cis70 },
                new[] { "cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors", "logs:DescribeMetricFilters", "cloudwatch:DescribeAlarms", "sns:ListSubscriptionsByTopic" },
                powerShell: $"Write-CWLMetricFilter -LogGroupName '<trail-log-group>' -FilterName {metric} -FilterPattern '{pattern}' -MetricTransformation @{{MetricName='{metric}'; MetricNamespace='CISBenchmark'; MetricValue='1'}}; Write-CWMetricAlarm -AlarmName {metric} -MetricName {metric} -Namespace CISBenchmark -Statistic Sum -Period 300 -Threshold 1 -ComparisonOperator GreaterThanOrEqualToThreshold -EvaluationPeriod 1 -AlarmAction '<sns-topic-arn>'; Connect-SNSNotification -TopicArn '<sns-topic-arn>' -Protocol email -Endpoint '<security@example.com>'");
            return new MonitoredEvent(check, metric, pattern);
        }
    }
}
