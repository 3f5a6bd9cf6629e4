using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Ecr;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec07
{
    /// <summary>SEC07.EcrImageScanning: one finding per private repository, from the registry's scanning configuration and the repository's own setting.</summary>
    internal static class EcrScanningChecks
    {
        public static async Task<IEnumerable<Finding>> ImageScanningAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec07Catalog.EcrImageScanning;
            return await context.ForEachRegionAsync(check, "ECR repository", async region =>
            {
                var repositoriesTask = context.GetAsync(EcrCalls.DescribeRepositories(region), cancellationToken);
                var configurationTask = context.GetAsync(EcrCalls.GetRegistryScanningConfiguration(region), cancellationToken);
                var repositories = await repositoriesTask.ConfigureAwait(false);
                var configuration = await configurationTask.ConfigureAwait(false);
                if (!repositories.IsSuccess)
                {
                    return context.ErrorFinding(check, repositories).AsEnumerable();
                }

                var list = repositories.Root.Items("repositories").ToList();
                if (list.Count == 0)
                {
                    return Enumerable.Empty<Finding>();
                }

                if (!configuration.IsSuccess)
                {
                    // The registry's configuration overrides the repositories' own settings: without it nothing can be decided.
                    return list.Select(r => context.ErrorFinding(check, configuration, r.Str("repositoryName"), r.Str("repositoryArn"))).ToList();
                }

                var scanning = configuration.Root.Path("scanningConfiguration");
                var scanType = scanning?.Str("scanType") ?? "BASIC";
                var rules = scanning?.Items("rules").ToList() ?? new List<JsonElement>();
                return list.Select(repository => Judge(context, check, region, repository, scanType, rules)).ToList();
            }).ConfigureAwait(false);
        }

        private static Finding Judge(CheckContext context, CheckDefinition check, string region, JsonElement repository, string scanType, IReadOnlyList<JsonElement> rules)
        {
            var name = repository.RequiredStr("repositoryName", "a repository");
            var rule = rules.FirstOrDefault(r => r.Items("repositoryFilters").Any(f => Matches(f.Str("filter"), name))
                && (scanType == "ENHANCED" ? r.Str("scanFrequency") is "SCAN_ON_PUSH" or "CONTINUOUS_SCAN" : r.Str("scanFrequency") == "SCAN_ON_PUSH"));
            var repositoryOnPush = repository.Path("imageScanningConfiguration")?.Bool("scanOnPush") == true;

            string? how = null;
            if (rule.ValueKind != JsonValueKind.Undefined)
            {
                how = $"the registry's {scanType.ToLowerInvariant()} scanning rule {rule.Str("scanFrequency")} matches it";
            }
            else if (scanType != "ENHANCED" && repositoryOnPush)
            {
                how = "its own scanOnPush setting is on (basic scanning)";
            }

            var finding = how != null
                ? context.NewFinding(check, FindingStatus.Pass, name, $"Images pushed to repository {name} are scanned: {how}.", region, repository.Str("repositoryArn"))
                : context.NewFinding(check, FindingStatus.Fail, name, scanType == "ENHANCED"
                    ? $"Repository {name} matches no rule of the registry's enhanced scanning configuration, so its images are never scanned."
                    : $"Images pushed to repository {name} are not scanned: no SCAN_ON_PUSH rule of the registry matches it and its own scanOnPush is off.", region, repository.Str("repositoryArn"));
            return finding
                .WithProperty("RepositoryName", name)
                .With("RegistryScanType", scanType)
                .With("RepositoryScanOnPush", repositoryOnPush)
                .With("MatchingRule", how == null ? null : rule.ValueKind == JsonValueKind.Undefined ? null : rule.Str("scanFrequency"));
        }

        /// <summary>An ECR WILDCARD filter: <c>*</c> matches any characters, everything else itself.</summary>
        internal static bool Matches(string? filter, string name) =>
            filter != null && Regex.IsMatch(name, "^" + string.Join(".*", filter.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
