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

        /// <summary>
        /// A check of the organization rather than of one account (its service control policies, its delegated
        /// administrators, its organization trail): in a multi-account run it runs once, in the account the run
        /// started from, and every other account reports it NotApplicable, naming that account. In a one-account run
        /// it runs as any check.
        /// </summary>
        public static CheckImplementation OrganizationLevel(CheckDefinition definition, Func<CheckContext, CancellationToken, Task<IEnumerable<Finding>>> run) =>
            new CheckImplementation(definition, (context, cancellationToken) =>
            {
                var once = context.OrganizationAccountId;
                if (once == null || string.Equals(once, context.Account.AccountId, StringComparison.Ordinal))
                {
                    return run(context, cancellationToken);
                }

                return Task.FromResult<IEnumerable<Finding>>(new[]
                {
                    context.AccountFinding(definition, FindingStatus.NotApplicable, $"An organization-level check: this run assesses it once, in account {once} (the account the run started from), not in each member account.")
                        .With("AssessedInAccount", once),
                });
            });

        public Func<CheckContext, CancellationToken, Task<IEnumerable<Finding>>> Run { get; }
    }
}
