using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Ecr;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec07
{
    /// <summary>
    /// SEC07.EcrImageFindings: one finding per private repository, from the scan of its most recently pushed image. Two
    /// calls a repository, whatever its size: DescribeImages (all pages) to find that image, DescribeImageScanFindings for it.
    /// </summary>
    internal static class EcrImageFindingsChecks
    {
        /// <summary>The severities that fail the image: what ECR and Inspector rank as exploitable enough to fix before deploying.</summary>
        private static readonly string[] Failing = { "CRITICAL", "HIGH" };

        /// <summary>Scan states whose counts are the image's current findings (ACTIVE: enhanced, continuous scanning).</summary>
        private static readonly string[] Judged = { "COMPLETE", "ACTIVE" };

        public static Task<IEnumerable<Finding>> ImageFindingsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec07Catalog.EcrImageFindings;
            return context.ForEachRegionAsync(check, "ECR repository", async region =>
            {
                var repositories = await context.GetAsync(EcrCalls.DescribeRepositories(region), cancellationToken).ConfigureAwait(false);
                if (!repositories.IsSuccess)
                {
                    return context.ErrorFinding(check, repositories).AsEnumerable();
                }

                var list = repositories.Root.Items("repositories")
                    .Select(r => (Name: r.RequiredStr("repositoryName", "a repository"), Arn: r.Str("repositoryArn")))
                    .ToList();
                var findings = await Task.WhenAll(list.Select(r => JudgeRepositoryAsync(context, check, region, r.Name, r.Arn, cancellationToken))).ConfigureAwait(false);
                return findings.AsEnumerable();
            });
        }

        private static async Task<Finding> JudgeRepositoryAsync(CheckContext context, CheckDefinition check, string region, string repository, string? arn, CancellationToken cancellationToken)
        {
            arn ??= $"arn:{context.Account.Partition}:ecr:{region}:{context.Account.AccountId}:repository/{repository}";
            var images = await context.GetAsync(EcrCalls.DescribeImages(region, repository), cancellationToken).ConfigureAwait(false);
            Finding finding;
            if (!images.IsSuccess)
            {
                finding = context.ErrorFinding(check, images, repository, arn, check.ResourceType);
            }
            else
            {
                (string Digest, DateTimeOffset PushedAt, IReadOnlyList<string> Tags)? latest;
                try
                {
                    latest = LatestImage(images.Root);
                }
                catch (FormatException e)
                {
                    return context.ErrorFinding(check, EvidenceLocator.Unreadable(images, e), repository, arn, check.ResourceType).WithProperty("RepositoryName", repository);
                }

                if (latest == null)
                {
                    finding = context.NewFinding(check, FindingStatus.NotApplicable, repository, $"Repository {repository} holds no image, so no image of it can carry a known vulnerability.", region, arn);
                }
                else
                {
                    var image = latest.Value;
                    var scan = await context.GetAsync(EcrCalls.DescribeImageScanFindings(region, repository, image.Digest), cancellationToken).ConfigureAwait(false);
                    try
                    {
                        finding = Judge(context, check, region, repository, arn, image.Digest, image.Tags, scan)
                            .With("ImagePushedAt", image.PushedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    catch (FormatException e)
                    {
                        finding = context.ErrorFinding(check, EvidenceLocator.Unreadable(scan, e), repository, arn, check.ResourceType);
                    }

                    finding.WithProperty("ImageDigest", image.Digest);
                }
            }

            return finding.WithProperty("RepositoryName", repository);
        }

        /// <summary>The most recently pushed image (imagePushedAt), or null when the repository is empty.</summary>
        internal static (string Digest, DateTimeOffset PushedAt, IReadOnlyList<string> Tags)? LatestImage(JsonElement describeImages)
        {
            var images = describeImages.Items("imageDetails")
                .Select(i => (
                    Digest: i.RequiredStr("imageDigest", "an image"),
                    PushedAt: i.Date("imagePushedAt") ?? throw new FormatException("an image has no imagePushedAt"),
                    Tags: i.Strings("imageTags")))
                .ToList();
            return images.Count == 0 ? null : images.OrderByDescending(i => i.PushedAt).ThenBy(i => i.Digest, StringComparer.Ordinal).First();
        }

        internal static Finding Judge(CheckContext context, CheckDefinition check, string region, string repository, string arn, string digest, IReadOnlyList<string> tags, EvidenceResponse scan)
        {
            var image = tags.Count == 0 ? $"image {Short(digest)}" : $"image {Short(digest)} ({string.Join(", ", tags)})";
            if (scan.IsErrorCode("ScanNotFoundException"))
            {
                // No scan is not a vulnerability found: SEC07.EcrImageScanning judges whether pushes are scanned.
                return context.NewFinding(check, FindingStatus.NotApplicable, repository, $"The latest {image} of repository {repository} has never been scanned (ScanNotFoundException), so there are no findings to judge; SEC07.EcrImageScanning says whether the repository's pushes are scanned.", region, arn)
                    .With("ScanStatus", null);
            }

            if (!scan.IsSuccess)
            {
                return context.ErrorFinding(check, scan, repository, arn, check.ResourceType);
            }

            var root = scan.Root;
            if (root.Path("imageId")?.Str("imageDigest") is string answered && answered != digest)
            {
                throw new FormatException($"the answer describes image {answered}, not {digest}");
            }

            var statusElement = root.Required("imageScanStatus", "the DescribeImageScanFindings answer");
            var status = statusElement.RequiredStr("status", "imageScanStatus");
            if (!Judged.Contains(status, StringComparer.Ordinal))
            {
                var description = statusElement.Str("description");
                return context.NewFinding(check, FindingStatus.NotApplicable, repository, $"The scan of the latest {image} of repository {repository} has no results to judge (status {status}{(string.IsNullOrEmpty(description) ? string.Empty : ": " + description)}); the next run judges it once a scan completes.", region, arn)
                    .With("ScanStatus", status);
            }

            var results = root.Required("imageScanFindings", "the DescribeImageScanFindings answer");
            var counts = SeverityCounts(results);
            var failing = Failing.Where(s => counts.TryGetValue(s, out var n) && n > 0).ToList();
            var summary = counts.Count == 0 ? "no findings" : string.Join(", ", counts.Where(c => c.Value > 0).OrderBy(c => Rank(c.Key)).Select(c => $"{c.Value} {c.Key}"));
            if (summary.Length == 0)
            {
                summary = "no findings";
            }

            var finding = failing.Count > 0
                ? context.NewFinding(check, FindingStatus.Fail, repository, $"The latest {image} of repository {repository} has {string.Join(" and ", failing.Select(s => $"{counts[s]} {s}"))} vulnerability findings ({summary}).", region, arn)
                : context.NewFinding(check, FindingStatus.Pass, repository, $"The latest {image} of repository {repository} has no CRITICAL or HIGH vulnerability findings ({summary}).", region, arn);
            return finding
                .With("ScanStatus", status)
                .With("FindingSeverityCounts", counts.OrderBy(c => Rank(c.Key)).Select(c => $"{c.Key}={c.Value}").ToArray())
                .With("ImageScanCompletedAt", results.Text("imageScanCompletedAt"));
        }

        /// <summary>findingSeverityCounts (absent when the scan found nothing); a count that is not a whole number is unreadable.</summary>
        private static IReadOnlyDictionary<string, long> SeverityCounts(JsonElement results)
        {
            var map = results.Prop("findingSeverityCounts");
            if (map == null)
            {
                return new Dictionary<string, long>();
            }

            if (map.Value.ValueKind != JsonValueKind.Object)
            {
                throw new EvidenceShapeException("findingSeverityCounts", map.Value.ValueKind, "a map of severities to counts");
            }

            return map.Value.EnumerateObject().ToDictionary(p => p.Name.ToUpperInvariant(), p => map.Value.Long(p.Name) ?? 0, StringComparer.Ordinal);
        }

        private static int Rank(string severity)
        {
            var order = new[] { "CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED", "UNTRIAGED" };
            var index = Array.IndexOf(order, severity);
            return index < 0 ? order.Length : index;
        }

        private static string Short(string digest) => digest.Length > 19 ? digest.Substring(0, 19) : digest;
    }
}
