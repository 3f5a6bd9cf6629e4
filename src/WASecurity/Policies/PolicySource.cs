namespace WASecurity.Policies
{
    /// <summary>How a policy reaches a principal; explanations name it.</summary>
    public enum PolicySource
    {
        /// <summary>An inline policy embedded in the user, group or role.</summary>
        Inline,

        /// <summary>A managed policy attached directly.</summary>
        Managed,

        /// <summary>An inline policy of a group the user belongs to.</summary>
        GroupInline,

        /// <summary>A managed policy attached to a group the user belongs to.</summary>
        GroupManaged,

        /// <summary>A permissions boundary.</summary>
        PermissionsBoundary,

        /// <summary>A resource-based policy (bucket, key, trust policy …).</summary>
        Resource,
    }
}
