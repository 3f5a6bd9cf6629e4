using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using WASecurity.Tests.Infrastructure;

namespace WASecurity.Tests.Benchmarks
{
    /// <summary>
    /// The answers the module received from the emulator, recorded once (<see cref="Record"/>, from
    /// <see cref="AwsProxy.Forwarded"/>) and served back by a proxy without upstream (<see cref="Answer"/>), so a
    /// benchmark measures the module and a fixed delay, not the emulator's service time. A request is keyed by its
    /// method, path, query, X-Amz-Target, signing key id, region and service, and body (the run's role session name,
    /// which holds the time, is left out); the same request asked again gets the answers in the recorded order, then
    /// the last one again (the credential report is polled until it is ready).
    /// </summary>
    public sealed class ResponseCassette
    {
        private static readonly Regex Scope = new Regex(@"Credential=([^/]+)/\d{8}/([^/]+)/([^/]+)/aws4_request", RegexOptions.Compiled);
        private static readonly Regex SessionName = new Regex(@"WASecurity-\d{8}T\d{6}Z", RegexOptions.Compiled);

        private readonly ConcurrentDictionary<string, List<FakeResponse>> _recorded = new ConcurrentDictionary<string, List<FakeResponse>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, int> _served = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        private int _misses;

        /// <summary>Distinct requests recorded.</summary>
        public int Count => _recorded.Count;

        /// <summary>Requests replayed that were never recorded (answered 500): a replay that misses is not the recorded run.</summary>
        public int Misses => Volatile.Read(ref _misses);

        public void Record(FakeRequest request, FakeResponse response)
        {
            var answers = _recorded.GetOrAdd(Key(request), _ => new List<FakeResponse>());
            lock (answers)
            {
                answers.Add(response);
            }
        }

        /// <summary>Writes the recorded answers to <paramref name="path"/> (JSON), so a later benchmark can replay them without seeding the emulator again.</summary>
        public void Save(string path)
        {
            var entries = _recorded.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => new Entry(e.Key, e.Value.Select(r => new SavedAnswer(r.Status, r.ContentType, r.Body)).ToList()))
                .ToList();
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var staging = path + ".partial";
            using (var stream = File.Create(staging))
            {
                JsonSerializer.Serialize(stream, entries);
            }

            File.Move(staging, path, true);
        }

        /// <summary>The answers <see cref="Save"/> wrote to <paramref name="path"/>.</summary>
        public static ResponseCassette Load(string path)
        {
            using var stream = File.OpenRead(path);
            var entries = JsonSerializer.Deserialize<List<Entry>>(stream) ?? throw new InvalidDataException($"{path} holds no recorded answers.");
            var cassette = new ResponseCassette();
            foreach (var entry in entries)
            {
                cassette._recorded[entry.Key] = entry.Answers.Select(a => new FakeResponse(a.Status, a.Body, a.ContentType)).ToList();
            }

            return cassette;
        }

        /// <summary>Starts a new replay: each request's answers from the first again.</summary>
        public void Rewind()
        {
            _served.Clear();
            Interlocked.Exchange(ref _misses, 0);
        }

        public FakeResponse Answer(FakeRequest request)
        {
            var key = Key(request);
            if (!_recorded.TryGetValue(key, out var answers))
            {
                Interlocked.Increment(ref _misses);
                return new FakeResponse(500, "{\"__type\":\"InternalFailure\",\"message\":\"Not recorded: " + request.Method + " " + request.Path + "\"}", "application/json");
            }

            var index = _served.AddOrUpdate(key, 0, (_, seen) => seen + 1);
            lock (answers)
            {
                return answers[Math.Min(index, answers.Count - 1)];
            }
        }

        private sealed record SavedAnswer(int Status, string ContentType, string Body);

        private sealed record Entry(string Key, List<SavedAnswer> Answers);

        private static string Key(FakeRequest request)
        {
            request.Headers.TryGetValue("Authorization", out var authorization);
            var scope = Scope.Match(authorization ?? string.Empty);
            request.Headers.TryGetValue("X-Amz-Target", out var target);
            var query = string.Join("&", (request.Query ?? string.Empty).TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).OrderBy(p => p, StringComparer.Ordinal));
            return string.Join("\n", request.Method, request.Path, query, target ?? string.Empty, scope.Groups[1].Value, scope.Groups[2].Value, scope.Groups[3].Value, SessionName.Replace(request.Body, "WASecurity-session"));
        }
    }
}
