using System;

namespace WASecurity.Checks.Iam
{
    /// <summary>One row of the IAM credential report.</summary>
    public sealed class CredentialReportEntry
    {
        public const string RootUserName = "<root_account>";

        public string User { get; internal set; } = string.Empty;
        public string Arn { get; internal set; } = string.Empty;
        public ReportValue UserCreationTime { get; internal set; }

        /// <summary>Null when AWS writes <c>not_supported</c> (the root user).</summary>
        public bool? PasswordEnabled { get; internal set; }
        public ReportValue PasswordLastUsed { get; internal set; }
        public ReportValue PasswordLastChanged { get; internal set; }
        public bool MfaActive { get; internal set; }
        public bool AccessKey1Active { get; internal set; }
        public ReportValue AccessKey1LastRotated { get; internal set; }
        public ReportValue AccessKey1LastUsed { get; internal set; }
        public bool AccessKey2Active { get; internal set; }
        public ReportValue AccessKey2LastRotated { get; internal set; }
        public ReportValue AccessKey2LastUsed { get; internal set; }
        public bool Cert1Active { get; internal set; }
        public ReportValue Cert1LastRotated { get; internal set; }
        public bool Cert2Active { get; internal set; }
        public ReportValue Cert2LastRotated { get; internal set; }

        public bool IsRoot => string.Equals(User, RootUserName, StringComparison.Ordinal);

        /// <summary>The most recent use of the password or either access key, if any.</summary>
        public DateTimeOffset? LastUsed
        {
            get
            {
                DateTimeOffset? latest = null;
                foreach (var value in new[] { PasswordLastUsed, AccessKey1LastUsed, AccessKey2LastUsed })
                {
                    if (value.Time.HasValue && (!latest.HasValue || value.Time.Value > latest.Value))
                    {
                        latest = value.Time;
                    }
                }

                return latest;
            }
        }
    }
}
