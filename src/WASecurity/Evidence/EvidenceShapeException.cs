using System;
using System.Text.Json;

namespace WASecurity.Evidence
{
    /// <summary>
    /// A response member has a JSON type AWS never sends there (a list given as a string or a number, an object where
    /// a list belongs). Reading such a member as "empty" could turn a failure into a pass, so it is an error: the
    /// checks that need the response report Error, naming the member.
    /// </summary>
    public sealed class EvidenceShapeException : FormatException
    {
        public EvidenceShapeException(string member, JsonValueKind found, string expected)
            : this(member, found, notAnObject: false, $"'{member}' is {Describe(found)} where AWS returns {expected}")
        {
        }

        private EvidenceShapeException(string member, JsonValueKind found, bool notAnObject, string message)
            : base(message)
        {
            Member = member;
            Found = found;
            CanLocate = !notAnObject;
        }

        /// <summary>Whether the member named <see cref="Member"/> itself holds the <see cref="Found"/> value (so it can be located).</summary>
        public bool CanLocate { get; }

        /// <summary>An entry that should be an object (holding <paramref name="member"/>) is a scalar or a list.</summary>
        public static EvidenceShapeException NotAnObject(string member, JsonValueKind found) =>
            new EvidenceShapeException(member, found, notAnObject: true, $"an entry that AWS sends as an object (with '{member}') is {Describe(found)}");

        /// <summary>The JSON type found (what the member was given as).</summary>
        public JsonValueKind Found { get; }

        /// <summary>The member name at fault.</summary>
        public string Member { get; }

        private static string Describe(JsonValueKind kind)
        {
            switch (kind)
            {
                case JsonValueKind.Array:
                    return "a list";
                case JsonValueKind.Object:
                    return "an object";
                case JsonValueKind.String:
                    return "a string";
                case JsonValueKind.Number:
                    return "a number";
                case JsonValueKind.True:
                case JsonValueKind.False:
                    return "a boolean";
                default:
                    return "null";
            }
        }
    }
}
