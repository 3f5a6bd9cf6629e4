using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Aws.Operations;
using WASecurity.Evidence;

namespace WASecurity.Aws.Organizations
{
    /// <summary>
    /// The accounts of a multi-account run, seen from the caller (the management or a delegated-administrator account):
    /// the organization's ACTIVE accounts (organizations:ListAccounts), and one live evidence source per account —
    /// its own session, credentials and response cache — through the role <c>arn:&lt;partition&gt;:iam::&lt;id&gt;:role/&lt;name&gt;</c>
    /// assumed with the caller's credentials. The caller's own account is read with the caller's credentials, as a
    /// single-account run would: the management account often has no such role, and the caller can already read it.
    /// </summary>
    internal sealed class OrganizationConnection
    {
        /// <summary>The ApiCall that lists the organization's accounts (all pages merged).</summary>
        public static readonly ApiCall ListAccountsCall = new ApiCall("organizations", "ListAccounts");

        private readonly LiveCallContext _caller;
        private readonly LiveEvidenceSource _callerSource;
        private readonly string _roleName;
        private readonly string? _externalId;
        private readonly IReadOnlyList<string>? _regions;
        private readonly int _throttleLimit;
        private readonly bool _useSessionCache;
        private readonly Action<string> _warn;

        public OrganizationConnection(
            LiveCallContext caller,
            LiveEvidenceSource callerSource,
            string roleName,
            string? externalId,
            IReadOnlyList<string>? regions,
            int throttleLimit,
            bool useSessionCache,
            Action<string> warn,
            DateTimeOffset now)
        {
            _caller = caller;
            _callerSource = callerSource;
            _roleName = roleName;
            _externalId = externalId;
            _regions = regions;
            _throttleLimit = throttleLimit;
            _useSessionCache = useSessionCache;
            _warn = warn;
            SessionName = SessionNameAt(now);
        }

        /// <summary>The RoleSessionName of every assumed role of the run: it shows in the member accounts' CloudTrail.</summary>
        public string SessionName { get; }

        /// <summary><c>WASecurity-yyyyMMddTHHmmssZ</c>: 27 characters, within STS's 2–64 and its character set.</summary>
        public static string SessionNameAt(DateTimeOffset now) =>
            "WASecurity-" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        /// <summary>The role assumed in <paramref name="accountId"/>, in the caller's partition.</summary>
        public async Task<string> RoleArnAsync(string accountId, CancellationToken cancellationToken)
        {
            var caller = await _callerSource.GetAccountAsync(cancellationToken).ConfigureAwait(false);
            return $"arn:{caller.Partition}:iam::{accountId}:role/{_roleName}";
        }

        /// <summary>
        /// The ids of the organization's ACTIVE accounts, sorted. A refusal ends the run: without the list there is
        /// nothing to assess (the caller is not the management or a delegated-administrator account, or lacks the action).
        /// </summary>
        public async Task<IReadOnlyList<string>> ListActiveAccountsAsync(CancellationToken cancellationToken)
        {
            await _callerSource.GetAccountAsync(cancellationToken).ConfigureAwait(false);
            var response = await _callerSource.GetAsync(ListAccountsCall, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw new AwsServiceException(
                    "organizations",
                    "ListAccounts",
                    response.Error!.Code,
                    $"{response.Error.Message} Listing the organization's accounts needs organizations:ListAccounts in its management account or a delegated administrator account; or name the accounts with -AccountId.",
                    0);
            }

            // State (2024) replaces Status; older answers (and moto 5.1) carry only Status.
            return response.Root.Items("Accounts")
                .Where(a => string.Equals(a.Str("State") ?? a.Str("Status"), "ACTIVE", StringComparison.Ordinal))
                .Select(a => a.Str("Id"))
                .Where(id => !string.IsNullOrEmpty(id))
                .Select(id => id!)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(id => id, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>
        /// The evidence source of one account and the connection it reads through. The role is assumed here, once,
        /// so that a refusal is known before any check runs: it becomes an <see cref="AccountAccessException"/>.
        /// </summary>
        public async Task<(LiveEvidenceSource Source, LiveCallContext Connection)> OpenAsync(string accountId, CancellationToken cancellationToken)
        {
            var caller = await _callerSource.GetAccountAsync(cancellationToken).ConfigureAwait(false);
            if (string.Equals(caller.AccountId, accountId, StringComparison.Ordinal))
            {
                return (Source(_caller, accountId), _caller);
            }

            var roleArn = await RoleArnAsync(accountId, cancellationToken).ConfigureAwait(false);
            var credentials = new AssumedRoleCredentials(_caller, roleArn, SessionName, _externalId);
            try
            {
                await credentials.GetCredentialsAsync().ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (!AwsEndpointFailure.IsEndpointFailure(e.ErrorCode))
            {
                var kind = ApiError.Classify(e.ErrorCode, e.StatusCode == 0 ? (int?)null : e.StatusCode);
                throw new AccountAccessException(accountId, "sts:AssumeRole", roleArn, new ApiError(e.ErrorCode, e.ErrorMessage, kind));
            }

            var session = new AwsSession(credentials, _caller.Session.Region, _caller.Session.EndpointUrl, _throttleLimit, _caller.Session.Retry, _caller.Session.Debug);
            var connection = new LiveCallContext(session);
            var source = Source(connection, accountId);
            AccountContext assumed;
            try
            {
                assumed = await source.GetAccountAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (!AwsEndpointFailure.IsEndpointFailure(e.ErrorCode))
            {
                var kind = ApiError.Classify(e.ErrorCode, e.StatusCode == 0 ? (int?)null : e.StatusCode);
                throw new AccountAccessException(accountId, "sts:GetCallerIdentity", roleArn, new ApiError(e.ErrorCode, e.ErrorMessage, kind));
            }

            if (!string.Equals(assumed.AccountId, accountId, StringComparison.Ordinal))
            {
                // Never attribute one account's findings to another.
                throw new AccountAccessException(accountId, "sts:GetCallerIdentity", roleArn, new ApiError(
                    ApiError.InvalidResponseCode, $"the assumed role's credentials belong to account {assumed.AccountId}, not {accountId}", ApiErrorKind.InvalidResponse));
            }

            return (source, connection);
        }

        // Each account's warnings (a denied action, a region not enabled) name the account they are about.
        private LiveEvidenceSource Source(LiveCallContext connection, string accountId) =>
            new LiveEvidenceSource(connection, OperationRegistry.Default, _regions, _useSessionCache, message => _warn($"Account {accountId}: {message}"));
    }
}
