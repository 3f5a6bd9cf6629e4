using System.Collections.Generic;

namespace WASecurity.Permissions
{
    /// <summary>What one remediation cmdlet sends: the setting it reads before and after, the change it makes, the checks it fixes.</summary>
    internal sealed class RemediationPermission
    {
        public RemediationPermission(string cmdlet, string[] checkIds, string[] reads, (string Action, string Operation)[] writes)
        {
            Cmdlet = cmdlet;
            CheckIds = checkIds;
            Reads = reads;
            Writes = writes;
        }

        public string Cmdlet { get; }

        /// <summary>The checks whose Fail findings the cmdlet takes from the pipeline.</summary>
        public IReadOnlyList<string> CheckIds { get; }

        /// <summary>Read actions (all of them are in the assessment policy too).</summary>
        public IReadOnlyList<string> Reads { get; }

        /// <summary>The actions that change the account, with the API operation that needs each: only these are in the remediation policy.</summary>
        public IReadOnlyList<(string Action, string Operation)> Writes { get; }
    }
}
