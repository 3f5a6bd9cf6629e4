using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Evidence
{
    /// <summary>
    /// Evidence from a bundle written by Export-WASEvidence or by hand with the AWS CLI. Makes no AWS call.
    /// Problems of the bundle as a whole (no readable manifest, an unreadable or hostile zip, files of another
    /// account) end the run with an <see cref="EvidenceFormatException"/>; a problem of one evidence file (empty, not
    /// JSON, a link, over the size limit, …) is an <see cref="ApiErrorKind.InvalidResponse"/> error for that call only,
    /// so only the checks that need it report Error.
    /// </summary>
    internal sealed class BundleEvidenceSource : IEvidenceSource
    {
        /// <summary>Where Export-WASEvidence stores who collected the bundle.</summary>
        internal const string CallerIdentityPath = "global/sts/GetCallerIdentity.json";

        private readonly EvidenceBundleReader _reader;
        private readonly IReadOnlyList<string> _regions;
        private readonly ConcurrentDictionary<ApiCall, Lazy<Task<EvidenceResponse>>> _responses = new ConcurrentDictionary<ApiCall, Lazy<Task<EvidenceResponse>>>();

        private BundleEvidenceSource(EvidenceBundleReader reader, EvidenceManifest manifest, IReadOnlyList<string> regions)
        {
            _reader = reader;
            Manifest = manifest;
            _regions = regions;
        }

        public EvidenceManifest Manifest { get; }

        public string Description => $"evidence bundle {_reader.Location}";

        public DateTimeOffset? CollectedAt => Manifest.CollectedAt;

        /// <summary>
        /// Opens a bundle and validates its manifest; throws <see cref="EvidenceFormatException"/> naming the file at
        /// fault, or <see cref="ArgumentException"/> (naming -Region) for a region filter that is not region names.
        /// </summary>
        /// <param name="path">A bundle folder or .zip file.</param>
        /// <param name="regionFilter">Regions to assess (from -Region), or null for the manifest's; only those the
        /// manifest lists are assessed.</param>
        /// <param name="warn">Receives a warning for each -Region region the bundle does not cover.</param>
        /// <param name="limits">Size limits (tests lower them); null for <see cref="BundleLimits.Default"/>.</param>
        public static BundleEvidenceSource Open(string path, IReadOnlyList<string>? regionFilter = null, Action<string>? warn = null, BundleLimits? limits = null)
        {
            var requested = CheckRegionFilter(regionFilter);
            return Open(EvidenceBundleReader.Open(path, limits), requested, warn);
        }

        /// <summary>
        /// Opens the bundle <paramref name="reader"/> reads (one account of an organization bundle); the source owns
        /// the reader and disposes it, also when the bundle is rejected.
        /// </summary>
        public static BundleEvidenceSource Open(EvidenceBundleReader reader, IReadOnlyList<string>? regionFilter, Action<string>? warn)
        {
            IReadOnlyList<string>? requested;
            try
            {
                requested = CheckRegionFilter(regionFilter);
            }
            catch
            {
                reader.Dispose();
                throw;
            }

            try
            {
                var manifestPath = $"{reader.Location}/{EvidenceManifest.FileName}";
                var file = reader.Read(EvidenceManifest.FileName);
                if (!file.Exists)
                {
                    throw new EvidenceFormatException(manifestPath, "is missing; every evidence bundle starts with a manifest.");
                }

                if (file.Problem != null)
                {
                    throw new EvidenceFormatException(manifestPath, $"{file.Problem}.");
                }

                var manifest = EvidenceManifest.Parse(file.Text!, manifestPath);
                CheckCallerIdentity(reader, manifest);
                return new BundleEvidenceSource(reader, manifest, SelectRegions(manifest, requested, warn));
            }
            catch
            {
                reader.Dispose();
                throw;
            }
        }

        public Task<AccountContext> GetAccountAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new AccountContext(Manifest.AccountId, Manifest.Partition));

        public Task<IReadOnlyList<string>> GetRegionsAsync(CancellationToken cancellationToken) => Task.FromResult(_regions);

        public Task<EvidenceResponse> GetAsync(ApiCall call, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The first asker reads the file; others asking meanwhile await the same read instead of blocking a
            // thread on it (checks of many regions and questions ask for the same large files at once).
            return _responses.GetOrAdd(call, c => new Lazy<Task<EvidenceResponse>>(() => Task.Run(() => Read(c)))).Value;
        }

        public IReadOnlyList<string> ListFiles() => _reader.ListFiles();

        public void Dispose() => _reader.Dispose();

        /// <summary>-Region names, checked as a live run checks them (the same shape), without repeats.</summary>
        internal static IReadOnlyList<string>? CheckRegionFilter(IReadOnlyList<string>? regionFilter)
        {
            var requested = regionFilter?
                .Where(r => !string.IsNullOrWhiteSpace(r))
                .Select(r => r.Trim())
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (requested == null || requested.Count == 0)
            {
                return null;
            }

            var invalid = requested.FirstOrDefault(r => !RegionName.IsValid(r));
            if (invalid != null)
            {
                throw new ArgumentException($"'{invalid}' from -Region is not an AWS region name (like eu-west-1 or us-east-1).", "Region");
            }

            return requested;
        }

        /// <summary>The -Region regions the manifest lists (in -Region order), or the manifest's when there is no -Region.</summary>
        private static IReadOnlyList<string> SelectRegions(EvidenceManifest manifest, IReadOnlyList<string>? requested, Action<string>? warn)
        {
            if (requested == null)
            {
                return manifest.Regions;
            }

            var notCovered = requested.Where(r => !manifest.Regions.Contains(r, StringComparer.Ordinal)).ToList();
            if (notCovered.Count > 0)
            {
                warn?.Invoke($"Skipping {string.Join(", ", notCovered)}: not in the evidence bundle (its manifest lists {string.Join(", ", manifest.Regions)}).");
            }

            return requested.Where(r => manifest.Regions.Contains(r, StringComparer.Ordinal)).ToList();
        }

        /// <summary>
        /// Rejects a bundle whose recorded caller identity names another account than its manifest: its files may
        /// come from two accounts. An identity file that cannot be read is left to the sts call that reads it.
        /// </summary>
        private static void CheckCallerIdentity(EvidenceBundleReader reader, EvidenceManifest manifest)
        {
            var text = reader.Read(CallerIdentityPath).Text;
            if (text == null)
            {
                return;
            }

            string? account;
            try
            {
                using (var document = JsonDocument.Parse(text))
                {
                    account = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Str("Account") : null;
                }
            }
            catch (JsonException)
            {
                return;
            }

            if (account != null && !string.Equals(account, manifest.AccountId, StringComparison.Ordinal))
            {
                throw new EvidenceFormatException(
                    $"{reader.Location}/{CallerIdentityPath}",
                    $"names account {account}, but {EvidenceManifest.FileName} names account {manifest.AccountId}; the bundle is rejected (its files may come from two accounts).");
            }
        }

        private EvidenceResponse Read(ApiCall call)
        {
            var path = call.BundlePath;
            var display = $"{_reader.Location}/{path}";
            var file = _reader.Read(path);
            if (!file.Exists)
            {
                return EvidenceResponse.FromError(call, new ApiError("MissingEvidence", $"The bundle has no '{path}'.", ApiErrorKind.MissingFromBundle));
            }

            if (file.Problem != null)
            {
                return Invalid(call, display, file.Problem);
            }

            if (call.Format == EvidenceFormat.Csv)
            {
                var text = file.Text!;
                var trimmed = text.TrimStart();
                if (trimmed.StartsWith("{", StringComparison.Ordinal))
                {
                    // A CSV call that failed at collection is stored as the JSON error document.
                    return ReadJson(call, file, display);
                }

                return trimmed.Length == 0 ? Invalid(call, display, "is empty") : EvidenceResponse.FromText(call, text, display);
            }

            return ReadJson(call, file, display);
        }

        /// <summary>
        /// Whether <paramref name="utf8"/>, after JSON's own whitespace, starts with a character that is not
        /// whitespace to <see cref="string.IsNullOrWhiteSpace"/> either: such a file is parsed from its bytes.
        /// </summary>
        private static bool StartsWithContent(ReadOnlySpan<byte> utf8)
        {
            foreach (var b in utf8)
            {
                if (b == (byte)' ' || b == (byte)'\t' || b == (byte)'\n' || b == (byte)'\r')
                {
                    continue;
                }

                // Other ASCII controls and anything past ASCII may be Unicode whitespace: decided on the text.
                return b > 0x1F && b < 0x80;
            }

            return false;
        }

        private static EvidenceResponse ReadJson(ApiCall call, BundleFile file, string display)
        {
            var utf8 = file.Utf8;
            var fromBytes = StartsWithContent(utf8.Span);
            var text = fromBytes ? null : file.Text;
            if (!fromBytes && string.IsNullOrWhiteSpace(text))
            {
                return Invalid(call, display, "is empty");
            }

            try
            {
                // Not disposed: the response keeps the document (see EvidenceResponse.FromDocument), so a file is
                // parsed into one copy rather than parsed and then cloned; valid UTF-8 is parsed from the file's
                // bytes, which the document keeps, without decoding it into text first.
                var document = fromBytes ? JsonDocument.Parse(utf8) : JsonDocument.Parse(text!);
                {
                    var root = document.RootElement;
                    if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Error", out var error)
                        && error.ValueKind != JsonValueKind.Object && root.EnumerateObject().Count() == 1)
                    {
                        // {"Error": "x"} is neither an answer nor the error document bundles store.
                        return Invalid(call, display, "has an Error member that is not the {\"Code\":…,\"Message\":…} object bundles store");
                    }

                    if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Error", out error)
                        && error.ValueKind == JsonValueKind.Object && root.EnumerateObject().Count() == 1)
                    {
                        var code = error.Str("Code");
                        if (string.IsNullOrEmpty(code))
                        {
                            return Invalid(call, display, "has an Error object without a Code");
                        }

                        var message = error.Str("Message") ?? string.Empty;
                        return EvidenceResponse.FromError(call, new ApiError(code!, message, ApiError.Classify(code!)));
                    }

                    if (root.ValueKind != JsonValueKind.Object)
                    {
                        return Invalid(call, display, "does not hold a JSON object, as the AWS CLI prints it");
                    }

                    return EvidenceResponse.FromDocument(call, document, display);
                }
            }
            catch (JsonException e)
            {
                return Invalid(call, display, $"is not valid JSON, perhaps truncated ({e.Message})");
            }
            catch (FormatException e)
            {
                // An error document whose Code or Message is not a string.
                return Invalid(call, display, $"has an unreadable Error object ({e.Message})");
            }
        }

        private static EvidenceResponse Invalid(ApiCall call, string display, string problem) =>
            EvidenceResponse.FromError(call, ApiError.Invalid($"{display} {problem}"));
    }
}
