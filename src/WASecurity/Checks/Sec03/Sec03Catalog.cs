using System;
using WASecurity.Checks;
using WASecurity.Settings;

namespace WASecurity.Checks.Sec03
{
    /// <summary>SEC 3 — How do you manage access for machines and automation (access keys, instance roles, role trusts, secrets)?</summary>
    internal static class Sec03Catalog
    {
        public const string AccessKeyMaxAgeDays = nameof(AccessKeyMaxAgeDays);
        public const string AccessKeyUnusedDays = nameof(AccessKeyUnusedDays);
        public const string SecretRotationDays = nameof(SecretRotationDays);
        public const string RoleUnusedDays = nameof(RoleUnusedDays);
        public const string TrustedAccountIds = nameof(TrustedAccountIds);

        private const string User = "AWS::IAM::User";
        private const string Instance = "AWS::EC2::Instance";
        private const string Secret = "AWS::SecretsManager::Secret";
        private const string Role = "AWS::IAM::Role";
        private static readonly string[] Report = { "iam:GenerateCredentialReport", "iam:GetCredentialReport" };
        private static readonly string[] Instances = { "ec2:DescribeInstances" };
        private static readonly string[] AuthorizationDetails = { "iam:GetAccountAuthorizationDetails" };

        public static readonly CheckDefinition AccessKeysRotated = new CheckDefinition(
            "SEC03.AccessKeysRotated",
            "Every active IAM user access key was created or rotated within the maximum key age.",
            Severity.Medium,
            User,
            "An access key is a password that never expires and is copied into scripts, CI variables and laptops; the longer it lives, the more places it has leaked to.",
            "Create a second key, deploy it where the old one is used, then deactivate and delete the old one: aws iam create-access-key --user-name <user>; aws iam update-access-key --user-name <user> --access-key-id <old key id> --status Inactive; aws iam delete-access-key --user-name <user> --access-key-id <old key id>. Better: replace the user with a role (instance profile, OIDC federation, IAM Roles Anywhere).",
            new[] { "SEC02-BP05", "SEC02-BP02" },
            new[] { "3.0/1.14", "7.0/2.12" },
            Report,
            new[] { AccessKeyMaxAgeDays },
            powerShell: "New-IAMAccessKey -UserName '<user>'; Update-IAMAccessKey -UserName '<user>' -AccessKeyId '<old-key-id>' -Status Inactive; Remove-IAMAccessKey -UserName '<user>' -AccessKeyId '<old-key-id>'");

        public static readonly CheckDefinition OneActiveAccessKey = new CheckDefinition(
            "SEC03.OneActiveAccessKey",
            "No IAM user has more than one active access key.",
            Severity.Medium,
            User,
            "Two active keys are meant to exist only for the minutes of a rotation; a second key left active doubles what can leak and usually means the rotation was never finished.",
            "Find which key is still in use (access_key_N_last_used_date in the credential report, or aws iam get-access-key-last-used --access-key-id <id>), then deactivate the other: aws iam update-access-key --user-name <user> --access-key-id <unused key id> --status Inactive.",
            new[] { "SEC02-BP05" },
            new[] { "3.0/1.13" },
            Report,
            powerShell: "Get-IAMAccessKeyLastUsed -AccessKeyId '<id>'; Update-IAMAccessKey -UserName '<user>' -AccessKeyId '<unused-key-id>' -Status Inactive");

        public static readonly CheckDefinition NoAccessKeysAtSetup = new CheckDefinition(
            "SEC03.NoAccessKeysAtSetup",
            "No IAM user has an active access key that was created with the user and never used.",
            Severity.Medium,
            User,
            "Keys created by default when a user is set up are credentials nobody asked for; they sit unused in a download folder until someone finds them.",
            "Delete the unused key: aws iam delete-access-key --user-name <user> --access-key-id <key id> (aws iam list-access-keys --user-name <user> shows the ids). Create keys only when a workload needs them, and prefer roles.",
            new[] { "SEC02-BP05", "SEC03-BP06" },
            new[] { "3.0/1.11" },
            Report,
            powerShell: "Get-IAMAccessKey -UserName '<user>'; Remove-IAMAccessKey -UserName '<user>' -AccessKeyId '<key-id>'");

