using System;
using WASecurity.Checks;
using WASecurity.Settings;

namespace WASecurity.Catalog
{
    /// <summary>SEC 3 — How do you manage identities for machines and automation (access keys, instance roles, trusts, secrets)?</summary>
    internal static class Sec03Catalog
    {
        public const string AccessKeyMaxAgeDays = nameof(AccessKeyMaxAgeDays);
        public const string AccessKeyUnusedDays = nameof(AccessKeyUnusedDays);
        public const string SecretRotationDays = nameof(SecretRotationDays);

        private const string User = "AWS::IAM::User";
        private const string Instance = "AWS::EC2::Instance";
        private const string Secret = "AWS::SecretsManager::Secret";
        private static readonly string[] Report = { "iam:GenerateCredentialReport", "iam:GetCredentialReport" };
        private static readonly string[] Instances = { "ec2:DescribeInstances" };

        public static readonly CheckDefinition AccessKeysRotated = new CheckDefinition(
            "SEC03.AccessKeysRotated",
            "Every active IAM user access key was created or rotated within the maximum key age.",
            Severity.Medium,
            User,
            "An access key is a password that never expires and is copied into scripts, CI variables and laptops; the longer it lives, the more places it has leaked to.",
            "Create a second key, deploy it where the old one is used, then deactivate and delete the old one: aws iam create-access-key --user-name <user>; aws iam update-access-key --user-name <user> --access-key-id <old key id> --status Inactive; aws iam delete-access-key --user-name <user> --access-key-id <old key id>. Better: replace the user with a role (instance profile, OIDC federation, IAM Roles Anywhere).",
            new[] { "SEC02-BP05", "SEC02-BP02" },
            new[] { "3.0/1.14" },
            Report,
            new[] { AccessKeyMaxAgeDays });

        public static readonly CheckDefinition OneActiveAccessKey = new CheckDefinition(
            "SEC03.OneActiveAccessKey",
            "No IAM user has more than one active access key.",
            Severity.Medium,
            User,
            "Two active keys are meant to exist only for the minutes of a rotation; a second key left active doubles what can leak and usually means the rotation was never finished.",
            "Find which key is still in use (access_key_N_last_used_date in the credential report, or aws iam get-access-key-last-used --access-key-id <id>), then deactivate the other: aws iam update-access-key --user-name <user> --access-key-id <unused key id> --status Inactive.",
            new[] { "SEC02-BP05" },
            new[] { "3.0/1.13" },
            Report);

        public static readonly CheckDefinition NoAccessKeysAtSetup = new CheckDefinition(
            "SEC03.NoAccessKeysAtSetup",
            "No IAM user has an active access key that was created with the user and never used.",
            Severity.Medium,
            User,
            "Keys created by default when a user is set up are credentials nobody asked for; they sit unused in a download folder until someone finds them.",
            "Delete the unused key: aws iam delete-access-key --user-name <user> --access-key-id <key id> (aws iam list-access-keys --user-name <user> shows the ids). Create keys only when a workload needs them, and prefer roles.",
            new[] { "SEC02-BP05", "SEC03-BP06" },
            new[] { "3.0/1.11" },
            Report);

        public static readonly CheckDefinition AccessKeysUsedRecently = new CheckDefinition(
            "SEC03.AccessKeysUsedRecently",
            "Every active IAM user access key was used within the unused-key window.",
            Severity.Medium,
            User,
            "A key nobody uses still works for whoever holds a copy of it; deactivating unused keys removes standing access at no cost.",
            "Deactivate the unused key, and delete it once nothing breaks: aws iam update-access-key --user-name <user> --access-key-id <key id> --status Inactive.",
            new[] { "SEC02-BP05", "SEC03-BP04" },
            new[] { "3.0/1.12" },
            Report,
            new[] { AccessKeyUnusedDays });

        public static readonly CheckDefinition InstanceProfileAttached = new CheckDefinition(
            "SEC03.InstanceProfileAttached",
            "Every running EC2 instance has an IAM instance profile.",
            Severity.Medium,
            Instance,
            "An instance without a role that calls AWS does so with long-lived access keys stored on its disk; an instance profile gives it short-lived credentials that rotate on their own.",
            "Create a role for the workload with only the permissions it needs and attach it: aws ec2 associate-iam-instance-profile --instance-id <id> --iam-instance-profile Name=<profile>. Then remove any access keys from the instance.",
            new[] { "SEC02-BP02", "SEC03-BP02" },
            new[] { "3.0/1.18" },
            Instances);

        public static readonly CheckDefinition InstanceImdsV2Required = new CheckDefinition(
            "SEC03.InstanceImdsV2Required",
            "Every running EC2 instance requires IMDSv2 session tokens or has the metadata endpoint disabled.",
            Severity.High,
            Instance,
            "IMDSv1 answers any plain GET, so a server-side request forgery in an application on the instance hands out the instance role's credentials; IMDSv2's session token blocks that.",
            "aws ec2 modify-instance-metadata-options --instance-id <id> --http-tokens required --http-endpoint enabled (test the workload first; current AWS SDKs and CLIs use IMDSv2). Make it the default for new instances: aws ec2 modify-instance-metadata-defaults --http-tokens required.",
            new[] { "SEC02-BP02", "SEC06-BP02" },
            new[] { "3.0/5.6" },
            Instances);

        public static readonly CheckDefinition SecretsRotated = new CheckDefinition(
            "SEC03.SecretsRotated",
            "Every Secrets Manager secret has automatic rotation enabled and was rotated within the rotation window.",
            Severity.Medium,
            Secret,
            "A database password or API token that never changes stays valid in every log, backup and former colleague's notes; rotation limits how long a leaked copy works, and a rotation that silently stopped is as bad as none.",
            "Turn rotation on with a rotation function: aws secretsmanager rotate-secret --secret-id <secret> --rotation-lambda-arn <function arn> --rotation-rules AutomaticallyAfterDays=30 (managed rotation for RDS, Redshift and DocumentDB secrets needs no function). When rotation is on but stale, read the rotation function's CloudWatch logs.",
            new[] { "SEC02-BP03", "SEC02-BP05" },
            Array.Empty<string>(),
            new[] { "secretsmanager:ListSecrets" },
            new[] { SecretRotationDays });

        public static readonly QuestionDefinition Question = new QuestionDefinition(
            "SEC03",
            "How do you manage access for machines and automation?",
            "IdentityAndAccessManagement",
            "Test-WASAutomatedAccess",
            new[]
            {
                AccessKeysRotated, OneActiveAccessKey, NoAccessKeysAtSetup, AccessKeysUsedRecently,
                InstanceProfileAttached, InstanceImdsV2Required,
                SecretsRotated,
            },
            new[]
            {
                new SettingDefinition(AccessKeyMaxAgeDays, typeof(int), 90, "Days after its creation or last rotation at which an active IAM user access key fails SEC03.AccessKeysRotated (CIS 1.14: 90)."),
                new SettingDefinition(AccessKeyUnusedDays, typeof(int), 45, "Days without use after which an active IAM user access key fails SEC03.AccessKeysUsedRecently (CIS 1.12: 45)."),
                new SettingDefinition(SecretRotationDays, typeof(int), 90, "Days after its last rotation (or creation, if never rotated) at which a Secrets Manager secret with rotation enabled fails SEC03.SecretsRotated as stale."),
            },
            () => new Sec03AutomatedAccess());
    }
}
