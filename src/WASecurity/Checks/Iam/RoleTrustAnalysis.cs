using System;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Policies;

namespace WASecurity.Checks.Iam
{
    /// <summary>
    /// Questions a role's trust policy answers for SEC 3: who outside the account may assume the role, and under
    /// which conditions. Built on the policy model (<see cref="PolicyDocument"/>) and
    /// <see cref="ResourcePolicyAnalyzer"/>; only Allow statements grant, and a condition counts only when it
    /// provably narrows who can assume (a positive operator, no IfExists/ForAllValues, specific values).
    /// </summary>
    internal static class RoleTrustAnalysis
    {
        public const string ExternalIdKey = "sts:ExternalId";
        public const string GitHubOidcHost = "token.actions.githubusercontent.com";

        /// <summary>
        /// Web identity providers IAM knows by name, with the condition key that pins the token to your
        /// application (identity pool or OAuth client); without it any user of the provider can assume the role.
        /// </summary>
        private static readonly Dictionary<string, string> NamedProviderKeys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["cognito-identity.amazonaws.com"] = "cognito-identity.amazonaws.com:aud",
            ["accounts.google.com"] = "accounts.google.com:aud",
            ["graph.facebook.com"] = "graph.facebook.com:app_id",
            ["www.amazon.com"] = "www.amazon.com:app_id",
        };
        private static readonly string[] ExternalIdKeys = { ExternalIdKey };

        /// <summary>
        /// Allow statements that let every AWS principal (or anyone) assume the role without a restricting condition,
        /// and that no Deny statement confines to a known scope (see <see cref="ConfiningDeny"/>).
        /// </summary>
        public static IReadOnlyList<PolicyStatement> PublicStatements(PolicyDocument trust, string accountId) =>
            ResourcePolicyAnalyzer.Analyze(trust, accountId).PublicStatements.Where(s => ConfiningDeny(trust, s) == null).ToList();

        /// <summary>
        /// A Deny statement to everyone that covers every action of <paramref name="allow"/> and applies whenever the
        /// caller is outside a named scope: each of its conditions is a negated operator (StringNotEquals,
        /// ArnNotLike, …, not IfExists) on a restricting key (aws:PrincipalOrgID, aws:PrincipalAccount, …) with
        /// specific values. A negated operator holds when the key is absent, so callers without the key are denied
        /// too; together with the wildcard Allow this grants only callers inside the scope. Null when none does.
        /// </summary>
        public static PolicyStatement? ConfiningDeny(PolicyDocument trust, PolicyStatement allow)
        {
            if (allow.IsNotAction)
            {
                return null;
            }

            return trust.Statements.FirstOrDefault(deny =>
                deny.Effect == PolicyEffect.Deny
                && deny.Principal != null && !deny.IsNotPrincipal && deny.Principal.IsEveryone
                && allow.Actions.All(deny.MatchesAction)
                && deny.Conditions.Count > 0
                && deny.Conditions.All(c =>
                    c.IsNegated
                    && !c.IfExists
                    && !string.Equals(c.SetQualifier, "ForAllValues", StringComparison.OrdinalIgnoreCase)
                    && ResourcePolicyAnalyzer.RestrictingConditionKeys.Contains(c.Key)
                    && c.Values.Count > 0
                    && c.Values.All(IsSpecificValue)));
        }

        /// <summary>
        /// Allow statements naming principals of other accounts (by id or IAM/STS ARN), each with the accounts it
        /// names and whether it requires a specific <c>sts:ExternalId</c>. Statements to everyone are not here
        /// (see <see cref="PublicStatements"/>).
        /// </summary>
        public static IReadOnlyList<CrossAccountTrust> CrossAccountTrusts(PolicyDocument trust, string accountId)
        {
            var trusts = new List<CrossAccountTrust>();
            foreach (var statement in AllowStatementsWithPrincipal(trust))
            {
                var principal = statement.Principal!;
                if (principal.IsEveryone || principal.HasWildcardAccount)
                {
                    continue;
                }

                var accounts = principal.AccountIds.Where(a => !string.Equals(a, accountId, StringComparison.Ordinal)).ToList();
                if (accounts.Count == 0)
                {
                    continue;
                }

                var externalId = statement.Conditions.Any(c =>
                    string.Equals(c.Key, ExternalIdKey, StringComparison.OrdinalIgnoreCase) && ResourcePolicyAnalyzer.IsRestricting(c, ExternalIdKeys));
                trusts.Add(new CrossAccountTrust(statement, accounts, externalId));
            }

            return trusts;
        }

