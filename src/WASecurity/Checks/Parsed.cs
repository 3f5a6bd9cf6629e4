using WASecurity.Evidence;

namespace WASecurity.Checks
{
    /// <summary>A response and, when the call succeeded, its parsed model.</summary>
    internal sealed class Parsed<T>
        where T : class
    {
        public Parsed(EvidenceResponse response, T? value)
        {
            Response = response;
            Value = value;
        }

        public EvidenceResponse Response { get; }

        /// <summary>Null when the call failed (see <see cref="Response"/>).</summary>
        public T? Value { get; }
    }
}
