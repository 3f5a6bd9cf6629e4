using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>
    /// Every trail visible from the covered regions, de-duplicated by ARN (a multi-region trail is listed in every
    /// region as a shadow trail), and the regions whose DescribeTrails failed.
    /// </summary>
    internal sealed class TrailInventory
    {
        private TrailInventory(IReadOnlyList<TrailRecord> trails, IReadOnlyList<EvidenceResponse> failures)
        {
            Trails = trails;
            Failures = failures;
        }

        public IReadOnlyList<TrailRecord> Trails { get; }

        /// <summary>DescribeTrails responses that failed; trails homed there may be missing.</summary>
        public IReadOnlyList<EvidenceResponse> Failures { get; }

        public static async Task<TrailInventory> LoadAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var lists = await Task.WhenAll(context.Regions.Select(region =>
                context.GetParsedAsync(LoggingCalls.DescribeTrails(region), r => ParseList(r, region), cancellationToken))).ConfigureAwait(false);
            var trails = new Dictionary<string, TrailRecord>(StringComparer.Ordinal);
            var failures = new List<EvidenceResponse>();
            foreach (var list in lists)
            {
                if (list.Value == null)
                {
                    failures.Add(list.Response);
                    continue;
                }

                foreach (var trail in list.Value)
                {
                    if (!trails.ContainsKey(trail.Arn))
                    {
                        trails.Add(trail.Arn, trail);
                    }
                }
            }

            return new TrailInventory(trails.Values.OrderBy(t => t.HomeRegion, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).ToList(), failures);
        }

        /// <summary>The status and event selectors of one trail, each read once per run.</summary>
        public static async Task<TrailState> LoadStateAsync(CheckContext context, TrailRecord trail, CancellationToken cancellationToken)
        {
            var status = context.GetAsync(LoggingCalls.GetTrailStatus(trail.HomeRegion, trail.Arn), cancellationToken);
            var selectors = context.GetParsedAsync(
                LoggingCalls.GetEventSelectors(trail.HomeRegion, trail.Arn),
                r => EventSelectorCoverage.Parse(r.Root),
                cancellationToken);
            return new TrailState(trail, await status.ConfigureAwait(false), await selectors.ConfigureAwait(false));
        }

        private static List<TrailRecord> ParseList(EvidenceResponse response, string region)
        {
            if (response.Root.Prop("trailList") == null)
            {
                throw new FormatException("it has no trailList");
            }

            return response.Root.Items("trailList").Select(t => TrailRecord.From(t, region)).Where(t => t != null).Select(t => t!).ToList();
        }
    }
}
