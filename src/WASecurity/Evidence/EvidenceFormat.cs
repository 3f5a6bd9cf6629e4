namespace WASecurity.Evidence
{
    /// <summary>How a response is stored: the AWS CLI's JSON output, or a CSV report as AWS writes it.</summary>
    public enum EvidenceFormat
    {
        Json,
        Csv,
    }
}
