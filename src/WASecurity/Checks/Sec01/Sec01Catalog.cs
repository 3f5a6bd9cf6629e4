using System;
using WASecurity.Checks;
using WASecurity.Settings;

namespace WASecurity.Checks.Sec01
{
    /// <summary>SEC 1 — How do you securely operate your workload? (the root account and its credentials).</summary>
    internal static class Sec01Catalog
    {
        public const string RootUsageWindowDays = nameof(RootUsageWindowDays);

        private const string Account = "AWS::::Account";
        private static readonly string[] RootPractices = { "SEC01-BP02", "SEC03-BP03" };
        private static readonly string[] SummaryAndReport = { "iam:GetAccountSummary", "iam:GenerateCredentialReport", "iam:GetCredentialReport" };
        private static readonly string[] Report = { "iam:GenerateCredentialReport", "iam:GetCredentialReport" };

        public static readonly CheckDefinition RootMfaEnabled = new CheckDefinition(
            "SEC01.RootMfaEnabled",
            "The root user has multi-factor authentication enabled.",
            Severity.Critical,
            Account,
            "The root user can do anything in the account, including closing it; a password alone is one phishing e-mail away from losing it.",
            "Sign in as the root user, open Security credentials and assign an MFA device (a hardware key or passkey is preferred).",
            RootPractices,
            new[] { "3.0/1.5", "7.0/2.5" },
            SummaryAndReport);

        public static readonly CheckDefinition RootHardwareMfa = new CheckDefinition(
            "SEC01.RootHardwareMfa",
            "The root user's MFA is a hardware device, not a virtual one.",
            Severity.High,
            Account,
            "A virtual MFA app lives on a phone that is also used for everything else; a dedicated hardware key kept in a safe cannot be cloned or lost with it.",
            "Register a hardware MFA device or FIDO security key for the root user, then remove the virtual device (Remove it with: aws iam deactivate-mfa-device only after the new one works).",
            RootPractices,
            new[] { "3.0/1.6", "7.0/2.6" },
            new[] { "iam:GetAccountSummary", "iam:ListVirtualMFADevices" },
            powerShell: "Disable-IAMMFADevice -SerialNumber '<virtual-mfa-arn>'  # as the root user, only after the hardware device works");

        public static readonly CheckDefinition RootNoAccessKeys = new CheckDefinition(
            "SEC01.RootNoAccessKeys",
            "The root user has no access keys.",
            Severity.Critical,
            Account,
            "Root access keys give unrestricted, unconditional API access that no IAM policy or SCP can limit; there is no task that needs them.",
            "Sign in as the root user, open Security credentials and delete every access key (first make sure nothing uses them: see access_key_*_last_used_date in the credential report).",
            RootPractices,
            new[] { "3.0/1.4", "7.0/2.4" },
            SummaryAndReport);

        public static readonly CheckDefinition RootNotUsedRecently = new CheckDefinition(
            "SEC01.RootNotUsedRecently",
            "The root user has not signed in or used an access key within the usage window.",
            Severity.High,
            Account,
            "Daily work as root bypasses least privilege and leaves no individual accountability; root is for the few tasks only it can do.",
            "Find who used the root user and why (CloudTrail: userIdentity.type = Root), give them an IAM role or Identity Center permission set for that task, and keep root credentials locked away.",
            RootPractices,
            new[] { "3.0/1.7", "7.0/2.7" },
            Report,
            new[] { RootUsageWindowDays });

        public static readonly CheckDefinition RootNoSigningCertificates = new CheckDefinition(
            "SEC01.RootNoSigningCertificates",
            "The root user has no active X.509 signing certificates.",
            Severity.Medium,
            Account,
            "Signing certificates are long-lived root credentials for legacy SOAP APIs; an active one is a credential nobody watches.",
            "Sign in as the root user, open Security credentials and delete the X.509 certificates.",
            RootPractices,
            Array.Empty<string>(),
            Report);

        public static readonly CheckDefinition SecurityContactRegistered = new CheckDefinition(
            "SEC01.SecurityContactRegistered",
            "A security alternate contact is registered for the account.",
            Severity.Medium,
            Account,
            "AWS sends abuse reports and security notices to the security contact, and reaches it during an incident; without one they reach whoever reads the root e-mail, or nobody.",
            "aws account put-alternate-contact --alternate-contact-type SECURITY --name '<team>' --email-address '<security@example.com>' --phone-number '<+1 555 0100>' --title 'Security'",
            new[] { "SEC01-BP02", "SEC10-BP01" },
            new[] { "3.0/1.2", "7.0/2.3" },
            new[] { "account:GetAlternateContact" },
            powerShell: "Write-ACCTAlternateContact -AlternateContactType SECURITY -Name '<team>' -EmailAddress '<security@example.com>' -PhoneNumber '<+1 555 0100>' -Title 'Security'");

