using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace WASecurity.Suppressions
{
    /// <summary>One entry of a suppression or attestation file, with readers whose errors name the file and entry.</summary>
    internal sealed class EntryRecord
    {
        private static readonly string[] DateFormats =
        {
            "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss",
        };

        private readonly Dictionary<string, object?> _values;

        public EntryRecord(string file, int number, IDictionary values)
        {
            File = file;
            Number = number;
            _values = values.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, CultureInfo.InvariantCulture) ?? string.Empty, k => (object?)values[k], StringComparer.OrdinalIgnoreCase);
        }

        public string File { get; }

        /// <summary>1-based position in the file.</summary>
        public int Number { get; }

        public string Where => $"'{File}', entry {Number}";

        /// <summary>Rejects names this kind of entry does not have, so a typo ("Expires") is not silently ignored.</summary>
        public void AllowOnly(params string[] names)
        {
            var unknown = _values.Keys.Where(k => !names.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unknown.Count > 0)
            {
                throw new EntryFileException(File, $"{Where}: unknown name(s) {string.Join(", ", unknown)}; an entry has {string.Join(", ", names)}.");
            }
        }

        public string RequiredString(string name) =>
            OptionalString(name) ?? throw new EntryFileException(File, $"{Where}: {name} is required.");

        public string? OptionalString(string name)
        {
            if (!_values.TryGetValue(name, out var value) || value == null)
            {
                return null;
            }

            if (value is IEnumerable && !(value is string))
            {
                throw new EntryFileException(File, $"{Where}: {name} must be a single value.");
            }

            var text = Convert.ToString(value, CultureInfo.InvariantCulture)!.Trim();
            return text.Length == 0 ? null : text;
        }

        /// <summary>
        /// A date such as 2027-01-31 or 2027-01-31T12:00:00Z, in UTC. A date without a time means the whole day:
        /// <paramref name="endOfDay"/> gives its last instant (expiry dates), otherwise its start.
        /// </summary>
        public DateTimeOffset RequiredDate(string name, bool endOfDay)
        {
            var text = RequiredString(name);
            if (!DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            {
                throw new EntryFileException(File, $"{Where}: {name} '{text}' is not a date; write it as yyyy-MM-dd (e.g. 2027-01-31).");
            }

            return endOfDay && text.Length == 10 ? value.AddDays(1).AddTicks(-1) : value;
        }

        /// <summary>Builds the entry; a pattern it cannot take (an unclosed <c>[</c>) is an error naming the file and entry.</summary>
        public T Entry<T>(System.Func<T> build)
        {
            try
            {
                return build();
            }
            catch (System.ArgumentException e)
            {
                throw new EntryFileException(File, $"{Where}: {e.Message}", inner: e);
            }
        }
    }
}
