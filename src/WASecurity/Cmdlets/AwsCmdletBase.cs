using System.Management.Automation;
using Amazon.Runtime;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// The credential and endpoint parameters of every cmdlet that calls AWS (assessment and remediation), with AWS
    /// Tools for PowerShell's names and aliases so existing splats carry over. Resolved by <see cref="AwsContextFromCmdlet"/>.
    /// </summary>
    public abstract class AwsCmdletBase : PSCmdlet
    {
        protected const string LiveSet = "Live";

        /// <summary>
        /// Whether this invocation's debug output goes anywhere (-Debug, or a $DebugPreference other than SilentlyContinue
        /// or Ignore): when not, the thousands of per-request sentences of a live run are not written at all.
        /// </summary>
        internal bool WantsDebug()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Debug", out var debug))
            {
                return LanguagePrimitives.IsTrue(debug);
            }

            return !(LanguagePrimitives.TryConvertTo<ActionPreference>(GetVariableValue("DebugPreference"), out var preference)
                && (preference == ActionPreference.SilentlyContinue || preference == ActionPreference.Ignore));
        }

        /// <summary>Name of a profile in the shared credentials/config files, or of an AWS Tools stored profile.</summary>
        [Parameter(ParameterSetName = LiveSet)]
        [Alias("StoredCredentials", "AWSProfileName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public string? ProfileName { get; set; }

        /// <summary>The shared credentials file that holds -ProfileName.</summary>
        [Parameter(ParameterSetName = LiveSet)]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        [ValidateNotNullOrEmpty]
        public string? ProfileLocation { get; set; }

        [Parameter(ParameterSetName = LiveSet)]
        [Alias("AK")]
        [ValidateNotNullOrEmpty]
        public string? AccessKey { get; set; }

        [Parameter(ParameterSetName = LiveSet)]
        [Alias("SK", "SecretAccessKey")]
        [ValidateNotNullOrEmpty]
        public string? SecretKey { get; set; }

        [Parameter(ParameterSetName = LiveSet)]
        [Alias("ST")]
        [ValidateNotNullOrEmpty]
        public string? SessionToken { get; set; }

        [Parameter(ParameterSetName = LiveSet)]
        public AWSCredentials? Credential { get; set; }

        /// <summary>Sends every service's requests to this endpoint (like AWS_ENDPOINT_URL).</summary>
        [Parameter(ParameterSetName = LiveSet)]
        [ValidateNotNullOrEmpty]
        public string? EndpointUrl { get; set; }

        /// <summary>
        /// The regions the cmdlet was asked for, which also pick the home region when no profile or variable does.
        /// Each cmdlet declares its own -Region because its meaning (and pipeline binding) differs.
        /// </summary>
        internal abstract string[]? RequestedRegions { get; }
    }
}
