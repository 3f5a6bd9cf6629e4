using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using WASecurity.Catalog;
using WASecurity.Checks;
using Xunit;

namespace WASecurity.Tests.Catalog
{
    /// <summary>
    /// Coverage only grows: every best practice and every Automated CIS 3.0 / 7.0 control that a check covers today is
    /// listed here, and the test fails when one loses its last check (a check removed, or its citation dropped). When a
    /// new check covers something for the first time, add it to the floor (docs/coverage.md shows the current state).
    /// A check "reads evidence" when it names AWS actions; a Manual check (none) only asks a person.
    /// </summary>
    public sealed class CoverageFloorTests
    {
        /// <summary>Best practices cited by at least one check, Manual ones included: all 57 of the reference.</summary>
        private static readonly string[] BestPracticesWithACheck =
        {
            "SEC01-BP01", "SEC01-BP02", "SEC01-BP03", "SEC01-BP04", "SEC01-BP05", "SEC01-BP06", "SEC01-BP07", "SEC01-BP08",
            "SEC02-BP01", "SEC02-BP02", "SEC02-BP03", "SEC02-BP04", "SEC02-BP05", "SEC02-BP06",
            "SEC03-BP01", "SEC03-BP02", "SEC03-BP03", "SEC03-BP04", "SEC03-BP05", "SEC03-BP06", "SEC03-BP07", "SEC03-BP08",
            "SEC04-BP01", "SEC04-BP02", "SEC04-BP03", "SEC04-BP04",
            "SEC05-BP01", "SEC05-BP02", "SEC05-BP03", "SEC05-BP04",
            "SEC06-BP01", "SEC06-BP02", "SEC06-BP03", "SEC06-BP04", "SEC06-BP05", "SEC06-BP06",
            "SEC07-BP01", "SEC07-BP02", "SEC07-BP03", "SEC07-BP04",
            "SEC08-BP01", "SEC08-BP02", "SEC08-BP03", "SEC08-BP04", "SEC08-BP05",
            "SEC09-BP01", "SEC09-BP02", "SEC09-BP03", "SEC09-BP04",
            "SEC10-BP01", "SEC10-BP02", "SEC10-BP03", "SEC10-BP04", "SEC10-BP05", "SEC10-BP06", "SEC10-BP07",
            "SEC11-BP02",
        };

        /// <summary>Best practices cited by at least one check that reads evidence: all but those no API can show.</summary>
        private static readonly string[] BestPracticesWithAnAutomatedCheck = BestPracticesWithACheck
            .Except(new[] { "SEC01-BP03", "SEC01-BP04", "SEC01-BP05", "SEC01-BP07", "SEC01-BP08", "SEC06-BP03", "SEC08-BP05", "SEC10-BP02", "SEC10-BP03", "SEC10-BP07" })
            .ToArray();

        /// <summary>CIS 3.0 controls assessed as Automated that a check reading evidence covers (all of them).</summary>
        private static readonly string[] Cis30AutomatedWithACheck =
        {
            "3.0/1.4", "3.0/1.5", "3.0/1.6", "3.0/1.7", "3.0/1.8", "3.0/1.9", "3.0/1.10", "3.0/1.11", "3.0/1.12", "3.0/1.13",
            "3.0/1.14", "3.0/1.15", "3.0/1.16", "3.0/1.17", "3.0/1.19", "3.0/1.20",
            "3.0/2.1.1", "3.0/2.1.2", "3.0/2.1.4", "3.0/2.2.1", "3.0/2.3.1", "3.0/2.3.2", "3.0/2.3.3", "3.0/2.4.1",
            "3.0/3.1", "3.0/3.2", "3.0/3.3", "3.0/3.4", "3.0/3.5", "3.0/3.6", "3.0/3.7", "3.0/3.8", "3.0/3.9",
            "3.0/4.1", "3.0/4.2", "3.0/4.3", "3.0/4.4", "3.0/4.5", "3.0/4.6", "3.0/4.7", "3.0/4.8", "3.0/4.9", "3.0/4.10",
            "3.0/4.11", "3.0/4.12", "3.0/4.13", "3.0/4.14", "3.0/4.15", "3.0/4.16",
            "3.0/5.1", "3.0/5.2", "3.0/5.3", "3.0/5.4", "3.0/5.6",
        };

