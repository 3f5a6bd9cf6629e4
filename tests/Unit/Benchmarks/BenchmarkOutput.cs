using System;
using System.IO;

namespace WASecurity.Tests.Benchmarks
{
    /// <summary>Where the benchmarks find the repository and write their tables (out/benchmark/).</summary>
    internal static class BenchmarkOutput
    {
        /// <summary>The repository root: the folder of build.ps1 above the test assembly.</summary>
        public static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "build.ps1")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("The repository root (build.ps1) is not above the test assembly.");
        }

        /// <summary>Writes <paramref name="table"/> to out/benchmark/<paramref name="fileName"/>.</summary>
        public static void Write(string fileName, string table)
        {
            var folder = Path.Combine(RepositoryRoot(), "out", "benchmark");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, fileName), table);
        }
    }
}
