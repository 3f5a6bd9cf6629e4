using System;
using WASecurity.Checks;
using WASecurity.Settings;

namespace WASecurity.Checks.Sec02
{
    /// <summary>SEC 2 — How do you manage authentication for people and machines? (the human side: IAM users and sign-in).</summary>
    internal static class Sec02Catalog
    {
        public const string MinimumPasswordLength = nameof(MinimumPasswordLength);
        public const string PasswordReusePrevention = nameof(PasswordReusePrevention);
        public const string PasswordMaxAgeDays = nameof(PasswordMaxAgeDays);
        public const string ConsolePasswordUnusedDays = nameof(ConsolePasswordUnusedDays);
        public const string AllowedAdministrators = nameof(AllowedAdministrators);

        private const string Account = "AWS::::Account";
        private const string User = "AWS::IAM::User";
        private static readonly string[] PasswordPolicyActions = { "iam:GetAccountPasswordPolicy" };
        private static readonly string[] Report = { "iam:GenerateCredentialReport", "iam:GetCredentialReport" };
        private static readonly string[] Details = { "iam:GetAccountAuthorizationDetails" };
        private static readonly string[] DetailsAndReport = { "iam:GetAccountAuthorizationDetails", "iam:GenerateCredentialReport", "iam:GetCredentialReport" };
        private static readonly string[] SignIn = { "SEC02-BP01" };
        private static readonly string[] LeastPrivilege = { "SEC03-BP02" };

        public static readonly CheckDefinition PasswordPolicyExists = new CheckDefinition(
            "SEC02.PasswordPolicyExists",
            "The account has an IAM password policy.",
            Severity.Medium,
            Account,
            "Without a password policy IAM accepts any password of 8 or more characters for console users, with no reuse prevention.",
            "aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24 --require-uppercase-characters --require-lowercase-characters --require-numbers --require-symbols --allow-users-to-change-password",
            SignIn,
            Array.Empty<string>(),
            PasswordPolicyActions,
            powerShell: "Update-IAMAccountPasswordPolicy -MinimumPasswordLength 14 -PasswordReusePrevention 24 -RequireUppercaseCharacter $true -RequireLowercaseCharacter $true -RequireNumber $true -RequireSymbol $true -AllowUsersToChangePassword $true  # or Set-WASPasswordPolicy");

        public static readonly CheckDefinition PasswordMinimumLength = new CheckDefinition(
            "SEC02.PasswordMinimumLength",
            "The password policy requires passwords of at least the minimum length.",
            Severity.Medium,
            Account,
            "Length is what makes a password hard to guess or crack; 14 characters is the CIS baseline.",
            "aws iam update-account-password-policy --minimum-password-length 14 (update-account-password-policy replaces the whole policy: repeat the other settings you keep).",
            SignIn,
            new[] { "3.0/1.8", "7.0/2.8" },
            PasswordPolicyActions,
            new[] { MinimumPasswordLength },
            powerShell: "Set-WASPasswordPolicy -MinimumPasswordLength 14  # keeps the other settings; with AWS Tools, Update-IAMAccountPasswordPolicy -MinimumPasswordLength 14 plus every setting you keep");

        public static readonly CheckDefinition PasswordReuse = new CheckDefinition(
            "SEC02.PasswordReusePrevention",
            "The password policy prevents reuse of recent passwords.",
            Severity.Medium,
            Account,
            "Without reuse prevention a forced change can go straight back to a password that has already leaked.",
            "aws iam update-account-password-policy --password-reuse-prevention 24 (repeat the other settings you keep: the call replaces the whole policy).",
            SignIn,
            new[] { "3.0/1.9", "7.0/2.9" },
            PasswordPolicyActions,
            new[] { PasswordReusePrevention },
            powerShell: "Set-WASPasswordPolicy -PasswordReusePrevention 24  # keeps the other settings; with AWS Tools, Update-IAMAccountPasswordPolicy -PasswordReusePrevention 24 plus every setting you keep");

        public static readonly CheckDefinition PasswordComplexity = new CheckDefinition(
            "SEC02.PasswordComplexity",
            "The password policy requires upper-case, lower-case, number and symbol characters.",
            Severity.Low,
            Account,
            "Character classes widen the space an attacker must search for a password of a given length.",
            "aws iam update-account-password-policy --require-uppercase-characters --require-lowercase-characters --require-numbers --require-symbols (repeat the other settings you keep).",
            SignIn,
            Array.Empty<string>(),
            PasswordPolicyActions,
            powerShell: "Set-WASPasswordPolicy -RequireUppercaseCharacters $true -RequireLowercaseCharacters $true -RequireNumbers $true -RequireSymbols $true  # keeps the other settings; with AWS Tools, Update-IAMAccountPasswordPolicy -RequireUppercaseCharacter $true -RequireLowercaseCharacter $true -RequireNumber $true -RequireSymbol $true plus every setting you keep");

