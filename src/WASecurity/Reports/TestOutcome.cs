using System.Text;

namespace WASecurity.Reports
{
    /// <summary>How a finding shows in CI test reports (JUnit, NUnit).</summary>
    internal enum TestOutcome
    {
        Passed,
        Failed,
        /// <summary>The check could not verify (Status Error): a broken test, not a failed one.</summary>
        Errored,
        /// <summary>Manual, NotApplicable, or suppressed: nothing for the pipeline to act on.</summary>
        Skipped,
    }

    internal static class TestOutcomes
    {
        public static TestOutcome Of(Finding finding)
        {
            if (finding.Suppressed)
            {
                return TestOutcome.Skipped;
            }

            switch (finding.Status)
            {
                case FindingStatus.Pass:
                    return TestOutcome.Passed;
                case FindingStatus.Fail:
                    return TestOutcome.Failed;
                case FindingStatus.Error:
                    return TestOutcome.Errored;
                default:
                    return TestOutcome.Skipped;
            }
        }

        /// <summary>The test's name, as the compliance tests name theirs: "CheckId: Title [ResourceId]".</summary>
        public static string TestName(Finding f) => $"{f.CheckId}: {f.Title} [{f.ResourceId}]";

        /// <summary>Why a test was skipped, in one line.</summary>
        public static string SkipReason(Finding f) => f.Suppressed
            ? $"Suppressed ({f.Status}): {f.Justification}"
            : $"{f.Status}: {f.Reason}";

        /// <summary>The body of a failure: the measured fact, what to do, and where.</summary>
        public static string FailureText(Finding f)
        {
            var text = new StringBuilder();
            text.Append(f.Reason).Append('\n');
            text.Append("Severity: ").Append(f.Severity).Append('\n');
            text.Append("Resource: ").Append(SarifReport.FullyQualifiedName(f)).Append('\n');
            if (!string.IsNullOrEmpty(f.Remediation))
            {
                text.Append("Remediation: ").Append(f.Remediation).Append('\n');
            }

            text.Append("Evidence: ").Append(JsonValueWriter.ToCompactJson(f.Evidence));
            return text.ToString();
        }
    }
}
