using System.Collections.Generic;

namespace WASecurity.Policies
{
    /// <summary>
    /// The rule for "full administrator": a principal (or policy) is a full administrator when it is
    /// <see cref="AccessDecision.Allowed"/> — unconditionally — for EVERY request in this probe set. The set spans
    /// identity control (IAM, STS, Organizations, Account), data (S3, KMS, Secrets Manager, DynamoDB, RDS), compute
    /// (EC2, Lambda, SSM, CloudFormation), detective controls (CloudTrail, GuardDuty, Config, Logs) and messaging,
    /// with realistic resource ARNs and the bare <c>*</c> that actions without resource-level permissions use.
    /// <para>
    /// Consequences: <c>"Action":"*","Resource":"*"</c> is admin; <c>NotAction</c> excluding only services outside
    /// the set (e.g. billing or support) is admin; <c>NotAction: iam:*</c> (PowerUser-like) is not — it cannot touch
    /// IAM; <c>iam:*</c> alone is not (it is privilege escalation, reported separately); <c>"Resource":
    /// "arn:aws:s3:::*"</c> is not; any Allow under an unproven condition is not unconditional admin.
    /// </para>
    /// </summary>
    public static class AdministratorProbes
    {
        private const string Account = "111122223333";
        private const string Region = "us-east-1";

        /// <summary>The (action, resource) requests probed.</summary>
        public static IReadOnlyList<KeyValuePair<string, string>> Requests { get; } = new[]
        {
            Probe("iam:CreateUser", "arn:aws:iam::" + Account + ":user/probe-user"),
            Probe("iam:CreateAccessKey", "arn:aws:iam::" + Account + ":user/probe-user"),
            Probe("iam:PutUserPolicy", "arn:aws:iam::" + Account + ":user/probe-user"),
            Probe("iam:AttachRolePolicy", "arn:aws:iam::" + Account + ":role/probe-role"),
            Probe("iam:PassRole", "arn:aws:iam::" + Account + ":role/probe-role"),
            Probe("iam:CreatePolicyVersion", "arn:aws:iam::" + Account + ":policy/probe-policy"),
            Probe("iam:ListUsers", "*"),
            Probe("sts:AssumeRole", "arn:aws:iam::" + Account + ":role/probe-role"),
            Probe("organizations:LeaveOrganization", "*"),
            Probe("account:PutAlternateContact", "*"),
            Probe("s3:ListAllMyBuckets", "*"),
            Probe("s3:GetObject", "arn:aws:s3:::probe-bucket/probe-key"),
            Probe("s3:PutBucketPolicy", "arn:aws:s3:::probe-bucket"),
            Probe("kms:Decrypt", "arn:aws:kms:" + Region + ":" + Account + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            Probe("kms:ScheduleKeyDeletion", "arn:aws:kms:" + Region + ":" + Account + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            Probe("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:" + Region + ":" + Account + ":secret:probe-AbCdEf"),
            Probe("dynamodb:DeleteTable", "arn:aws:dynamodb:" + Region + ":" + Account + ":table/probe"),
            Probe("rds:DeleteDBInstance", "arn:aws:rds:" + Region + ":" + Account + ":db:probe"),
            Probe("ec2:DescribeInstances", "*"),
            Probe("ec2:RunInstances", "arn:aws:ec2:" + Region + ":" + Account + ":instance/*"),
            Probe("ec2:TerminateInstances", "arn:aws:ec2:" + Region + ":" + Account + ":instance/i-0123456789abcdef0"),
            Probe("lambda:CreateFunction", "arn:aws:lambda:" + Region + ":" + Account + ":function:probe"),
            Probe("ssm:SendCommand", "arn:aws:ssm:" + Region + "::document/AWS-RunShellScript"),
            Probe("cloudformation:CreateStack", "arn:aws:cloudformation:" + Region + ":" + Account + ":stack/probe/*"),
            Probe("cloudtrail:StopLogging", "arn:aws:cloudtrail:" + Region + ":" + Account + ":trail/probe"),
            Probe("guardduty:DeleteDetector", "arn:aws:guardduty:" + Region + ":" + Account + ":detector/probe"),
            Probe("config:DeleteConfigurationRecorder", "*"),
            Probe("logs:DeleteLogGroup", "arn:aws:logs:" + Region + ":" + Account + ":log-group:probe"),
            Probe("sns:Publish", "arn:aws:sns:" + Region + ":" + Account + ":probe"),
            Probe("route53:ChangeResourceRecordSets", "arn:aws:route53:::hostedzone/Z0PROBE"),
        };

        private static KeyValuePair<string, string> Probe(string action, string resource) => new KeyValuePair<string, string>(action, resource);
    }
}
