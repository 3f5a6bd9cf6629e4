using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Iam;
using WASecurity.Policies;

namespace WASecurity.Checks.Sec03
{
    /// <summary>
    /// SEC 3 role checks, from GetAccountAuthorizationDetails. Service-linked roles (path /aws-service-role/) are
    /// skipped by all of them: AWS writes their trust policy, the account cannot change it, and AWS removes them with
    /// the service that uses them.
    /// </summary>
    internal sealed partial class Sec03AutomatedAccess
    {
        private static Task<IEnumerable<Finding>> RoleTrustNotPublicAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.RoleTrustNotPublic;
            return ForEachRoleTrustAsync(context, check, cancellationToken, (role, trust) =>
            {
                var open = RoleTrustAnalysis.PublicStatements(trust, context.Account.AccountId);
                var finding = open.Count > 0
                    ? RoleFinding(context, check, role, FindingStatus.Fail, $"Role {role.Name} can be assumed by any AWS principal: {string.Join("; ", open.Select(DescribeGrant))} without a restricting condition.")
                    : RoleFinding(context, check, role, FindingStatus.Pass, $"The trust policy of role {role.Name} grants no wildcard principal without a restricting condition.");
                return new[] { finding.With("PublicStatements", open.Select(s => s.ToString())).With("TrustedPrincipals", TrustedPrincipals(trust)) };
            });
        }

        private static async Task<IEnumerable<Finding>> RoleTrustCrossAccountExternalIdAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.RoleTrustCrossAccountExternalId;
            var trusted = new HashSet<string>(context.Settings.GetStrings(Sec03Catalog.TrustedAccountIds).Select(a => a.Trim()), StringComparer.Ordinal);
            var findings = (await ForEachRoleTrustAsync(context, check, cancellationToken, (role, trust) =>
            {
                var crossAccount = RoleTrustAnalysis.CrossAccountTrusts(trust, context.Account.AccountId);
                if (crossAccount.Count == 0)
                {
                    return Array.Empty<Finding>();
                }

                var accounts = crossAccount.SelectMany(t => t.Accounts).Distinct(StringComparer.Ordinal).ToList();
                var unguarded = crossAccount
                    .Where(t => !t.RequiresExternalId)
                    .Select(t => (Trust: t, Untrusted: t.Accounts.Where(a => !trusted.Contains(a)).ToList()))
                    .Where(t => t.Untrusted.Count > 0)
                    .ToList();
                Finding finding;
                if (unguarded.Count > 0)
                {
                    var what = string.Join("; ", unguarded.Select(u => $"{u.Trust.Statement.DisplayName} trusts account {string.Join(", ", u.Untrusted)}"));
                    finding = RoleFinding(context, check, role, FindingStatus.Fail, $"Role {role.Name} can be assumed from other accounts without an sts:ExternalId condition: {what} (not in TrustedAccountIds).");
                }
                else
                {
                    var how = crossAccount.All(t => t.RequiresExternalId) ? "each with an sts:ExternalId condition" : "each with an sts:ExternalId condition or listed in TrustedAccountIds";
                    finding = RoleFinding(context, check, role, FindingStatus.Pass, $"Role {role.Name} trusts account {string.Join(", ", accounts)}, {how}.");
                }

                return new[]
                {
                    finding.With("TrustedAccounts", accounts)
                        .With("AccountsWithoutExternalId", unguarded.SelectMany(u => u.Untrusted).Distinct(StringComparer.Ordinal))
                        .With("TrustedAccountIds", trusted.OrderBy(a => a, StringComparer.Ordinal)),
                };
            }).ConfigureAwait(false)).ToList();

            if (findings.Count == 0)
            {
                findings.Add(context.AccountFinding(check, FindingStatus.Pass, "No IAM role trusts principals of another account."));
            }

