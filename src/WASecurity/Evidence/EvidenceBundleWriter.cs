using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WASecurity.Evidence
{
    /// <summary>
    /// Writes an evidence bundle (docs/evidence-bundle.md): manifest.json and one file per response, as a folder
    /// or a .zip. It writes only API responses and the manifest — never credentials, tokens or profile content.
    /// The bundle is assembled beside the target and moved into place at the end, so an interrupted export never
    /// leaves a half-written bundle where a good one was.
    /// </summary>
    internal static class EvidenceBundleWriter
    {
        private static readonly JsonWriterOptions Indented = new JsonWriterOptions
        {
            Indented = true,
            // The CLI prints non-ASCII text as is; keep '<', '&' and friends readable too.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static bool IsZip(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

        /// <summary>The files of a bundle, by bundle path (manifest first).</summary>
        public static IReadOnlyList<KeyValuePair<string, byte[]>> Render(EvidenceManifest manifest, IEnumerable<EvidenceResponse> responses)
        {
            var files = new List<KeyValuePair<string, byte[]>>
            {
                new KeyValuePair<string, byte[]>(EvidenceManifest.FileName, Encoding.UTF8.GetBytes(manifest.ToJson() + "\n")),
            };
            foreach (var response in responses.OrderBy(r => r.Call.BundlePath, StringComparer.Ordinal))
            {
                if (response.Error?.Kind == ApiErrorKind.MissingFromBundle)
                {
                    // Re-exporting a bundle: a file it lacked stays absent (an error document would change the findings).
                    continue;
                }

                var path = EvidenceBundleReader.CheckRelativePath(response.Call.BundlePath, response.Call.BundlePath);
                files.Add(new KeyValuePair<string, byte[]>(path, Render(response)));
            }

            return files;
        }

        public static byte[] Render(EvidenceResponse response)
        {
            if (!response.IsSuccess)
            {
                return Json(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteStartObject("Error");
                    writer.WriteString("Code", response.Error!.Code);
                    writer.WriteString("Message", response.Error.Message);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                });
            }

            if (response.Text != null)
            {
                return Encoding.UTF8.GetBytes(response.Text);
            }

            return Json(writer => response.Root.WriteTo(writer));
        }

        /// <summary>Writes the bundle to <paramref name="path"/> (a folder, or a .zip file); replaces an existing bundle only when <paramref name="force"/>.</summary>
        public static void Write(string path, IReadOnlyList<KeyValuePair<string, byte[]>> files, bool force)
        {
            var full = Path.GetFullPath(path);
            var staging = StagingPath(full);
            try
            {
                if (IsZip(full))
                {
                    WriteZip(staging, files);
                    ReplaceFile(staging, full, force);
                }
                else
                {
                    WriteFolder(staging, files);
                    ReplaceFolder(staging, full, force);
                }
            }
            finally
            {
                DeleteStaging(staging);
            }
        }

        /// <summary>A new path beside <paramref name="full"/> (its parent folder created) where a bundle is assembled before it is moved into place.</summary>
        internal static string StagingPath(string full)
        {
            var parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
                ?? throw new IOException($"'{full}' has no parent folder.");
            Directory.CreateDirectory(parent);
            return Path.Combine(parent, "." + Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)) + ".partial-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        }

        /// <summary>Removes what an unfinished bundle left at <paramref name="staging"/>.</summary>
        internal static void DeleteStaging(string staging)
        {
            if (File.Exists(staging))
            {
                File.Delete(staging);
            }
            else if (Directory.Exists(staging))
            {
                Directory.Delete(staging, true);
            }
        }

        /// <summary>Why <paramref name="path"/> cannot be written without -Force, or null when it can.</summary>
        public static string? Conflict(string path, bool force)
        {
            var full = Path.GetFullPath(path);
            if (IsZip(full))
            {
                if (Directory.Exists(full))
                {
                    return $"'{full}' is a folder.";
                }

                return File.Exists(full) && !force ? $"'{full}' exists; use -Force to replace it." : null;
            }

            if (File.Exists(full))
            {
                return $"'{full}' is a file; give a folder or a .zip path.";
            }

            if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
            {
                if (!File.Exists(Path.Combine(full, EvidenceManifest.FileName)) && !File.Exists(Path.Combine(full, OrganizationManifest.FileName)))
                {
                    // Never delete a folder that is not a bundle, -Force or not.
                    return $"'{full}' is not empty and holds no evidence bundle; choose an empty or new folder.";
                }

                return force ? null : $"'{full}' already holds an evidence bundle; use -Force to replace it.";
            }

            return null;
        }

        internal static void WriteZip(string zipPath, IReadOnlyList<KeyValuePair<string, byte[]>> files)
        {
            using (var stream = new FileStream(zipPath, FileMode.CreateNew, FileAccess.Write))
            using (var archive = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                foreach (var file in files)
                {
                    var entry = archive.CreateEntry(file.Key, CompressionLevel.Optimal);
                    using (var output = entry.Open())
                    {
                        output.Write(file.Value, 0, file.Value.Length);
                    }
                }
            }
        }

        internal static void WriteFolder(string folder, IReadOnlyList<KeyValuePair<string, byte[]>> files)
        {
            var root = Path.GetFullPath(folder);
            Directory.CreateDirectory(root);
            foreach (var file in files)
            {
                var target = Path.GetFullPath(Path.Combine(root, file.Key.Replace('/', Path.DirectorySeparatorChar)));
                if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new IOException($"'{file.Key}' would leave the bundle folder.");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, file.Value);
            }
        }

        internal static void ReplaceFile(string staging, string target, bool force)
        {
            if (File.Exists(target))
            {
                if (!force)
                {
                    throw new IOException($"'{target}' exists; use -Force to replace it.");
                }

                File.Delete(target);
            }

            File.Move(staging, target);
        }

        internal static void ReplaceFolder(string staging, string target, bool force)
        {
            var conflict = Conflict(target, force);
            if (conflict != null)
            {
                throw new IOException(conflict);
            }

            if (Directory.Exists(target))
            {
                Directory.Delete(target, true);
            }

            Directory.Move(staging, target);
        }

        private static byte[] Json(Action<Utf8JsonWriter> write)
        {
            using (var buffer = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(buffer, Indented))
                {
                    write(writer);
                }

                buffer.WriteByte((byte)'\n');
                return buffer.ToArray();
            }
        }
    }
}
