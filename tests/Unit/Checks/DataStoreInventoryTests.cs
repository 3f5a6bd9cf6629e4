using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Catalog;
using WASecurity.Engine;
using WASecurity.Evidence;
using Xunit;
using static WASecurity.Tests.Checks.DataFixtures;

namespace WASecurity.Tests.Checks
{
    public sealed class DataStoreInventoryTests
    {
        [Fact]
        public void One_run_of_the_data_protection_questions_builds_the_store_and_key_inventories_once()
        {
            using var bundle = NewBundle("us-east-1", "eu-west-1").EmptyStores("eu-west-1").EmptyStores("us-east-1").NoKeys("eu-west-1")
                .Buckets(("a", "us-east-1", DataFixtures.Classified("Restricted")), ("b", "eu-west-1", null))
                .Keys("us-east-1", new TestKey("11111111-1111-4111-8111-111111111111"));
            using var source = new CountingSource(BundleEvidenceSource.Open(bundle.WriteFolder()));
            var runner = new AssessmentEngine(source, CheckCatalog.DefaultSettings, () => QuestionRun.Now);
            var questions = new[] { "SEC08", "SEC09", "SEC10", "SEC11" }.Select(CheckCatalog.GetQuestion).ToList();
            var findings = new List<Finding>();

            runner.RunAsync(questions, null, (_, f) => findings.AddRange(f), CancellationToken.None).GetAwaiter().GetResult();

            Assert.Equal(1, source.Asked("s3", "ListBuckets"));
            Assert.Equal(2, source.Asked("s3", "GetBucketTagging"));
            Assert.Equal(2, source.Asked("dynamodb", "ListTables"));
            Assert.Equal(2, source.Asked("kms", "ListKeys"));
            Assert.Equal(1, source.Asked("kms", "DescribeKey"));
            Assert.Contains(findings, f => f.CheckId == "SEC09.SensitiveStoreCustomerKey" && f.ResourceId == "a");
        }

        [Theory]
        [InlineData(null, "us-east-1")]
        [InlineData("", "us-east-1")]
        [InlineData("EU", "eu-west-1")]
        [InlineData("ap-southeast-2", "ap-southeast-2")]
        public void Bucket_locations_are_normalised(string? constraint, string region) =>
            Assert.Equal(region, WASecurity.Checks.Data.DataStoreInventory.BucketRegion(constraint));

        private sealed class CountingSource : IEvidenceSource
        {
            private readonly IEvidenceSource _inner;
            private readonly ConcurrentDictionary<(string, string), int> _asked = new ConcurrentDictionary<(string, string), int>();

            public CountingSource(IEvidenceSource inner) => _inner = inner;

            public string Description => _inner.Description;

            public System.DateTimeOffset? CollectedAt => _inner.CollectedAt;

            public int Asked(string service, string operation) => _asked.TryGetValue((service, operation), out var n) ? n : 0;

            public Task<AccountContext> GetAccountAsync(CancellationToken cancellationToken) => _inner.GetAccountAsync(cancellationToken);

            public Task<IReadOnlyList<string>> GetRegionsAsync(CancellationToken cancellationToken) => _inner.GetRegionsAsync(cancellationToken);

            public Task<EvidenceResponse> GetAsync(ApiCall call, CancellationToken cancellationToken)
            {
                _asked.AddOrUpdate((call.Service, call.Operation), 1, (_, n) => n + 1);
                return _inner.GetAsync(call, cancellationToken);
            }

            public void Dispose() => _inner.Dispose();
        }
    }
}
