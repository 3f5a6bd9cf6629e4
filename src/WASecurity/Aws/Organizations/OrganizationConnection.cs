using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
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
        /// The ids of the organization's ACTIVE accounts (organizations:ListAccounts, every page), sorted. A refusal
        /// ends the run: without the list there is nothing to assess. The call is the caller's, in the management or a
        /// delegated administrator account, so it is not in the operation registry, whose actions are the assessed
        /// accounts' read-only policy.
        /// </summary>
        public async Task<IReadOnlyList<string>> ListActiveAccountsAsync(CancellationToken cancellationToken)
        {
            await _callerSource.GetAccountAsync(cancellationToken).ConfigureAwait(false);
            JsonObject response;
            try
            {
                response = await _caller.Protocol.JsonAllPagesAsync(
                    AwsService.Organizations, _caller.Session.Region, OrganizationsOperations.Target, "1.1", "ListAccounts", new JsonObject(), cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (!AwsEndpointFailure.IsEndpointFailure(e.ErrorCode))
            {
                throw new AwsServiceException(
                    e.Service,
                    e.Operation,
                    e.ErrorCode,
                    $"organizations:ListAccounts failed ({e.ErrorCode}: {e.ErrorMessage}). Listing the organization's accounts needs organizations:ListAccounts in its management account or a delegated administrator account; or name the accounts with -AccountId.",
                    e.StatusCode,
                    e);
            }

            // State (2024) replaces Status; older answers (and moto 5.1) carry only Status.
            var accounts = response["Accounts"] as JsonArray ?? new JsonArray();
            return accounts
                .OfType<JsonObject>()
                .Where(a => string.Equals(Text(a, "State") ?? Text(a, "Status"), "ACTIVE", StringComparison.Ordinal))
                .Select(a => Text(a, "Id"))
                .Where(id => !string.IsNullOrEmpty(id))
                .Select(id => id!)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(id => id, StringComparer.Ordinal)
                .ToList();
        }

        private static string? Text(JsonObject item, string name) =>
            item[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

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

            // The role is assumed outside the run's cancellation (the credentials outlive it): never start it once stopped.
            cancellationToken.ThrowIfCancellationRequested();
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

            var session = new AwsSession(credentials, _caller.Session.Region, _caller.Session.EndpointUrl, _throttleLimit, _caller.Session.Retry, _caller.Session.DebugEnabled ? _caller.Session.Debug : null);
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
