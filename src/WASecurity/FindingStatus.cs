namespace WASecurity
{
    /// <summary>The outcome of one check on one resource.</summary>
    public enum FindingStatus
    {
        /// <summary>The check verified that the resource meets the practice.</summary>
        Pass,
        /// <summary>The check verified that the resource does not meet the practice.</summary>
        Fail,
        /// <summary>The check could not verify; <see cref="Finding.Reason"/> says why.</summary>
        Error,
        /// <summary>No API can verify it; a human attests to it.</summary>
        Manual,
        /// <summary>The practice does not apply to this resource.</summary>
        NotApplicable,
    }
}
