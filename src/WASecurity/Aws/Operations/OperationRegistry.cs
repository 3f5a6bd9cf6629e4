using System;
using System.Collections.Generic;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Maps (service, operation) of an <see cref="Evidence.ApiCall"/> to the code that fetches it live. Each service
    /// registers its operations in its own <c>*Operations.cs</c> file; see docs/adding-an-operation.md.
    /// A call with no entry is reported as not collected (an Error finding), never guessed.
    /// </summary>
    internal sealed class OperationRegistry
    {
        private readonly Dictionary<(string Service, string Operation), LiveOperation> _operations =
            new Dictionary<(string Service, string Operation), LiveOperation>();

        /// <summary>Every operation this build can collect.</summary>
        public static OperationRegistry Default { get; } = Build();

        public int Count => _operations.Count;

        public void Add(string service, string operation, LiveOperation fetch)
        {
            var key = (service.ToLowerInvariant(), operation);
            if (_operations.ContainsKey(key))
            {
                throw new InvalidOperationException($"{service} {operation} is registered twice.");
            }

            _operations[key] = fetch ?? throw new ArgumentNullException(nameof(fetch));
        }

        public bool TryGet(string service, string operation, out LiveOperation fetch) =>
            _operations.TryGetValue((service.ToLowerInvariant(), operation), out fetch!);

        public bool Contains(string service, string operation) => _operations.ContainsKey((service.ToLowerInvariant(), operation));

        // One line per service.
        private static OperationRegistry Build()
        {
            var registry = new OperationRegistry();
            StsOperations.Register(registry);
            Ec2Operations.Register(registry);
            SsmOperations.Register(registry);
            IamOperations.Register(registry);
            AccountOperations.Register(registry);
            SecretsManagerOperations.Register(registry);
            SsoAdminOperations.Register(registry);
            KmsOperations.Register(registry);
            DynamoDbOperations.Register(registry);
            SqsOperations.Register(registry);
            RdsOperations.Register(registry);
            EfsOperations.Register(registry);
            Macie2Operations.Register(registry);
            ElbOperations.Register(registry);
            AcmOperations.Register(registry);
            EventsOperations.Register(registry);
            S3Operations.Register(registry);
            S3ControlOperations.Register(registry);
            CloudFrontOperations.Register(registry);
            return registry;
        }
    }
}
