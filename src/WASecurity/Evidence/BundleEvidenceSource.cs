using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Evidence
{
    /// <summary>Evidence from a bundle written by Export-WASEvidence or by hand with the AWS CLI. Makes no AWS call.</summary>
    internal sealed class BundleEvidenceSource : IEvidenceSource
    {
        private readonly EvidenceBundleReader _reader;
        private readonly IReadOnlyList<string>? _regionFilter;
        private readonly ConcurrentDictionary<ApiCall, Lazy<EvidenceResponse>> _responses = new ConcurrentDictionary<ApiCall, Lazy<EvidenceResponse>>();

        private BundleEvidenceSource(EvidenceBundleReader reader, EvidenceManifest manifest, IReadOnlyList<string>? regionFilter)
        {
            _reader = reader;
            Manifest = manifest;
            _regionFilter = regionFilter;
        }

        public EvidenceManifest Manifest { get; }

        public string Description => $"evidence bundle {_reader.Location}";

        /// <summary>Opens a bundle and validates its manifest; throws <see cref="EvidenceFormatException"/> naming the file at fault.</summary>
        /// <param name="path">A bundle folder or .zip file.</param>
        /// <param name="regionFilter">Regions to assess instead of the manifest's (from -Region), or null.</param>
        public static BundleEvidenceSource Open(string path, IReadOnlyList<string>? regionFilter = null)
        {
            var reader = EvidenceBundleReader.Open(path);
            try
            {
                var text = reader.ReadText(EvidenceManifest.FileName)
                    ?? throw new EvidenceFormatException(System.IO.Path.Combine(reader.Location, EvidenceManifest.FileName), "is missing; every evidence bundle starts with a manifest.");
                var manifest = EvidenceManifest.Parse(text, System.IO.Path.Combine(reader.Location, EvidenceManifest.FileName));
                return new BundleEvidenceSource(reader, manifest, regionFilter);
            }
            catch
            {
                reader.Dispose();
                throw;
            }
        }

        public Task<AccountContext> GetAccountAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new AccountContext(Manifest.AccountId, Manifest.Partition));

        public Task<IReadOnlyList<string>> GetRegionsAsync(CancellationToken cancellationToken) =>
            Task.FromResult(_regionFilter != null && _regionFilter.Count > 0 ? _regionFilter : Manifest.Regions);

        public Task<EvidenceResponse> GetAsync(ApiCall call, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(_responses.GetOrAdd(call, c => new Lazy<EvidenceResponse>(() => Read(c))).Value);
        }

        public IReadOnlyList<string> ListFiles() => _reader.ListFiles();

        public void Dispose() => _reader.Dispose();

        private EvidenceResponse Read(ApiCall call)
        {
            var path = call.BundlePath;
            var text = _reader.ReadText(path);
            if (text == null)
            {
                return EvidenceResponse.FromError(call, new ApiError("MissingEvidence", $"The bundle has no '{path}'.", ApiErrorKind.MissingFromBundle));
            }

            var display = $"{_reader.Location}/{path}";
            if (call.Format == EvidenceFormat.Csv)
            {
                var trimmed = text.TrimStart();
                if (trimmed.StartsWith("{", StringComparison.Ordinal))
                {
                    // A CSV call that failed at collection is stored as the JSON error document.
                    return ReadJson(call, text, display);
                }

                if (trimmed.Length == 0)
                {
                    throw new EvidenceFormatException(display, "is empty.");
                }

                return EvidenceResponse.FromText(call, text);
            }

            return ReadJson(call, text, display);
        }

        private static EvidenceResponse ReadJson(ApiCall call, string text, string display)
        {
            try
            {
                using (var document = JsonDocument.Parse(text))
                {
                    var root = document.RootElement;
                    if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Error", out var error)
                        && error.ValueKind == JsonValueKind.Object && root.EnumerateObject().Count() == 1)
                    {
                        var code = error.Str("Code") ?? throw new EvidenceFormatException(display, "has an Error object without a Code.");
                        var message = error.Str("Message") ?? string.Empty;
                        return EvidenceResponse.FromError(call, new ApiError(code, message, ApiError.Classify(code)));
                    }

                    if (root.ValueKind != JsonValueKind.Object)
                    {
                        throw new EvidenceFormatException(display, "must hold a JSON object, as the AWS CLI prints it.");
                    }

                    return EvidenceResponse.FromJson(call, root);
                }
            }
            catch (JsonException e)
            {
                throw new EvidenceFormatException(display, $"is not valid JSON, perhaps truncated ({e.Message}).", e);
            }
        }
    }
}
