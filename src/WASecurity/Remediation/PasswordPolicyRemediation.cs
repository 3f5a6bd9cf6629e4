using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Checks.Sec02;
using WASecurity.Evidence;
using WASecurity.Settings;

namespace WASecurity.Remediation
{
    /// <summary>
    /// Set-WASPasswordPolicy's logic: read the account's IAM password policy, work out the policy to set from the
    /// request and the thresholds the SEC02 checks use, tell whether a policy meets it, and write it.
    /// </summary>
    internal static class PasswordPolicyRemediation
    {
        private static readonly string[] Classes = { "RequireUppercaseCharacters", "RequireLowercaseCharacters", "RequireNumbers", "RequireSymbols" };

        /// <summary>The account's password policy, or null when it has none.</summary>
        public static async Task<JsonObject?> ReadAsync(LiveCallContext aws, string region, CancellationToken cancellationToken)
        {
            try
            {
                var response = await aws.Protocol.QueryAsync(AwsService.Iam, region, IamOperations.Version, "GetAccountPasswordPolicy", null, IamOperations.Common, cancellationToken).ConfigureAwait(false);
                return response["PasswordPolicy"] as JsonObject;
            }
            catch (AwsServiceException e) when (e.ErrorCode == "NoSuchEntity")
            {
                return null;
            }
        }

        /// <summary>Replaces the account's password policy with <paramref name="target"/>.</summary>
        public static async Task UpdateAsync(LiveCallContext aws, string region, Dictionary<string, object?> target, CancellationToken cancellationToken)
        {
            await aws.Protocol.QueryAsync(AwsService.Iam, region, IamOperations.Version, "UpdateAccountPasswordPolicy", target, QueryShape.Empty, cancellationToken).ConfigureAwait(false);
            ChangedEvidence.Forget("iam", ApiCall.Global, "GetAccountPasswordPolicy");
        }

        /// <summary>
        /// The policy to set: the request wins; otherwise the threshold the SEC02 checks assess against (the
        /// MinimumPasswordLength and PasswordReusePrevention settings, CIS values by default), or the current value when
        /// it is stronger. UpdateAccountPasswordPolicy replaces the whole policy, so values not asked for are carried over.
        /// </summary>
        public static Dictionary<string, object?> Target(PasswordPolicyRequest request, JsonObject? current, AssessmentSettings settings)
        {
            var target = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["MinimumPasswordLength"] = request.MinimumPasswordLength ?? Math.Max(settings.GetInt(Sec02Catalog.MinimumPasswordLength), Int(current, "MinimumPasswordLength") ?? 0),
                ["PasswordReusePrevention"] = request.PasswordReusePrevention ?? Math.Max(settings.GetInt(Sec02Catalog.PasswordReusePrevention), Int(current, "PasswordReusePrevention") ?? 0),
                ["RequireUppercaseCharacters"] = request.RequireUppercaseCharacters ?? true,
                ["RequireLowercaseCharacters"] = request.RequireLowercaseCharacters ?? true,
                ["RequireNumbers"] = request.RequireNumbers ?? true,
                ["RequireSymbols"] = request.RequireSymbols ?? true,
                ["AllowUsersToChangePassword"] = request.AllowUsersToChangePassword ?? Bool(current, "AllowUsersToChangePassword") ?? true,
                ["HardExpiry"] = request.HardExpiry ?? Bool(current, "HardExpiry") ?? false,
            };
            var maxAge = request.MaxPasswordAge ?? (Bool(current, "ExpirePasswords") == true ? Int(current, "MaxPasswordAge") : null);
            if (maxAge > 0)
            {
                // Omitting MaxPasswordAge turns expiry off; 0 is not accepted by the API.
                target["MaxPasswordAge"] = maxAge;
            }

            return target;
        }

        public static bool Meets(JsonObject current, Dictionary<string, object?> target)
        {
            foreach (var setting in target)
            {
                var value = current[setting.Key];
                var same = setting.Value is bool flag
                    ? (Bool(current, setting.Key) ?? false) == flag
                    : value != null && Int(current, setting.Key) == (int?)setting.Value;
                if (!same)
                {
                    return false;
                }
            }

            // Expiry on in AWS but not in the target (MaxPasswordAge 0 asked) is a difference too.
            return target.ContainsKey("MaxPasswordAge") || Bool(current, "ExpirePasswords") != true;
        }

        public static IEnumerable<string> Required(Dictionary<string, object?> target)
        {
            foreach (var name in Classes)
            {
                if (target[name] is true)
                {
                    yield return name.Replace("Require", string.Empty).Replace("Characters", string.Empty).ToLowerInvariant();
                }
            }
        }

        public static void Describe(OrderedDictionary into, JsonObject? policy)
        {
            into["PolicyExists"] = policy != null;
            if (policy == null)
            {
                return;
            }

            foreach (var name in new[] { "MinimumPasswordLength", "PasswordReusePrevention", "RequireUppercaseCharacters", "RequireLowercaseCharacters", "RequireNumbers", "RequireSymbols", "ExpirePasswords", "MaxPasswordAge", "AllowUsersToChangePassword", "HardExpiry" })
            {
                var node = policy[name];
                into[name] = node == null ? null : node.GetValueKind() == System.Text.Json.JsonValueKind.Number ? (object?)Int(policy, name) : Bool(policy, name);
            }
        }

        private static int? Int(JsonObject? o, string name)
        {
            var node = o?[name];
            if (node == null)
            {
                return null;
            }

            // Numbers arrive as Int64 (the Query reader) or as text; either way the policy's values fit an int.
            return int.TryParse(node.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
        }

        private static bool? Bool(JsonObject? o, string name)
        {
            var node = o?[name];
            switch (node?.GetValueKind())
            {
                case System.Text.Json.JsonValueKind.True:
                    return true;
                case System.Text.Json.JsonValueKind.False:
                    return false;
                case System.Text.Json.JsonValueKind.String:
                    return string.Equals(node.ToString(), "true", StringComparison.OrdinalIgnoreCase);
                default:
                    return null;
            }
        }
    }
}
