using System.Management.Automation;
using WASecurity.Aws;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Builds the credential request from an AWS cmdlet's parameters and the AWS Tools session variables,
    /// resolves it, and reports each decision with Write-Debug (never a secret).
    /// </summary>
    internal static class AwsContextFromCmdlet
    {
        /// <summary>Set by AWS Tools' Set-AWSCredential (or by a script).</summary>
        internal const string StoredCredentialsVariable = "StoredAWSCredentials";

        /// <summary>Set by AWS Tools' Set-DefaultAWSRegion (or by a script).</summary>
        internal const string StoredRegionVariable = "StoredAWSRegion";

        public static CredentialRequest CreateRequest(AwsCmdletBase cmdlet) => new CredentialRequest
        {
            AccessKey = cmdlet.AccessKey,
            SecretKey = cmdlet.SecretKey,
            SessionToken = cmdlet.SessionToken,
            ProfileName = cmdlet.ProfileName,
            ProfileLocation = cmdlet.ProfileLocation == null ? null : cmdlet.GetUnresolvedProviderPathFromPSPath(cmdlet.ProfileLocation),
            Credential = cmdlet.Credential,
            StoredAWSCredentials = PowerShellValues.Unwrap(cmdlet.SessionState.PSVariable.GetValue(StoredCredentialsVariable)),
            StoredAWSRegion = PowerShellValues.Unwrap(cmdlet.SessionState.PSVariable.GetValue(StoredRegionVariable)),
            Region = cmdlet.RequestedRegions,
            EndpointUrl = cmdlet.EndpointUrl,
        };

        /// <summary>
        /// Resolves credentials, region and endpoint for a live run. A resolution failure becomes a terminating
        /// error (WASProfileNotFound, WASNoCredentials, WASInvalidProfile, WASInvalidArgument).
        /// </summary>
        public static ResolvedAwsContext Resolve(AwsCmdletBase cmdlet) => Resolve(cmdlet, CreateRequest(cmdlet));

        /// <summary>Resolves a request built by <see cref="CreateRequest"/> (and possibly adjusted, e.g. by tests).</summary>
        public static ResolvedAwsContext Resolve(AwsCmdletBase cmdlet, CredentialRequest request)
        {
            ResolvedAwsContext context;
            try
            {
                context = AwsCredentialResolver.Resolve(request);
            }
            catch (AwsCredentialException e)
            {
                cmdlet.ThrowTerminatingError(SafeOutput.Escaped(CredentialErrors.ToErrorRecord(e)));
                throw; // not reached: ThrowTerminatingError always throws
            }

            foreach (var message in context.DebugMessages)
            {
                cmdlet.WriteDebug(SafeOutput.Message(message));
            }

            return context;
        }
    }
}
