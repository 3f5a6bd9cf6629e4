using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Checks;
using WASecurity.Checks.Iam;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>The live evidence source against moto: pagination, memoization, the session cache, regions, unknown calls.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class LiveEvidenceSourceTests
    {
        private readonly MotoServer _moto;
        private readonly List<string> _warnings = new List<string>();
        private readonly List<string> _debug = new List<string>();

        public LiveEvidenceSourceTests(MotoServer moto) => _moto = moto;

        private LiveEvidenceSource Source(string accessKey = "AKIDSOURCETEST", bool cache = false, IReadOnlyList<string>? regions = null, string secret = "source-secret") =>
            new LiveEvidenceSource(
                new AwsSession(new BasicAWSCredentials(accessKey, secret), "us-east-1", _moto.Endpoint, 8, debug: m => { lock (_debug) { _debug.Add(m); } }),
                OperationRegistry.Default,
                regions,
                cache,
                m => { lock (_warnings) { _warnings.Add(m); } });

        [Fact]
        public async Task Pages_of_a_query_list_are_merged_into_one_response_as_the_cli_prints_it()
        {
            _moto.Reset();
            _moto.RunPython("iam = client('iam')\nfor i in range(7):\n    iam.create_virtual_mfa_device(VirtualMFADeviceName=f'device{i}')");
            var call = new ApiCall("iam", "ListVirtualMFADevices", parameters: new Dictionary<string, object?> { ["MaxItems"] = 3 });
            using var source = Source();

            var response = await source.GetAsync(call, CancellationToken.None);

            Assert.True(response.IsSuccess, response.Error?.ToString());
            Assert.Equal(7, response.Root.Items("VirtualMFADevices").Count());
            Assert.Equal(7, response.Root.Items("VirtualMFADevices").Select(d => d.Str("SerialNumber")).Distinct().Count());
            Assert.Null(response.Root.Prop("Marker"));
            Assert.Null(response.Root.Prop("IsTruncated"));
            Assert.Equal(3, _debug.Count(d => d.StartsWith("iam:ListVirtualMFADevices", StringComparison.Ordinal) && d.Contains("HTTP 200")));
        }

        [Fact]
        public async Task Each_call_is_fetched_once_per_run_however_many_checks_ask_concurrently()
        {
            using var source = Source();

            var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => source.GetAsync(IamCalls.GetAccountSummary, CancellationToken.None))));

            Assert.All(responses, r => Assert.Same(responses[0], r));
            Assert.Equal(1, source.FetchedCount);
            Assert.Equal(1, _debug.Count(d => d.StartsWith("iam:GetAccountSummary", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task The_credential_report_is_generated_polled_and_returned_as_csv()
        {
            _moto.Reset();
            _moto.RunPython("client('iam').create_user(UserName='alice')");
            using var source = Source();

            var response = await source.GetAsync(IamCalls.CredentialReport, CancellationToken.None);

            Assert.True(response.IsSuccess, response.Error?.ToString());
            Assert.StartsWith("user,arn,user_creation_time", response.Text);
            Assert.Contains("\nalice,", response.Text);
            Assert.Contains(_debug, d => d.StartsWith("iam:GenerateCredentialReport", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_call_with_no_registered_operation_is_a_NotCollected_error_that_makes_checks_report_Error()
        {
            using var source = Source();
            // A made-up service, so that no later registration turns this call into a real one.
            var east = new ApiCall("example-unregistered", "DescribeWidgets", "us-east-1");
            var west = new ApiCall("example-unregistered", "DescribeWidgets", "eu-west-1");

            var first = await source.GetAsync(east, CancellationToken.None);
            await source.GetAsync(west, CancellationToken.None);

            Assert.False(first.IsSuccess);
            Assert.Equal("NotCollected", first.Error!.Code);
            Assert.Equal(ApiErrorKind.Other, first.Error.Kind);
            Assert.Contains("cannot collect example-unregistered DescribeWidgets", first.Error.Message);
            Assert.Equal(0, source.FetchedCount);
            Assert.Single(_warnings);
            Assert.StartsWith("Could not verify: example-unregistered:DescribeWidgets in us-east-1 failed (NotCollected", CheckContext.DescribeFailure(first));
        }

        [Fact]
        public async Task The_account_comes_from_sts_and_regions_from_ec2_narrowed_by_the_region_filter()
        {
            using var all = Source();
            using var narrowed = Source(regions: new[] { "eu-west-1", "xx-nowhere-1" });

            var account = await all.GetAccountAsync(CancellationToken.None);
            var regions = await all.GetRegionsAsync(CancellationToken.None);
            var selected = await narrowed.GetRegionsAsync(CancellationToken.None);

            Assert.Equal(MotoServer.AccountId, account.AccountId);
            Assert.Equal("aws", account.Partition);
            Assert.Contains("us-east-1", regions);
            Assert.Contains("eu-west-1", regions);
            Assert.Equal(new[] { "eu-west-1" }, selected);
            Assert.Contains(_warnings, w => w.Contains("xx-nowhere-1", StringComparison.Ordinal));
        }

        [Fact]
        public async Task The_session_cache_serves_a_second_run_of_the_same_identity_until_its_ttl_and_never_another_identity()
        {
            var key = "AKIDCACHE" + Guid.NewGuid().ToString("N").Substring(0, 8).ToUpperInvariant();
            var start = DateTimeOffset.UtcNow;
            SessionEvidenceCache.Clock = () => start;
            try
            {
                using (var first = Source(key, cache: true))
                {
                    Assert.True((await first.GetAsync(IamCalls.CredentialReport, CancellationToken.None)).IsSuccess);
                }

                using var second = Source(key, cache: true);
                using var otherIdentity = Source(key + "X", cache: true);
                using var bypass = Source(key, cache: false);
                using var otherSecret = Source(key, cache: true, secret: "another-secret");
                await otherSecret.GetAsync(IamCalls.CredentialReport, CancellationToken.None);
                Assert.Equal(0, otherSecret.CacheHitCount);
                await second.GetAsync(IamCalls.CredentialReport, CancellationToken.None);
                await otherIdentity.GetAsync(IamCalls.CredentialReport, CancellationToken.None);
                await bypass.GetAsync(IamCalls.CredentialReport, CancellationToken.None);

                // The caller identity (which scopes the cache) and the report both come from the cache.
                Assert.Equal(0, second.FetchedCount);
                Assert.Equal(2, second.CacheHitCount);
                Assert.Equal(0, otherIdentity.CacheHitCount);
                Assert.Equal(2, otherIdentity.FetchedCount);
                Assert.Equal(0, bypass.CacheHitCount);
                Assert.Equal(1, bypass.FetchedCount);

                SessionEvidenceCache.Clock = () => start + SessionEvidenceCache.Ttl + TimeSpan.FromSeconds(1);
                using var afterTtl = Source(key, cache: true);
                await afterTtl.GetAsync(IamCalls.CredentialReport, CancellationToken.None);
                Assert.Equal(0, afterTtl.CacheHitCount);
                Assert.Equal(2, afterTtl.FetchedCount);
            }
            finally
            {
                SessionEvidenceCache.Clock = () => DateTimeOffset.UtcNow;
            }
        }
    }
}
