using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace WASecurity.Policies
{
    /// <summary>
    /// One condition of a statement: an operator (e.g. <c>StringEquals</c>, <c>ForAnyValue:StringLike</c>,
    /// <c>ArnLikeIfExists</c>), a key and its values. Conditions of a statement are ANDed, values of a key ORed.
    /// </summary>
    public sealed class PolicyCondition
    {
        internal PolicyCondition(string op, string key, IReadOnlyList<string> values)
        {
            Operator = op;
            Key = key;
            Values = values;

            var rest = op;
            var colon = rest.IndexOf(':');
            if (colon >= 0)
            {
                SetQualifier = rest.Substring(0, colon);
                rest = rest.Substring(colon + 1);
            }

            if (rest.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase))
            {
                IfExists = true;
                rest = rest.Substring(0, rest.Length - "IfExists".Length);
            }

            BaseOperator = rest;
        }

        /// <summary>The operator as written (e.g. <c>ForAllValues:StringEqualsIfExists</c>).</summary>
        public string Operator { get; }

        /// <summary>The operator without set qualifier and IfExists (e.g. <c>StringEquals</c>).</summary>
        public string BaseOperator { get; }

        /// <summary><c>ForAnyValue</c>, <c>ForAllValues</c> or null.</summary>
        public string? SetQualifier { get; }

        /// <summary>True for the <c>…IfExists</c> variants.</summary>
        public bool IfExists { get; }

        /// <summary>The condition key, e.g. <c>aws:SourceAccount</c>.</summary>
        public string Key { get; }

        /// <summary>The values (booleans and numbers as their JSON text).</summary>
        public IReadOnlyList<string> Values { get; }

        /// <summary>True for operators whose match means "the value is NOT one of these" (StringNotEquals, NotIpAddress, …).</summary>
        public bool IsNegated
            => BaseOperator.IndexOf("Not", StringComparison.Ordinal) >= 0 && !string.Equals(BaseOperator, "Null", StringComparison.Ordinal);

        /// <summary>Evaluates the condition against what <paramref name="context"/> knows.</summary>
        public ConditionOutcome Evaluate(RequestContext context)
        {
            if (!context.TryGet(Key, out var requestValues))
            {
                // Absence from the context means "not known", not "absent from the request": even IfExists and
                // Null cannot be decided.
                return ConditionOutcome.Unknown;
            }

            if (string.Equals(BaseOperator, "Null", StringComparison.OrdinalIgnoreCase))
            {
                // The key is present in the request, so Null=true is false and Null=false is true.
                return Values.Any(v => string.Equals(v, "false", StringComparison.OrdinalIgnoreCase)) ? ConditionOutcome.True : ConditionOutcome.False;
            }

            var policyValues = new List<string>();
            foreach (var value in Values)
            {
                var substituted = PolicyVariables.Substitute(value, context);
                if (substituted == null)
                {
                    return ConditionOutcome.Unknown;
                }

                policyValues.Add(substituted);
            }

            var positive = PositiveOperator();
            if (positive == null)
            {
                return ConditionOutcome.Unknown;
            }

            bool? ItemMatches(string requestValue)
            {
                var any = false;
                foreach (var policyValue in policyValues)
                {
                    var result = positive(requestValue, policyValue);
                    if (result == null)
                    {
                        return null;
                    }

                    any |= result.Value;
                }

                return IsNegated ? !any : any;
            }

            var outcomes = requestValues.Select(ItemMatches).ToList();
            if (outcomes.Any(o => o == null))
            {
                return ConditionOutcome.Unknown;
            }

            var forAll = string.Equals(SetQualifier, "ForAllValues", StringComparison.OrdinalIgnoreCase);
            var holds = forAll ? outcomes.All(o => o == true) : outcomes.Any(o => o == true);
            return holds ? ConditionOutcome.True : ConditionOutcome.False;
        }

        /// <summary>The comparison for one request value against one policy value, before negation; null when it cannot be decided.</summary>
        private Func<string, string, bool?>? PositiveOperator()
        {
            switch (BaseOperator.ToUpperInvariant())
            {
                case "STRINGEQUALS":
                case "STRINGNOTEQUALS":
                case "BINARYEQUALS":
                    return (r, p) => string.Equals(r, p, StringComparison.Ordinal);
                case "STRINGEQUALSIGNORECASE":
                case "STRINGNOTEQUALSIGNORECASE":
                case "BOOL":
                    return (r, p) => string.Equals(r, p, StringComparison.OrdinalIgnoreCase);
                case "STRINGLIKE":
                case "STRINGNOTLIKE":
                    return (r, p) => WildcardPattern.IsMatch(p, r, ignoreCase: false);
                case "ARNEQUALS":
                case "ARNNOTEQUALS":
                case "ARNLIKE":
                case "ARNNOTLIKE":
                    return (r, p) => ArnMatches(p, r);
                case "NUMERICEQUALS":
                case "NUMERICNOTEQUALS":
                    return (r, p) => Compare(r, p, ParseNumber, c => c == 0);
                case "NUMERICLESSTHAN":
                    return (r, p) => Compare(r, p, ParseNumber, c => c < 0);
                case "NUMERICLESSTHANEQUALS":
                    return (r, p) => Compare(r, p, ParseNumber, c => c <= 0);
                case "NUMERICGREATERTHAN":
                    return (r, p) => Compare(r, p, ParseNumber, c => c > 0);
                case "NUMERICGREATERTHANEQUALS":
                    return (r, p) => Compare(r, p, ParseNumber, c => c >= 0);
                case "DATEEQUALS":
                case "DATENOTEQUALS":
                    return (r, p) => Compare(r, p, ParseDate, c => c == 0);
                case "DATELESSTHAN":
                    return (r, p) => Compare(r, p, ParseDate, c => c < 0);
                case "DATELESSTHANEQUALS":
                    return (r, p) => Compare(r, p, ParseDate, c => c <= 0);
                case "DATEGREATERTHAN":
                    return (r, p) => Compare(r, p, ParseDate, c => c > 0);
                case "DATEGREATERTHANEQUALS":
                    return (r, p) => Compare(r, p, ParseDate, c => c >= 0);
                case "IPADDRESS":
                case "NOTIPADDRESS":
                    return InCidr;
                default:
                    return null;
            }
        }

        private static bool? Compare<T>(string request, string policy, Func<string, T?> parse, Func<int, bool> test)
            where T : struct, IComparable<T>
        {
            var r = parse(request);
            var p = parse(policy);
            if (r == null || p == null)
            {
                return null;
            }

            return test(r.Value.CompareTo(p.Value));
        }

        private static decimal? ParseNumber(string text)
            => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : (decimal?)null;

        private static DateTimeOffset? ParseDate(string text)
        {
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
            {
                return DateTimeOffset.FromUnixTimeSeconds(epoch);
            }

            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : (DateTimeOffset?)null;
        }

        /// <summary>ArnLike/ArnEquals: each of the six colon-separated parts is matched on its own, case-sensitively.</summary>
        internal static bool ArnMatches(string pattern, string arn)
        {
            var p = pattern.Split(new[] { ':' }, 6);
            var a = arn.Split(new[] { ':' }, 6);
            if (p.Length != a.Length)
            {
                // A bare "*" pattern matches any ARN.
                return pattern == "*";
            }

            for (var i = 0; i < p.Length; i++)
            {
                if (!WildcardPattern.IsMatch(p[i], a[i], ignoreCase: false))
                {
                    return false;
                }
            }

            return true;
        }

        internal static bool? InCidr(string address, string cidr)
        {
            var slash = cidr.IndexOf('/');
            var network = slash >= 0 ? cidr.Substring(0, slash) : cidr;
            if (!IPAddress.TryParse(address, out var ip) || !IPAddress.TryParse(network, out var net) || ip.AddressFamily != net.AddressFamily)
            {
                return null;
            }

            var bits = net.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            if (slash >= 0 && !int.TryParse(cidr.Substring(slash + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out bits))
            {
                return null;
            }

            var ipBytes = ip.GetAddressBytes();
            var netBytes = net.GetAddressBytes();
            for (var i = 0; i < ipBytes.Length && bits > 0; i++, bits -= 8)
            {
                var mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
                if ((ipBytes[i] & mask) != (netBytes[i] & mask))
                {
                    return false;
                }
            }

            return true;
        }

        public override string ToString() => Operator + " " + Key + " = " + string.Join(", ", Values);
    }
}
