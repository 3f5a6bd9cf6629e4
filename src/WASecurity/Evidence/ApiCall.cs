using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace WASecurity.Evidence
{
    /// <summary>
    /// One AWS API call whose response is evidence: service, operation, region and, for per-resource calls,
    /// the resource it is about. Equal calls are fetched once per run and stored once in a bundle.
    /// </summary>
    public sealed class ApiCall : IEquatable<ApiCall>
    {
        /// <summary>The region name used for account-wide services.</summary>
        public const string Global = "global";

        public ApiCall(
            string service,
            string operation,
            string region = Global,
            string? resourceKey = null,
            IReadOnlyDictionary<string, object?>? parameters = null,
            EvidenceFormat format = EvidenceFormat.Json,
            string? action = null)
        {
            Service = service ?? throw new ArgumentNullException(nameof(service));
            Operation = operation ?? throw new ArgumentNullException(nameof(operation));
            Region = region ?? Global;
            ResourceKey = resourceKey;
            Parameters = parameters ?? new Dictionary<string, object?>();
            Format = format;
            Action = action ?? $"{service}:{operation}";
        }

        /// <summary>Service name as the AWS CLI spells it: <c>iam</c>, <c>kms</c>, <c>s3</c>.</summary>
        public string Service { get; }

        /// <summary>API operation name: <c>GetAccountSummary</c>.</summary>
        public string Operation { get; }

        /// <summary>Region, or <see cref="Global"/>.</summary>
        public string Region { get; }

        /// <summary>The resource a per-resource call is about (a key id, a bucket name), or null.</summary>
        public string? ResourceKey { get; }

        /// <summary>The request parameters a live source sends (not part of the call's identity).</summary>
        public IReadOnlyDictionary<string, object?> Parameters { get; }

        public EvidenceFormat Format { get; }

        /// <summary>The IAM action a caller needs for this call, named in Error findings.</summary>
        public string Action { get; }

        /// <summary>Where the response lives in an evidence bundle, with '/' separators.</summary>
        public string BundlePath
        {
            get
            {
                var extension = Format == EvidenceFormat.Csv ? ".csv" : ".json";
                return ResourceKey == null
                    ? $"{Region}/{Service}/{Operation}{extension}"
                    : $"{Region}/{Service}/{Operation}/{EncodeKey(ResourceKey)}{extension}";
            }
        }

        /// <summary>
        /// Makes a resource key safe as a file name: letters, digits, '.', '_' and '-' stay; every other byte
        /// of its UTF-8 form becomes %XX (so an ARN or a name with '/' cannot leave its folder).
        /// </summary>
        public static string EncodeKey(string key)
        {
            var builder = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(key))
            {
                var c = (char)b;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || (c == '.' && builder.Length > 0))
                {
                    builder.Append(c);
                }
                else
                {
                    builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return builder.ToString();
        }

        public bool Equals(ApiCall? other) =>
            other != null
            && string.Equals(Service, other.Service, StringComparison.Ordinal)
            && string.Equals(Operation, other.Operation, StringComparison.Ordinal)
            && string.Equals(Region, other.Region, StringComparison.Ordinal)
            && string.Equals(ResourceKey, other.ResourceKey, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as ApiCall);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = StringComparer.Ordinal.GetHashCode(Service);
                hash = (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Operation);
                hash = (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Region);
                return (hash * 397) ^ (ResourceKey == null ? 0 : StringComparer.Ordinal.GetHashCode(ResourceKey));
            }
        }

        public override string ToString() =>
            ResourceKey == null ? $"{Action} ({Region})" : $"{Action} {ResourceKey} ({Region})";

        internal string DescribeParameters() =>
            string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value}"));
    }
}
