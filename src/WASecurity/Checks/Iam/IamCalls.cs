using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.Iam
{
    /// <summary>The IAM and account-level calls the identity questions share (each fetched once per run).</summary>
    internal static class IamCalls
    {
        public static readonly ApiCall GetAccountSummary = new ApiCall("iam", "GetAccountSummary");

        /// <summary>The credential report, generated and fetched by the live source; a CSV file in bundles.</summary>
        public static readonly ApiCall CredentialReport = new ApiCall("iam", "CredentialReport", format: EvidenceFormat.Csv, action: "iam:GetCredentialReport");

        public static readonly ApiCall ListVirtualMfaDevices = new ApiCall("iam", "ListVirtualMFADevices");

        public static readonly ApiCall GetSecurityContact = new ApiCall(
            "account",
            "GetAlternateContact",
            resourceKey: "SECURITY",
            parameters: new Dictionary<string, object?> { ["AlternateContactType"] = "SECURITY" });
    }
}
