using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using WASecurity.Catalog;
using Xunit;

namespace WASecurity.Tests.Catalog
{
    public sealed class CheckCatalogTests
    {
        internal static readonly string ReferenceFolder = FindReference();

        [Fact]
        public void Check_ids_are_unique_stable_and_belong_to_their_question()
        {
            var ids = CheckCatalog.Checks.Select(c => c.CheckId).ToList();
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(CheckCatalog.Questions, q => Assert.All(q.Checks, c =>
            {
                Assert.Matches(new Regex(@"^SEC(0[1-9]|1[0-2])\.[A-Z][A-Za-z0-9]+$"), c.CheckId);
                Assert.StartsWith(q.Id + ".", c.CheckId, StringComparison.Ordinal);
            }));
        }

        [Fact]
        public void Every_check_has_title_remediation_resource_type_and_references()
        {
            Assert.All(CheckCatalog.Checks, c =>
            {
                Assert.EndsWith(".", c.Title, StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(c.Remediation), c.CheckId);
                Assert.False(string.IsNullOrWhiteSpace(c.Description), c.CheckId);
                Assert.StartsWith("AWS::", c.ResourceType, StringComparison.Ordinal);
                Assert.NotEmpty(c.BestPractices);
                Assert.All(c.Actions, a => Assert.Matches(new Regex("^[a-z0-9-]+:[A-Za-z0-9]+$"), a));
            });
        }

        [Fact]
        public void Best_practice_and_cis_ids_exist_in_the_reference_data()
        {
            var practices = File.ReadAllLines(Path.Combine(ReferenceFolder, "waf-security-best-practices.tsv")).Skip(1).Select(l => l.Split('\t')[0]).ToHashSet();
            var cis = new[] { "3.0", "7.0" }
                .SelectMany(v => File.ReadAllLines(Path.Combine(ReferenceFolder, $"cis-aws-foundations-{v}.tsv")).Skip(1).Select(l => v + "/" + l.Split('\t')[0]))
                .ToHashSet();
            Assert.All(CheckCatalog.Checks, c =>
            {
                Assert.All(c.BestPractices, bp => Assert.Contains(bp, practices));
                Assert.All(c.Cis, id => Assert.Contains(id, cis));
            });
        }

        [Fact]
        public void Settings_named_by_checks_are_defined_with_defaults_and_descriptions()
        {
            var defined = CheckCatalog.SettingDefinitions.ToDictionary(d => d.Name);
            Assert.All(CheckCatalog.Checks.SelectMany(c => c.Settings), s => Assert.True(defined.ContainsKey(s), s));
            Assert.All(defined.Values, d => Assert.False(string.IsNullOrWhiteSpace(d.Description)));
        }

        private static string FindReference()
        {
            var env = Environment.GetEnvironmentVariable("WAS_REFERENCE_PATH");
            if (!string.IsNullOrEmpty(env))
            {
                return env;
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "docs", "reference");
                if (File.Exists(Path.Combine(candidate, "waf-security-best-practices.tsv")))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("docs/reference/waf-security-best-practices.tsv not found above the test folder.");
        }
    }
}
