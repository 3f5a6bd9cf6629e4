using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Iam;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec03
{
    /// <summary>SEC 3 Secrets Manager check: one finding per secret, from each region's ListSecrets.</summary>
    internal sealed partial class Sec03AutomatedAccess
    {
        private static async Task<IEnumerable<Finding>> SecretsRotatedAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.SecretsRotated;
            var window = context.Settings.GetInt(Sec03Catalog.SecretRotationDays);
            var findings = (await context.ForEachRegionAsync(async region =>
            {
                var response = await context.GetAsync(SecretsManagerCalls.ListSecrets(region), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return context.ErrorFinding(check, response).AsEnumerable();
                }

                return response.Root.Items("SecretList")
                    .Where(secret => !IsReplica(secret, region))
                    .Select(secret => JudgeSecret(context, check, secret, region, window))
                    .ToList();
            }).ConfigureAwait(false)).ToList();

            if (findings.Count == 0)
            {
                findings.Add(context.AccountFinding(check, FindingStatus.NotApplicable, $"No Secrets Manager secret exists in the covered regions ({string.Join(", ", context.Regions)}).")
                    .With("Regions", context.Regions));
            }

            return findings;
        }

        private static Finding JudgeSecret(CheckContext context, CheckDefinition check, JsonElement secret, string region, int window)
        {
            var arn = secret.Str("ARN");
            var name = secret.Str("Name") ?? arn ?? throw new FormatException("a secret has neither Name nor ARN");
            var enabled = secret.Bool("RotationEnabled") == true;
            var lastRotated = secret.Date("LastRotatedDate");
            var created = secret.Date("CreatedDate");
            var since = lastRotated ?? created;
            var age = since.HasValue ? UserAccessKey.DaysBetween(since.Value, context.Now) : (int?)null;
            var rotated = lastRotated.HasValue ? $"last rotated {Days(age!.Value)} ago" : age.HasValue ? $"never rotated since its creation {Days(age.Value)} ago" : "never rotated";

            Finding finding;
            if (!enabled)
            {
                // ListSecrets leaves RotationEnabled out for secrets that never had rotation configured.
                finding = SecretFinding(FindingStatus.Fail, $"Secret {name} has automatic rotation disabled ({rotated}).");
            }
            else if (!age.HasValue)
            {
                finding = SecretFinding(FindingStatus.Error, $"Could not verify: ListSecrets in {region} gives neither LastRotatedDate nor CreatedDate for {name}.");
            }
            else if (age.Value > window)
            {
                finding = SecretFinding(FindingStatus.Fail, $"Secret {name} has rotation enabled but was {rotated} (limit {window}): rotation is not succeeding.");
            }
            else
            {
                finding = SecretFinding(FindingStatus.Pass, $"Secret {name} has rotation enabled and was {rotated} (limit {window}).");
            }

            return finding
                .With("RotationEnabled", enabled)
                .With("LastRotatedDate", lastRotated?.UtcDateTime)
                .With("CreatedDate", created?.UtcDateTime)
                .With("AutomaticallyAfterDays", secret.Path("RotationRules")?.Int("AutomaticallyAfterDays"))
                .With("DaysSinceRotation", age)
                .With("WindowDays", window);

            Finding SecretFinding(FindingStatus status, string reason) =>
                context.NewFinding(check, status, name, reason, region, arn).WithProperty("SecretId", arn ?? name);
        }

        /// <summary>A replica's rotation is configured on its primary secret, which is judged in its own region.</summary>
        private static bool IsReplica(JsonElement secret, string region)
        {
            var primary = secret.Str("PrimaryRegion");
            return primary != null && !string.Equals(primary, region, StringComparison.Ordinal);
        }
    }
}
