using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using System.Text.RegularExpressions;
using WASecurity.Catalog;
using WASecurity.Checks;
using Xunit;

namespace WASecurity.Tests.Catalog
{
    /// <summary>
    /// Every fix that is an AWS CLI call also comes as AWS Tools for PowerShell commands, and those commands are
    /// valid PowerShell that names only cmdlets and parameters that exist.
    /// </summary>
    public sealed class RemediationPowerShellTests
    {
        /// <summary>
        /// The AWS Tools for PowerShell cmdlets the catalog may name, with the parameters it may give them, spelled as
        /// the AWS Tools cmdlet reference (docs.aws.amazon.com/powershell/latest/reference) and its code examples spell
        /// them; where a page could not be read, as the same module's documented cmdlets name the same API members
        /// (flattened structures as <c>Structure_Member</c>). A typo in a catalog line, or a cmdlet nobody looked up,
        /// fails the test.
        /// </summary>
        private static readonly Dictionary<string, string[]> AwsTools = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["Add-ORGPolicy"] = new[] { "PolicyId", "TargetId" },
            ["Add-S3CPublicAccessBlock"] = new[] { "AccountId", "PublicAccessBlockConfiguration_BlockPublicAcl", "PublicAccessBlockConfiguration_IgnorePublicAcl", "PublicAccessBlockConfiguration_BlockPublicPolicy", "PublicAccessBlockConfiguration_RestrictPublicBucket" },
            ["Add-S3PublicAccessBlock"] = new[] { "BucketName", "PublicAccessBlockConfiguration_BlockPublicAcl", "PublicAccessBlockConfiguration_IgnorePublicAcl", "PublicAccessBlockConfiguration_BlockPublicPolicy", "PublicAccessBlockConfiguration_RestrictPublicBucket" },
            ["Confirm-ORGHandshake"] = new[] { "HandshakeId" },
            ["Connect-SNSNotification"] = new[] { "TopicArn", "Protocol", "Endpoint" },
            ["Copy-EC2Snapshot"] = new[] { "SourceSnapshotId", "SourceRegion", "Encrypted", "KmsKeyId" },
            ["Copy-RDSDBSnapshot"] = new[] { "SourceDBSnapshotIdentifier", "TargetDBSnapshotIdentifier", "KmsKeyId" },
            ["Disable-IAMMFADevice"] = new[] { "UserName", "SerialNumber" },
            ["Edit-EC2EbsDefaultKmsKeyId"] = new[] { "KmsKeyId" },
            ["Edit-EC2ImageAttribute"] = new[] { "ImageId", "LaunchPermission_Remove" },
            ["Edit-EC2InstanceAttribute"] = new[] { "InstanceId", "UserData" },
            ["Edit-EC2InstanceMetadataDefault"] = new[] { "HttpToken", "HttpPutResponseHopLimit" },
            ["Edit-EC2InstanceMetadataOption"] = new[] { "InstanceId", "HttpToken", "HttpEndpoint" },
            ["Edit-EC2SnapshotAttribute"] = new[] { "SnapshotId", "Attribute", "OperationType", "GroupName" },
            ["Edit-ELB2Listener"] = new[] { "ListenerArn", "DefaultAction", "SslPolicy" },
            ["Edit-ELB2LoadBalancerAttribute"] = new[] { "LoadBalancerArn", "Attribute" },
            ["Edit-RDSDBClusterSnapshotAttribute"] = new[] { "DBClusterSnapshotIdentifier", "AttributeName", "ValuesToRemove" },
            ["Edit-SSMDocumentPermission"] = new[] { "Name", "PermissionType", "AccountIdsToRemove" },
            ["Edit-RDSDBInstance"] = new[] { "DBInstanceIdentifier", "PubliclyAccessible", "BackupRetentionPeriod", "AutoMinorVersionUpgrade", "ApplyImmediately" },
            ["Edit-RDSDBSnapshotAttribute"] = new[] { "DBSnapshotIdentifier", "AttributeName", "ValuesToRemove" },
            ["Enable-EC2AllowedImagesSetting"] = new[] { "AllowedImagesSettingsState" },
            ["Enable-EC2EbsEncryptionByDefault"] = Array.Empty<string>(),
            ["Enable-EC2ImageBlockPublicAccess"] = new[] { "ImageBlockPublicAccessState" },
            ["Enable-EC2SnapshotBlockPublicAccess"] = new[] { "State" },
            ["Enable-IAMMFADevice"] = new[] { "UserName", "SerialNumber", "AuthenticationCode1", "AuthenticationCode2" },
            ["Enable-KMSKey"] = new[] { "KeyId" },
            ["Enable-KMSKeyRotation"] = new[] { "KeyId", "RotationPeriodInDay" },
            ["Enable-MAC2Macie"] = Array.Empty<string>(),
            ["Enable-GDOrganizationAdminAccount"] = new[] { "AdminAccountId" },
            ["Enable-ORGAWSServiceAccess"] = new[] { "ServicePrincipal" },
            ["Enable-ORGPolicyType"] = new[] { "RootId", "PolicyType" },
            ["Enable-SHUBOrganizationAdminAccount"] = new[] { "AdminAccountId" },
            ["Enable-SHUBSecurityHub"] = new[] { "EnableDefaultStandard" },
            ["Get-ACMCertificateDetail"] = new[] { "CertificateArn" },
            ["Get-EC2RouteTable"] = new[] { "Filter" },
            ["Get-ECRImageScanFinding"] = new[] { "RepositoryName", "ImageId_ImageDigest" },
            ["Get-EC2SecurityGroup"] = new[] { "GroupId" },
            ["Get-IAMAccessKey"] = new[] { "UserName" },
            ["Get-IAMAccessKeyLastUsed"] = new[] { "AccessKeyId" },
            ["Get-IAMRole"] = new[] { "RoleName" },
            ["Get-KMSParametersForImport"] = new[] { "KeyId", "WrappingAlgorithm", "WrappingKeySpec" },
            ["Grant-EC2SecurityGroupIngress"] = new[] { "GroupId", "IpPermission" },
            ["Import-ACMCertificate"] = new[] { "CertificateArn", "Certificate", "PrivateKey", "CertificateChain" },
            ["Import-KMSKeyMaterial"] = new[] { "KeyId", "EncryptedKeyMaterial", "ImportToken", "ExpirationModel" },
            ["Invoke-SECSecretRotation"] = new[] { "SecretId", "RotationLambdaARN", "RotationRules_AutomaticallyAfterDay" },
            ["New-CTTrail"] = new[] { "Name", "S3BucketName", "IsMultiRegionTrail", "IsOrganizationTrail", "EnableLogFileValidation", "KmsKeyId" },
            ["New-EC2FlowLog"] = new[] { "ResourceType", "ResourceId", "TrafficType", "LogDestinationType", "LogGroupName", "DeliverLogsPermissionArn" },
            ["New-EC2Image"] = new[] { "InstanceId", "Name" },
            ["New-EC2NetworkAclEntry"] = new[] { "NetworkAclId", "Egress", "RuleNumber", "Protocol", "PortRange_From", "PortRange_To", "CidrBlock", "RuleAction" },
            ["New-EC2SecurityGroup"] = new[] { "GroupName", "Description", "VpcId" },
            ["New-EC2Snapshot"] = new[] { "VolumeId" },
            ["New-EFSFileSystem"] = new[] { "Encrypted", "KmsKeyId" },
            ["New-GDDetector"] = new[] { "Enable" },
            ["New-IAMAAAnalyzer"] = new[] { "AnalyzerName", "Type" },
            ["New-IAMAccessKey"] = new[] { "UserName" },
            ["New-IAMRole"] = new[] { "RoleName", "AssumeRolePolicyDocument" },
            ["New-IAMSAMLProvider"] = new[] { "Name", "SAMLMetadataDocument" },
            ["New-IAMVirtualMFADevice"] = new[] { "VirtualMFADeviceName" },
            ["New-KMSKey"] = new[] { "Description" },
            ["New-ORGPolicy"] = new[] { "Type", "Name", "Description", "Content" },
            ["New-RDSDBSnapshot"] = new[] { "DBInstanceIdentifier", "DBSnapshotIdentifier" },
            ["New-S3Bucket"] = new[] { "BucketName", "ObjectLockEnabledForBucket" },
            ["New-SMNotebookInstance"] = new[] { "NotebookInstanceName", "InstanceType", "RoleArn", "KmsKeyId" },
            ["Register-CWLKmsKey"] = new[] { "LogGroupName", "KmsKeyId" },
            ["Register-EC2IamInstanceProfile"] = new[] { "InstanceId", "IamInstanceProfile_Name" },
            ["Register-IAMRolePolicy"] = new[] { "RoleName", "PolicyArn" },
            ["Register-ORGDelegatedAdministrator"] = new[] { "AccountId", "ServicePrincipal" },
            ["Register-WAF2WebACL"] = new[] { "WebACLArn", "ResourceArn" },
            ["Update-AGStage"] = new[] { "RestApiId", "StageName", "PatchOperation" },
            ["Update-AG2Stage"] = new[] { "ApiId", "StageName", "AccessLogSettings_DestinationArn", "AccessLogSettings_Format" },
            ["Write-CWLDeliverySource"] = new[] { "Name", "ResourceArn", "LogType" },
            ["Write-CWLDeliveryDestination"] = new[] { "Name", "DeliveryDestinationConfiguration_DestinationResourceArn" },
            ["New-CWLDelivery"] = new[] { "DeliverySourceName", "DeliveryDestinationArn" },
            ["Remove-EC2Snapshot"] = new[] { "SnapshotId" },
            ["Remove-ECRRepositoryPolicy"] = new[] { "RepositoryName" },
            ["Remove-IAMAccessKey"] = new[] { "UserName", "AccessKeyId" },
            ["Remove-IAMLoginProfile"] = new[] { "UserName" },
            ["Remove-IAMRole"] = new[] { "RoleName" },
            ["Remove-IAMServerCertificate"] = new[] { "ServerCertificateName" },
            ["Remove-IAMUserPolicy"] = new[] { "UserName", "PolicyName" },
            ["Remove-ECRImageBatch"] = new[] { "RepositoryName", "ImageId" },
            ["Remove-LMPermission"] = new[] { "FunctionName", "StatementId" },
            ["Remove-SMNotebookInstance"] = new[] { "NotebookInstanceName" },
            ["Remove-S3BucketPolicy"] = new[] { "BucketName" },
            ["Remove-S3BucketReplication"] = new[] { "BucketName" },
            ["Restore-RDSDBInstanceFromDBSnapshot"] = new[] { "DBSnapshotIdentifier", "DBInstanceIdentifier" },
            ["Revoke-EC2SecurityGroupEgress"] = new[] { "GroupId", "IpPermission" },
            ["Revoke-EC2SecurityGroupIngress"] = new[] { "GroupId", "IpPermission" },
            ["Send-SSMCommand"] = new[] { "DocumentName", "Parameter", "Target" },
            ["Set-GLUEDataCatalogEncryptionSetting"] = new[] { "CatalogId", "EncryptionAtRest_CatalogEncryptionMode", "EncryptionAtRest_SseAwsKmsKeyId", "ConnectionPasswordEncryption_ReturnConnectionPasswordEncrypted", "ConnectionPasswordEncryption_AwsKmsKeyId" },
            ["Set-EC2ImageCriteriaInAllowedImagesSetting"] = new[] { "ImageCriterion" },
            ["Set-EC2Route"] = new[] { "RouteTableId", "DestinationCidrBlock", "VpcPeeringConnectionId" },
            ["Set-IAMRolePermissionsBoundary"] = new[] { "RoleName", "PermissionsBoundary" },
            ["Set-S3BucketACL"] = new[] { "BucketName", "ACL" },
            ["Set-S3BucketEncryption"] = new[] { "BucketName", "ServerSideEncryptionConfiguration_ServerSideEncryptionRule" },
            ["Set-SNSTopicAttribute"] = new[] { "TopicArn", "AttributeName", "AttributeValue" },
            ["Set-SQSQueueAttribute"] = new[] { "QueueUrl", "Attribute" },
            ["Start-ASInstanceRefresh"] = new[] { "AutoScalingGroupName" },
            ["Start-CFGConfigurationRecorder"] = new[] { "ConfigurationRecorderName" },
            ["Start-CTLogging"] = new[] { "Name" },
            ["Stop-SMNotebookInstance"] = new[] { "NotebookInstanceName" },
            ["Stop-KMSKeyDeletion"] = new[] { "KeyId" },
            ["Unregister-ECSTaskDefinition"] = new[] { "TaskDefinition" },
            ["Unregister-IAMRolePolicy"] = new[] { "RoleName", "PolicyArn" },
            ["Unregister-IAMUserPolicy"] = new[] { "UserName", "PolicyArn" },
            ["Update-CBProject"] = new[] { "Name", "Environment_EnvironmentVariable" },
            ["Update-CFNStack"] = new[] { "StackName", "TemplateBody", "Parameter" },
            ["Update-CTTrail"] = new[] { "Name", "EnableLogFileValidation", "KmsKeyId", "CloudWatchLogsLogGroupArn", "CloudWatchLogsRoleArn" },
            ["Update-DDBContinuousBackup"] = new[] { "TableName", "PointInTimeRecoverySpecification_PointInTimeRecoveryEnabled" },
            ["Update-DDBTable"] = new[] { "TableName", "SSESpecification_Enabled", "SSESpecification_SSEType", "SSESpecification_KMSMasterKeyId", "ReplicaUpdate" },
            ["Update-IAMAccessKey"] = new[] { "UserName", "AccessKeyId", "Status" },
            ["Update-IAMAccountPasswordPolicy"] = new[] { "MinimumPasswordLength", "PasswordReusePrevention", "RequireUppercaseCharacter", "RequireLowercaseCharacter", "RequireNumber", "RequireSymbol", "AllowUsersToChangePassword", "MaxPasswordAge", "HardExpiry" },
            ["Update-IAMAssumeRolePolicy"] = new[] { "RoleName", "PolicyDocument" },
            ["Update-LMFunctionConfiguration"] = new[] { "FunctionName", "Environment_Variable" },
            ["Update-LMFunctionUrlConfig"] = new[] { "FunctionName", "AuthType" },
            ["Update-MAC2AutomatedDiscoveryConfiguration"] = new[] { "Status" },
            ["Update-OSDomainConfig"] = new[] { "DomainName", "EncryptionAtRestOptions_Enabled", "EncryptionAtRestOptions_KmsKeyId" },
            ["Update-SSMServiceSetting"] = new[] { "SettingId", "SettingValue" },
            ["Write-ACCTAlternateContact"] = new[] { "AlternateContactType", "Name", "EmailAddress", "PhoneNumber", "Title" },
            ["Write-CFGConfigurationRecorder"] = new[] { "ConfigurationRecorderName", "ConfigurationRecorder_RoleARN", "RecordingGroup_AllSupported", "RecordingGroup_IncludeGlobalResourceType" },
            ["Write-CFGDeliveryChannel"] = new[] { "DeliveryChannelName", "DeliveryChannel_S3BucketName" },
            ["Write-CTEventSelector"] = new[] { "TrailName", "EventSelector", "AdvancedEventSelector" },
            ["Write-CWLMetricFilter"] = new[] { "LogGroupName", "FilterName", "FilterPattern", "MetricTransformation" },
            ["Write-CWLRetentionPolicy"] = new[] { "LogGroupName", "RetentionInDays" },
            ["Write-CWMetricAlarm"] = new[] { "AlarmName", "MetricName", "Namespace", "Statistic", "Period", "Threshold", "ComparisonOperator", "EvaluationPeriod", "AlarmAction" },
            ["Write-ECRRegistryScanningConfiguration"] = new[] { "ScanType", "Rule" },
            ["Write-EVBRule"] = new[] { "Name", "EventPattern" },
            ["Write-EVBTarget"] = new[] { "Rule", "Target" },
            ["Write-KMSKeyPolicy"] = new[] { "KeyId", "PolicyName", "Policy" },
            ["Write-S3BucketLogging"] = new[] { "BucketName", "LoggingConfig_TargetBucketName", "LoggingConfig_TargetPrefix" },
            ["Write-S3BucketPolicy"] = new[] { "BucketName", "Policy" },
            ["Write-S3BucketTagging"] = new[] { "BucketName", "TagSet" },
            ["Write-S3BucketVersioning"] = new[] { "BucketName", "VersioningConfig_Status", "VersioningConfig_EnableMfaDelete", "MfaCodes_SerialNumber", "MfaCodes_AuthenticationValue" },
            ["Write-S3LifecycleConfiguration"] = new[] { "BucketName", "Configuration_Rule" },
            ["Write-S3ObjectLockConfiguration"] = new[] { "BucketName", "ObjectLockConfiguration_ObjectLockEnabled", "ObjectLockRuleDefaultRetention_Mode", "ObjectLockRuleDefaultRetention_Day" },
        };

