using System;

namespace WASecurity.Evidence
{
    /// <summary>
    /// An account of a multi-account run could not be opened at all (its role could not be assumed, or its folder of an
    /// organization bundle cannot be read): nothing in it
    /// can be verified, so the run reports one Error finding for the account and goes on with the others.
    /// </summary>
    internal sealed class AccountAccessException : Exception
    {
        public AccountAccessException(string accountId, string action, string resource, ApiError error)
            : base($"{action} on {resource} failed ({error.Code}: {error.Message})")
        {
            AccountId = accountId;
            Action = action;
            Resource = resource;
            Error = error;
        }

        /// <summary>The account that could not be opened.</summary>
        public string AccountId { get; }

        /// <summary>The IAM action of the request that failed, e.g. <c>sts:AssumeRole</c>.</summary>
        public string Action { get; }

        /// <summary>What the request was about, e.g. the role's ARN.</summary>
        public string Resource { get; }

        public ApiError Error { get; }

        /// <summary>What to do about it, when it is not the role (an organization bundle's unreadable account folder).</summary>
        public string? Remediation { get; set; }
    }
}
