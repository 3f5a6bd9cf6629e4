using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec11
{
    /// <summary>Which load balancer and CloudFront security policies allow only TLS 1.2 or newer.</summary>
    internal static class TlsPolicies
    {
        /// <summary>
        /// ELBv2 predefined policies that still allow TLS 1.0 or 1.1 (named in findings). Every policy limited to
        /// TLS 1.2+ carries "-1-2-" or "-1-3-" in its name (ELBSecurityPolicy-TLS13-1-2-2021-06, …-FS-1-2-Res-2020-10).
        /// </summary>
        public static readonly IReadOnlyCollection<string> KnownWeakPolicies = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-2015-05", "ELBSecurityPolicy-TLS-1-0-2015-04",
            "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-FS-2018-06", "ELBSecurityPolicy-FS-1-1-2019-08",
            "ELBSecurityPolicy-TLS13-1-0-2021-06", "ELBSecurityPolicy-TLS13-1-1-2021-06", "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-1-PQ-2025-09",
        };

        /// <summary>CloudFront's MinimumProtocolVersion values in increasing strength.</summary>
        private static readonly string[] CloudFrontOrder =
        {
            "SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025",
        };

        public const string CloudFrontMinimum = "TLSv1.2_2021";

        public static bool IsTls12OrNewer(string? elbPolicy) =>
            elbPolicy != null
            && !KnownWeakPolicies.Contains(elbPolicy)
            && (elbPolicy.IndexOf("-1-2-", StringComparison.Ordinal) >= 0 || elbPolicy.IndexOf("-1-3-", StringComparison.Ordinal) >= 0);

        /// <summary>True when CloudFront's minimum protocol version is TLSv1.2_2021 or newer (an unknown newer name counts as newer).</summary>
        public static bool MeetsCloudFrontMinimum(string? version)
        {
            if (version == null)
            {
                return false;
            }

            var index = Array.FindIndex(CloudFrontOrder, v => string.Equals(v, version, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return version.StartsWith("TLSv1.3", StringComparison.OrdinalIgnoreCase)
                    || (version.StartsWith("TLSv1.2_", StringComparison.OrdinalIgnoreCase) && string.CompareOrdinal(version.Substring(8), "2021") >= 0);
            }

            return index >= Array.IndexOf(CloudFrontOrder, CloudFrontMinimum);
        }

        /// <summary>
        /// For a classic load balancer's SSL negotiation policy (DescribeLoadBalancerPolicies): the protocols older
        /// than TLS 1.2 it enables, and the predefined policy it was made from.
        /// </summary>
        public static (IReadOnlyList<string> Weak, string? Reference) ClassicPolicy(JsonElement description)
        {
            var weak = new List<string>();
            string? reference = null;
            foreach (var attribute in description.Items("PolicyAttributeDescriptions"))
            {
                var name = attribute.Str("AttributeName") ?? string.Empty;
                var value = attribute.Str("AttributeValue");
                if (string.Equals(name, "Reference-Security-Policy", StringComparison.OrdinalIgnoreCase))
                {
                    reference = value;
                }
                else if ((name.Equals("Protocol-SSLv3", StringComparison.OrdinalIgnoreCase) || name.Equals("Protocol-TLSv1", StringComparison.OrdinalIgnoreCase) || name.Equals("Protocol-TLSv1.1", StringComparison.OrdinalIgnoreCase))
                    && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
                {
                    weak.Add(name.Substring("Protocol-".Length));
                }
            }

            return (weak, reference);
        }

        public static bool IsSslNegotiation(JsonElement description) =>
            string.Equals(description.Str("PolicyTypeName"), "SSLNegotiationPolicyType", StringComparison.OrdinalIgnoreCase);
    }
}
