using System;

namespace WASecurity.Aws
{
    /// <summary>
    /// Credentials could not be resolved. The cmdlet turns it into a terminating error with
    /// <see cref="ErrorId"/> and <see cref="Category"/>.
    /// </summary>
    internal sealed class AwsCredentialException : Exception
    {
        /// <summary>A named profile (-ProfileName, $StoredAWSCredentials or AWS_PROFILE) does not exist.</summary>
        public const string ProfileNotFound = "WASProfileNotFound";

        /// <summary>Nothing in the credential chain supplied credentials.</summary>
        public const string NoCredentials = "WASNoCredentials";

        /// <summary>A profile exists but cannot produce credentials (bad source_profile, incomplete keys, …).</summary>
        public const string InvalidProfile = "WASInvalidProfile";

        /// <summary>Parameters that cannot work together, e.g. -AccessKey without -SecretKey.</summary>
        public const string InvalidArgument = "WASInvalidArgument";

        /// <summary>No region anywhere; resolution itself does not throw it, a consumer that needs one may.</summary>
        public const string NoRegion = "WASNoRegion";

        public AwsCredentialException(string errorId, CredentialErrorCategory category, string message, object? target = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
            Target = target;
        }

        public string ErrorId { get; }

        public CredentialErrorCategory Category { get; }

        /// <summary>The profile name or parameter the error is about (the ErrorRecord's target object).</summary>
        public object? Target { get; }

        /// <summary>The error a consumer raises when it needs a region and resolution found none.</summary>
        public static AwsCredentialException RegionRequired() => new AwsCredentialException(
            NoRegion,
            CredentialErrorCategory.InvalidArgument,
            "No AWS region was specified or configured. Use -Region, Set-DefaultAWSRegion ($StoredAWSRegion), " +
            "a 'region' in your profile, or the AWS_REGION / AWS_DEFAULT_REGION environment variable.");
    }
}