        public static readonly CheckDefinition AccessKeysUsedRecently = new CheckDefinition(
            "SEC03.AccessKeysUsedRecently",
            "Every active IAM user access key was used within the unused-key window.",
            Severity.Medium,
            User,
            "A key nobody uses still works for whoever holds a copy of it; deactivating unused keys removes standing access at no cost.",
            "Deactivate the unused key, and delete it once nothing breaks: aws iam update-access-key --user-name <user> --access-key-id <key id> --status Inactive.",
            new[] { "SEC02-BP05", "SEC03-BP04" },
            new[] { "3.0/1.12", "7.0/2.11" },
            Report,
            new[] { AccessKeyUnusedDays },
            powerShell: "Update-IAMAccessKey -UserName '<user>' -AccessKeyId '<key-id>' -Status Inactive");

        public static readonly CheckDefinition InstanceProfileAttached = new CheckDefinition(
            "SEC03.InstanceProfileAttached",
            "Every running EC2 instance has an IAM instance profile.",
            Severity.Medium,
            Instance,
            "An instance without a role that calls AWS does so with long-lived access keys stored on its disk; an instance profile gives it short-lived credentials that rotate on their own.",
            "Create a role for the workload with only the permissions it needs and attach it: aws ec2 associate-iam-instance-profile --instance-id <id> --iam-instance-profile Name=<profile>. Then remove any access keys from the instance.",
            new[] { "SEC02-BP02", "SEC03-BP02", "SEC03-BP01" },
            new[] { "3.0/1.18", "7.0/2.16" },
            Instances,
            powerShell: "Register-EC2IamInstanceProfile -InstanceId '<id>' -IamInstanceProfile_Name '<profile>'");

        public static readonly CheckDefinition InstanceImdsV2Required = new CheckDefinition(
            "SEC03.InstanceImdsV2Required",
            "Every running EC2 instance requires IMDSv2 session tokens or has the metadata endpoint disabled.",
            Severity.High,
            Instance,
            "IMDSv1 answers any plain GET, so a server-side request forgery in an application on the instance hands out the instance role's credentials; IMDSv2's session token blocks that.",
            "aws ec2 modify-instance-metadata-options --instance-id <id> --http-tokens required --http-endpoint enabled (test the workload first; current AWS SDKs and CLIs use IMDSv2). Make it the default for new instances: aws ec2 modify-instance-metadata-defaults --http-tokens required.",
            new[] { "SEC02-BP02", "SEC06-BP02", "SEC03-BP01" },
            new[] { "3.0/5.6", "7.0/6.7" },
            Instances,
            powerShell: "Edit-EC2InstanceMetadataOption -InstanceId '<id>' -HttpToken required -HttpEndpoint enabled; Edit-EC2InstanceMetadataDefault -HttpToken required");

        public static readonly CheckDefinition RoleTrustNotPublic = new CheckDefinition(
            "SEC03.RoleTrustNotPublic",
            "No IAM role trust policy lets every AWS principal assume the role without a restricting condition.",
            Severity.Critical,
            Role,
            "A trust policy with Principal \"*\" or {\"AWS\": \"*\"} lets anyone with any AWS account assume the role and act with its permissions; an external ID is not a secret and does not prevent that.",
            "Replace the wildcard with the accounts or roles that need the role: aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json (or, for organization-wide roles, add a StringEquals aws:PrincipalOrgID condition).",
            new[] { "SEC03-BP07", "SEC03-BP02" },
            new[] { "7.0/2.21" },
            AuthorizationDetails,
            powerShell: "Update-IAMAssumeRolePolicy -RoleName '<role>' -PolicyDocument (Get-Content -Raw -LiteralPath ./trust.json)");

