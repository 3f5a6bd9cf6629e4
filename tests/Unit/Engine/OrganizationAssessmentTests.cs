using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Catalog;
using WASecurity.Engine;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Engine
{
    /// <summary>
    /// The run over many accounts, on the demo bundle standing in for each account: an account is reported as soon as
    /// it is complete, an account that cannot be opened is one Error finding, and cancellation starts no other account.
    /// </summary>
    public sealed class OrganizationAssessmentTests
    {
        private static readonly IReadOnlyList<WASecurity.Checks.QuestionDefinition> Sec01 = CheckCatalog.Questions.Where(q => q.Id == "SEC01").ToList();

        [Fact]
        public async Task An_account_is_reported_while_a_slower_one_is_still_running()
        {
            var slow = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var observer = new Recorder();
            var run = Run(new[] { "111111111111", "222222222222" }, async (id, token) =>
            {
                if (id == "222222222222")
                {
                    await slow.Task.WaitAsync(token);
                }

                return Bundle();
            }, observer, 4, CancellationToken.None);

            Assert.True(SpinWait.SpinUntil(() => observer.Done.ContainsKey("111111111111"), TimeSpan.FromSeconds(30)), "the fast account was not reported");
            Assert.False(run.IsCompleted);
            Assert.False(observer.Done.ContainsKey("222222222222"));

            slow.SetResult(true);
            await run;
            Assert.Equal(2, observer.Done.Count);
            Assert.NotEmpty(observer.Done["222222222222"]);
        }

        [Fact]
        public async Task An_account_that_cannot_be_opened_is_one_error_finding_and_the_others_go_on()
        {
            var observer = new Recorder();
            await Run(new[] { "111111111111", "333333333333" }, (id, token) =>
                id == "333333333333"
                    ? throw new AccountAccessException(id, "sts:AssumeRole", "arn:aws:iam::333333333333:role/Audit", new ApiError("AccessDenied", "not authorized", ApiErrorKind.AccessDenied))
                    : Task.FromResult<IEvidenceSource>(Bundle()), observer, 4, CancellationToken.None);

            var refused = Assert.Single(observer.Done["333333333333"]);
            Assert.Equal(OrganizationAssessment.AccountAccessCheckId, refused.CheckId);
            Assert.Equal(FindingStatus.Error, refused.Status);
            Assert.Equal("333333333333", refused.AccountId);
            Assert.Contains("333333333333", refused.Reason);
            Assert.Contains("AccessDenied", refused.Reason);
            Assert.Contains(observer.Done["111111111111"], f => f.Question == "SEC01");
        }

        [Fact]
        public async Task Cancelling_starts_no_further_account()
        {
            using var cancellation = new CancellationTokenSource();
            var opened = new ConcurrentBag<string>();
            var observer = new Recorder();
            var run = Run(new[] { "111111111111", "222222222222", "333333333333" }, async (id, token) =>
            {
                opened.Add(id);
                await Task.Delay(Timeout.Infinite, token);
                return Bundle();
            }, observer, 1, cancellation.Token);

            Assert.True(SpinWait.SpinUntil(() => opened.Count == 1, TimeSpan.FromSeconds(30)));
            cancellation.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            await Task.Delay(200);
            Assert.Single(opened);
            Assert.Empty(observer.Done);
        }

        private static Task Run(IReadOnlyList<string> accounts, Func<string, CancellationToken, Task<IEvidenceSource>> open, Recorder observer, int limit, CancellationToken token) =>
            Task.Run(() => new OrganizationAssessment(source => new AssessmentEngine(source, CheckCatalog.DefaultSettings, () => DemoAccount.CollectedAt), limit, () => DemoAccount.CollectedAt)
                .RunAsync(accounts, open, Sec01, null, observer, token));

        private static IEvidenceSource Bundle() => BundleEvidenceSource.Open(DemoAccount.Path);

        private sealed class Recorder : IOrganizationObserver
        {
            public ConcurrentDictionary<string, IReadOnlyList<Finding>> Done { get; } = new ConcurrentDictionary<string, IReadOnlyList<Finding>>();

            public void OnAccountStarted(string accountId)
            {
            }

            public void OnAccountDone(string accountId, IReadOnlyList<Finding> findings, int done, int total) => Done[accountId] = findings;

            public void OnWarning(string message)
            {
            }
        }
    }
}
