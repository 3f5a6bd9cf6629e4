using System;
using System.Collections.Generic;
using System.Collections.Specialized;

namespace WASecurity
{
    /// <summary>
    /// The result of one check against one resource: the object every assessment cmdlet emits.
    /// Its property names are the module's public contract (see docs/finding.md).
    /// </summary>
    public sealed class Finding
    {
        /// <summary>SEC01 … SEC12.</summary>
        public string Question { get; set; } = string.Empty;

        /// <summary>The Well-Architected security area the question belongs to.</summary>
        public string Area { get; set; } = string.Empty;

        /// <summary>Stable id such as <c>SEC01.RootMfaEnabled</c>.</summary>
        public string CheckId { get; set; } = string.Empty;

        /// <summary>What the check asserts, as a sentence.</summary>
        public string Title { get; set; } = string.Empty;

        public FindingStatus Status { get; set; }

        public Severity Severity { get; set; }

        public string AccountId { get; set; } = string.Empty;

        /// <summary>The region, or <c>global</c> for account-wide services.</summary>
        public string Region { get; set; } = "global";

        /// <summary>CloudFormation type name, e.g. <c>AWS::IAM::User</c>.</summary>
        public string ResourceType { get; set; } = string.Empty;

        /// <summary>The id a user would type for the resource.</summary>
        public string ResourceId { get; set; } = string.Empty;

        public string? ResourceArn { get; set; }

        /// <summary>One sentence with the measured fact that decided the status.</summary>
        public string Reason { get; set; } = string.Empty;

        /// <summary>What to do, with a ready command where one exists.</summary>
        public string Remediation { get; set; } = string.Empty;

        /// <summary>Well-Architected best-practice ids, e.g. <c>SEC01-BP02</c>.</summary>
        public string[] BestPractices { get; set; } = Array.Empty<string>();

        /// <summary>CIS AWS Foundations Benchmark references, e.g. <c>3.0/1.5</c>.</summary>
        public string[] Cis { get; set; } = Array.Empty<string>();

        /// <summary>The values that decided the status, in the order they were considered.</summary>
        public OrderedDictionary Evidence { get; set; } = new OrderedDictionary(StringComparer.Ordinal);

        /// <summary>True when a suppression entry matched; the status itself is kept.</summary>
        public bool Suppressed { get; set; }

        public string? Justification { get; set; }

        /// <summary>When the finding was produced, in UTC.</summary>
        public DateTime Timestamp { get; set; } = DateTime.UtcNow;

        /// <summary>
        /// Resource-specific names (such as <c>KeyId</c> or <c>BucketName</c>) that the cmdlets expose as
        /// extra properties so findings pipe by property name into AWS Tools cmdlets.
        /// </summary>
        public IDictionary<string, object?> Properties { get; } = new SortedDictionary<string, object?>(StringComparer.Ordinal);

        public override string ToString() => $"{CheckId} {Status} {ResourceId}";
    }
}
