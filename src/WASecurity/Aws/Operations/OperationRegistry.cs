using System;
using System.Collections.Generic;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Maps (service, operation) of an <see cref="Evidence.ApiCall"/> to the code that fetches it live. Each service
    /// registers its operations in its own <c>*Operations.cs</c> file; see docs/adding-an-operation.md.
    /// A call with no entry is reported as not collected (an Error finding), never guessed.
    /// Each registration also declares the IAM actions its requests need: the registry is the one source of the
    /// assessment policy (<c>Get-WASRequiredPermission</c>, docs/permissions.json).
    /// </summary>
    internal sealed class OperationRegistry
    {
        private readonly Dictionary<(string Service, string Operation), RegisteredOperation> _operations =
            new Dictionary<(string Service, string Operation), RegisteredOperation>();

        /// <summary>Every operation this build can collect.</summary>
        public static OperationRegistry Default { get; } = Build();

        public int Count => _operations.Count;

        /// <summary>Every registration, in no particular order.</summary>
        public IEnumerable<RegisteredOperation> Operations => _operations.Values;

        /// <summary>
        /// Registers <paramref name="operation"/> of <paramref name="service"/>. <paramref name="action"/> is the IAM
        /// action of its main request (the one the ApiCall names); <paramref name="alsoNeeds"/> the actions of any
        /// further request <paramref name="fetch"/> sends.
        /// </summary>
        public void Add(string service, string operation, string action, LiveOperation fetch, params string[] alsoNeeds)
        {
            var key = (service.ToLowerInvariant(), operation);
            if (_operations.ContainsKey(key))
            {
                throw new InvalidOperationException($"{service} {operation} is registered twice.");
            }

            _operations[key] = new RegisteredOperation(
                key.Item1, operation, action, alsoNeeds ?? Array.Empty<string>(), fetch ?? throw new ArgumentNullException(nameof(fetch)));
        }

        public bool TryGet(string service, string operation, out LiveOperation fetch)
        {
            var found = _operations.TryGetValue((service.ToLowerInvariant(), operation), out var registered);
            fetch = registered?.Fetch!;
            return found;
        }

        /// <summary>The registration of a call's operation, or null when it is not collected live.</summary>
        public RegisteredOperation? Find(string service, string operation) =>
            _operations.TryGetValue((service.ToLowerInvariant(), operation), out var registered) ? registered : null;

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
            S3Operations.Register(registry);
            S3ControlOperations.Register(registry);
            CloudFrontOperations.Register(registry);
            KmsOperations.Register(registry);
            DynamoDbOperations.Register(registry);
            SqsOperations.Register(registry);
            RdsOperations.Register(registry);
            EfsOperations.Register(registry);
            Macie2Operations.Register(registry);
            ElbOperations.Register(registry);
            AcmOperations.Register(registry);
            EventsOperations.Register(registry);
            CloudTrailOperations.Register(registry);
            ConfigOperations.Register(registry);
            GuardDutyOperations.Register(registry);
            SecurityHubOperations.Register(registry);
            CloudWatchLogsOperations.Register(registry);
            CloudWatchOperations.Register(registry);
            SnsOperations.Register(registry);
            AccessAnalyzerOperations.Register(registry);
            CloudFormationOperations.Register(registry);
            EcsOperations.Register(registry);
            OrganizationsOperations.Register(registry);
            CodeBuildOperations.Register(registry);
            WafV2Operations.Register(registry);
            LambdaOperations.Register(registry);
            EcrOperations.Register(registry);
            ApiGatewayOperations.Register(registry);
            SageMakerOperations.Register(registry);
            GlueOperations.Register(registry);
            ApiGatewayV2Operations.Register(registry);
            OpenSearchOperations.Register(registry);
            return registry;
        }
    }
}