        /// <summary>
        /// Allow statements trusting an OpenID Connect identity provider, each judged on whether it pins the token's
        /// subject: GitHub Actions (<c>token.actions.githubusercontent.com:sub</c>) must name specific repositories
        /// (<c>repo:owner/name…</c> without wildcards in owner or name); Amazon Cognito and Google must pin <c>:aud</c>,
        /// Facebook and Login with Amazon <c>:app_id</c>, to your application; any other provider (EKS, GitLab, …)
        /// must pin <c>:sub</c> to a value that is not all wildcards.
        /// SAML providers are not OIDC and are not judged here.
        /// </summary>
        public static IReadOnlyList<OidcTrust> OidcTrusts(PolicyDocument trust)
        {
            var trusts = new List<OidcTrust>();
            foreach (var statement in AllowStatementsWithPrincipal(trust))
            {
                foreach (var provider in statement.Principal!.Federated)
                {
                    var host = OidcHost(provider);
                    if (host == null)
                    {
                        continue;
                    }

                    var isGitHub = string.Equals(host, GitHubOidcHost, StringComparison.OrdinalIgnoreCase);
                    var key = NamedProviderKeys.TryGetValue(host, out var named) ? named : host + ":sub";
                    var pins = statement.Conditions.Where(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase) && IsPositiveStringCondition(c)).ToList();

                    // Conditions are ANDed: one condition whose every value is specific is enough.
                    var pinned = pins.Any(c => c.Values.Count > 0 && c.Values.All(v => isGitHub ? IsSpecificGitHubSubject(v) : IsSpecificValue(v)));
                    trusts.Add(new OidcTrust(statement, provider, host, key, pins.SelectMany(c => c.Values).ToList(), pinned));
                }
            }

            return trusts;
        }

        /// <summary>
        /// True for a GitHub subject that names one repository: <c>repo:owner/name</c> followed by anything
        /// (<c>:ref:…</c>, <c>:environment:…</c>, even <c>:*</c>), with no wildcard in owner or name. A customised
        /// subject that does not start with <c>repo:</c> counts only when it has no wildcard at all.
        /// </summary>
        public static bool IsSpecificGitHubSubject(string value)
        {
            if (!value.StartsWith("repo:", StringComparison.OrdinalIgnoreCase))
            {
                return value.Length > 0 && !WildcardPattern.HasWildcard(value);
            }

            var rest = value.Substring("repo:".Length);
            var colon = rest.IndexOf(':');
            var repository = colon >= 0 ? rest.Substring(0, colon) : rest;
            var slash = repository.IndexOf('/');
            if (slash <= 0 || slash == repository.Length - 1)
            {
                return false;
            }

            return !WildcardPattern.HasWildcard(repository);
        }

        /// <summary>The provider host of an OIDC <c>Federated</c> principal (provider ARN or a named web identity provider), or null for SAML.</summary>
        public static string? OidcHost(string federated)
        {
            const string marker = ":oidc-provider/";
            var index = federated.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (index >= 0)
            {
                return federated.Substring(index + marker.Length);
            }

            return NamedProviderKeys.ContainsKey(federated) ? federated : null;
        }

        private static IEnumerable<PolicyStatement> AllowStatementsWithPrincipal(PolicyDocument trust) =>
            trust.Statements.Where(s => s.Effect == PolicyEffect.Allow && s.Principal != null && !s.IsNotPrincipal);

        private static bool IsPositiveStringCondition(PolicyCondition condition) =>
            !condition.IsNegated
            && !condition.IfExists
            && !string.Equals(condition.SetQualifier, "ForAllValues", StringComparison.OrdinalIgnoreCase)
            && condition.BaseOperator.StartsWith("String", StringComparison.OrdinalIgnoreCase);

        private static bool IsSpecificValue(string value) => value.Trim().Length > 0 && !value.Trim().All(c => c == '*' || c == '?');
    }

    /// <summary>An Allow statement of a trust policy naming principals of other accounts.</summary>
    internal sealed class CrossAccountTrust
    {
        public CrossAccountTrust(PolicyStatement statement, IReadOnlyList<string> accounts, bool requiresExternalId)
        {
            Statement = statement;
            Accounts = accounts;
            RequiresExternalId = requiresExternalId;
        }

        public PolicyStatement Statement { get; }

        /// <summary>The other accounts' ids.</summary>
        public IReadOnlyList<string> Accounts { get; }

        /// <summary>True when the statement requires a specific <c>sts:ExternalId</c>.</summary>
        public bool RequiresExternalId { get; }
    }

    /// <summary>An Allow statement of a trust policy naming an OIDC provider, judged on its subject condition.</summary>
    internal sealed class OidcTrust
    {
        public OidcTrust(PolicyStatement statement, string provider, string host, string conditionKey, IReadOnlyList<string> values, bool isPinned)
        {
            Statement = statement;
            Provider = provider;
            Host = host;
            ConditionKey = conditionKey;
            Values = values;
            IsPinned = isPinned;
        }

        public PolicyStatement Statement { get; }

        /// <summary>The Federated principal as written (provider ARN).</summary>
        public string Provider { get; }

        public string Host { get; }

        /// <summary>The condition key that must pin the token (<c>host:sub</c>, or <c>host:aud</c> for Cognito).</summary>
        public string ConditionKey { get; }

        /// <summary>The values that key is compared with (empty when no condition names it).</summary>
        public IReadOnlyList<string> Values { get; }

        public bool IsPinned { get; }

        public bool IsGitHub => string.Equals(Host, RoleTrustAnalysis.GitHubOidcHost, StringComparison.OrdinalIgnoreCase);
    }
}