        /// <summary>Parameters every AWS Tools cmdlet takes.</summary>
        private static readonly string[] AwsToolsCommon = { "Region", "ProfileName", "Force" };

        /// <summary>PowerShell's own cmdlets a line may use to read a file.</summary>
        private static readonly Dictionary<string, string[]> Core = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["Get-Content"] = new[] { "Raw", "LiteralPath" },
        };

        /// <summary>
        /// Fixes with a CLI command and no AWS Tools line, and why: AWS Tools' Update-CFDistribution takes the whole
        /// distribution configuration as flattened parameters, so a one-line edit of one nested setting does not exist.
        /// </summary>
        private static readonly Dictionary<string, string> WithoutAwsToolsLine = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SEC11.CloudFrontViewerHttps"] = "Update-CFDistribution replaces the whole configuration, given as flattened parameters",
            ["SEC11.CloudFrontMinimumTls"] = "Update-CFDistribution replaces the whole configuration, given as flattened parameters",
            ["SEC05.CloudFrontWebAcl"] = "Update-CFDistribution replaces the whole configuration, given as flattened parameters",
        };

        private static readonly Regex CliCall = new Regex(@"\baws [a-z0-9]+ [a-z]+(-[a-z]+)+\b", RegexOptions.CultureInvariant);

        public static IEnumerable<object[]> Lines() =>
            CheckCatalog.Checks.Where(c => c.RemediationPowerShell.Length > 0).Select(c => new object[] { c.CheckId });

        [Fact]
        public void Every_fix_that_is_an_AWS_CLI_call_has_its_AWS_Tools_line_beside_it()
        {
            var missing = CheckCatalog.Checks
                .Where(c => CliCall.IsMatch(CliPart(c)) && c.RemediationPowerShell.Length == 0 && !WithoutAwsToolsLine.ContainsKey(c.CheckId))
                .Select(c => c.CheckId)
                .ToList();

            Assert.Empty(missing);
            Assert.True(CheckCatalog.Checks.Count(c => c.RemediationPowerShell.Length > 0) >= 80);
        }

        [Fact]
        public void The_AWS_Tools_line_is_the_remediations_last_line_under_its_label()
        {
            Assert.All(CheckCatalog.Checks.Where(c => c.RemediationPowerShell.Length > 0), c =>
            {
                var lines = c.Remediation.Split('\n');
                Assert.True(lines.Length >= 2, c.CheckId);
                Assert.Equal(CheckDefinition.PowerShellLabel + c.RemediationPowerShell, lines[lines.Length - 1]);
                Assert.DoesNotContain(CheckDefinition.PowerShellLabel, string.Join("\n", lines.Take(lines.Length - 1)), StringComparison.Ordinal);
            });
        }

        [Theory]
        [MemberData(nameof(Lines))]
        public void The_AWS_Tools_line_parses_and_names_only_cmdlets_and_parameters_that_exist(string checkId)
        {
            var line = CheckCatalog.Checks.Single(c => c.CheckId == checkId).RemediationPowerShell;
            var ast = Parser.ParseInput(line, out _, out var errors);

            Assert.True(errors.Length == 0, $"{checkId}: {string.Join("; ", errors.Select(e => e.Message))} in: {line}");
            var commands = ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>().ToList();
            Assert.NotEmpty(commands);
            Assert.All(commands, command =>
            {
                var name = command.GetCommandName();
                var allowed = Allowed(name);
                Assert.True(allowed != null, $"{checkId}: {name} is not a cmdlet the catalog may name");
                foreach (var parameter in command.CommandElements.OfType<CommandParameterAst>())
                {
                    Assert.True(allowed!.Contains(parameter.ParameterName, StringComparer.OrdinalIgnoreCase), $"{checkId}: {name} has no parameter -{parameter.ParameterName}");
                }
            });
        }

        [Fact]
        public void Placeholders_in_the_AWS_Tools_line_are_quoted_and_filled_from_the_finding()
        {
            var check = CheckCatalog.Checks.Single(c => c.CheckId == "SEC06.RdsInstanceNotPublic");
            var finding = new Finding { Region = "eu-west-1", ResourceType = "AWS::RDS::DBInstance", ResourceId = "orders-db", Remediation = check.Remediation };

            RemediationText.Fill(finding);

            Assert.EndsWith("PowerShell (AWS Tools): Edit-RDSDBInstance -DBInstanceIdentifier 'orders-db' -PubliclyAccessible $false -ApplyImmediately $true", finding.Remediation, StringComparison.Ordinal);
            Assert.StartsWith("aws rds modify-db-instance --db-instance-identifier orders-db ", finding.Remediation, StringComparison.Ordinal);
            Assert.All(CheckCatalog.Checks.Where(c => c.RemediationPowerShell.Length > 0), c =>
                Assert.DoesNotMatch(new Regex(@"(?<!')<[a-z][a-z0-9-]*>(?!')"), Regex.Replace(c.RemediationPowerShell, "#.*$", string.Empty)));
        }

        /// <summary>The part of the remediation before the AWS Tools line.</summary>
        private static string CliPart(CheckDefinition check)
        {
            var at = check.Remediation.IndexOf(CheckDefinition.PowerShellLabel, StringComparison.Ordinal);
            return at < 0 ? check.Remediation : check.Remediation.Substring(0, at);
        }

        private static string[]? Allowed(string name)
        {
            if (AwsTools.TryGetValue(name, out var parameters))
            {
                return parameters.Concat(AwsToolsCommon).ToArray();
            }

            if (Core.TryGetValue(name, out parameters))
            {
                return parameters;
            }

            // This module's own remediation cmdlets: the parameters they really declare.
            var cmdlet = typeof(Finding).Assembly.GetTypes()
                .Select(t => (Type: t, Attribute: t.GetCustomAttribute<CmdletAttribute>()))
                .SingleOrDefault(t => t.Attribute != null && $"{t.Attribute.VerbName}-{t.Attribute.NounName}".Equals(name, StringComparison.OrdinalIgnoreCase));
            return cmdlet.Type?.GetProperties()
                .Where(p => p.GetCustomAttributes<ParameterAttribute>().Any())
                .Select(p => p.Name)
                .ToArray();
        }
    }
}
