using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text.Json;

namespace WASecurity.Tests.Infrastructure
{
    /// <summary>Writes a handcrafted evidence bundle (folder or zip) into a temporary folder for one test.</summary>
    public sealed class BundleBuilder : IDisposable
    {
        private readonly Dictionary<string, string> _files = new Dictionary<string, string>(StringComparer.Ordinal);

        public BundleBuilder(string accountId = "111122223333", params string[] regions)
        {
            Root = Path.Combine(Path.GetTempPath(), "was-bundle-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Root);
            Manifest(accountId, regions.Length == 0 ? new[] { "us-east-1" } : regions);
        }

        public string Root { get; }

        public string Folder => Path.Combine(Root, "bundle");

        public BundleBuilder Manifest(string accountId, string[] regions, int schemaVersion = 1)
        {
            _files["manifest.json"] = JsonSerializer.Serialize(new
            {
                schemaVersion,
                accountId,
                partition = "aws",
                collectedAt = "2026-11-01T12:00:00Z",
                regions,
                tool = new { name = "WASecurity", version = "test" },
            });
            return this;
        }

        /// <summary>Adds a file at its bundle path (e.g. global/iam/GetAccountSummary.json).</summary>
        public BundleBuilder File(string path, string content)
        {
            _files[path] = content;
            return this;
        }

        public BundleBuilder Json(string path, object value) => File(path, JsonSerializer.Serialize(value));

        /// <summary>A call that failed at collection, as bundles store it.</summary>
        public BundleBuilder Error(string path, string code, string message = "denied") =>
            File(path, JsonSerializer.Serialize(new { Error = new { Code = code, Message = message } }));

        public BundleBuilder Remove(string path)
        {
            _files.Remove(path);
            return this;
        }

        /// <summary>Writes the bundle as a folder and returns its path.</summary>
        public string WriteFolder()
        {
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, true);
            }

            foreach (var file in _files)
            {
                var full = Path.Combine(Folder, file.Key.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                System.IO.File.WriteAllText(full, file.Value);
            }

            return Folder;
        }

        /// <summary>Writes the bundle as a zip (entry names exactly as given) and returns its path.</summary>
        public string WriteZip(string? prefix = null)
        {
            var zip = Path.Combine(Root, "bundle-" + Guid.NewGuid().ToString("N") + ".zip");
            using var archive = ZipFile.Open(zip, ZipArchiveMode.Create);
            foreach (var file in _files)
            {
                var entry = archive.CreateEntry((prefix ?? string.Empty) + file.Key);
                using var writer = new StreamWriter(entry.Open());
                writer.Write(file.Value);
            }

            return zip;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