        /// <summary>CIS 7.0 controls assessed as Automated that a check reading evidence covers (all of them).</summary>
        private static readonly string[] Cis70AutomatedWithACheck =
        {
            "7.0/2.4", "7.0/2.5", "7.0/2.8", "7.0/2.9", "7.0/2.10", "7.0/2.11", "7.0/2.12", "7.0/2.13", "7.0/2.14",
            "7.0/2.15", "7.0/2.16", "7.0/2.17", "7.0/2.18",
            "7.0/3.1.1", "7.0/3.1.4", "7.0/3.2.1", "7.0/3.2.2", "7.0/3.2.3", "7.0/3.3.1",
            "7.0/4.2", "7.0/4.3", "7.0/4.5", "7.0/4.6", "7.0/4.7", "7.0/4.8", "7.0/4.9",
            "7.0/5.16",
            "7.0/6.1.1", "7.0/6.1.2", "7.0/6.2", "7.0/6.3", "7.0/6.4", "7.0/6.5", "7.0/6.7",
        };

        private static IEnumerable<CheckDefinition> Automated => CheckCatalog.Checks.Where(c => c.Actions.Length > 0);

        [Fact]
        public void No_best_practice_loses_its_last_check()
        {
            AssertStillCovered(BestPracticesWithACheck, CheckCatalog.Checks.SelectMany(c => c.BestPractices), "best practice", "any check");
            AssertStillCovered(BestPracticesWithAnAutomatedCheck, Automated.SelectMany(c => c.BestPractices), "best practice", "a check that reads evidence");
        }

        [Fact]
        public void No_automated_CIS_control_loses_its_last_check()
        {
            AssertStillCovered(Cis30AutomatedWithACheck, Automated.SelectMany(c => c.Cis), "CIS control", "a check that reads evidence");
            AssertStillCovered(Cis70AutomatedWithACheck, Automated.SelectMany(c => c.Cis), "CIS control", "a check that reads evidence");
        }

        [Fact]
        public void The_floor_names_only_ids_of_the_reference_data_and_Automated_CIS_controls()
        {
            var practices = Reference("waf-security-best-practices.tsv").Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(57, practices.Count);
            Assert.Equal(practices.OrderBy(p => p, StringComparer.Ordinal), BestPracticesWithACheck.OrderBy(p => p, StringComparer.Ordinal));
            Assert.Subset(BestPracticesWithACheck.ToHashSet(), BestPracticesWithAnAutomatedCheck.ToHashSet());

            foreach (var (version, floor) in new[] { ("3.0", Cis30AutomatedWithACheck), ("7.0", Cis70AutomatedWithACheck) })
            {
                var assessment = Reference($"cis-aws-foundations-{version}.tsv").ToDictionary(r => version + "/" + r[0], r => r[3], StringComparer.Ordinal);
                Assert.All(floor, id => Assert.Equal("Automated", assessment.TryGetValue(id, out var a) ? a : "(not in the reference)"));
                Assert.Equal(floor.Length, floor.Distinct(StringComparer.Ordinal).Count());
            }
        }

        private static void AssertStillCovered(IEnumerable<string> floor, IEnumerable<string> cited, string kind, string by)
        {
            var covered = cited.ToHashSet(StringComparer.Ordinal);
            var lost = floor.Where(id => !covered.Contains(id)).ToList();
            Assert.True(lost.Count == 0, $"Coverage went down: no longer covered by {by}: {kind} {string.Join(", ", lost)}. Keep or replace the check that cited it; coverage may only grow (docs/coverage.md).");
        }

        private static IEnumerable<string[]> Reference(string file) =>
            File.ReadAllLines(Path.Combine(CheckCatalogTests.ReferenceFolder, file)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'));
    }
}
