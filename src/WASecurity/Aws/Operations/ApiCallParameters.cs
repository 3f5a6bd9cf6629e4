using System;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>Reads an ApiCall's request parameters for operations that build their requests from them.</summary>
    internal static class ApiCallParameters
    {
        /// <summary>The named string parameter, or null when the call does not carry it.</summary>
        public static string? StringParameter(this ApiCall call, string name) =>
            call.Parameters.TryGetValue(name, out var value) ? value as string : null;

        /// <summary>A list-valued request parameter (string[] or any enumerable of strings; one string is a list of one), or null.</summary>
        public static List<string>? Strings(this ApiCall call, string name)
        {
            if (!call.Parameters.TryGetValue(name, out var value) || value == null)
            {
                return null;
            }

            return value is string single ? new List<string> { single }
                : value is IEnumerable<string> many ? many.ToList()
                : throw new ArgumentException($"Parameter {name} of {call.Service} {call.Operation} is not a list of strings.");
        }

        /// <summary>The named boolean parameter, or null.</summary>
        public static bool? Bool(this ApiCall call, string name) =>
            call.Parameters.TryGetValue(name, out var value) && value is bool flag ? flag : (bool?)null;
    }
}
