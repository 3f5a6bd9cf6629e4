using System;

namespace WASecurity.Tests.Infrastructure
{
    /// <summary>The bundled sample account (samples/demo-account) and the time it was collected at.</summary>
    public static class DemoAccount
    {
        /// <summary>The clock the demo account's ages are written against.</summary>
        public static readonly DateTimeOffset CollectedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

        private static readonly Lazy<string> Folder = new Lazy<string>(Find);

        /// <summary>The demo account's folder, found above the test assembly.</summary>
        public static string Path => Folder.Value;

        private static string Find()
        {
            for (var dir = new System.IO.DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "samples", "demo-account");
                if (System.IO.File.Exists(System.IO.Path.Combine(candidate, "manifest.json")))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("samples/demo-account not found above the test folder.");
        }
    }
}
