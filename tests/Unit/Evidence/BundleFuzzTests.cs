using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Catalog;
using WASecurity.Engine;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace WASecurity.Tests.Evidence
{
    /// <summary>
    /// Feeds over ten thousand structurally mutated files of the demo account's bundle through every check that reads
    /// them: truncated files, random bytes, a value replaced by another JSON type, a member removed. Whatever the file
    /// holds, no check may crash (an unexpected exception), hang, or report a Pass that the unmutated bundle did not
    /// have: an unreadable file can only make the checks that need it Error.
    /// </summary>
    public sealed class BundleFuzzTests
    {
        private const int Seed = 20261206;
        private const int MinimumMutations = 10_000;
        private static readonly TimeSpan PerRunLimit = TimeSpan.FromSeconds(20);

        private readonly ITestOutputHelper _output;

        public BundleFuzzTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Ten_thousand_mutated_bundle_files_never_crash_hang_or_add_a_Pass()
        {
            var root = Path.Combine(Path.GetTempPath(), "was-fuzz-" + Guid.NewGuid().ToString("N"));
            CopyFolder(DemoAccount.Path, root);
            try
            {
                var baseline = RunChecks(root, null);
                Assert.Contains(baseline, f => f.Status == FindingStatus.Pass);
                Assert.DoesNotContain(baseline, f => f.Evidence.Contains("Exception"));

                var readers = ChecksByFile(root);
                var files = readers.Keys.Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".csv", StringComparison.Ordinal))
                    .OrderBy(f => f, StringComparer.Ordinal).ToList();
                var random = new Random(Seed);
                var mutations = files.SelectMany(file => Mutations(file, File.ReadAllText(Path.Combine(root, file)), random)).ToList();
                Assert.True(mutations.Count >= MinimumMutations, $"only {mutations.Count} mutations");

                var problems = new List<string>();
                var byKind = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var mutation in mutations)
                {
                    byKind[mutation.Kind] = byKind.TryGetValue(mutation.Kind, out var n) ? n + 1 : 1;
                    var path = Path.Combine(root, mutation.File);
                    var original = File.ReadAllText(path);
                    File.WriteAllText(path, mutation.Content);
                    try
                    {
                        var findings = RunChecks(root, readers[mutation.File]);
                        foreach (var crash in findings.Where(f => f.Evidence.Contains("Exception")))
                        {
                            problems.Add($"{mutation}: {crash.CheckId} crashed: {crash.Reason}");
                        }

                        problems.AddRange(NewPasses(baseline, findings).Select(p => $"{mutation}: {p}"));
                    }
                    catch (Exception e)
                    {
                        problems.Add($"{mutation}: the run failed: {e.GetType().Name}: {e.Message}");
                    }
                    finally
                    {
                        File.WriteAllText(path, original);
                    }

                    if (problems.Count > 40)
                    {
                        break;
                    }
                }

                _output.WriteLine($"{mutations.Count} mutations of {files.Count} files: " + string.Join(", ", byKind.Select(k => $"{k.Value} {k.Key}")));
                Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(40)));
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        private static string Key(Finding f) => $"{f.CheckId}|{f.Region}|{f.ResourceId}";

        /// <summary>
        /// Passes the mutated run has that the unmutated one had not: a resource that was not Pass and now is, or more
        /// Passes of a check in a region than before (a failing resource gone and an "all clear" in its place). A
        /// resource judged under another name (an id given as a number) is the same verdict, not a new Pass.
        /// </summary>
        private static IEnumerable<string> NewPasses(IReadOnlyList<Finding> baseline, IReadOnlyList<Finding> mutated)
        {
            var before = baseline.GroupBy(Key).ToDictionary(g => g.Key, g => g.Select(f => f.Status).ToList(), StringComparer.Ordinal);
            foreach (var pass in mutated.Where(f => f.Status == FindingStatus.Pass))
            {
                if (before.TryGetValue(Key(pass), out var statuses) && !statuses.Contains(FindingStatus.Pass))
                {
                    yield return $"{Key(pass)} was {string.Join("/", statuses)} and is now Pass: {pass.Reason}";
                }
            }

            var checkedHere = new HashSet<string>(mutated.Select(f => f.CheckId), StringComparer.Ordinal);
            var passesBefore = baseline.Where(f => f.Status == FindingStatus.Pass && checkedHere.Contains(f.CheckId)).GroupBy(f => f.CheckId + "|" + f.Region).ToDictionary(g => g.Key, g => g.Select(f => f.ResourceId).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
            foreach (var group in mutated.Where(f => f.Status == FindingStatus.Pass).GroupBy(f => f.CheckId + "|" + f.Region))
            {
                var had = passesBefore.TryGetValue(group.Key, out var n) ? n : 0;
                if (group.Select(f => f.ResourceId).Distinct(StringComparer.Ordinal).Count() > had)
                {
                    yield return $"{group.Key} has {group.Count()} Pass findings, the unmutated bundle {had}: {string.Join("; ", group.Select(f => f.ResourceId))}";
                }
            }
        }

        /// <summary>Runs the given checks (all when null) on the bundle; a run that does not end in time is a hang.</summary>
        private static IReadOnlyList<Finding> RunChecks(string bundle, IReadOnlyCollection<string>? checkIds)
        {
            using var source = BundleEvidenceSource.Open(bundle);
            var runner = new AssessmentEngine(source, CheckCatalog.CreateSettings(null, null), () => DemoAccount.CollectedAt);
            var findings = new List<Finding>();
            using var timeout = new CancellationTokenSource(PerRunLimit);
            var run = Task.Run(() => runner.RunAsync(CheckCatalog.Questions, checkIds, (_, f) => { lock (findings) { findings.AddRange(f); } }, timeout.Token));
            if (!run.Wait(PerRunLimit + TimeSpan.FromSeconds(5)))
            {
                throw new TimeoutException($"the checks did not finish within {PerRunLimit.TotalSeconds} s");
            }

            return findings;
        }

        /// <summary>For each bundle file, the checks that read it (each check run alone with its calls recorded).</summary>
        private static Dictionary<string, IReadOnlyCollection<string>> ChecksByFile(string bundle)
        {
            var readers = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var check in CheckCatalog.Checks)
            {
                using var source = new RecordingEvidenceSource(BundleEvidenceSource.Open(bundle));
                var runner = new AssessmentEngine(source, CheckCatalog.CreateSettings(null, null), () => DemoAccount.CollectedAt);
                runner.RunAsync(CheckCatalog.Questions, new[] { check.CheckId }, (_, _) => { }, CancellationToken.None).GetAwaiter().GetResult();
                foreach (var response in source.Responses.Where(r => r.Error?.Kind != ApiErrorKind.MissingFromBundle))
                {
                    var file = response.Call.BundlePath;
                    if (!readers.TryGetValue(file, out var checks))
                    {
                        readers[file] = checks = new HashSet<string>(StringComparer.Ordinal);
                    }

                    checks.Add(check.CheckId);
                }
            }

            return readers.ToDictionary(r => r.Key, r => (IReadOnlyCollection<string>)r.Value, StringComparer.Ordinal);
        }

        private static IEnumerable<Mutation> Mutations(string file, string text, Random random)
        {
            // Truncated, as a failed or interrupted download leaves a file.
            for (var i = 0; i < 4; i++)
            {
                yield return new Mutation(file, "truncated", text.Substring(0, random.Next(0, Math.Max(1, text.Length))), i);
            }

            // Random bytes over a random span.
            for (var i = 0; i < 4; i++)
            {
                var chars = text.ToCharArray();
                var start = random.Next(0, Math.Max(1, chars.Length));
                var length = Math.Min(chars.Length - start, random.Next(1, 16));
                for (var j = 0; j < length; j++)
                {
                    chars[start + j] = (char)random.Next(0, 256);
                }

                yield return new Mutation(file, "random bytes", new string(chars), i);
            }

            if (!file.EndsWith(".json", StringComparison.Ordinal))
            {
                yield break;
            }

            var document = JsonNode.Parse(text);
            if (document == null)
            {
                yield break;
            }

            var paths = new List<List<object>>();
            Collect(document, new List<object>(), paths);
            foreach (var path in paths)
            {
                // A member removed. A list item removed, or a list member (an omitted list reads as empty, as some
                // AWS APIs omit empty lists), is another valid account, not a malformed file.
                var removed = document.DeepClone();
                if (IsRequired(path) && !(Get(document, path) is JsonArray) && Remove(removed, path))
                {
                    yield return new Mutation(file, "member removed", removed.ToJsonString(), Describe(path));
                }

                // The value replaced by each JSON type it is not.
                var current = Get(document, path);
                foreach (var replacement in Replacements(current).Where(r => !AllowedByIamGrammar(path, r.Name) && (r.Name != "null" || IsRequired(path) || current is JsonArray)))
                {
                    var replaced = document.DeepClone();
                    Set(replaced, path, replacement.Node);
                    yield return new Mutation(file, "type replaced", replaced.ToJsonString(), $"{Describe(path)} -> {replacement.Name}");
                }
            }
        }

        /// <summary>
        /// The members this test treats as required (AWS sends them in every answer, so removing one, or setting it to
        /// null, makes a malformed file rather than another valid account): every member at the top of a response
        /// (its payload), and inside entries the ones that identify or decide — ids, ARNs, names, an ACL grant's
        /// grantee and its type, a statement's effect and principal, a rule's status, a device's serial number. Other
        /// members are optional in AWS's API reference (a lifecycle rule without Expiration is valid, for instance).
        /// </summary>
        private static bool IsRequired(List<object> path)
        {
            if (!(path[^1] is string member))
            {
                return false;
            }

            if (path.Count == 1)
            {
                return true;
            }

            return member.EndsWith("Id", StringComparison.Ordinal) || member.EndsWith("Arn", StringComparison.Ordinal)
                || member.EndsWith("ARN", StringComparison.Ordinal) || member.EndsWith("Name", StringComparison.Ordinal)
                || new[] { "Grantee", "Type", "Effect", "Principal", "Status", "SerialNumber" }.Contains(member);
        }

        /// <summary>
        /// IAM policy grammar takes an action, resource or principal as a string or a list, and a condition value as a
        /// string, number, boolean or list: such a replacement is another valid policy, not a malformed one.
        /// </summary>
        private static bool AllowedByIamGrammar(List<object> path, string replacement)
        {
            var names = path.OfType<string>().ToList();
            var inPolicy = names.Any(n => n == "Statement");
            if (!inPolicy)
            {
                return false;
            }

            var inCondition = names.Contains("Condition") && names.IndexOf("Condition") < names.Count - 2;
            if (inCondition)
            {
                return replacement == "string" || replacement == "number" || replacement == "boolean" || replacement == "list";
            }

            var member = path[^1] is string last ? last : names.LastOrDefault();
            var listOrString = new[] { "Action", "NotAction", "Resource", "NotResource", "AWS", "Service", "Federated", "CanonicalUser" };
            return replacement == "string" && listOrString.Contains(member);
        }

        private static IEnumerable<(string Name, JsonNode? Node)> Replacements(JsonNode? current)
        {
            var kind = current?.GetValueKind() ?? JsonValueKind.Null;
            if (kind != JsonValueKind.String)
            {
                yield return ("string", JsonValue.Create("x"));
            }

            if (kind != JsonValueKind.Number)
            {
                yield return ("number", JsonValue.Create(7));
            }

            if (kind != JsonValueKind.True && kind != JsonValueKind.False)
            {
                yield return ("boolean", JsonValue.Create(true));
            }

            if (kind != JsonValueKind.Object)
            {
                yield return ("object", new JsonObject());
            }

            if (kind != JsonValueKind.Array)
            {
                yield return ("list", new JsonArray());
            }

            if (kind != JsonValueKind.Null)
            {
                yield return ("null", null);
            }
        }

        private static void Collect(JsonNode? node, List<object> path, List<List<object>> into)
        {
            if (node is JsonObject obj)
            {
                foreach (var member in obj.ToList())
                {
                    var next = new List<object>(path) { member.Key };
                    into.Add(next);
                    Collect(member.Value, next, into);
                }
            }
            else if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    var next = new List<object>(path) { i };
                    into.Add(next);
                    Collect(array[i], next, into);
                }
            }
        }

        private static JsonNode? Get(JsonNode? node, List<object> path)
        {
            foreach (var step in path)
            {
                node = step is string name ? node![name] : node![(int)step];
            }

            return node;
        }

        private static bool Remove(JsonNode root, List<object> path)
        {
            var parent = Get(root, path.Take(path.Count - 1).ToList());
            if (parent is JsonObject obj && path[^1] is string name)
            {
                return obj.Remove(name);
            }

            if (parent is JsonArray array && path[^1] is int index)
            {
                array.RemoveAt(index);
                return true;
            }

            return false;
        }

        private static void Set(JsonNode root, List<object> path, JsonNode? value)
        {
            var parent = Get(root, path.Take(path.Count - 1).ToList());
            if (parent is JsonObject obj && path[^1] is string name)
            {
                obj[name] = value;
            }
            else if (parent is JsonArray array && path[^1] is int index)
            {
                array[index] = value;
            }
        }

        private static string Describe(List<object> path) =>
            "$" + string.Concat(path.Select(p => p is string name ? "." + name : $"[{p}]"));

        private static void CopyFolder(string from, string to)
        {
            foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            {
                Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
            }

            Directory.CreateDirectory(to);
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
            }
        }

        private sealed class Mutation
        {
            public Mutation(string file, string kind, string content, object detail)
            {
                File = file;
                Kind = kind;
                Content = content;
                Detail = detail.ToString() ?? string.Empty;
            }

            public string File { get; }

            public string Kind { get; }

            public string Content { get; }

            public string Detail { get; }

            public override string ToString() => $"{File} {Kind} {Detail}";
        }
    }
}