        public static readonly CheckDefinition RootContactDetailsCurrent = new CheckDefinition(
            "SEC01.RootContactDetailsCurrent",
            "The account's contact details and root e-mail reach a monitored, shared mailbox.",
            Severity.Low,
            Account,
            "Account recovery and AWS's notices go to the root e-mail and contact details; a personal or stale address loses the account when that person leaves.",
            "In the console's Account page, confirm the contact information and that the root e-mail is a distribution list owned by the security or cloud team.",
            RootPractices,
            new[] { "3.0/1.1", "7.0/2.2" },
            Array.Empty<string>());

        public static readonly CheckDefinition AccountInOrganization = new CheckDefinition(
            "SEC01.AccountInOrganization",
            "The account belongs to an AWS Organization.",
            Severity.Medium,
            Account,
            "A standalone account has nothing above it: no service control policies, no organization trail, no delegated security services, and no one outside the account who can step in. Workloads are separated, governed and recovered through accounts in an organization.",
            "Invite the account from the organization's management account (aws organizations invite-account-to-organization --target Id=<account-id>,Type=ACCOUNT) and accept it here: aws organizations accept-handshake --handshake-id <handshake-id>",
            new[] { "SEC01-BP01" },
            Array.Empty<string>(),
            new[] { "organizations:DescribeOrganization" },
            powerShell: "Confirm-ORGHandshake -HandshakeId '<handshake-id>'  # once the management account has invited this account");

        public static readonly CheckDefinition ServiceControlPoliciesInForce = new CheckDefinition(
            "SEC01.ServiceControlPoliciesInForce",
            "Service control policies are enabled in the organization and at least one besides FullAWSAccess exists.",
            Severity.Medium,
            Account,
            "Service control policies are the guardrails no administrator of a member account can remove: deny leaving the organization, disabling CloudTrail or GuardDuty, or using unapproved regions. With the policy type disabled, or only the default FullAWSAccess, every member account's administrators can do anything. Only the management account or a delegated administrator can read them; from a member account the check says so (Error), it does not guess. An organization-level check: a multi-account run assesses it once, in the account it started from.",
            "From the management account: aws organizations enable-policy-type --root-id <root-id> --policy-type SERVICE_CONTROL_POLICY, then create guardrails and attach them to the root or organizational units: aws organizations create-policy --type SERVICE_CONTROL_POLICY --name <name> --description <text> --content file://scp.json; aws organizations attach-policy --policy-id <policy-id> --target-id <root-id>",
            new[] { "SEC03-BP05", "SEC01-BP01" },
            new[] { "7.0/2.1.2" },
            new[] { "organizations:DescribeOrganization", "organizations:ListRoots", "organizations:ListPolicies" },
            powerShell: "Enable-ORGPolicyType -RootId '<root-id>' -PolicyType SERVICE_CONTROL_POLICY; $policy = New-ORGPolicy -Type SERVICE_CONTROL_POLICY -Name '<name>' -Description '<text>' -Content (Get-Content -Raw -LiteralPath ./scp.json); Add-ORGPolicy -PolicyId $policy.PolicySummary.Id -TargetId '<root-id>'");

        public static readonly CheckDefinition SecurityServicesDelegatedAdmin = new CheckDefinition(
            "SEC01.SecurityServicesDelegatedAdmin",
            "GuardDuty, Security Hub and AWS Config are administered for the organization from a delegated administrator account.",
            Severity.Medium,
            "AWS::Organizations::DelegatedAdministrator",
            "A delegated administrator (a security tooling account) enables GuardDuty, Security Hub and AWS Config in every member account, including new ones, and sees every account's findings and configuration in one place, while the management account stays unused for daily work. Without one, each member account runs its detective services on its own, or not at all, and nobody sees them together. One finding per service; only the management account (or a delegated administrator of AWS Organizations) can list them, so from a member account the check says so (Error). An organization-level check: a multi-account run assesses it once, in the account it started from.",
            "From the management account, register the security tooling account as each service's delegated administrator: aws guardduty enable-organization-admin-account --admin-account-id <security-account-id>; aws securityhub enable-organization-admin-account --admin-account-id <security-account-id>; aws organizations register-delegated-administrator --account-id <security-account-id> --service-principal config.amazonaws.com (after aws organizations enable-aws-service-access --service-principal config.amazonaws.com). Then turn on auto-enable for new accounts in GuardDuty and Security Hub from that account.",
            new[] { "SEC01-BP01", "SEC04-BP02" },
            Array.Empty<string>(),
            new[] { "organizations:DescribeOrganization", "organizations:ListDelegatedAdministrators" },
            powerShell: "Enable-GDOrganizationAdminAccount -AdminAccountId '<security-account-id>'; Enable-SHUBOrganizationAdminAccount -AdminAccountId '<security-account-id>'; Enable-ORGAWSServiceAccess -ServicePrincipal config.amazonaws.com; Register-ORGDelegatedAdministrator -AccountId '<security-account-id>' -ServicePrincipal config.amazonaws.com");

