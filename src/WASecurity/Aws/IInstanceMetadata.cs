namespace WASecurity.Aws
{
    /// <summary>The parts of the EC2 instance metadata service (IMDS) that resolution needs.</summary>
    internal interface IInstanceMetadata
    {
        /// <summary>True when an IMDS answers quickly; false off EC2, when disabled, or on timeout. Never hangs.</summary>
        bool IsAvailable();

        /// <summary>The instance's region, or null when IMDS is unavailable.</summary>
        string? GetRegion();

        /// <summary>
        /// The instance profile's credentials; called only after <see cref="IsAvailable"/> said true. Throws
        /// InvalidOperationException when the instance has no IAM role.
        /// </summary>
        Amazon.Runtime.AWSCredentials CreateCredentials();

        /// <summary>Why IMDS was not used, for the no-credentials message (e.g. "AWS_EC2_METADATA_DISABLED is true").</summary>
        string Description { get; }
    }
}