            return findings;
        }

        private static async Task<IEnumerable<Finding>> RoleTrustOidcSubjectPinnedAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.RoleTrustOidcSubjectPinned;
            var findings = (await ForEachRoleTrustAsync(context, check, cancellationToken, (role, trust) =>
            {
                var oidc = RoleTrustAnalysis.OidcTrusts(trust);
                if (oidc.Count == 0)
                {
                    return Array.Empty<Finding>();
                }

                var loose = oidc.Where(t => !t.IsPinned).ToList();
                var finding = loose.Count > 0
                    ? RoleFinding(context, check, role, FindingStatus.Fail, $"Role {role.Name} trusts {string.Join("; ", loose.Select(DescribeLooseOidc))}.")
                    : RoleFinding(context, check, role, FindingStatus.Pass, $"Role {role.Name} trusts {string.Join("; ", oidc.Select(t => $"{t.Host} only for {t.ConditionKey} {string.Join(", ", t.Values)}"))}.");
                return new[]
                {
                    finding.With("Providers", oidc.Select(t => t.Provider).Distinct(StringComparer.Ordinal))
                        .With("SubjectConditions", oidc.SelectMany(t => t.Values).Distinct(StringComparer.Ordinal)),
                };
            }).ConfigureAwait(false)).ToList();

            if (findings.Count == 0)
            {
                findings.Add(context.AccountFinding(check, FindingStatus.NotApplicable, "No IAM role trusts an OpenID Connect identity provider."));
            }

            return findings;

            static string DescribeLooseOidc(OidcTrust trust)
            {
                var who = trust.IsGitHub ? "GitHub Actions (token.actions.githubusercontent.com)" : trust.Host;
                var what = trust.IsGitHub ? "specific repositories" : "specific workloads";
                var values = trust.Values.Count == 0 ? $"no {trust.ConditionKey} condition" : $"{trust.ConditionKey} {string.Join(", ", trust.Values.Select(v => "\"" + v + "\""))}";
                return $"{who} without pinning the token to {what} ({trust.Statement.DisplayName} has {values})";
            }
        }

        private static async Task<IEnumerable<Finding>> RolesUsedRecentlyAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.RolesUsedRecently;
            var window = context.Settings.GetInt(Sec03Catalog.RoleUnusedDays);
            var details = await IamEvidence.GetAuthorizationDetailsAsync(context, cancellationToken).ConfigureAwait(false);
            if (details.Value == null)
            {
                return context.ErrorFinding(check, details.Response).AsEnumerable();
            }

            var findings = new List<Finding>();
            var young = 0;
            foreach (var role in details.Value.Roles.Where(r => !r.IsServiceLinked))
            {
                if (!role.CreateDate.HasValue)
                {
                    findings.Add(RoleFinding(context, check, role, FindingStatus.Error, $"Could not verify: GetAccountAuthorizationDetails gives no CreateDate for role {role.Name}."));
                    continue;
                }

                var age = UserAccessKey.DaysBetween(role.CreateDate.Value, context.Now);
                if (age < window)
                {
                    // A role younger than the window cannot have been unused for the whole window.
                    young++;
                    continue;
                }

                var idle = role.LastUsed.HasValue ? UserAccessKey.DaysBetween(role.LastUsed.Value, context.Now) : (int?)null;
                Finding finding;
                if (idle == null)
                {
                    finding = RoleFinding(context, check, role, FindingStatus.Fail, $"Role {role.Name}, created {Days(age)} ago, has no recorded use (IAM tracks the last 400 days; window {window} days).");
                }
                else if (idle >= window)
                {
                    finding = RoleFinding(context, check, role, FindingStatus.Fail, $"Role {role.Name} was last used {Days(idle.Value)} ago (window {window} days).");
                }
                else
                {
                    finding = RoleFinding(context, check, role, FindingStatus.Pass, $"Role {role.Name} was last used {Days(idle.Value)} ago{(role.LastUsedRegion == null ? string.Empty : " in " + role.LastUsedRegion)}.");
                }

                findings.Add(finding
                    .With("CreateDate", role.CreateDate.Value.UtcDateTime)
                    .With("LastUsedDate", role.LastUsed?.UtcDateTime)
                    .With("LastUsedRegion", role.LastUsedRegion)
                    .With("DaysSinceLastUse", idle)
                    .With("WindowDays", window));
            }

            if (findings.Count == 0)
            {
                findings.Add(context.AccountFinding(check, FindingStatus.Pass, $"No IAM role other than service-linked ones is older than {window} days ({young} younger role(s) not judged).")
                    .With("YoungRoles", young));
            }

            return findings;
        }

        /// <summary>
        /// Runs <paramref name="judge"/> on the parsed trust policy of every role that is not service-linked; a role
        /// whose trust policy cannot be read is an Error for it, unavailable evidence one account-level Error.
        /// </summary>
        private static async Task<IEnumerable<Finding>> ForEachRoleTrustAsync(
            CheckContext context,
            CheckDefinition check,
            CancellationToken cancellationToken,
            Func<IamRole, PolicyDocument, IEnumerable<Finding>> judge)
        {
            var details = await IamEvidence.GetAuthorizationDetailsAsync(context, cancellationToken).ConfigureAwait(false);
            if (details.Value == null)
            {
                return context.ErrorFinding(check, details.Response).AsEnumerable();
            }

            var findings = new List<Finding>();
            foreach (var role in details.Value.Roles.Where(r => !r.IsServiceLinked))
            {
                var trust = role.TrustPolicy.Document;
                if (trust == null)
                {
                    findings.Add(RoleFinding(context, check, role, FindingStatus.Error, $"Could not verify: the trust policy of role {role.Name} cannot be read ({role.TrustPolicy.Error ?? "missing"})."));
                    continue;
                }

                findings.AddRange(judge(role, trust));
            }

            return findings;
        }

        private static Finding RoleFinding(CheckContext context, CheckDefinition check, IamRole role, FindingStatus status, string reason) =>
            context.NewFinding(check, status, role.Name, reason, resourceArn: role.Arn).WithProperty("RoleName", role.Name);

        private static string DescribeGrant(PolicyStatement statement) =>
            $"{statement.DisplayName} allows {(statement.IsNotAction ? "NotAction " : string.Empty)}{string.Join(", ", statement.Actions)} to {(statement.IsNotPrincipal ? "NotPrincipal" : "Principal")} {statement.Principal}";

        private static IReadOnlyList<string> TrustedPrincipals(PolicyDocument trust) =>
            trust.Statements
                .Where(s => s.Effect == PolicyEffect.Allow && s.Principal != null)
                .Select(s => (s.IsNotPrincipal ? "NotPrincipal " : string.Empty) + s.Principal)
                .Distinct(StringComparer.Ordinal)
                .ToList();
    }
}