        public static readonly CheckDefinition ControlObjectivesValidated = CheckDefinition.Manual(
            "SEC01.ControlObjectivesValidated",
            "The security control objectives that apply to this account are written down, and each is validated by a control that is checked.",
            "Control objectives come from regulation, contracts and the organization's own risk appetite; they decide which controls matter and which findings come first. No API shows an organization's obligations, so a person answers this check.",
            "Write down the control objectives that apply to the workloads in this account (from ISO 27001, SOC 2, PCI DSS, an internal standard), map each to the controls that meet it (AWS Config rules and conformance packs, Security Hub standards, this module's checks: Get-WASCheck -Cis / -BestPractice), and review the mapping at least yearly; then attest with -AttestationPath.",
            new[] { "SEC01-BP03" });

        public static readonly CheckDefinition ThreatIntelligenceFollowed = CheckDefinition.Manual(
            "SEC01.ThreatIntelligenceFollowed",
            "A named owner follows current threats to this account's technology and assesses each against its workloads.",
            "Attackers reuse what works: a new exploit for a library or a new credential-theft technique reaches every account that runs it. Knowing about it before it is used is a practice, not a setting, so a person answers this check.",
            "Name the person or team who follows AWS Security Bulletins, the AWS Security Blog, MITRE ATT&CK for cloud and the CVEs of the software the workloads run; assess each relevant threat against this account within an agreed time and record the outcome; then attest with -AttestationPath.",
            new[] { "SEC01-BP04" });

        public static readonly CheckDefinition SecurityRecommendationsFollowed = CheckDefinition.Manual(
            "SEC01.SecurityRecommendationsFollowed",
            "New AWS security recommendations are reviewed on a schedule and the adopted ones are tracked to completion.",
            "Guidance moves: the Well-Architected Security pillar, the CIS AWS Foundations Benchmark and Security Hub's controls change every year, and an account configured to last year's advice drifts from this year's. No API shows whether anyone reviews them, so a person answers this check.",
            "At least quarterly, review what changed in the Well-Architected Security pillar, the CIS AWS Foundations Benchmark and the Security Hub standards in use; record the recommendations adopted as work items with owners, and the ones declined with the reason; then attest with -AttestationPath.",
            new[] { "SEC01-BP05" });

        public static readonly CheckDefinition ThreatModelMaintained = CheckDefinition.Manual(
            "SEC01.ThreatModelMaintained",
            "Every workload in this account has a current threat model, and its mitigations are prioritised by risk.",
            "A threat model (data flows, trust boundaries, threats and their mitigations) shows which controls a workload needs and in what order; without one, effort goes to the findings that are easiest to fix rather than the risks that matter. No API shows a threat model, so a person answers this check.",
            "For each workload, write a threat model (for example with the open-source Threat Composer tool, or STRIDE per data flow), update it when the architecture changes and at least yearly, and track its high-risk mitigations to done or to a risk acceptance signed by a named owner; then attest with -AttestationPath.",
            new[] { "SEC01-BP07" });

        public static readonly CheckDefinition NewSecurityFeaturesEvaluated = CheckDefinition.Manual(
            "SEC01.NewSecurityFeaturesEvaluated",
            "New AWS security services and features are evaluated regularly, and the decision for each is recorded.",
            "AWS adds security services and features every month (new GuardDuty protections, Access Analyzer finding types, managed keys and policies); each one adopted can replace custom work or close a gap. No API shows an evaluation process, so a person answers this check.",
            "At least quarterly, review the security announcements (AWS What's New, re:Inforce and re:Invent launches) against this account's needs, trial the relevant ones in a non-production account, and record each decision to adopt or not; then attest with -AttestationPath.",
            new[] { "SEC01-BP08" },
            Severity.Low);

        public static readonly QuestionDefinition Question = new QuestionDefinition(
            "SEC01",
            "How do you protect your root account?",
            "IdentityAndAccessManagement",
            "Test-WASRootAccount",
            new[]
            {
                RootMfaEnabled, RootHardwareMfa, RootNoAccessKeys, RootNotUsedRecently, RootNoSigningCertificates, SecurityContactRegistered, RootContactDetailsCurrent, AccountInOrganization, ServiceControlPoliciesInForce, SecurityServicesDelegatedAdmin,
                ControlObjectivesValidated, ThreatIntelligenceFollowed, SecurityRecommendationsFollowed, ThreatModelMaintained, NewSecurityFeaturesEvaluated,
            },
            new[]
            {
                new SettingDefinition(RootUsageWindowDays, typeof(int), 90, "Days within which any use of the root user's password or access keys fails SEC01.RootNotUsedRecently."),
            },
            () => new Sec01RootAccount());
    }
}
