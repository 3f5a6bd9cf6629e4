using System.Collections.Generic;

namespace WASecurity.Permissions
{
    /// <summary>
    /// The IAM actions of the remediation cmdlets, kept apart from the read-only assessment policy. Each cmdlet reads the
    /// setting before and after changing it (reads the assessment policy already allows) and identifies the account
    /// with STS (which needs no permission). Adding a remediation cmdlet means adding its line here; a test fails for
    /// a remediation cmdlet without one.
    /// </summary>
    internal static class RemediationPermissions
    {
        public static IReadOnlyList<RemediationPermission> All { get; } = new[]
        {
            new RemediationPermission(
                "Enable-WASKeyRotation",
                new[] { "SEC10.KeyRotationEnabled" },
                new[] { "kms:DescribeKey", "kms:GetKeyRotationStatus" },
                new[] { ("kms:EnableKeyRotation", "kms EnableKeyRotation") }),
            new RemediationPermission(
                "Enable-WASEbsEncryptionByDefault",
                new[] { "SEC06.EbsEncryptionByDefault" },
                new[] { "sts:GetCallerIdentity", "ec2:GetEbsEncryptionByDefault" },
                new[] { ("ec2:EnableEbsEncryptionByDefault", "ec2 EnableEbsEncryptionByDefault") }),
            new RemediationPermission(
                "Enable-WASS3AccountPublicAccessBlock",
                new[] { "SEC06.AccountBlockPublicAccess" },
                new[] { "sts:GetCallerIdentity", "s3:GetAccountPublicAccessBlock" },
                new[] { ("s3:PutAccountPublicAccessBlock", "s3control PutPublicAccessBlock") }),
            new RemediationPermission(
                "Set-WASPasswordPolicy",
                new[] { "SEC02.PasswordPolicyExists", "SEC02.PasswordMinimumLength", "SEC02.PasswordComplexity", "SEC02.PasswordReusePrevention", "SEC02.PasswordMaxAge" },
                new[] { "sts:GetCallerIdentity", "iam:GetAccountPasswordPolicy" },
                new[] { ("iam:UpdateAccountPasswordPolicy", "iam UpdateAccountPasswordPolicy") }),
        };
    }
}