        public static readonly CheckDefinition RoleTrustCrossAccountExternalId = new CheckDefinition(
            "SEC03.RoleTrustCrossAccountExternalId",
            "IAM roles that other accounts may assume require an external ID, unless those accounts are listed as trusted.",
            Severity.High,
            Role,
            "A third party that assumes roles in many customers' accounts can be tricked into using its access to yours (the confused deputy); a per-customer sts:ExternalId condition prevents that. Accounts of your own organization belong in the TrustedAccountIds setting instead.",
            "Add a condition to the statement that trusts the other account: \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"<id agreed with the third party>\"}} and apply it with aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json. If the account is yours, add it to the TrustedAccountIds setting.",
            new[] { "SEC03-BP07", "SEC03-BP08" },
            Array.Empty<string>(),
            AuthorizationDetails,
            new[] { TrustedAccountIds },
            powerShell: "Update-IAMAssumeRolePolicy -RoleName '<role>' -PolicyDocument (Get-Content -Raw -LiteralPath ./trust.json)");

        public static readonly CheckDefinition RoleTrustOidcSubjectPinned = new CheckDefinition(
            "SEC03.RoleTrustOidcSubjectPinned",
            "IAM roles trusting an OpenID Connect provider pin the token subject to specific repositories or workloads.",
            Severity.High,
            Role,
            "A GitHub Actions trust without a sub condition naming your repositories lets any workflow in any GitHub repository, including an attacker's, assume the role; the same holds for EKS service accounts and other OIDC issuers.",
            "Add a subject condition naming the repositories (and branches or environments) that deploy: \"Condition\": {\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}, \"StringLike\": {\"token.actions.githubusercontent.com:sub\": \"repo:<owner>/<repo>:ref:refs/heads/main\"}}, then aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json.",
            new[] { "SEC03-BP07", "SEC02-BP02" },
            Array.Empty<string>(),
            AuthorizationDetails,
            powerShell: "Update-IAMAssumeRolePolicy -RoleName '<role>' -PolicyDocument (Get-Content -Raw -LiteralPath ./trust.json)");

        public static readonly CheckDefinition RolesUsedRecently = new CheckDefinition(
            "SEC03.RolesUsedRecently",
            "Every IAM role older than the unused-role window was used within it.",
            Severity.Medium,
            Role,
            "A role nobody assumes keeps its permissions and its trust; it is standing access that no workload needs and that nobody will notice being misused.",
            "Confirm with the owner that nothing uses the role (aws iam get-role --role-name <role> shows RoleLastUsed), then remove it: detach its policies and instance profiles and run aws iam delete-role --role-name <role>.",
            new[] { "SEC03-BP04", "SEC03-BP06" },
            Array.Empty<string>(),
            AuthorizationDetails,
            new[] { RoleUnusedDays },
            powerShell: "(Get-IAMRole -RoleName '<role>').RoleLastUsed; Remove-IAMRole -RoleName '<role>'");

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
            new[] { SecretRotationDays },
            powerShell: "Invoke-SECSecretRotation -SecretId '<secret>' -RotationLambdaARN '<function-arn>' -RotationRules_AutomaticallyAfterDay 30");

        private const string SecretDetectorsHowTo =
            " The detectors look for AWS access keys, PEM private keys, GitHub, Slack, Stripe and Google API tokens, passwords in URLs, and values assigned to secret-like names (a password of 6 characters or more, other secrets of 16 or more with high entropy); references to Secrets Manager or SSM Parameter Store are not secrets. A finding says what and where, never the value.";

