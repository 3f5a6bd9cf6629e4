namespace WASecurity.Checks.Sec04
{
    /// <summary>A CIS 4.x monitoring control: the check, the events it watches and the filter pattern that catches them.</summary>
    internal sealed class MonitoredEvent
    {
        public MonitoredEvent(CheckDefinition check, string metricName, string pattern)
        {
            Check = check;
            MetricName = metricName;
            Pattern = pattern;
        }

        public CheckDefinition Check { get; }

        /// <summary>The metric and filter name the remediation suggests.</summary>
        public string MetricName { get; }

        /// <summary>The filter pattern a metric filter must cover.</summary>
        public string Pattern { get; }
    }
}
