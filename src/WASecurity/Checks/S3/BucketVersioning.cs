using System;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.S3
{
    /// <summary>
    /// A bucket's GetBucketVersioning answer: <c>{"Status": "Enabled"|"Suspended", "MFADelete": "Enabled"|"Disabled"}</c>.
    /// A bucket that never had versioning answers an empty document, read as Disabled for both.
    /// </summary>
    internal sealed class BucketVersioning
    {
        private BucketVersioning(string status, string mfaDelete)
        {
            Status = status;
            MfaDelete = mfaDelete;
        }

        /// <summary>Enabled, Suspended or Disabled (never configured).</summary>
        public string Status { get; }

        /// <summary>Enabled or Disabled.</summary>
        public string MfaDelete { get; }

        public bool IsVersioned => string.Equals(Status, "Enabled", StringComparison.OrdinalIgnoreCase);

        /// <summary>Versioned with MFA delete on: deleting a version or suspending versioning needs the root user's MFA.</summary>
        public bool IsMfaDeleteEnabled => IsVersioned && string.Equals(MfaDelete, "Enabled", StringComparison.OrdinalIgnoreCase);

        public static BucketVersioning Parse(JsonElement root) =>
            new BucketVersioning(root.Str("Status") ?? "Disabled", root.Str("MFADelete") ?? "Disabled");
    }
}
