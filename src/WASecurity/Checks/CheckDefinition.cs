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
            string[]? settings = null)
        {
            CheckId = checkId;
            Question = checkId.Substring(0, checkId.IndexOf('.'));
            Title = title;
            Severity = severity;
            ResourceType = resourceType;
            Description = description;
            Remediation = remediation;
            BestPractices = bestPractices;
            Cis = cis;
            Actions = actions;
            Settings = settings ?? Array.Empty<string>();
        }

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

        public string Remediation { get; }

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
