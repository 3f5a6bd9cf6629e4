using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace WASecurity.Policies
{
    /// <summary>
    /// The <c>Principal</c> (or <c>NotPrincipal</c>) element: either the bare string <c>"*"</c> or a map of principal
    /// types (<c>AWS</c>, <c>Service</c>, <c>Federated</c>, <c>CanonicalUser</c>) to one or more values.
    /// </summary>
    public sealed class PolicyPrincipal
    {
        private static readonly Regex AccountId = new Regex("^[0-9]{12}$", RegexOptions.CultureInvariant);
        private static readonly Regex ArnAccount = new Regex("^arn:[^:]+:(?:iam|sts)::([0-9]{12}):", RegexOptions.CultureInvariant);

        internal PolicyPrincipal(bool isBareWildcard, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
        {
            IsBareWildcard = isBareWildcard;
            Values = values;
        }

        /// <summary>True for <c>"Principal": "*"</c> (everyone, including anonymous callers).</summary>
        public bool IsBareWildcard { get; }

        /// <summary>Principal type (case as written; lookups are case-insensitive) to values.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Values { get; }

        /// <summary>The <c>AWS</c> values (account ids, ARNs, <c>*</c>).</summary>
        public IReadOnlyList<string> Aws => Get("AWS");

        /// <summary>The <c>Service</c> values (e.g. <c>ec2.amazonaws.com</c>).</summary>
        public IReadOnlyList<string> Services => Get("Service");

        /// <summary>The <c>Federated</c> values (SAML/OIDC provider ARNs or web identity providers).</summary>
        public IReadOnlyList<string> Federated => Get("Federated");

        /// <summary>
        /// True when the element names every AWS principal: <c>"*"</c>, or an <c>AWS</c> value of <c>*</c>. IAM treats
        /// <c>{"AWS":"*"}</c> as "any AWS principal" (authenticated), <c>"*"</c> as anyone; for a resource policy both
        /// are public, because anyone can hold some AWS credentials.
        /// </summary>
        public bool IsEveryone => IsBareWildcard || Aws.Any(v => v == "*");

        /// <summary>
        /// True when some AWS value uses a wildcard in the account part (e.g. <c>arn:aws:iam::*:root</c>), which
        /// IAM does not accept for principals but some documents hold; treated as everyone by the analyzers.
        /// </summary>
        public bool HasWildcardAccount => Aws.Any(v => v != "*" && WildcardPattern.HasWildcard(v));

        /// <summary>The distinct 12-digit account ids the <c>AWS</c> values name (bare ids and IAM/STS ARNs).</summary>
        public IReadOnlyList<string> AccountIds
            => Aws.Select(AccountOf).Where(a => a != null).Select(a => a!).Distinct(StringComparer.Ordinal).ToList();

        /// <summary>The 12-digit account an <c>AWS</c> principal value belongs to, or null.</summary>
        public static string? AccountOf(string awsPrincipal)
        {
            if (AccountId.IsMatch(awsPrincipal))
            {
                return awsPrincipal;
            }

            var match = ArnAccount.Match(awsPrincipal);
            return match.Success ? match.Groups[1].Value : null;
        }

        /// <summary>
        /// True when the element names <paramref name="principalArn"/>: exactly, through its account (an account id or
        /// <c>:root</c> ARN names every principal of that account) or through a wildcard.
        /// </summary>
        public bool Matches(string principalArn)
        {
            if (IsEveryone)
            {
                return true;
            }

            var account = AccountOf(principalArn);
            foreach (var value in Aws)
            {
                if (string.Equals(value, principalArn, StringComparison.Ordinal) || WildcardPattern.IsMatch(value, principalArn, ignoreCase: false))
                {
                    return true;
                }

                if (account != null && (value == account || value.EndsWith(":" + account + ":root", StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            return Services.Concat(Federated).Any(v => string.Equals(v, principalArn, StringComparison.OrdinalIgnoreCase));
        }

        private IReadOnlyList<string> Get(string type)
        {
            foreach (var pair in Values)
            {
                if (string.Equals(pair.Key, type, StringComparison.OrdinalIgnoreCase))
                {
                    return pair.Value;
                }
            }

            return Array.Empty<string>();
        }

        public override string ToString()
            => IsBareWildcard ? "*" : string.Join("; ", Values.Select(p => p.Key + ": " + string.Join(", ", p.Value)));
    }
}
