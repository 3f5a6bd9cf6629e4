using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>IAM (AWS Query protocol, one global endpoint per partition).</summary>
    internal static class IamOperations
    {
        public const string Version = "2010-05-08";

        /// <summary>How long to wait for AWS to generate the credential report before giving up (the cmdlet reports Error).</summary>
        internal static TimeSpan CredentialReportWait { get; set; } = TimeSpan.FromSeconds(90);

        /// <summary>Lists and policy documents across IAM responses (an empty list arrives as an empty element).</summary>
        internal static readonly QueryShape Common = new QueryShape(
            lists: new[]
            {
                "Users", "Roles", "Groups", "Policies", "VirtualMFADevices", "MFADevices", "AccessKeyMetadata", "AttachedPolicies",
                "PolicyNames", "Tags", "ServerCertificateMetadataList", "SAMLProviderList", "OpenIDConnectProviderList",
                "Certificates", "SSHPublicKeys", "ServiceSpecificCredentials", "Versions", "InstanceProfiles", "UserDetailList",
                "GroupDetailList", "RoleDetailList", "AttachedManagedPolicies", "RolePolicyList", "UserPolicyList",
                "GroupPolicyList", "PolicyVersionList", "AccountAliases", "ClientIDList", "ThumbprintList", "PolicyGroups",
                "PolicyUsers", "PolicyRoles", "GroupList", "InstanceProfileList",
            },
            numbers: new[] { "MaxPasswordAge", "MinimumPasswordLength", "PasswordReusePrevention", "AttachmentCount", "PermissionsBoundaryUsageCount", "MaxSessionDuration" },
            documents: new[] { "PolicyDocument", "AssumeRolePolicyDocument", "Document" },
            texts: new[]
            {
                // IAM names and free text may read "true"/"false" (a user or group may be named so); the CLI prints strings.
                "UserName", "GroupName", "RoleName", "PolicyName", "InstanceProfileName", "ServerCertificateName", "Path",
                "Description", "Key", "Value", "GroupList", "PolicyNames", "AccountAliases", "SAMLProviderName",
                "VersionId", "DefaultVersionId", "UserId", "GroupId", "RoleId", "PolicyId", "SerialNumber",
            });

        public static void Register(OperationRegistry registry)
        {
            registry.Add("iam", "GetAccountSummary", "iam:GetAccountSummary", Query(new QueryShape(maps: new[] { "SummaryMap" }, numbers: new[] { "SummaryMap" })));
            registry.Add("iam", "ListVirtualMFADevices", "iam:ListVirtualMFADevices", Query(QueryShape.Empty, paginated: true));
            registry.Add("iam", "GetAccountAuthorizationDetails", "iam:GetAccountAuthorizationDetails", Query(QueryShape.Empty, paginated: true));
            registry.Add("iam", "GetAccountPasswordPolicy", "iam:GetAccountPasswordPolicy", Query(QueryShape.Empty));
            registry.Add("iam", "ListSAMLProviders", "iam:ListSAMLProviders", Query(QueryShape.Empty));
            registry.Add("iam", "ListOpenIDConnectProviders", "iam:ListOpenIDConnectProviders", Query(QueryShape.Empty));
            registry.Add("iam", "ListServerCertificates", "iam:ListServerCertificates", Query(QueryShape.Empty, paginated: true));
            registry.Add("iam", "ListEntitiesForPolicy", "iam:ListEntitiesForPolicy", Query(QueryShape.Empty, paginated: true));
            // The report is generated first: GenerateCredentialReport is the one non-read action the assessment needs.
            registry.Add("iam", "CredentialReport", "iam:GetCredentialReport", CredentialReportAsync, "iam:GenerateCredentialReport");
        }

        /// <summary>An IAM Query operation with the common hints plus <paramref name="shape"/>.</summary>
        public static LiveOperation Query(QueryShape shape, bool paginated = false) =>
            ProtocolOperations.Query(AwsService.Iam, Version, Common.With(shape), paginated);

        /// <summary>
        /// GenerateCredentialReport, then GetCredentialReport until the report is ready (bounded wait). The report's
        /// base64 content is returned as the CSV text a bundle stores.
        /// </summary>
        private static async Task<EvidenceResponse> CredentialReportAsync(ApiCall call, LiveCallContext context, CancellationToken cancellationToken)
        {
            var region = context.RegionOf(call);
            var protocol = context.Protocol;
            AwsServiceException? generateDenied = null;
            try
            {
                await protocol.QueryAsync(AwsService.Iam, region, Version, "GenerateCredentialReport", null, QueryShape.Empty, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (ApiError.Classify(e.ErrorCode, e.StatusCode) == ApiErrorKind.AccessDenied)
            {
                // A recent report may still be readable without permission to generate a new one.
                generateDenied = e;
            }

            var deadline = DateTime.UtcNow + CredentialReportWait;
            var delay = TimeSpan.FromMilliseconds(250);
            while (true)
            {
                try
                {
                    var report = await protocol.QueryAsync(AwsService.Iam, region, Version, "GetCredentialReport", null, QueryShape.Empty, cancellationToken).ConfigureAwait(false);
                    var content = report["Content"]?.GetValue<string>() ?? string.Empty;
                    return EvidenceResponse.FromText(call, Encoding.UTF8.GetString(Convert.FromBase64String(content.Trim())));
                }
                catch (AwsServiceException e) when (IsNotReady(e.ErrorCode))
                {
                    if (generateDenied != null)
                    {
                        throw generateDenied;
                    }

                    if (DateTime.UtcNow + delay > deadline)
                    {
                        throw new AwsServiceException("iam", "GetCredentialReport", e.ErrorCode, $"The credential report was not ready within {CredentialReportWait.TotalSeconds:0} s ({e.ErrorMessage}).", e.StatusCode, e);
                    }

                    context.Session.Debug($"iam:GetCredentialReport: {e.ErrorCode}; waiting {delay.TotalMilliseconds:0} ms.");
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 4000));
                }
                catch (FormatException e)
                {
                    throw new AwsServiceException("iam", "GetCredentialReport", "InvalidResponse", $"The report content is not base64 ({e.Message}).", 200, e);
                }
            }
        }

        private static bool IsNotReady(string code) =>
            code == "ReportInProgress" || code == "ReportNotPresent" || code == "ReportExpired" || code == "ReportNotReady";
    }
}
