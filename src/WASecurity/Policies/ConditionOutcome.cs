namespace WASecurity.Policies
{
    /// <summary>Three-valued result of a condition: unknown when the request context does not decide it.</summary>
    public enum ConditionOutcome
    {
        False,
        True,
        Unknown,
    }
}
