using System;

namespace WASecurity
{
    /// <summary>
    /// Values a host hands over wrapped (PowerShell's PSObject around a value or a PSCustomObject) made plain before
    /// findings and reports look at them. The host registers how when it loads the module; without a host, values
    /// are plain already.
    /// </summary>
    internal static class HostValues
    {
        private static Func<object, object?> _plain = value => value;

        /// <summary>Called by the host once: <paramref name="plain"/> returns a wrapped value's own value, or an
        /// ordered dictionary of a property bag's properties, and anything else as it is.</summary>
        public static void Register(Func<object, object?> plain) => _plain = plain ?? throw new ArgumentNullException(nameof(plain));

        public static object? Plain(object? value) => value == null ? null : _plain(value);
    }
}
