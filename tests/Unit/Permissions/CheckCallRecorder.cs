using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Catalog;
using WASecurity.Checks;
using WASecurity.Engine;
using WASecurity.Evidence;
using WASecurity.Settings;

namespace WASecurity.Tests.Permissions
{
    /// <summary>
    /// Finds the calls each check makes by running it alone against an evidence source and recording every request:
    /// once as the source answers, then once per operation it called with that operation denied (AccessDenied), so
    /// the fallbacks a denial or a missing answer triggers (bucket policy when the policy status is unavailable, …)
    /// are recorded too. Each of that is done twice: with the default settings and the source's answers, and with
    /// every setting that gates calls filled in (AllowedRegions, PasswordMaxAgeDays) and ListBuckets without BucketRegion (as S3 answered
    /// before 2024, so the bucket-region lookups are made).
    /// </summary>
    internal static class CheckCallRecorder
    {
        private static readonly Variant[] Variants =
        {
            new Variant(CheckCatalog.DefaultSettings, null),
            new Variant(
                CheckCatalog.CreateSettings(null, new System.Collections.Hashtable { ["AllowedRegions"] = new[] { "us-east-1" }, ["PasswordMaxAgeDays"] = 90 }),
                response => response.Call.Service == "s3" && response.Call.Operation == "ListBuckets" && response.IsSuccess ? WithoutBucketRegion(response) : response),
        };

        public static IReadOnlyDictionary<string, IReadOnlyCollection<ApiCall>> Record(IEvidenceSource source, IEnumerable<CheckDefinition> checks, DateTimeOffset now)
        {
            var result = new Dictionary<string, IReadOnlyCollection<ApiCall>>(StringComparer.Ordinal);
            foreach (var check in checks)
            {
                var calls = new HashSet<ApiCall>();
                foreach (var variant in Variants)
                {
                    var answered = Run(source, check, now, variant, null);
                    calls.UnionWith(answered);
                    foreach (var denied in answered.Select(c => (c.Service, c.Operation)).Distinct().ToList())
                    {
                        calls.UnionWith(Run(source, check, now, variant, denied));
                    }
                }

                result[check.CheckId] = calls;
            }

            return result;
        }

        private static EvidenceResponse WithoutBucketRegion(EvidenceResponse response)
        {
            var root = System.Text.Json.Nodes.JsonNode.Parse(response.Root.GetRawText())!.AsObject();
            foreach (var bucket in root["Buckets"]?.AsArray() ?? new System.Text.Json.Nodes.JsonArray())
            {
                bucket?.AsObject().Remove("BucketRegion");
            }

            using var document = System.Text.Json.JsonDocument.Parse(root.ToJsonString());
            return EvidenceResponse.FromJson(response.Call, document.RootElement);
        }

        private static IReadOnlyCollection<ApiCall> Run(IEvidenceSource source, CheckDefinition check, DateTimeOffset now, Variant variant, (string Service, string Operation)? denied)
        {
            var recording = new Recorder(source, denied, variant.Rewrite);
            var runner = new AssessmentEngine(recording, variant.Settings, () => now);
            runner.RunAsync(new[] { CheckCatalog.GetQuestion(check.Question) }, new[] { check.CheckId }, (_, _) => { }, CancellationToken.None).GetAwaiter().GetResult();
            return recording.Calls.ToList();
        }

        private sealed class Variant
        {
            public Variant(AssessmentSettings settings, Func<EvidenceResponse, EvidenceResponse>? rewrite)
            {
                Settings = settings;
                Rewrite = rewrite;
            }

            public AssessmentSettings Settings { get; }

            public Func<EvidenceResponse, EvidenceResponse>? Rewrite { get; }
        }

        /// <summary>Records each call and answers the <c>denied</c> operation with AccessDenied.</summary>
        private sealed class Recorder : IEvidenceSource
        {
            private readonly IEvidenceSource _inner;
            private readonly (string Service, string Operation)? _denied;
            private readonly Func<EvidenceResponse, EvidenceResponse>? _rewrite;

            public Recorder(IEvidenceSource inner, (string Service, string Operation)? denied, Func<EvidenceResponse, EvidenceResponse>? rewrite)
            {
                _inner = inner;
                _denied = denied;
                _rewrite = rewrite;
            }

            public ConcurrentBag<ApiCall> Calls { get; } = new ConcurrentBag<ApiCall>();

            public string Description => _inner.Description;

            public System.DateTimeOffset? CollectedAt => _inner.CollectedAt;

            public Task<AccountContext> GetAccountAsync(CancellationToken cancellationToken) => _inner.GetAccountAsync(cancellationToken);

            public Task<IReadOnlyList<string>> GetRegionsAsync(CancellationToken cancellationToken) => _inner.GetRegionsAsync(cancellationToken);

            public async Task<EvidenceResponse> GetAsync(ApiCall call, CancellationToken cancellationToken)
            {
                Calls.Add(call);
                if (_denied is { } d && d.Service == call.Service && d.Operation == call.Operation)
                {
                    return EvidenceResponse.FromError(call, new ApiError("AccessDenied", $"denied {call.Action}", ApiErrorKind.AccessDenied));
                }

                var response = await _inner.GetAsync(call, cancellationToken).ConfigureAwait(false);
                return _rewrite == null ? response : _rewrite(response);
            }

            public void Dispose()
            {
                // The inner source is shared between runs; its owner disposes it.
            }
        }
    }
}
