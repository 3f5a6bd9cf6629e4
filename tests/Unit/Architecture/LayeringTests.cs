using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace WASecurity.Tests.Architecture
{
    /// <summary>
    /// The module's arrows, read from the compiled assembly: Cmdlets → Engine → Checks → Evidence ← Aws, no
    /// namespace that uses one which uses it back, and PowerShell only in the cmdlets (see docs/architecture.md).
    /// </summary>
    public sealed class LayeringTests
    {
        private static readonly Lazy<NamespaceGraph> Graph =
            new Lazy<NamespaceGraph>(() => NamespaceGraph.Load(typeof(Finding).Assembly.Location));

        private readonly ITestOutputHelper _output;

        public LayeringTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public static IEnumerable<object[]> ForbiddenArrows() => new[]
        {
            // Evidence defines calls and sources; it knows nothing of transport, checks or what runs them.
            new object[] { "WASecurity.Evidence", "WASecurity.Aws" },
            new object[] { "WASecurity.Evidence", "WASecurity.Checks" },
            new object[] { "WASecurity.Evidence", "WASecurity.Engine" },
            new object[] { "WASecurity.Evidence", "WASecurity.Cmdlets" },
            new object[] { "WASecurity.Evidence", "Amazon" },
            // Checks see only evidence: no transport, no SDK, no engine, no host.
            new object[] { "WASecurity.Checks", "WASecurity.Aws" },
            new object[] { "WASecurity.Checks", "WASecurity.Engine" },
            new object[] { "WASecurity.Checks", "WASecurity.Cmdlets" },
            new object[] { "WASecurity.Checks", "WASecurity.Remediation" },
            new object[] { "WASecurity.Checks", "Amazon" },
            // The engine runs checks over any evidence source; it is handed one, never builds one.
            new object[] { "WASecurity.Engine", "WASecurity.Aws" },
            new object[] { "WASecurity.Engine", "WASecurity.Cmdlets" },
            // Aws implements the live source and owns every AWS concern; it never reaches up.
            new object[] { "WASecurity.Aws", "WASecurity.Checks" },
            new object[] { "WASecurity.Aws", "WASecurity.Engine" },
            new object[] { "WASecurity.Aws", "WASecurity.Cmdlets" },
            new object[] { "WASecurity.Aws", "WASecurity.Remediation" },
            // Remediation logic is called by cmdlets and calls AWS; it is not a cmdlet.
            new object[] { "WASecurity.Remediation", "WASecurity.Cmdlets" },
            new object[] { "WASecurity.Remediation", "WASecurity.Engine" },
        };

        [Theory]
        [MemberData(nameof(ForbiddenArrows))]
        public void A_layer_never_uses_the_layers_it_must_not_know(string from, string to)
        {
            var offending = Graph.Value.Edges()
                .Where(e => Within(e.From, from) && Within(e.To, to))
                .Select(e => $"{e.From} -> {e.To} (e.g. {e.Example})")
                .ToList();

            Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));
        }

        [Fact]
        public void No_namespace_uses_one_that_uses_it_back()
        {
            var graph = Graph.Value;
            var cycles = graph.Cycles();
            var report = cycles.Select(c => string.Join(" <-> ", c) + Environment.NewLine + string.Join(Environment.NewLine,
                graph.Edges().Where(e => c.Contains(e.From) && c.Contains(e.To)).Select(e => $"    {e.From} -> {e.To} (e.g. {e.Example})")));

            Assert.True(cycles.Count == 0, string.Join(Environment.NewLine, report));
        }

        [Fact]
        public void Only_the_cmdlets_use_PowerShell()
        {
            var offending = Graph.Value.Edges()
                .Where(e => !Within(e.From, "WASecurity.Cmdlets"))
                .Where(e => Within(e.To, "System.Management.Automation") || Within(e.To, "Microsoft.PowerShell"))
                .Select(e => $"{e.From} -> {e.To} (e.g. {e.Example})")
                .ToList();

            Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));
        }

        [Fact]
        public void The_graph_sees_the_known_arrows()
        {
            // Guards the reader itself: if it stopped seeing references, every rule above would pass vacuously.
            var graph = Graph.Value;
            Assert.Contains("WASecurity.Engine", graph.Namespaces);
            Assert.Contains("WASecurity.Evidence", graph.Uses("WASecurity.Aws").Keys);
            Assert.Contains("WASecurity.Engine", graph.Uses("WASecurity.Cmdlets").Keys);
            Assert.Contains("System.Management.Automation", graph.Uses("WASecurity.Cmdlets").Keys);
            Assert.Contains(graph.Uses("WASecurity.Engine").Keys, k => Within(k, "WASecurity.Checks"));
            foreach (var edge in graph.Edges().Where(e => e.From.StartsWith("WASecurity", StringComparison.Ordinal) && e.To.StartsWith("WASecurity", StringComparison.Ordinal)).OrderBy(e => e.From).ThenBy(e => e.To))
            {
                _output.WriteLine($"{edge.From} -> {edge.To}   ({edge.Example})");
            }
        }

        private static bool Within(string name, string prefix) =>
            name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal);
    }
}
