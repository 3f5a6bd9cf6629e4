using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace WASecurity.Evidence
{
    /// <summary>
    /// Writes an organization bundle as its accounts complete: each account's bundle goes into its folder of a staging
    /// folder or .zip beside the target (so only one account's responses are ever held at once), organization.json
    /// last, and the whole is moved into place at the end. Disposed unfinished (Ctrl+C, a failure), it removes the
    /// staging copy and leaves the target as it was.
    /// </summary>
    internal sealed class OrganizationBundleWriter : IDisposable
    {
        private readonly string _target;
        private readonly bool _force;
        private readonly string _staging;
        private readonly object _gate = new object();
        private readonly List<string> _accounts = new List<string>();
        private FileStream? _zipStream;
        private ZipArchive? _zip;
        private bool _completed;

        public OrganizationBundleWriter(string target, bool force)
        {
            _target = Path.GetFullPath(target);
            _force = force;
            _staging = EvidenceBundleWriter.StagingPath(_target);
            if (EvidenceBundleWriter.IsZip(_target))
            {
                _zipStream = new FileStream(_staging, FileMode.CreateNew, FileAccess.Write);
                _zip = new ZipArchive(_zipStream, ZipArchiveMode.Create);
            }
            else
            {
                Directory.CreateDirectory(_staging);
            }
        }

        /// <summary>The accounts written so far, in the order they completed.</summary>
        public IReadOnlyList<string> Accounts
        {
            get
            {
                lock (_gate)
                {
                    return _accounts.ToArray();
                }
            }
        }

        /// <summary>Writes one account's bundle (the files <see cref="EvidenceBundleWriter.Render(EvidenceManifest, IEnumerable{EvidenceResponse})"/> gives) into its folder.</summary>
        public void AddAccount(string accountId, IReadOnlyList<KeyValuePair<string, byte[]>> files)
        {
            if (!OrganizationManifest.IsAccountId(accountId))
            {
                throw new ArgumentException($"'{accountId}' is not an account id.", nameof(accountId));
            }

            if (_zip == null)
            {
                // Each account has a folder of its own: accounts are written concurrently.
                EvidenceBundleWriter.WriteFolder(Path.Combine(_staging, accountId), files);
            }

            lock (_gate)
            {
                if (_zip != null)
                {
                    foreach (var file in files)
                    {
                        Add(accountId + "/" + file.Key, file.Value);
                    }
                }

                _accounts.Add(accountId);
            }
        }

        /// <summary>Writes organization.json and moves the bundle into place.</summary>
        public void Complete(OrganizationManifest manifest)
        {
            var json = Encoding.UTF8.GetBytes(manifest.ToJson() + "\n");
            lock (_gate)
            {
                if (_zip != null)
                {
                    Add(OrganizationManifest.FileName, json);
                    _zip.Dispose();
                    _zipStream!.Dispose();
                    _zip = null;
                    _zipStream = null;
                    EvidenceBundleWriter.ReplaceFile(_staging, _target, _force);
                }
                else
                {
                    File.WriteAllBytes(Path.Combine(_staging, OrganizationManifest.FileName), json);
                    EvidenceBundleWriter.ReplaceFolder(_staging, _target, _force);
                }

                _completed = true;
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _zip?.Dispose();
                _zipStream?.Dispose();
                _zip = null;
                _zipStream = null;
                if (!_completed)
                {
                    EvidenceBundleWriter.DeleteStaging(_staging);
                }
            }
        }

        private void Add(string name, byte[] bytes)
        {
            var entry = _zip!.CreateEntry(name, CompressionLevel.Optimal);
            using (var output = entry.Open())
            {
                output.Write(bytes, 0, bytes.Length);
            }
        }
    }
}
