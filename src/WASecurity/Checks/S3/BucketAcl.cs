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

        /// <summary>"AllUsers READ", "AuthenticatedUsers WRITE", … for each grant to the public groups.</summary>
        public static IReadOnlyList<string> PublicGrants(JsonElement root) =>
            root.Items("Grants")
                .Select(g => (Uri: g.Prop("Grantee")?.Str("URI"), Permission: g.Str("Permission") ?? "?"))
                .Where(g => string.Equals(g.Uri, AllUsers, StringComparison.OrdinalIgnoreCase) || string.Equals(g.Uri, AuthenticatedUsers, StringComparison.OrdinalIgnoreCase))
                .Select(g => g.Uri!.Substring(g.Uri!.LastIndexOf('/') + 1) + " " + g.Permission)
                .Distinct()
                .ToList();
    }
}