        public static readonly CheckDefinition PasswordMaxAge = new CheckDefinition(
            "SEC02.PasswordMaxAge",
            "The password policy expires passwords within the maximum age, when the organization requires expiry.",
            Severity.Low,
            Account,
            "Current guidance (NIST SP 800-63B) advises against forced periodic changes, which lead to weaker, predictable passwords; some regimes still require them. Off by default: set PasswordMaxAgeDays to enforce.",
            "aws iam update-account-password-policy --max-password-age 90 (repeat the other settings you keep).",
            new[] { "SEC02-BP01", "SEC02-BP05" },
            Array.Empty<string>(),
            PasswordPolicyActions,
            new[] { PasswordMaxAgeDays },
            powerShell: "Set-WASPasswordPolicy -MaxPasswordAge 90  # keeps the other settings; with AWS Tools, Update-IAMAccountPasswordPolicy -MaxPasswordAge 90 plus every setting you keep");

        public static readonly CheckDefinition ConsoleUsersHaveMfa = new CheckDefinition(
            "SEC02.ConsoleUsersHaveMfa",
            "Every IAM user with a console password has MFA enabled.",
            Severity.High,
            User,
            "A console password alone is one phishing page or reused password away from an attacker signing in as that user.",
            "Have the user assign an MFA device (IAM console: Users > user > Security credentials > Assign MFA device), or: aws iam create-virtual-mfa-device and aws iam enable-mfa-device. Better: move people to IAM Identity Center and delete their IAM users.",
            SignIn,
            new[] { "3.0/1.10", "7.0/2.10" },
            Report,
            powerShell: "$device = New-IAMVirtualMFADevice -VirtualMFADeviceName '<user>'; Enable-IAMMFADevice -UserName '<user>' -SerialNumber $device.SerialNumber -AuthenticationCode1 '<c1>' -AuthenticationCode2 '<c2>'");

        public static readonly CheckDefinition AdministratorsHaveMfa = new CheckDefinition(
            "SEC02.AdministratorsHaveMfa",
            "Every IAM user with full administrative permissions has MFA enabled.",
            Severity.High,
            User,
            "An administrator's credentials without MFA are the shortest path to taking over the whole account.",
            "Assign an MFA device to the user (aws iam enable-mfa-device --user-name <user> --serial-number <arn> --authentication-code1 <c1> --authentication-code2 <c2>) and require aws:MultiFactorAuthPresent for administrative actions; better, grant administration through IAM Identity Center.",
            new[] { "SEC02-BP01", "SEC03-BP02" },
            Array.Empty<string>(),
            DetailsAndReport,
            powerShell: "Enable-IAMMFADevice -UserName '<user>' -SerialNumber '<arn>' -AuthenticationCode1 '<c1>' -AuthenticationCode2 '<c2>'");

        public static readonly CheckDefinition ConsolePasswordsUsed = new CheckDefinition(
            "SEC02.ConsolePasswordsUsed",
            "No console password has gone unused for the unused-credential window.",
            Severity.Medium,
            User,
            "An unused password is a credential nobody would notice being abused; people who left or changed role keep a way in.",
            "Remove the console password: aws iam delete-login-profile --user-name <user> (or disable the user if it is no longer needed).",
            new[] { "SEC02-BP05", "SEC03-BP06" },
            new[] { "3.0/1.12", "7.0/2.11" },
            Report,
            new[] { ConsolePasswordUnusedDays },
            powerShell: "Remove-IAMLoginProfile -UserName '<user>'");

        public static readonly CheckDefinition PermissionsThroughGroups = new CheckDefinition(
            "SEC02.PermissionsThroughGroups",
            "IAM users receive permissions only through groups.",
            Severity.Low,
            User,
            "Policies attached to individual users drift from the role they represent and are missed in access reviews.",
            "Add the user to a group that carries the permissions, then remove the user's own policies: aws iam detach-user-policy --user-name <user> --policy-arn <arn>; aws iam delete-user-policy --user-name <user> --policy-name <name>.",
            new[] { "SEC02-BP06", "SEC03-BP02" },
            new[] { "3.0/1.15", "7.0/2.13" },
            Details,
            powerShell: "Unregister-IAMUserPolicy -UserName '<user>' -PolicyArn '<arn>'; Remove-IAMUserPolicy -UserName '<user>' -PolicyName '<name>'");

        public static readonly CheckDefinition NoFullAdminPolicies = new CheckDefinition(
            "SEC02.NoFullAdminPolicies",
            "No IAM user, group or role outside the allowed list holds policies granting full administrative rights.",
            Severity.High,
            "AWS::IAM::Policy",
            "Full \"*\" on \"*\" access defeats least privilege: one compromised principal controls the whole account. Judged by evaluating the policies (NotAction, wildcards, conditions, boundaries), not by searching for \"*\".",
            "Replace the policy with one limited to the actions and resources the job needs (IAM Access Analyzer can generate one from CloudTrail activity), then: aws iam detach-<user|group|role>-policy --<user|group|role>-name <name> --policy-arn <arn>. Name deliberate break-glass principals in the AllowedAdministrators setting.",
            LeastPrivilege,
            new[] { "3.0/1.16", "7.0/2.14" },
            Details,
            new[] { AllowedAdministrators },
            powerShell: "Unregister-IAMUserPolicy -UserName '<name>' -PolicyArn '<arn>'  # groups and roles: Unregister-IAMGroupPolicy -GroupName, Unregister-IAMRolePolicy -RoleName");

