namespace WASecurity.Permissions
{
    /// <summary>One IAM action WASecurity needs, as Get-WASRequiredPermission shows it.</summary>
    public sealed class RequiredPermission
    {
        internal RequiredPermission(string action, string[] checkIds, string[] operations, string[] cmdlets, bool isWrite, string? note)
        {
            Action = action;
            Service = action.Substring(0, action.IndexOf(':'));
            CheckIds = checkIds;
            Operations = operations;
            Cmdlets = cmdlets;
            Access = isWrite ? "Write" : "Read";
            Note = note;
        }

        /// <summary>The IAM action, <c>service:Action</c> (<c>kms:GetKeyRotationStatus</c>).</summary>
        public string Action { get; }

        /// <summary>The IAM service prefix (<c>kms</c>, <c>elasticloadbalancing</c>).</summary>
        public string Service { get; }

        /// <summary>
        /// The checks that need it (for a remediation action: the checks whose findings the cmdlet fixes). Empty for
        /// what every live run needs (the caller's identity, the region list).
        /// </summary>
        public string[] CheckIds { get; }

        /// <summary>The API requests that need it, <c>service Operation</c> as the AWS CLI names them.</summary>
        public string[] Operations { get; }

        /// <summary>The cmdlets that send those requests.</summary>
        public string[] Cmdlets { get; }

        /// <summary><c>Read</c>, or <c>Write</c> for an action that changes something in the account.</summary>
        public string Access { get; }

        /// <summary>Why the action is there when that is not obvious, else null.</summary>
        public string? Note { get; }

        public override string ToString() => Action;
    }
}
