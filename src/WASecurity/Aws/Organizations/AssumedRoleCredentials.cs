using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using WASecurity.Aws.Operations;

namespace WASecurity.Aws.Organizations
{
    /// <summary>
    /// Temporary credentials of a role in a member account, obtained with sts:AssumeRole by the caller's own connection
    /// (its credentials, endpoint and retries) and assumed again shortly before they expire, so an account that takes
    /// longer than the session's hour still finishes. The keys live only in this object; nothing prints them.
    /// </summary>
    internal sealed class AssumedRoleCredentials : RefreshingAWSCredentials
    {
        /// <summary>How long each assumed session lasts (the default and the most every role allows).</summary>
        public const int DurationSeconds = 3600;

        private readonly LiveCallContext _caller;
        private readonly string? _externalId;
        public AssumedRoleCredentials(LiveCallContext caller, string roleArn, string sessionName, string? externalId)
        {
            _caller = caller;
            RoleArn = roleArn;
            SessionName = sessionName;
            _externalId = externalId;
            PreemptExpiryTime = TimeSpan.FromMinutes(5);
        }

        public string RoleArn { get; }

        public string SessionName { get; }

        protected override CredentialsRefreshState GenerateNewCredentials() =>
            Task.Run(GenerateNewCredentialsAsync).GetAwaiter().GetResult();

        /// <summary>
        /// Sends sts:AssumeRole; a refusal surfaces as <see cref="AwsServiceException"/> (AccessDenied, …). Not tied to
        /// the run's Ctrl+C: findings keep the connection for remediation cmdlets after the run, and each attempt is
        /// bounded by the session's request timeout anyway.
        /// </summary>
        protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
        {
            var request = new AssumeRoleRequest
            {
                RoleArn = RoleArn,
                RoleSessionName = SessionName,
                DurationSeconds = DurationSeconds,
                ExternalId = _externalId,
            };
            using (var client = _caller.Sdk.Create<AmazonSecurityTokenServiceClient, AmazonSecurityTokenServiceConfig>(
                _caller.Session.Region, (credentials, config) => new AmazonSecurityTokenServiceClient(credentials, config)))
            {
                var response = await _caller.Sdk.CallAsync("sts", "AssumeRole", token => client.AssumeRoleAsync(request, token), CancellationToken.None).ConfigureAwait(false);
                var issued = response.Credentials ?? throw new AwsServiceException("sts", "AssumeRole", "InvalidResponse", "The response has no Credentials.", 200);
                var expiration = issued.Expiration ?? DateTime.UtcNow.AddSeconds(DurationSeconds);
                return new CredentialsRefreshState(
                    new ImmutableCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken),
                    expiration.ToUniversalTime());
            }
        }
    }
}
