using System.Threading;

namespace WASecurity.Evidence
{
    /// <summary>
    /// How urgent the evidence requests asked for in the current async flow are: lower goes first when requests wait
    /// for a place under -ThrottleLimit; 0, the default, is the most urgent. The assessment sets it to each question's
    /// catalog position, so the question whose findings come first on the pipeline gets its evidence first. A per-resource
    /// call (one key, one bucket, one instance) waits behind every question's account-wide and regional calls: those
    /// are the lists that per-resource calls come from, so fetching them first finds every chain of calls early and
    /// the run does not end on a chain that started late.
    /// </summary>
    internal static class RequestPriority
    {
        private static readonly AsyncLocal<int> Value = new AsyncLocal<int>();

        /// <summary>Added to the priority of per-resource calls: more than any question's catalog position.</summary>
        internal const int PerResource = 1 << 16;

        public static int Current
        {
            get => Value.Value;
            set => Value.Value = value;
        }

        /// <summary>The priority of <paramref name="call"/> asked for by a question of priority <paramref name="question"/>.</summary>
        public static int Of(ApiCall call, int question) => call.ResourceKey == null || question >= PerResource ? question : question + PerResource;
    }
}
