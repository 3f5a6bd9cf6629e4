using System;
using System.Collections.Generic;
using System.Linq;

namespace WASecurity.Policies
{
    /// <summary>
    /// What the caller knows about a request's condition keys (e.g. <c>aws:SecureTransport</c> = <c>false</c> when
    /// asking "is plain HTTP denied?"). A key that is not here is unknown, so a condition on it is neither true nor
    /// false and the evaluator reports the statement as conditional.
    /// </summary>
    public sealed class RequestContext
    {
        private readonly Dictionary<string, IReadOnlyList<string>> values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Nothing known: every condition is undecided.</summary>
        public static RequestContext Empty { get; } = new RequestContext();

        /// <summary>Sets a key to one or more values (condition keys are case-insensitive).</summary>
        public RequestContext With(string key, params string[] keyValues)
        {
            var copy = new RequestContext();
            foreach (var pair in values)
            {
                copy.values[pair.Key] = pair.Value;
            }

            copy.values[key] = keyValues.ToList();
            return copy;
        }

        /// <summary>The known values of <paramref name="key"/>.</summary>
        public bool TryGet(string key, out IReadOnlyList<string> keyValues)
        {
            if (values.TryGetValue(key, out var found))
            {
                keyValues = found;
                return true;
            }

            keyValues = Array.Empty<string>();
            return false;
        }
    }
}
