using System.Collections.Generic;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// One live operation and the IAM actions its requests need. <see cref="Action"/> is the action the
    /// <see cref="Evidence.ApiCall"/> names in Error findings; <see cref="AlsoNeeds"/> lists the actions of the
    /// further requests the operation sends (the credential report's GenerateCredentialReport, the bucket-region
    /// lookup of per-bucket S3 calls). Together they are what the assessment policy must allow.
    /// </summary>
    internal sealed class RegisteredOperation
    {
        public RegisteredOperation(string service, string operation, string action, IReadOnlyList<string> alsoNeeds, LiveOperation fetch)
        {
            Service = service;
            Operation = operation;
            Action = action;
            AlsoNeeds = alsoNeeds;
            Fetch = fetch;
        }

        /// <summary>The ApiCall's service, lower case (<c>iam</c>, <c>s3control</c>).</summary>
        public string Service { get; }

        public string Operation { get; }

        /// <summary>The IAM action of the operation's main request (<c>s3:ListAllMyBuckets</c> for ListBuckets).</summary>
        public string Action { get; }

        /// <summary>The actions of the other requests the operation sends, if any.</summary>
        public IReadOnlyList<string> AlsoNeeds { get; }

        public LiveOperation Fetch { get; }

        /// <summary><see cref="Action"/> followed by <see cref="AlsoNeeds"/>.</summary>
        public IEnumerable<string> Actions
        {
            get
            {
                yield return Action;
                foreach (var action in AlsoNeeds)
                {
                    yield return action;
                }
            }
        }

        public override string ToString() => $"{Service} {Operation}";
    }
}
