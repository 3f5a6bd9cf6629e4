using System.Threading;

namespace WASecurity.Evidence
{
    /// <summary>
    /// How urgent the evidence requests asked for in the current async flow are: lower goes first when requests wait
    /// for a place under -ThrottleLimit; 0, the default, is the most urgent. The assessment sets it to each question's
    /// catalog position, so the question whose findings come first on the pipeline gets its evidence first.
    /// </summary>
    internal static class RequestPriority
    {
        private static readonly AsyncLocal<int> Value = new AsyncLocal<int>();

        public static int Current
        {
            get => Value.Value;
            set => Value.Value = value;
        }
    }
}