        public static readonly CheckDefinition NoSecretsInUserData = new CheckDefinition(
            "SEC03.NoSecretsInUserData",
            "No EC2 instance's user data holds a secret.",
            Severity.High,
            "AWS::EC2::Instance",
            "User data is readable by anyone with ec2:DescribeInstanceAttribute and from inside the instance by every process (the metadata service serves it without authentication from the instance), and it outlives the boot it was written for. A key or password there is a credential published to the whole account." + SecretDetectorsHowTo,
            "Move the secret to Secrets Manager or SSM Parameter Store (SecureString), have the boot script fetch it with the instance role, rotate the exposed credential, then replace the user data (the instance must be stopped): aws ec2 modify-instance-attribute --instance-id <id> --attribute userData --value file://user-data-without-secrets.b64",
            new[] { "SEC02-BP03", "SEC03-BP01" },
            Array.Empty<string>(),
            new[] { "ec2:DescribeInstances", "ec2:DescribeInstanceAttribute" },
            powerShell: "Edit-EC2InstanceAttribute -InstanceId '<id>' -UserData ([Convert]::ToBase64String([IO.File]::ReadAllBytes('user-data-without-secrets.sh')))  # the instance must be stopped");

        public static readonly CheckDefinition NoSecretsInStackOutputs = new CheckDefinition(
            "SEC03.NoSecretsInStackOutputs",
            "No CloudFormation stack shows a secret in its outputs or plain-text parameters.",
            Severity.High,
            "AWS::CloudFormation::Stack",
            "Stack outputs and parameters without NoEcho are shown in plain text to anyone with cloudformation:DescribeStacks and in the console, and are kept in the stack's history. A password passed as a parameter or exported as an output is readable by every operator." + SecretDetectorsHowTo,
            "Mark secret parameters NoEcho: true, or better, resolve them at deploy time with a dynamic reference ({{resolve:secretsmanager:<secret-id>}}); drop outputs that carry secrets, rotate the exposed credential, and update the stack: aws cloudformation update-stack --stack-name <stack> --template-body file://template.yaml --parameters file://parameters.json",
            new[] { "SEC02-BP03" },
            Array.Empty<string>(),
            new[] { "cloudformation:DescribeStacks" },
            powerShell: "Update-CFNStack -StackName '<stack>' -TemplateBody (Get-Content -Raw -LiteralPath ./template.yaml) -Parameter $parameters");

        public static readonly CheckDefinition NoSecretsInTaskDefinitions = new CheckDefinition(
            "SEC03.NoSecretsInTaskDefinitions",
            "No active ECS task definition puts a secret in a container's plain environment variables.",
            Severity.High,
            "AWS::ECS::TaskDefinition",
            "Environment values of a task definition are stored and shown in plain text to anyone with ecs:DescribeTaskDefinition, in every revision, for as long as the revision exists; ECS injects secrets safely from Secrets Manager or Parameter Store through the container's secrets list instead." + SecretDetectorsHowTo,
            "Move the value to Secrets Manager or SSM Parameter Store and reference it in the container definition's secrets (name, valueFrom) instead of environment, register the new revision, rotate the exposed credential and deregister the old revisions: aws ecs register-task-definition --cli-input-json file://task-definition.json; aws ecs deregister-task-definition --task-definition <task-definition-arn>",
            new[] { "SEC02-BP03" },
            Array.Empty<string>(),
            new[] { "ecs:ListTaskDefinitions", "ecs:DescribeTaskDefinition" },
            powerShell: "Unregister-ECSTaskDefinition -TaskDefinition '<task-definition-arn>'  # after registering the revision that reads the value from secrets");

