using System;
using System.Collections.Generic;
using System.Collections.Specialized;

namespace WASecurity
{
    /// <summary>
    /// The result of one check against one resource: the object every assessment cmdlet emits.
    /// Its property names are the module's public contract (see docs/finding.md).
    /// </summary>
    /// <remarks>
    /// Names, tags and messages in a finding come from the account, and whoever owns a resource chooses them.
    /// Every text a finding holds therefore passes <see cref="SafeText"/> as it is set: control characters, escape
    /// sequences and bidi overrides become visible escapes such as <c>\x1B</c> or <c>\u202E</c>, so the console,
    /// every report and a finding read back from a report all show the same safe text. Reason, Remediation and
    /// Justification keep their line breaks; the other texts, evidence and properties are single-line.
    /// </remarks>
    public sealed class Finding
    {
        private string _question = string.Empty;
        private string _area = string.Empty;
        private string _checkId = string.Empty;
        private string _title = string.Empty;
        private string _accountId = string.Empty;
        private string _region = "global";
        private string _resourceType = string.Empty;
        private string _resourceId = string.Empty;
        private string? _resourceArn;
        private string _reason = string.Empty;
        private string _remediation = string.Empty;
        private volatile Func<Finding, string, string>? _fillRemediation;
        private string? _justification;
        private string[] _bestPractices = Array.Empty<string>();
        private string[] _cis = Array.Empty<string>();
        private OrderedDictionary _evidence = new OrderedDictionary(StringComparer.Ordinal);

        /// <summary>SEC01 … SEC12.</summary>
        public string Question
        {
            get => _question;
            set => _question = SafeText.Line(value)!;
        }

        /// <summary>The Well-Architected security area the question belongs to.</summary>
        public string Area
        {
            get => _area;
            set => _area = SafeText.Line(value)!;
        }

        /// <summary>Stable id such as <c>SEC01.RootMfaEnabled</c>.</summary>
        public string CheckId
        {
            get => _checkId;
            set => _checkId = SafeText.Line(value)!;
        }

        /// <summary>What the check asserts, as a sentence.</summary>
        public string Title
        {
            get => _title;
            set => _title = SafeText.Line(value)!;
        }

        public FindingStatus Status { get; set; }

        public Severity Severity { get; set; }

        public string AccountId
        {
            get => _accountId;
            set => _accountId = SafeText.Line(value)!;
        }

        /// <summary>The region, or <c>global</c> for account-wide services.</summary>
        public string Region
        {
            get => _region;
            set => _region = SafeText.Line(value)!;
        }

        /// <summary>CloudFormation type name, e.g. <c>AWS::IAM::User</c>.</summary>
        public string ResourceType
        {
            get => _resourceType;
            set => _resourceType = SafeText.Line(value)!;
        }

        /// <summary>The id a user would type for the resource.</summary>
        public string ResourceId
        {
            get => _resourceId;
            set => _resourceId = SafeText.Line(value)!;
        }

        public string? ResourceArn
        {
            get => _resourceArn;
            set => _resourceArn = SafeText.Line(value);
        }

        /// <summary>One sentence with the measured fact that decided the status.</summary>
        public string Reason
        {
            get => _reason;
            set => _reason = SafeText.Block(value)!;
        }

        /// <summary>What to do, with a ready command where one exists.</summary>
        public string Remediation
        {
            get
            {
                var fill = _fillRemediation;
                if (fill != null)
                {
                    // Filled on first read: most findings of a large account (the passes) are never read for it.
                    _remediation = fill(this, _remediation);
                    _fillRemediation = null;
                }

                return _remediation;
            }

            set
            {
                _fillRemediation = null;
                _remediation = SafeText.Block(value)!;
            }
        }

        /// <summary>
        /// Fills the remediation's placeholders with <paramref name="fill"/> (given this finding and the text) when
        /// it is first read, rather than now; setting <see cref="Remediation"/> first cancels it.
        /// </summary>
        internal void FillRemediationWhenRead(Func<Finding, string, string> fill) => _fillRemediation = fill;

        /// <summary>Well-Architected best-practice ids, e.g. <c>SEC01-BP02</c> (an element set in place is escaped when read).</summary>
        public string[] BestPractices
        {
            get => _bestPractices = SafeText.Lines(_bestPractices);
            set => _bestPractices = SafeText.Lines(value);
        }

        /// <summary>CIS AWS Foundations Benchmark references, e.g. <c>3.0/1.5</c>.</summary>
        public string[] Cis
        {
            get => _cis = SafeText.Lines(_cis);
            set => _cis = SafeText.Lines(value);
        }

        /// <summary>
        /// The values that decided the status, in the order they were considered. Its keys and strings are escaped
        /// when it is set and again whenever it is read, so an entry added directly (<c>$f.Evidence['Tag'] = …</c>)
        /// is shown escaped too; reading a clean dictionary only scans it.
        /// </summary>
        public OrderedDictionary Evidence
        {
            get => _evidence = SafeText.Dictionary(_evidence);
            set => _evidence = SafeText.Dictionary(value);
        }

        /// <summary>True when a suppression entry matched; the status itself is kept.</summary>
        public bool Suppressed { get; set; }

        public string? Justification
        {
            get => _justification;
            set => _justification = SafeText.Block(value);
        }

        /// <summary>When the finding was produced, in UTC.</summary>
        public DateTime Timestamp { get; set; } = DateTime.UtcNow;

        /// <summary>
        /// Resource-specific names (such as <c>KeyId</c> or <c>BucketName</c>) that the cmdlets expose as
        /// extra properties so findings pipe by property name into AWS Tools cmdlets.
        /// </summary>
        public IDictionary<string, object?> Properties { get; } = new SafeValueDictionary();

        /// <summary>
        /// How a live run reached the account (the cmdlets' connection: credentials, endpoint, home region), so that a
        /// remediation cmdlet the finding is piped to can reuse it. Not a public property: never printed, exported or
        /// serialized; null for findings from a bundle or a report.
        /// </summary>
        internal object? LiveConnection { get; set; }

        /// <summary>Whether the finding has been written to the pipeline with its resource names as note properties (see FindingOutput).</summary>
        internal bool WrittenToPipeline { get; set; }

        public override string ToString() => $"{CheckId} {Status} {ResourceId}";
    }
}
