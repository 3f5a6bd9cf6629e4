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

        public Func<CheckContext, CancellationToken, Task<IEnumerable<Finding>>> Run { get; }
    }
}
