using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Iam;
using WASecurity.Evidence;
using WASecurity.Policies;

namespace WASecurity.Checks.Sec02
{
    /// <summary>SEC 2: how people authenticate — the password policy, MFA, unused passwords, and what IAM users and roles may do.</summary>
    internal sealed class Sec02HumanAccess : IQuestionChecks
    {
        // OIDC issuers that serve workloads (CI systems, Kubernetes), not people; they do not centralize human sign-in.
        private static readonly string[] WorkloadOidcIssuers =
        {
            "token.actions.githubusercontent.com", "oidc.eks.", "app.terraform.io", "gitlab.com", "oidc.circleci.com",
            "vstoken.dev.azure.com", "cognito-identity.amazonaws.com", "bitbucket.org",
        };

        public IReadOnlyList<CheckImplementation> GetChecks() => new[]
        {
            new CheckImplementation(Sec02Catalog.PasswordPolicyExists, PasswordPolicyExistsAsync),
            new CheckImplementation(Sec02Catalog.PasswordMinimumLength, PasswordMinimumLengthAsync),
            new CheckImplementation(Sec02Catalog.PasswordReuse, PasswordReuseAsync),
            new CheckImplementation(Sec02Catalog.PasswordComplexity, PasswordComplexityAsync),
            new CheckImplementation(Sec02Catalog.PasswordMaxAge, PasswordMaxAgeAsync),
            new CheckImplementation(Sec02Catalog.ConsoleUsersHaveMfa, ConsoleUsersHaveMfaAsync),
            new CheckImplementation(Sec02Catalog.AdministratorsHaveMfa, AdministratorsHaveMfaAsync),
            new CheckImplementation(Sec02Catalog.ConsolePasswordsUsed, ConsolePasswordsUsedAsync),
            new CheckImplementation(Sec02Catalog.PermissionsThroughGroups, PermissionsThroughGroupsAsync),
            new CheckImplementation(Sec02Catalog.NoFullAdminPolicies, NoFullAdminPoliciesAsync),
            new CheckImplementation(Sec02Catalog.NoPrivilegeEscalation, NoPrivilegeEscalationAsync),
            new CheckImplementation(Sec02Catalog.CentralizedIdentity, CentralizedIdentityAsync),
            new CheckImplementation(Sec02Catalog.NoExpiredServerCertificates, NoExpiredServerCertificatesAsync),
        };

        // ---- Password policy -------------------------------------------------------------------------------------

        private static async Task<IEnumerable<Finding>> PasswordPolicyExistsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec02Catalog.PasswordPolicyExists;
            var (response, policy) = await GetPasswordPolicyAsync(context, cancellationToken).ConfigureAwait(false);
            if (policy == null)
            {
                return NoPolicyOrError(context, check, response, "The account has no IAM password policy, so IAM's default applies (8 characters, no reuse prevention).");
            }

            return context.AccountFinding(check, FindingStatus.Pass, "The account has an IAM password policy.")
                .With("MinimumPasswordLength", policy.Value.Int("MinimumPasswordLength"))
                .AsEnumerable();
        }

        private static async Task<IEnumerable<Finding>> PasswordMinimumLengthAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec02Catalog.PasswordMinimumLength;
            var required = context.Settings.GetInt(Sec02Catalog.MinimumPasswordLength);
            var (response, policy) = await GetPasswordPolicyAsync(context, cancellationToken).ConfigureAwait(false);
            if (policy == null)
            {
                return NoPolicyOrError(context, check, response, $"The account has no password policy, so passwords need only IAM's default 8 characters (required {required}).");
            }