        public static readonly CheckDefinition NoPrivilegeEscalation = new CheckDefinition(
            "SEC02.NoPrivilegeEscalation",
            "No IAM user or role that is not an administrator holds a known privilege-escalation combination.",
            Severity.High,
            "AWS::IAM::Role",
            "Permissions such as iam:CreatePolicyVersion, iam:PassRole with ec2:RunInstances, or iam:AttachUserPolicy let a limited principal grant itself administrator rights.",
            "Remove the escalating actions or scope them to specific resources (e.g. iam:PassRole only on the roles the job passes, with iam:PassedToService), or add a permissions boundary: aws iam put-role-permissions-boundary --role-name <role> --permissions-boundary <arn>.",
            LeastPrivilege,
            Array.Empty<string>(),
            Details,
            powerShell: "Set-IAMRolePermissionsBoundary -RoleName '<role>' -PermissionsBoundary '<arn>'");

        public static readonly CheckDefinition CentralizedIdentity = new CheckDefinition(
            "SEC02.CentralizedIdentity",
            "People sign in through a centralized identity provider (SAML, OIDC or IAM Identity Center).",
            Severity.Medium,
            Account,
            "Identities managed in one place are created, reviewed and removed with the person's employment; per-account IAM users are forgotten.",
            "Enable IAM Identity Center (console: IAM Identity Center > Enable) or federate your identity provider (aws iam create-saml-provider --name <idp> --saml-metadata-document file://metadata.xml), then replace IAM users with permission sets or roles.",
            new[] { "SEC02-BP04" },
            new[] { "3.0/1.21", "7.0/2.19" },
            new[] { "iam:ListSAMLProviders", "iam:ListOpenIDConnectProviders", "sso:ListInstances", "iam:GetAccountAuthorizationDetails", "iam:GenerateCredentialReport", "iam:GetCredentialReport" },
            powerShell: "New-IAMSAMLProvider -Name '<idp>' -SAMLMetadataDocument (Get-Content -Raw -LiteralPath ./metadata.xml)");

        public static readonly CheckDefinition NoExpiredServerCertificates = new CheckDefinition(
            "SEC02.NoExpiredServerCertificates",
            "No expired SSL/TLS server certificates are stored in IAM.",
            Severity.Medium,
            "AWS::IAM::ServerCertificate",
            "An expired certificate can still be deployed to a load balancer or CloudFront by mistake and break clients or trust.",
            "aws iam delete-server-certificate --server-certificate-name <name> (first make sure no load balancer or distribution uses it); prefer AWS Certificate Manager, which renews automatically.",
            new[] { "SEC02-BP05" },
            new[] { "3.0/1.19", "7.0/2.17" },
            new[] { "iam:ListServerCertificates" },
            powerShell: "Remove-IAMServerCertificate -ServerCertificateName '<name>'");

        public static readonly QuestionDefinition Question = new QuestionDefinition(
            "SEC02",
            "How do you manage authentication for people and machines?",
            "IdentityAndAccessManagement",
            "Test-WASHumanAccess",
            new[]
            {
                PasswordPolicyExists, PasswordMinimumLength, PasswordReuse, PasswordComplexity, PasswordMaxAge,
                ConsoleUsersHaveMfa, AdministratorsHaveMfa, ConsolePasswordsUsed, PermissionsThroughGroups,
                NoFullAdminPolicies, NoPrivilegeEscalation, CentralizedIdentity, NoExpiredServerCertificates,
            },
            new[]
            {
                new SettingDefinition(MinimumPasswordLength, typeof(int), 14, "Shortest password length the password policy must require (SEC02.PasswordMinimumLength; CIS 1.8 asks for 14)."),
                new SettingDefinition(PasswordReusePrevention, typeof(int), 24, "How many previous passwords the policy must prevent reusing (SEC02.PasswordReusePrevention; CIS 1.9 asks for 24)."),
                new SettingDefinition(PasswordMaxAgeDays, typeof(int), 0, "Longest password age, in days, the policy must enforce (SEC02.PasswordMaxAge); 0 turns the check off, as NIST SP 800-63B advises against forced expiry."),
                new SettingDefinition(ConsolePasswordUnusedDays, typeof(int), 45, "Days after which an unused console password fails SEC02.ConsolePasswordsUsed (CIS 1.12 uses 45)."),
                new SettingDefinition(AllowedAdministrators, typeof(string[]), Array.Empty<string>(), "Names of IAM users, groups and roles allowed to hold full administrative policies (wildcards allowed, e.g. 'break-glass-*', 'AWSReservedSSO_AdministratorAccess_*'); SEC02.NoFullAdminPolicies skips them."),
            },
            () => new Sec02HumanAccess());
    }
}
