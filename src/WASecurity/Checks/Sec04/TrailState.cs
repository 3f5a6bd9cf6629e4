using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>A trail with its status (GetTrailStatus) and what its event selectors record.</summary>
    internal sealed class TrailState
    {
        public TrailState(TrailRecord trail, EvidenceResponse status, Parsed<EventSelectorCoverage> selectors)
        {
            Trail = trail;
            Status = status;
            SelectorsResponse = selectors.Response;
            Coverage = selectors.Value;
        }

        public TrailRecord Trail { get; }

        public EvidenceResponse Status { get; }

        public EvidenceResponse SelectorsResponse { get; }

        /// <summary>Null when GetEventSelectors failed.</summary>
        public EventSelectorCoverage? Coverage { get; }

        /// <summary>Null when GetTrailStatus failed or has no IsLogging.</summary>
        public bool? IsLogging => Status.IsSuccess ? Status.Root.Bool("IsLogging") : null;

        /// <summary>The first failed call among the status and selectors, or null.</summary>
        public EvidenceResponse? Failure => !Status.IsSuccess ? Status : !SelectorsResponse.IsSuccess ? SelectorsResponse : null;

        /// <summary>Multi-region, logging, and recording read and write management events (CIS 3.1).</summary>
        public bool QualifiesAsAccountTrail => Trail.IsMultiRegion && IsLogging == true && Coverage != null && Coverage.AllManagementEvents;

        /// <summary>What keeps the trail from qualifying, as short phrases for a reason.</summary>
        public IReadOnlyList<string> Shortcomings(bool management)
        {
            var problems = new List<string>();
            if (!Trail.IsMultiRegion)
            {
                problems.Add("single-region");
            }

            if (IsLogging == false)
            {
                problems.Add("not logging");
            }

            if (management && Coverage != null && !Coverage.AllManagementEvents)
            {
                problems.Add(Coverage.ManagementRead ? "write management events not recorded"
                    : Coverage.ManagementWrite ? "read management events not recorded"
                    : "no management events recorded");
            }

            return problems;
        }
    }
}
