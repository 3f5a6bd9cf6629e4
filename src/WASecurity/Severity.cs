namespace WASecurity
{
    /// <summary>How much a failing check matters, highest first.</summary>
    public enum Severity
    {
        Critical,
        High,
        Medium,
        Low,
        Informational,
    }
}
