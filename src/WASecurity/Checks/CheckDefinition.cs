using System;
using System.Collections.Generic;

namespace WASecurity.Checks
{
    /// <summary>Metadata of one check: what it asserts, how bad a failure is, how to fix it, what it needs.</summary>
    public sealed class CheckDefinition
    {
        public CheckDefinition(
            string checkId,
            string title,
            Severity severity,
            string resourceType,
            string description,
            string remediation,
            string[] bestPractices,
            string[] cis,
            string[] actions,
            string[]? settings = null,
            string? powerShell = null)
        {
            CheckId = checkId;
            Question = checkId.Substring(0, checkId.IndexOf('.'));
            Title = title;
            Severity = severity;
            ResourceType = resourceType;
            Description = description;
            RemediationPowerShell = powerShell ?? string.Empty;
            Remediation = RemediationPowerShell.Length == 0 ? remediation : remediation + "\n" + PowerShellLabel + RemediationPowerShell;
            BestPractices = bestPractices;
            Cis = cis;
            Actions = actions;
            Settings = settings ?? Array.Empty<string>();
        }

        /// <summary>
        /// A check no API can decide: it always reports <see cref="FindingStatus.Manual"/> about the account, asks a precise
        /// attestation question (the finding's reason), and is answered with an attestation file.
        /// </summary>
        internal static CheckDefinition Manual(string checkId, string title, string description, string guidance, string[] bestPractices, Severity severity = Severity.Medium) =>
            new CheckDefinition(checkId, title, severity, "AWS::::Account", description, guidance, bestPractices, Array.Empty<string>(), Array.Empty<string>());

        /// <summary>Stable id, <c>SECnn.Name</c>.</summary>
        public string CheckId { get; }

        public string Question { get; }

        /// <summary>The area of the question, filled in by the question that lists the check.</summary>
        public string Area { get; internal set; } = string.Empty;

        public string Title { get; }

        public Severity Severity { get; }

        /// <summary>CloudFormation type of the resources it reports on.</summary>
        public string ResourceType { get; }

        /// <summary>Why it matters (the rationale shown in docs and reports).</summary>
        public string Description { get; }

        /// <summary>The label of the AWS Tools for PowerShell line in <see cref="Remediation"/>.</summary>
        public const string PowerShellLabel = "PowerShell (AWS Tools): ";

        /// <summary>
        /// How to fix it: the prose and AWS CLI command, then, where the fix is an API call, a line starting with
        /// <see cref="PowerShellLabel"/> that does the same with the AWS Tools for PowerShell cmdlets.
        /// </summary>
        public string Remediation { get; }

        /// <summary>The same fix as AWS Tools for PowerShell commands (empty when the fix is not an API call).</summary>
        public string RemediationPowerShell { get; }

        public string[] BestPractices { get; }

        /// <summary>CIS AWS Foundations references as <c>version/control</c>.</summary>
        public string[] Cis { get; }

        /// <summary>IAM actions the check's evidence needs (what a read-only role must allow).</summary>
        public string[] Actions { get; }

        /// <summary>Names of the settings that change the check's thresholds.</summary>
        public string[] Settings { get; }

        public override string ToString() => CheckId;
    }
}
