using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace WASecurity.Evidence
{
    /// <summary>
    /// Finds where in a response a malformed member sits, so an Error finding can name the call (or bundle file) and
    /// the path inside the document: <c>$.UserDetailList</c>, <c>$.SecurityGroups[2].IpPermissions</c>.
    /// </summary>
    internal static class EvidenceLocator
    {
        /// <summary>
        /// The JSON path of the first member named <paramref name="member"/> (case-insensitively, as the readers match)
        /// whose value is of kind <paramref name="found"/>, or null when the document has none.
        /// </summary>
        public static string? Find(JsonElement root, string member, JsonValueKind found)
        {
            var path = new List<string> { "$" };
            return Search(root, member, found, path);
        }

        /// <summary>
        /// The error response that stands for an unreadable response: code InvalidResponse, a message naming the
        /// bundle file (offline) or the call (live) and, where it can be found, the path of the bad member.
        /// </summary>
        public static EvidenceResponse Unreadable(EvidenceResponse response, FormatException problem)
        {
            var location = string.Empty;
            if (problem is EvidenceShapeException shape && shape.CanLocate && response.Json is JsonElement root)
            {
                var path = Find(root, shape.Member, shape.Found);
                if (path != null)
                {
                    location = " at " + path;
                }
            }

            return response.Unreadable(problem.Message + location);
        }

        private static string? Search(JsonElement element, string member, JsonValueKind found, List<string> path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        path.Add("." + property.Name);
                        if (string.Equals(property.Name, member, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == found)
                        {
                            return string.Concat(path);
                        }

                        var inner = Search(property.Value, member, found, path);
                        if (inner != null)
                        {
                            return inner;
                        }

                        path.RemoveAt(path.Count - 1);
                    }

                    return null;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        path.Add("[" + index.ToString(CultureInfo.InvariantCulture) + "]");
                        var inner = Search(item, member, found, path);
                        if (inner != null)
                        {
                            return inner;
                        }

                        path.RemoveAt(path.Count - 1);
                        index++;
                    }

                    return null;
                default:
                    return null;
            }
        }
    }
}
