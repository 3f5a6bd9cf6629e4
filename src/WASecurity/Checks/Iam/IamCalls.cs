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

        /// <summary>
        /// Users, groups, roles and managed policies with their documents, all pages merged (the CLI shape:
        /// UserDetailList, GroupDetailList, RoleDetailList, Policies). One call instead of dozens per principal.
        /// </summary>
        public static readonly ApiCall GetAccountAuthorizationDetails = new ApiCall("iam", "GetAccountAuthorizationDetails");

        /// <summary>The password policy; NoSuchEntity means the account has none (a finding, not an error).</summary>
        public static readonly ApiCall GetAccountPasswordPolicy = new ApiCall("iam", "GetAccountPasswordPolicy");

        public static readonly ApiCall ListSamlProviders = new ApiCall("iam", "ListSAMLProviders");

        public static readonly ApiCall ListOpenIdConnectProviders = new ApiCall("iam", "ListOpenIDConnectProviders");

        public static readonly ApiCall ListServerCertificates = new ApiCall("iam", "ListServerCertificates");

        /// <summary>IAM Identity Center instances visible from <paramref name="region"/> (an instance lives in one region).</summary>
        public static ApiCall ListSsoInstances(string region) => new ApiCall("sso-admin", "ListInstances", region, action: "sso:ListInstances");
    }
}