            var length = policy.Value.Int("MinimumPasswordLength") ?? 8;
            var finding = length >= required
                ? context.AccountFinding(check, FindingStatus.Pass, $"The password policy requires at least {length} characters (required {required}).")
                : context.AccountFinding(check, FindingStatus.Fail, $"The password policy requires only {length} characters (required {required}).");
            return finding.With("MinimumPasswordLength", length).With("Required", required).AsEnumerable();
        }

        private static async Task<IEnumerable<Finding>> PasswordReuseAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec02Catalog.PasswordReuse;
            var required = context.Settings.GetInt(Sec02Catalog.PasswordReusePrevention);
            var (response, policy) = await GetPasswordPolicyAsync(context, cancellationToken).ConfigureAwait(false);
            if (policy == null)
            {
                return NoPolicyOrError(context, check, response, $"The account has no password policy, so any previous password may be reused (required: the last {required} prevented).");
            }

            var reuse = policy.Value.Int("PasswordReusePrevention") ?? 0;
            var finding = reuse >= required
                ? context.AccountFinding(check, FindingStatus.Pass, $"The password policy prevents reuse of the last {reuse} passwords (required {required}).")
                : context.AccountFinding(check, FindingStatus.Fail, reuse == 0
                    ? $"The password policy does not prevent password reuse (required: the last {required})."
                    : $"The password policy prevents reuse of only the last {reuse} passwords (required {required}).");
            return finding.With("PasswordReusePrevention", reuse).With("Required", required).AsEnumerable();
        }

        private static async Task<IEnumerable<Finding>> PasswordComplexityAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec02Catalog.PasswordComplexity;
            var (response, policy) = await GetPasswordPolicyAsync(context, cancellationToken).ConfigureAwait(false);
            if (policy == null)
            {
                return NoPolicyOrError(context, check, response, "The account has no password policy, so no character classes are required.");
            }

            var classes = new[]
            {
                ("upper-case", "RequireUppercaseCharacters"),
                ("lower-case", "RequireLowercaseCharacters"),
                ("numbers", "RequireNumbers"),
                ("symbols", "RequireSymbols"),
            };
            var missing = classes.Where(c => policy.Value.Bool(c.Item2) != true).Select(c => c.Item1).ToList();
            var finding = missing.Count == 0
                ? context.AccountFinding(check, FindingStatus.Pass, "The password policy requires upper-case, lower-case, number and symbol characters.")
                : context.AccountFinding(check, FindingStatus.Fail, $"The password policy does not require {Join(missing)}.");
            foreach (var c in classes)
            {
                finding.With(c.Item2, policy.Value.Bool(c.Item2) == true);
            }

            return finding.AsEnumerable();
        }

        private static async Task<IEnumerable<Finding>> PasswordMaxAgeAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec02Catalog.PasswordMaxAge;
            var limit = context.Settings.GetInt(Sec02Catalog.PasswordMaxAgeDays);
            if (limit <= 0)
            {
                return context.AccountFinding(check, FindingStatus.NotApplicable, "Not assessed: the PasswordMaxAgeDays setting is 0 (off), following NIST SP 800-63B's advice against forced periodic password changes; set it if your policy requires expiry.")
                    .With("PasswordMaxAgeDays", limit)
                    .AsEnumerable();
            }

            var (response, policy) = await GetPasswordPolicyAsync(context, cancellationToken).ConfigureAwait(false);
            if (policy == null)
            {
                return NoPolicyOrError(context, check, response, $"The account has no password policy, so passwords never expire (required within {limit} days).");
            }

            var expires = policy.Value.Bool("ExpirePasswords") == true;
            var maxAge = policy.Value.Int("MaxPasswordAge");
            var finding = expires && maxAge > 0 && maxAge <= limit
                ? context.AccountFinding(check, FindingStatus.Pass, $"Passwords expire after {maxAge} days (required within {limit}).")
                : context.AccountFinding(check, FindingStatus.Fail, !expires || maxAge == null || maxAge <= 0
                    ? $"The password policy does not expire passwords (required within {limit} days)."
                    : $"Passwords expire only after {maxAge} days (required within {limit}).");
            return finding.With("ExpirePasswords", expires).With("MaxPasswordAge", maxAge).With("PasswordMaxAgeDays", limit).AsEnumerable();
        }

        private static async Task<(EvidenceResponse Response, JsonElement? Policy)> GetPasswordPolicyAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var response = await context.GetAsync(IamCalls.GetAccountPasswordPolicy, cancellationToken).ConfigureAwait(false);
            return (response, response.IsSuccess ? response.Root.Prop("PasswordPolicy") : null);
        }

        /// <summary>NoSuchEntity is the answer "no policy" (a Fail); any other failure, or a success without a policy, cannot be judged.</summary>
        private static IEnumerable<Finding> NoPolicyOrError(CheckContext context, CheckDefinition check, EvidenceResponse response, string noPolicyReason)
        {
            if (response.IsSuccess)
            {
                return context.AccountFinding(check, FindingStatus.Error, "Could not verify: the GetAccountPasswordPolicy response has no PasswordPolicy.").AsEnumerable();
            }

            return response.Error!.Kind == ApiErrorKind.NotFound
                ? context.AccountFinding(check, FindingStatus.Fail, noPolicyReason).With("ErrorCode", response.Error.Code).AsEnumerable()
                : context.ErrorFinding(check, response).AsEnumerable();
        }

        // ---- Users: MFA and unused passwords ---------------------------------------------------------------------

        private static async Task<IEnumerable<Finding>> ConsoleUsersHaveMfaAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec02Catalog.ConsoleUsersHaveMfa;
            var report = await IamEvidence.GetCredentialReportAsync(context, cancellationToken).ConfigureAwait(false);
            if (report.Value == null)
            {
                return context.ErrorFinding(check, report.Response).AsEnumerable();
            }

            var consoleUsers = report.Value.Users.Where(u => u.PasswordEnabled == true).ToList();
            if (consoleUsers.Count == 0)
            {
                return context.AccountFinding(check, FindingStatus.NotApplicable, "No IAM user has a console password.").AsEnumerable();
            }

            return consoleUsers.Select(u => (u.MfaActive
                    ? UserFinding(context, check, FindingStatus.Pass, u.User, u.Arn, $"User {u.User} has a console password and MFA.")
                    : UserFinding(context, check, FindingStatus.Fail, u.User, u.Arn, $"User {u.User} can sign in to the console with a password alone: no MFA device is active."))
                .With("PasswordEnabled", true)
                .With("MfaActive", u.MfaActive)
                .With("PasswordLastUsed", u.PasswordLastUsed.Raw))
                .ToList();
        }

        private static async Task<IEnumerable<Finding>> AdministratorsHaveMfaAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec02Catalog.AdministratorsHaveMfa;
            var details = await IamEvidence.GetAuthorizationDetailsAsync(context, cancellationToken).ConfigureAwait(false);
            if (details.Value == null)
            {
                return context.ErrorFinding(check, details.Response).AsEnumerable();
            }

            var report = await IamEvidence.GetCredentialReportAsync(context, cancellationToken).ConfigureAwait(false);
            if (report.Value == null)
            {
                return context.ErrorFinding(check, report.Response).AsEnumerable();
            }

            var findings = new List<Finding>();
            foreach (var user in details.Value.Users)
            {
                var policies = details.Value.PoliciesOf(user);
                var admin = PolicyEvaluator.AssessAdministrator(policies.Identity, policies.Boundary);
                if (!admin.MayBeAdministrator)
                {
                    continue;
                }

                var why = admin.Reason;

                var entry = report.Value.Users.FirstOrDefault(e => string.Equals(e.User, user.Name, StringComparison.Ordinal));
                Finding finding;
                if (entry == null)
                {
                    finding = UserFinding(context, check, FindingStatus.Error, user.Name, user.Arn, $"Could not verify: administrator {user.Name} is not in the credential report (generated before the user was created?).");
                }
                else
                {
                    finding = entry.MfaActive
                        ? UserFinding(context, check, FindingStatus.Pass, user.Name, user.Arn, $"Administrator {user.Name} has MFA.")
                        : UserFinding(context, check, FindingStatus.Fail, user.Name, user.Arn, $"User {user.Name} is a full administrator, through {Join(admin.GrantingPolicies)}{ConditionNote(admin)}, and has no MFA.");
                    finding.With("MfaActive", entry.MfaActive).With("PasswordEnabled", entry.PasswordEnabled).With("Conditional", admin.Level == AdministratorLevel.Conditional);
                }

                findings.Add(finding.With("AdministratorBecause", why));
            }

            if (findings.Count == 0)
            {
                findings.Add(context.AccountFinding(check, FindingStatus.NotApplicable, $"None of the {details.Value.Users.Count} IAM users is a full administrator."));
            }

            return findings;
        }

        private static async Task<IEnumerable<Finding>> ConsolePasswordsUsedAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec02Catalog.ConsolePasswordsUsed;
            var window = context.Settings.GetInt(Sec02Catalog.ConsolePasswordUnusedDays);
            var report = await IamEvidence.GetCredentialReportAsync(context, cancellationToken).ConfigureAwait(false);
            if (report.Value == null)
            {
                return context.ErrorFinding(check, report.Response).AsEnumerable();
            }

            var consoleUsers = report.Value.Users.Where(u => u.PasswordEnabled == true).ToList();
            if (consoleUsers.Count == 0)
            {
                return context.AccountFinding(check, FindingStatus.NotApplicable, "No IAM user has a console password.").AsEnumerable();
            }

            var findings = new List<Finding>();
            foreach (var user in consoleUsers)
            {
                Finding finding;
                if (user.PasswordLastUsed.Time is DateTimeOffset used)
                {
                    var days = DaysSince(context, used);
                    finding = days >= window
                        ? UserFinding(context, check, FindingStatus.Fail, user.User, user.Arn, $"User {user.User}'s console password was last used {Days(days)} ago (limit {window}).")
                        : UserFinding(context, check, FindingStatus.Pass, user.User, user.Arn, $"User {user.User}'s console password was last used {Days(days)} ago (limit {window}).");
                    finding.With("DaysSinceLastUse", days);
                }
                else
                {
                    // Never used: measure from when the password was set (or the user created).
                    var since = user.PasswordLastChanged.Time ?? user.UserCreationTime.Time;
                    if (since == null)
                    {
                        finding = UserFinding(context, check, FindingStatus.Error, user.User, user.Arn, $"Could not verify: the credential report gives no date for user {user.User}'s password.");
                    }
                    else
                    {
                        var days = DaysSince(context, since.Value);
                        finding = days >= window
                            ? UserFinding(context, check, FindingStatus.Fail, user.User, user.Arn, $"User {user.User}'s console password has never been used in the {Days(days)} since it was set (limit {window}).")
                            : UserFinding(context, check, FindingStatus.Pass, user.User, user.Arn, $"User {user.User}'s console password, set {Days(days)} ago, has not been used yet (limit {window}).");
                        finding.With("DaysSinceSet", days);
                    }
                }

                findings.Add(finding
                    .With("PasswordLastUsed", user.PasswordLastUsed.Raw)
                    .With("PasswordLastChanged", user.PasswordLastChanged.Raw)
                    .With("WindowDays", window));
            }

            return findings;
        }

        // ---- Users, groups and roles: how permissions are granted --------------------------------------------------

        private static async Task<IEnumerable<Finding>> PermissionsThroughGroupsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec02Catalog.PermissionsThroughGroups;
            var details = await IamEvidence.GetAuthorizationDetailsAsync(context, cancellationToken).ConfigureAwait(false);
            if (details.Value == null)
            {
                return context.ErrorFinding(check, details.Response).AsEnumerable();
            }

            if (details.Value.Users.Count == 0)
            {
                return context.AccountFinding(check, FindingStatus.NotApplicable, "The account has no IAM users.").AsEnumerable();
            }

            return details.Value.Users.Select(user =>
            {
                var own = user.InlinePolicies.Select(p => "inline policy '" + p.Name + "'")
                    .Concat(user.AttachedPolicies.Select(p => "managed policy '" + p.Name + "'"))
                    .ToList();
                var finding = own.Count == 0
                    ? UserFinding(context, check, FindingStatus.Pass, user.Name, user.Arn, $"User {user.Name} has no policies of its own" + (user.GroupNames.Count == 0 ? " and is in no group." : $"; permissions come from group(s) {Join(user.GroupNames)}."))
                    : UserFinding(context, check, FindingStatus.Fail, user.Name, user.Arn, $"User {user.Name} has {Join(own)} attached directly instead of through a group.");
                return finding
                    .With("InlinePolicies", user.InlinePolicies.Select(p => p.Name))
                    .With("AttachedPolicies", user.AttachedPolicies.Select(p => p.Arn))
                    .With("Groups", user.GroupNames);
            }).ToList();
        }

        private static async Task<IEnumerable<Finding>> NoFullAdminPoliciesAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec02Catalog.NoFullAdminPolicies;
            var details = await IamEvidence.GetAuthorizationDetailsAsync(context, cancellationToken).ConfigureAwait(false);
            if (details.Value == null)
            {
                return context.ErrorFinding(check, details.Response).AsEnumerable();
            }

            var allowed = context.Settings.GetStrings(Sec02Catalog.AllowedAdministrators);
            var findings = new List<Finding>();
            var allowedAdmins = new List<string>();
            var unverified = 0;
            var examined = 0;
            foreach (var principal in Examinable(details.Value))
            {
                examined++;

                // CIS 1.16 asks what is attached to the principal itself; a user's group is judged as the group.
                var policies = details.Value.PoliciesOf(principal, includeGroups: false);
                var admin = policies.Identity.Count == 0 ? null : PolicyEvaluator.AssessAdministrator(policies.Identity, policies.Boundary);
                if (admin == null || !admin.MayBeAdministrator)
                {
                    if (policies.Problems.Count > 0)
                    {
                        // What could be read grants no full access, but what could not might: never a silent pass.
                        unverified++;
                        findings.Add(Unverified(context, check, principal, policies));
                    }

                    continue;
                }

                var why = admin.Reason;

                if (allowed.Any(a => WildcardPattern.IsMatch(a, principal.Name, ignoreCase: true)))
                {
                    allowedAdmins.Add(principal.ToString());
                    continue;
                }

                var adminPolicies = policies.Identity.Where(p => PolicyEvaluator.AssessAdministrator(new[] { p }).MayBeAdministrator).Select(p => p.DisplayName).ToList();
                findings.Add(PrincipalFinding(context, check, FindingStatus.Fail, principal, $"{Capitalize(principal.ToString())} has full administrative rights (every probed action on every resource) through {Join(admin.GrantingPolicies)}{ConditionNote(admin)}.")
                    .With("AdministratorPolicies", adminPolicies)
                    .With("Conditional", admin.Level == AdministratorLevel.Conditional)
                    .With("AdministratorBecause", why)
                    .With("PermissionsBoundary", principal.PermissionsBoundaryArn));
            }

            if (findings.Count == 0)
            {
                var note = allowedAdmins.Count == 0 ? string.Empty : $" Allowed by the AllowedAdministrators setting: {Join(allowedAdmins)}.";
                findings.Add(context.AccountFinding(check, FindingStatus.Pass, $"None of the {examined} IAM users, groups and roles examined holds full administrative rights of its own.{note}")
                    .With("AllowedAdministrators", allowedAdmins));
            }

            return findings;
        }

        private static async Task<IEnumerable<Finding>> NoPrivilegeEscalationAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec02Catalog.NoPrivilegeEscalation;
            var details = await IamEvidence.GetAuthorizationDetailsAsync(context, cancellationToken).ConfigureAwait(false);
            if (details.Value == null)
            {
                return context.ErrorFinding(check, details.Response).AsEnumerable();
            }

            var region = context.Regions.FirstOrDefault() ?? "us-east-1";
            var findings = new List<Finding>();
            var examined = 0;
            foreach (var principal in Examinable(details.Value).Where(p => !(p is IamGroup)))
            {
                var policies = details.Value.PoliciesOf(principal);
                if (policies.Identity.Count > 0 && PolicyEvaluator.AssessAdministrator(policies.Identity, policies.Boundary).MayBeAdministrator)
                {
                    // Administrators are reported by SEC02.NoFullAdminPolicies; escalation is moot for them.
                    continue;
                }

                if (policies.Identity.Count == 0 && policies.Problems.Count == 0)
                {
                    continue;
                }

                examined++;
                var paths = policies.Identity.Count == 0
                    ? Array.Empty<EscalationMatch>()
                    : PrivilegeEscalation.Find(principal, policies, context.Account.Partition, context.Account.AccountId, region);
                if (paths.Count == 0)
                {
                    if (policies.Problems.Count > 0)
                    {
                        // The unreadable policies might hold the missing half of a combination.
                        findings.Add(Unverified(context, check, principal, policies));
                    }

                    continue;
                }

                findings.Add(PrincipalFinding(context, check, FindingStatus.Fail, principal, $"{Capitalize(principal.ToString())} is not an administrator but can make itself one: {string.Join("; ", paths.Select(p => p.ToString()))}.")
                    .With("Combinations", paths.Select(p => p.Name))
                    .With("GrantingPolicies", paths.SelectMany(p => p.GrantingPolicies).Distinct())
                    .With("Conditional", paths.All(p => p.IsConditional)));
            }

            if (findings.Count == 0)
            {
                findings.Add(context.AccountFinding(check, FindingStatus.Pass, $"None of the {examined} non-administrator IAM users and roles holds a known privilege-escalation combination."));
            }

            return findings;
        }

        /// <summary>Error for a principal some of whose policies cannot be read (unparseable, or missing from the details).</summary>
        private static Finding Unverified(CheckContext context, CheckDefinition check, IamPrincipal principal, PrincipalPolicies policies) =>
            PrincipalFinding(context, check, FindingStatus.Error, principal, $"Could not verify {principal}: its policies cannot all be read ({Join(policies.Problems.Distinct().ToList())}).")
                .With("FailedCall", IamCalls.GetAccountAuthorizationDetails.Action)
                .With("Unresolved", policies.Problems.Distinct());

        /// <summary>Principals the account controls: service-linked roles belong to AWS and cannot be changed.</summary>
        private static IEnumerable<IamPrincipal> Examinable(AuthorizationDetails details)
            => details.Principals.Where(p => !(p is IamRole role && role.IsServiceLinked));

        // ---- Account: federation and certificates ------------------------------------------------------------------

        private static async Task<IEnumerable<Finding>> CentralizedIdentityAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec02Catalog.CentralizedIdentity;
            var saml = await context.GetAsync(IamCalls.ListSamlProviders, cancellationToken).ConfigureAwait(false);
            var oidc = await context.GetAsync(IamCalls.ListOpenIdConnectProviders, cancellationToken).ConfigureAwait(false);
            var sso = await Task.WhenAll(context.Regions.Select(r => context.GetAsync(IamCalls.ListSsoInstances(r), cancellationToken))).ConfigureAwait(false);
            var details = await IamEvidence.GetAuthorizationDetailsAsync(context, cancellationToken).ConfigureAwait(false);

            var samlProviders = saml.IsSuccess ? saml.Root.Items("SAMLProviderList").Select(p => p.Str("Arn")).Where(a => a != null).Select(a => a!).ToList() : new List<string>();
            var oidcProviders = oidc.IsSuccess ? oidc.Root.Items("OpenIDConnectProviderList").Select(p => p.Str("Arn")).Where(a => a != null).Select(a => a!).ToList() : new List<string>();
            var humanOidc = oidcProviders.Where(a => !WorkloadOidcIssuers.Any(w => a.IndexOf("oidc-provider/" + w, StringComparison.OrdinalIgnoreCase) >= 0)).ToList();
            var ssoInstances = sso.Where(r => r.IsSuccess).SelectMany(r => r.Root.Items("Instances").Select(i => (i.Str("InstanceArn") ?? "instance") + " (" + r.Call.Region + ")")).ToList();
            var ssoRoles = details.Value?.Roles.Where(r => r.Path.StartsWith("/aws-reserved/sso.amazonaws.com/", StringComparison.Ordinal)).Select(r => r.Name).ToList() ?? new List<string>();

            Finding finding;
            if (samlProviders.Count + humanOidc.Count + ssoInstances.Count + ssoRoles.Count > 0)
            {
                var means = new List<string>();
                if (samlProviders.Count > 0) means.Add($"{samlProviders.Count} SAML provider(s)");
                if (humanOidc.Count > 0) means.Add($"{humanOidc.Count} OIDC provider(s) for people");
                if (ssoInstances.Count > 0) means.Add($"an IAM Identity Center instance ({Join(ssoInstances)})");
                if (ssoRoles.Count > 0) means.Add($"{ssoRoles.Count} IAM Identity Center permission-set role(s)");
                finding = context.AccountFinding(check, FindingStatus.Pass, $"People can sign in through {Join(means)}.");
            }
            else
            {
                // Without the authorization details, Identity Center roles provisioned from the organization cannot be seen.
                var failed = new[] { saml, oidc }.Concat(sso).Concat(new[] { details.Response })
                    .FirstOrDefault(r => !r.IsSuccess && r.Error!.Kind != ApiErrorKind.RegionUnavailable);
                if (failed != null)
                {
                    return context.ErrorFinding(check, failed).AsEnumerable();
                }

                var report = await IamEvidence.GetCredentialReportAsync(context, cancellationToken).ConfigureAwait(false);
                var consoleUsers = report.Value?.Users.Where(u => u.PasswordEnabled == true).Select(u => u.User).ToList();
                if (consoleUsers == null)
                {
                    finding = context.AccountFinding(check, FindingStatus.Fail, "No SAML or OIDC identity provider for people and no IAM Identity Center instance or permission-set role was found.");
                }
                else if (consoleUsers.Count == 0)
                {
                    finding = context.AccountFinding(check, FindingStatus.Manual, "No identity provider or IAM Identity Center is configured here, and no IAM user has a console password: confirm that people reach this account through roles from a centrally managed identity account.");
                    finding.Severity = Severity.Informational;
                }
                else
                {
                    finding = context.AccountFinding(check, FindingStatus.Fail, $"No SAML or OIDC identity provider for people and no IAM Identity Center were found, while {consoleUsers.Count} IAM user(s) sign in with passwords ({Join(consoleUsers)}).");
                }

                finding.With("ConsoleUsers", consoleUsers);
            }

            return finding
                .With("SamlProviders", samlProviders)
                .With("OidcProviders", oidcProviders)
                .With("IdentityCenterInstances", ssoInstances)
                .With("IdentityCenterRoles", ssoRoles)
                .AsEnumerable();
        }

        private static async Task<IEnumerable<Finding>> NoExpiredServerCertificatesAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec02Catalog.NoExpiredServerCertificates;
            var response = await context.GetAsync(IamCalls.ListServerCertificates, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                return context.ErrorFinding(check, response).AsEnumerable();
            }

            var certificates = response.Root.Items("ServerCertificateMetadataList").ToList();
            if (certificates.Count == 0)
            {
                return context.AccountFinding(check, FindingStatus.NotApplicable, "No server certificates are stored in IAM.").AsEnumerable();
            }

            var findings = new List<Finding>();
            foreach (var certificate in certificates)
            {
                var name = certificate.Str("ServerCertificateName") ?? "(unnamed)";
                var expiration = certificate.Date("Expiration");
                Finding finding;
                if (expiration == null)
                {
                    finding = context.NewFinding(check, FindingStatus.Error, name, $"Could not verify: server certificate {name} has no Expiration.", resourceArn: certificate.Str("Arn"));
                }
                else if (expiration.Value <= context.Now)
                {
                    finding = context.NewFinding(check, FindingStatus.Fail, name, $"Server certificate {name} expired {Days(DaysSince(context, expiration.Value))} ago ({expiration.Value.UtcDateTime:yyyy-MM-dd}).", resourceArn: certificate.Str("Arn"));
                }
                else
                {
                    finding = context.NewFinding(check, FindingStatus.Pass, name, $"Server certificate {name} is valid until {expiration.Value.UtcDateTime:yyyy-MM-dd}.", resourceArn: certificate.Str("Arn"));
                }

                findings.Add(finding
                    .With("Expiration", expiration?.UtcDateTime.ToString("o", CultureInfo.InvariantCulture))
                    .WithProperty("ServerCertificateName", name));
            }

            return findings;
        }

        // ---- Helpers -------------------------------------------------------------------------------------------------

        private static Finding UserFinding(CheckContext context, CheckDefinition check, FindingStatus status, string userName, string arn, string reason) =>
            context.NewFinding(check, status, userName, reason, resourceArn: arn, resourceType: "AWS::IAM::User")
                .WithProperty("UserName", userName);

        private static Finding PrincipalFinding(CheckContext context, CheckDefinition check, FindingStatus status, IamPrincipal principal, string reason) =>
            context.NewFinding(check, status, principal.Name, reason, resourceArn: principal.Arn, resourceType: principal.ResourceType)
                .WithProperty(principal.NameProperty, principal.Name);

        private static string ConditionNote(AdministratorAssessment admin)
            => admin.Level == AdministratorLevel.Conditional ? " (only under conditions: " + string.Join("; ", admin.Conditions) + ")" : string.Empty;

        private static int DaysSince(CheckContext context, DateTimeOffset time) => (int)Math.Floor((context.Now - time).TotalDays);

        private static string Days(int days) => days == 1 ? "1 day" : string.Format(CultureInfo.InvariantCulture, "{0} days", days);

        private static string Join(IReadOnlyList<string> items)
            => items.Count <= 1 ? string.Join(string.Empty, items) : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[items.Count - 1];

        private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
