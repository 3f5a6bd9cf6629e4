using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.S3
{
    /// <summary>Reads the grants of <c>aws s3api get-bucket-acl</c> that open a bucket to everyone.</summary>
    internal static class BucketAcl
    {
        private const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
        private const string AuthenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
        private const string LogDelivery = "http://acs.amazonaws.com/groups/s3/LogDelivery";

        /// <summary>"AllUsers READ", "AuthenticatedUsers WRITE", … for each grant to the public groups.</summary>
        public static IReadOnlyList<string> PublicGrants(JsonElement root) =>
            PublicGrantPairs(root).Select(g => g.Group + " " + g.Permission).Distinct().ToList();

        /// <summary>The public group ("AllUsers", "AuthenticatedUsers") and permission of each grant to one of them.</summary>
        public static IReadOnlyList<(string Group, string Permission)> PublicGrantPairs(JsonElement root) =>
            root.Items("Grants")
                .Select(g => (Uri: GranteeUri(g), Permission: g.Str("Permission") ?? "?"))
                .Where(g => string.Equals(g.Uri, AllUsers, StringComparison.OrdinalIgnoreCase) || string.Equals(g.Uri, AuthenticatedUsers, StringComparison.OrdinalIgnoreCase))
                .Select(g => (g.Uri!.Substring(g.Uri!.LastIndexOf('/') + 1), g.Permission))
                .ToList();

        /// <summary>
        /// A grant's group URI, or null for a grant to a user or account. AWS sends every grant with its Grantee and
        /// the grantee's Type, and a group grantee with its URI: without them a grant could be to anyone.
        /// </summary>
        private static string? GranteeUri(JsonElement grant)
        {
            var grantee = grant.Required("Grantee", "an ACL grant");
            var type = grantee.RequiredStr("Type", "an ACL grantee");
            if (!string.Equals(type, "Group", StringComparison.OrdinalIgnoreCase))
            {
                return grantee.Str("URI");
            }

            // S3 has three predefined groups; a grant to any other URI cannot be judged public or private.
            var uri = grantee.RequiredStr("URI", "a group grantee");
            if (!new[] { AllUsers, AuthenticatedUsers, LogDelivery }.Contains(uri, StringComparer.OrdinalIgnoreCase))
            {
                throw new FormatException($"an ACL grant names the group '{uri}', which is not one of S3's predefined groups");
            }

            return uri;
        }
    }
}
