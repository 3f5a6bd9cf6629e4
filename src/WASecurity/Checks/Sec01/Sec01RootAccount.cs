using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Iam;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec01
{
    /// <summary>SEC 1: the root user's credentials, their use, the account's security contact, and the organization above it.</summary>
    internal sealed class Sec01RootAccount : IQuestionChecks
    {
        public IReadOnlyList<CheckImplementation> GetChecks() => new[]
        {
            new CheckImplementation(Sec01Catalog.RootMfaEnabled, RootMfaEnabledAsync),
            new CheckImplementation(Sec01Catalog.RootHardwareMfa, RootHardwareMfaAsync),
            new CheckImplementation(Sec01Catalog.RootNoAccessKeys, RootNoAccessKeysAsync),
            new CheckImplementation(Sec01Catalog.RootNotUsedRecently, RootNotUsedRecentlyAsync),
            new CheckImplementation(Sec01Catalog.RootNoSigningCertificates, RootNoSigningCertificatesAsync),
            new CheckImplementation(Sec01Catalog.SecurityContactRegistered, SecurityContactRegisteredAsync),
            new CheckImplementation(Sec01Catalog.RootContactDetailsCurrent, RootContactDetailsCurrentAsync),
            new CheckImplementation(Sec01Catalog.AccountInOrganization, OrganizationChecks.AccountInOrganizationAsync),
            CheckImplementation.OrganizationLevel(Sec01Catalog.ServiceControlPoliciesInForce, OrganizationChecks.ServiceControlPoliciesInForceAsync),
            CheckImplementation.OrganizationLevel(Sec01Catalog.SecurityServicesDelegatedAdmin, OrganizationChecks.SecurityServicesDelegatedAdminAsync),
            CheckImplementation.Manual(
                Sec01Catalog.ControlObjectivesValidated,
                "No API shows your control objectives: confirm that they are written down, that each maps to a control that is checked (an AWS Config rule, a Security Hub control or a check of this module), and that the mapping was reviewed in the last 12 months."),
            CheckImplementation.Manual(
                Sec01Catalog.ThreatIntelligenceFollowed,
                "No API shows whether threats are followed: confirm that a named person or team follows AWS Security Bulletins and the CVEs of the software this account runs, and assesses each relevant threat against its workloads within an agreed time."),
            CheckImplementation.Manual(
                Sec01Catalog.SecurityRecommendationsFollowed,
                "No API shows how recommendations are adopted: confirm that changes to the Well-Architected Security pillar, the CIS AWS Foundations Benchmark and the Security Hub standards in use were reviewed in the last 3 months, and that the adopted ones are tracked as work items with owners."),
            CheckImplementation.Manual(
                Sec01Catalog.ThreatModelMaintained,
                "No API shows a threat model: confirm that every workload in this account has one that was updated after its last architecture change and within the last 12 months, and that each high-risk mitigation is done or accepted by a named owner."),
            CheckImplementation.Manual(
                Sec01Catalog.NewSecurityFeaturesEvaluated,
                "No API shows how new services are evaluated: confirm that AWS security launches were reviewed against this account's needs in the last 3 months, and that each decision to adopt or not is recorded."),
        };

        private static async Task<IEnumerable<Finding>> RootMfaEnabledAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec01Catalog.RootMfaEnabled;
            var summary = await context.GetAsync(IamCalls.GetAccountSummary, cancellationToken).ConfigureAwait(false);
            if (!summary.IsSuccess)
            {
                return context.ErrorFinding(check, summary).AsEnumerable();
            }

            var enabled = summary.Root.Path("SummaryMap")?.Int("AccountMFAEnabled");
            if (enabled == null)
            {
                return MissingField(context, check, "GetAccountSummary", "SummaryMap.AccountMFAEnabled");
            }

            var report = await IamEvidence.GetCredentialReportAsync(context, cancellationToken).ConfigureAwait(false);
            var reportMfa = report.Value?.Root?.MfaActive;
            var finding = enabled == 1 && reportMfa != false
                ? context.AccountFinding(check, FindingStatus.Pass, "The account summary reports MFA enabled for the root user (AccountMFAEnabled = 1).")
                : enabled == 1
                    ? context.AccountFinding(check, FindingStatus.Fail, "The account summary reports root MFA enabled, but the credential report's <root_account> row says mfa_active = false.")
                    : context.AccountFinding(check, FindingStatus.Fail, "The root user has no MFA device (AccountMFAEnabled = 0).");
            return finding
                .With("AccountMFAEnabled", enabled)
                .With("CredentialReportMfaActive", reportMfa)
                .AsEnumerable();
        }

        private static async Task<IEnumerable<Finding>> RootHardwareMfaAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec01Catalog.RootHardwareMfa;
            var summary = await context.GetAsync(IamCalls.GetAccountSummary, cancellationToken).ConfigureAwait(false);
            if (!summary.IsSuccess)
            {
                return context.ErrorFinding(check, summary).AsEnumerable();
            }

            var enabled = summary.Root.Path("SummaryMap")?.Int("AccountMFAEnabled");
            if (enabled == null)
            {
                return MissingField(context, check, "GetAccountSummary", "SummaryMap.AccountMFAEnabled");
            }

            if (enabled != 1)
            {
                return context.AccountFinding(check, FindingStatus.Fail, "The root user has no MFA device at all, hardware or virtual (AccountMFAEnabled = 0).")
                    .With("AccountMFAEnabled", enabled)
                    .AsEnumerable();
            }

            var devices = await context.GetAsync(IamCalls.ListVirtualMfaDevices, cancellationToken).ConfigureAwait(false);
            if (!devices.IsSuccess)
            {
                return context.ErrorFinding(check, devices).AsEnumerable();
            }

            var rootDevice = devices.Root.Items("VirtualMFADevices").FirstOrDefault(IsRootDevice);
            var serial = rootDevice.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : rootDevice.RequiredStr("SerialNumber", "a virtual MFA device");
            var finding = serial != null
                ? context.AccountFinding(check, FindingStatus.Fail, $"The root user's MFA device is virtual ({serial}).")
                : context.AccountFinding(check, FindingStatus.Pass, "The root user has MFA and no virtual MFA device is assigned to it, so the device is hardware.");
            return finding
                .With("AccountMFAEnabled", enabled)
                .With("RootVirtualMfaDevice", serial)
                .AsEnumerable();

            bool IsRootDevice(System.Text.Json.JsonElement device)
            {
                var userArn = device.Path("User")?.Str("Arn");
                var deviceSerial = device.RequiredStr("SerialNumber", "a virtual MFA device");
                return (userArn != null && userArn.EndsWith(":root", StringComparison.Ordinal))
                    || deviceSerial.EndsWith(":mfa/root-account-mfa-device", StringComparison.Ordinal);
            }
        }

        private static async Task<IEnumerable<Finding>> RootNoAccessKeysAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec01Catalog.RootNoAccessKeys;
            var summary = await context.GetAsync(IamCalls.GetAccountSummary, cancellationToken).ConfigureAwait(false);
            var report = await IamEvidence.GetCredentialReportAsync(context, cancellationToken).ConfigureAwait(false);

            var summaryKeys = summary.IsSuccess ? summary.Root.Path("SummaryMap")?.Int("AccountAccessKeysPresent") : null;
            var root = report.Value?.Root;
            var reportKeys = root == null ? (int?)null : (root.AccessKey1Active ? 1 : 0) + (root.AccessKey2Active ? 1 : 0);

            Finding finding;
            if (summaryKeys > 0 || reportKeys > 0)
            {
                var source = summaryKeys > 0 ? $"the account summary reports AccountAccessKeysPresent = {summaryKeys}" : $"the credential report shows {reportKeys} active root access key(s)";
                finding = context.AccountFinding(check, FindingStatus.Fail, $"The root user has access keys: {source}.");
            }
            else if (summaryKeys == 0 && reportKeys == 0)
            {
                finding = context.AccountFinding(check, FindingStatus.Pass, "The root user has no access keys (account summary and credential report agree).");
            }
            else if (summaryKeys == 0)
            {
                // The summary alone is authoritative; the report could not corroborate it.
                var why = report.Response.IsSuccess ? "has no <root_account> row" : "is unavailable";
                finding = context.AccountFinding(check, FindingStatus.Pass, $"The account summary reports no root access keys (AccountAccessKeysPresent = 0); the credential report {why}.");
            }
            else if (reportKeys == 0)
            {
                finding = context.AccountFinding(check, FindingStatus.Pass, "The credential report shows no active root access keys; the account summary is unavailable.");
            }
            else
            {
                finding = !summary.IsSuccess
                    ? context.ErrorFinding(check, summary)
                    : context.AccountFinding(check, FindingStatus.Error, "Could not verify: GetAccountSummary has no SummaryMap.AccountAccessKeysPresent and the credential report has no <root_account> row.");
            }

            return finding
                .With("AccountAccessKeysPresent", summaryKeys)
                .With("CredentialReportActiveKeys", reportKeys)
                .AsEnumerable();
        }

        private static async Task<IEnumerable<Finding>> RootNotUsedRecentlyAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec01Catalog.RootNotUsedRecently;
            var window = context.Settings.GetInt(Sec01Catalog.RootUsageWindowDays);
            var report = await IamEvidence.GetCredentialReportAsync(context, cancellationToken).ConfigureAwait(false);
            if (report.Value == null)
            {
                return context.ErrorFinding(check, report.Response).AsEnumerable();
            }

            var root = report.Value.Root;
            if (root == null)
            {
                return NoRootRow(context, check);
            }

            var uses = new[]
            {
                ("password", root.PasswordLastUsed),
                ("access key 1", root.AccessKey1LastUsed),
                ("access key 2", root.AccessKey2LastUsed),
            };
            var last = uses.Where(u => u.Item2.Time.HasValue).OrderByDescending(u => u.Item2.Time!.Value).FirstOrDefault();
            Finding finding;
            if (last.Item1 == null)
            {
                finding = context.AccountFinding(check, FindingStatus.Pass, "The credential report shows no use of the root user's password or access keys.");
            }
            else
            {
                var days = (int)Math.Floor((context.Now - last.Item2.Time!.Value).TotalDays);
                finding = days < window
                    ? context.AccountFinding(check, FindingStatus.Fail, $"The root user's {last.Item1} was last used {Days(days)} ago (window {window} days).")
                    : context.AccountFinding(check, FindingStatus.Pass, $"The root user was last used {Days(days)} ago, by its {last.Item1}, outside the {window}-day window.");
                finding.With("DaysSinceLastUse", days);
            }

            return finding
                .With("PasswordLastUsed", root.PasswordLastUsed.Raw)
                .With("AccessKey1LastUsed", root.AccessKey1LastUsed.Raw)
                .With("AccessKey2LastUsed", root.AccessKey2LastUsed.Raw)
                .With("WindowDays", window)
                .AsEnumerable();
        }

        private static async Task<IEnumerable<Finding>> RootNoSigningCertificatesAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec01Catalog.RootNoSigningCertificates;
            var report = await IamEvidence.GetCredentialReportAsync(context, cancellationToken).ConfigureAwait(false);
            if (report.Value == null)
            {
                return context.ErrorFinding(check, report.Response).AsEnumerable();
            }

            var root = report.Value.Root;
            if (root == null)
            {
                return NoRootRow(context, check);
            }

            var active = (root.Cert1Active ? 1 : 0) + (root.Cert2Active ? 1 : 0);
            var finding = active == 0
                ? context.AccountFinding(check, FindingStatus.Pass, "The root user has no active signing certificates.")
                : context.AccountFinding(check, FindingStatus.Fail, $"The root user has {active} active X.509 signing certificate(s).");
            return finding
                .With("Cert1Active", root.Cert1Active)
                .With("Cert2Active", root.Cert2Active)
                .AsEnumerable();
        }

        private static Task<IEnumerable<Finding>> SecurityContactRegisteredAsync(CheckContext context, CancellationToken cancellationToken) =>
            SecurityContact.EvaluateAsync(context, Sec01Catalog.SecurityContactRegistered, cancellationToken);

        private static Task<IEnumerable<Finding>> RootContactDetailsCurrentAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var finding = context.AccountFinding(
                Sec01Catalog.RootContactDetailsCurrent,
                FindingStatus.Manual,
                "No API shows the root e-mail address; confirm that it and the account contact details reach a monitored team mailbox.");
            return Task.FromResult(finding.AsEnumerable());
        }

        private static IEnumerable<Finding> NoRootRow(CheckContext context, CheckDefinition check) =>
            context.AccountFinding(check, FindingStatus.Error, "Could not verify: the credential report has no <root_account> row.").AsEnumerable();

        private static IEnumerable<Finding> MissingField(CheckContext context, CheckDefinition check, string operation, string field) =>
            context.AccountFinding(check, FindingStatus.Error, $"Could not verify: the {operation} response has no {field}.").AsEnumerable();

        private static string Days(int days) => days == 1 ? "1 day" : string.Format(CultureInfo.InvariantCulture, "{0} days", days);
    }
}
