using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec06
{
    /// <summary>The Systems Manager documents the account owns, and who each is shared with.</summary>
    internal static class SsmDocumentCalls
    {
        /// <summary>
        /// The region's documents owned by the account (<c>--filters Key=Owner,Values=Self</c>), not the thousands AWS and
        /// others publish; the CLI prints <c>{"DocumentIdentifiers":[{"Name","Owner","DocumentType",…}]}</c>.
        /// </summary>
        public static ApiCall ListOwnDocuments(string region) => new ApiCall("ssm", "ListDocuments", region, parameters: new Dictionary<string, object?>
        {
            ["Filters"] = new[] { new Dictionary<string, object> { ["Key"] = "Owner", ["Values"] = new[] { "Self" } } },
        });

        /// <summary>Keyed by document name: <c>{"AccountIds":[…],"AccountSharingInfoList":[{"AccountId","SharedDocumentVersion"}]}</c>.</summary>
        public static ApiCall DescribeDocumentPermission(string region, string document) =>
            new ApiCall("ssm", "DescribeDocumentPermission", region, document, new Dictionary<string, object?> { ["Name"] = document, ["PermissionType"] = "Share" });
    }
}