        public static readonly CheckDefinition NoSecretsInBuildProjects = new CheckDefinition(
            "SEC03.NoSecretsInBuildProjects",
            "No CodeBuild project holds a secret in a plain-text environment variable or its source URL.",
            Severity.High,
            "AWS::CodeBuild::Project",
            "PLAINTEXT environment variables and source locations of a build project are shown to anyone with codebuild:BatchGetProjects and in the console, and the build role hands them to every build; a repository token in a source URL or a deploy key in a variable is a credential published to the account. Variables of type PARAMETER_STORE or SECRETS_MANAGER are references and are not judged." + SecretDetectorsHowTo,
            "Move the value to Secrets Manager or SSM Parameter Store and reference it (type SECRETS_MANAGER or PARAMETER_STORE), connect the source through a CodeConnections connection or stored source credentials instead of a token in the URL, rotate the exposed credential, then: aws codebuild update-project --name <project> --environment file://environment.json",
            new[] { "SEC02-BP03" },
            Array.Empty<string>(),
            new[] { "codebuild:ListProjects", "codebuild:BatchGetProjects" },
            powerShell: "Update-CBProject -Name '<project>' -Environment_EnvironmentVariable $variables  # every variable, the secret ones with Type SECRETS_MANAGER or PARAMETER_STORE");

        public static readonly CheckDefinition NoSecretsInLambdaEnvironment = new CheckDefinition(
            "SEC03.NoSecretsInLambdaEnvironment",
            "No Lambda function keeps a secret in its environment variables.",
            Severity.High,
            "AWS::Lambda::Function",
            "A function's environment variables are returned in plain text by lambda:ListFunctions and lambda:GetFunctionConfiguration to anyone who may read the function, shown in the console, and copied into every published version; encryption at rest does not hide them from readers. Secrets belong in Secrets Manager or Parameter Store, fetched at run time (the Parameters and Secrets Lambda extension caches them)." + SecretDetectorsHowTo,
            "Move the value to Secrets Manager or SSM Parameter Store, let the function's role read it and fetch it at run time, rotate the exposed credential, then remove the variable: aws lambda update-function-configuration --function-name <function> --environment file://environment.json (the remaining variables).",
            new[] { "SEC02-BP03" },
            Array.Empty<string>(),
            new[] { "lambda:ListFunctions" },
            powerShell: "Update-LMFunctionConfiguration -FunctionName '<function>' -Environment_Variable $remaining  # every variable except the secret");

        public static readonly QuestionDefinition Question = new QuestionDefinition(
            "SEC03",
            "How do you manage access for machines and automation?",
            "IdentityAndAccessManagement",
            "Test-WASAutomatedAccess",
            new[]
            {
                AccessKeysRotated, OneActiveAccessKey, NoAccessKeysAtSetup, AccessKeysUsedRecently,
                InstanceProfileAttached, InstanceImdsV2Required,
                RoleTrustNotPublic, RoleTrustCrossAccountExternalId, RoleTrustOidcSubjectPinned, RolesUsedRecently,
                SecretsRotated, NoSecretsInUserData, NoSecretsInStackOutputs, NoSecretsInTaskDefinitions, NoSecretsInBuildProjects, NoSecretsInLambdaEnvironment,
            },
            new[]
            {
                new SettingDefinition(AccessKeyMaxAgeDays, typeof(int), 90, "Days after its creation or last rotation at which an active IAM user access key fails SEC03.AccessKeysRotated (CIS 1.14: 90)."),
                new SettingDefinition(AccessKeyUnusedDays, typeof(int), 45, "Days without use after which an active IAM user access key fails SEC03.AccessKeysUsedRecently (CIS 1.12: 45)."),
                new SettingDefinition(RoleUnusedDays, typeof(int), 90, "Days without use after which an IAM role older than that fails SEC03.RolesUsedRecently (service-linked roles are not judged)."),
                new SettingDefinition(TrustedAccountIds, typeof(string[]), Array.Empty<string>(), "Account ids (your organization's, typically) whose principals may assume roles in this account without an sts:ExternalId condition (SEC03.RoleTrustCrossAccountExternalId)."),
                new SettingDefinition(SecretRotationDays, typeof(int), 90, "Days after its last rotation (or creation, if never rotated) at which a Secrets Manager secret with rotation enabled fails SEC03.SecretsRotated as stale."),
            },
            () => new Sec03AutomatedAccess());
    }
}
