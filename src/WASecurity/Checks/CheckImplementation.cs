using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Checks
{
    /// <summary>A catalog entry paired with the function that evaluates it.</summary>
    internal sealed class CheckImplementation
    {
        public CheckImplementation(CheckDefinition definition, Func<CheckContext, CancellationToken, Task<IEnumerable<Finding>>> run)
        {
            Definition = definition;
            Run = run;
        }

        public CheckDefinition Definition { get; }

        /// <summary>A check that asks a person: one <see cref="FindingStatus.Manual"/> finding about the account with the question to attest.</summary>
        public static CheckImplementation Manual(CheckDefinition definition, string question) =>
            new CheckImplementation(definition, (context, _) => Task.FromResult<IEnumerable<Finding>>(new[] { context.AccountFinding(definition, FindingStatus.Manual, question) }));

        public Func<CheckContext, CancellationToken, Task<IEnumerable<Finding>>> Run { get; }
    }
}
