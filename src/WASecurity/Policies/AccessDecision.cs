namespace WASecurity.Policies
{
    /// <summary>The outcome of evaluating a request against a principal's policies.</summary>
    public enum AccessDecision
    {
        /// <summary>An Allow applies unconditionally and no certain Deny applies.</summary>
        Allowed,

        /// <summary>Only Allows whose conditions (or policy variables) could not be proven apply.</summary>
        ConditionallyAllowed,

        /// <summary>No Allow applies.</summary>
        ImplicitDeny,

        /// <summary>A Deny applies for certain (it wins over any Allow).</summary>
        ExplicitDeny,
    }
}
