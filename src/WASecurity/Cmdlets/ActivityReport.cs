using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using WASecurity.Evidence;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// The progress bar of an assessment: questions done out of all, AWS responses read so far and the last call
    /// with its region, so a long live run shows movement between questions. Redrawn at most every 250 ms.
    /// </summary>
    internal sealed class ActivityReport
    {
        private static readonly long Interval = Stopwatch.Frequency / 4;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _lastDrawn = -Interval;
        private int _responses;
        private int _questions;
        private int _done;
        private string _last = string.Empty;

        /// <summary>One -Verbose line per response: which call, where, and how it went (never its content).</summary>
        public static string Describe(EvidenceResponse response)
        {
            var where = response.Origin != null ? $"from {response.Origin}" : response.Call.Region == ApiCall.Global ? "(global)" : $"in {response.Call.Region}";
            var outcome = response.IsSuccess ? "read" : $"failed: {response.Error?.Code}";
            var key = response.Call.ResourceKey == null ? string.Empty : " " + response.Call.ResourceKey;
            return $"{response.Call.Action}{key} {where}: {outcome}.";
        }

        public void Started(int questions) => Volatile.Write(ref _questions, questions);

        public void QuestionDone(string question) => Interlocked.Increment(ref _done);

        /// <summary>Counts a response; true when the bar is due for a redraw.</summary>
        public bool Responded(EvidenceResponse response)
        {
            Interlocked.Increment(ref _responses);
            Volatile.Write(ref _last, response.Call.ToString());
            var now = _clock.ElapsedTicks;
            var last = Interlocked.Read(ref _lastDrawn);
            return now - last >= Interval && Interlocked.CompareExchange(ref _lastDrawn, now, last) == last;
        }

        public ProgressRecord Progress(string command, bool force = false)
        {
            if (force)
            {
                Interlocked.Exchange(ref _lastDrawn, _clock.ElapsedTicks);
            }

            var total = Math.Max(1, Volatile.Read(ref _questions));
            var done = Volatile.Read(ref _done);
            var status = $"{done} of {total} question(s) done; {Volatile.Read(ref _responses)} response(s) read; last: {Volatile.Read(ref _last)}";
            return new ProgressRecord(1, $"{command}: assessing the Security pillar", status)
            {
                PercentComplete = Math.Min(100, 100 * done / total),
            };
        }

        public ProgressRecord Completed(string command) =>
            new ProgressRecord(1, $"{command}: assessing the Security pillar", "Done") { RecordType = ProgressRecordType.Completed };
    }
}
