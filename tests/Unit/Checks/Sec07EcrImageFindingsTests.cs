using System.Collections.Generic;
using System.Linq;
using WASecurity.Checks.Ecr;
using WASecurity.Checks.Sec07;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>
    /// SEC07.EcrImageFindings on describe-repositories, describe-images and describe-image-scan-findings in the shape the AWS
    /// CLI prints them (the API reference's imageDetails, imageScanStatus and imageScanFindings.findingSeverityCounts).
    /// </summary>
    public sealed class Sec07EcrImageFindingsTests
    {
        private const string Account = "111122223333";
        private const string East = "us-east-1";
        private const string Old = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
        private const string Latest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
        private const string Clean = "sha256:3333333333333333333333333333333333333333333333333333333333333333";
        private const string Pending = "sha256:4444444444444444444444444444444444444444444444444444444444444444";

        [Fact]
        public void The_latest_image_with_critical_or_high_findings_fails_and_names_every_severity_counted()
        {
            using var bundle = Scenario();
            var findings = Run(bundle).ToDictionary(f => f.ResourceId);

            var web = findings["team/web"];
            Assert.Equal(FindingStatus.Fail, web.Status);
            Assert.Contains("2 CRITICAL and 5 HIGH", web.Reason);
            Assert.Contains("2 CRITICAL, 5 HIGH, 9 MEDIUM, 1 LOW", web.Reason);
            Assert.Contains("v2.4.1", web.Reason);
            Assert.Equal("AWS::ECR::Repository", web.ResourceType);
            Assert.Equal($"arn:aws:ecr:{East}:{Account}:repository/team/web", web.ResourceArn);
            Assert.Equal("team/web", web.Properties["RepositoryName"]);
            Assert.Equal(Latest, web.Properties["ImageDigest"]);
            Assert.Contains($"--image-id imageDigest={Latest}", web.Remediation);
            Assert.Contains("Get-ECRImageScanFinding -RepositoryName 'team/web'", web.Remediation);

            var batch = findings["batch"];
            Assert.Equal(FindingStatus.Pass, batch.Status);
            Assert.Contains("no CRITICAL or HIGH", batch.Reason);
            Assert.Contains("3 MEDIUM", batch.Reason);

            Assert.Equal(FindingStatus.NotApplicable, findings["empty"].Status);
            Assert.Contains("holds no image", findings["empty"].Reason);
            Assert.Equal(FindingStatus.NotApplicable, findings["queue-worker"].Status);
            Assert.Contains("IN_PROGRESS", findings["queue-worker"].Reason);
            Assert.Equal(FindingStatus.NotApplicable, findings["legacy"].Status);
            Assert.Contains("ScanNotFoundException", findings["legacy"].Reason);
        }

        [Fact]
        public void Only_the_most_recently_pushed_image_is_judged()
        {
            using var bundle = Scenario();
            Assert.Equal(Latest, EcrImageFindingsChecks.LatestImage(System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(Images((Old, "2025-01-10T08:00:00+00:00", "v2.4.0"), (Latest, "2025-11-02T09:30:00+00:00", "v2.4.1")))).RootElement)!.Value.Digest);

            // An older image of the same repository that is clean does not hide the latest one's findings, nor the reverse.
            bundle.Json(EcrCalls.DescribeImages(East, "batch").BundlePath, Images((Clean, "2025-03-01T00:00:00+00:00", "old"), (Old, "2025-12-01T00:00:00+00:00", "new")));
            bundle.Json(EcrCalls.DescribeImageScanFindings(East, "batch", Old).BundlePath, ScanAnswer("batch", Old, "COMPLETE", new Dictionary<string, int> { ["HIGH"] = 1 }));
            var batch = Run(bundle).Single(f => f.ResourceId == "batch");
            Assert.Equal(FindingStatus.Fail, batch.Status);
            Assert.Equal(Old, batch.Properties["ImageDigest"]);
        }

        [Fact]
        public void Denied_calls_are_errors_naming_the_action_never_a_pass()
        {
            using var bundle = Scenario();
            bundle.Error(EcrCalls.DescribeImages(East, "batch").BundlePath, "AccessDeniedException", "User is not authorized to perform: ecr:DescribeImages");
            bundle.Error(EcrCalls.DescribeImageScanFindings(East, "team/web", Latest).BundlePath, "AccessDeniedException", "User is not authorized to perform: ecr:DescribeImageScanFindings");
            var findings = Run(bundle).ToDictionary(f => f.ResourceId);
            Assert.Equal(FindingStatus.Error, findings["batch"].Status);
            Assert.Contains("ecr:DescribeImages", findings["batch"].Reason);
            Assert.Equal(FindingStatus.Error, findings["team/web"].Status);
            Assert.Contains("ecr:DescribeImageScanFindings", findings["team/web"].Reason);
        }

        [Fact]
        public void A_denied_repository_list_is_one_error_for_the_region()
        {
            using var bundle = new BundleBuilder(Account, East);
            bundle.Error(EcrCalls.DescribeRepositories(East).BundlePath, "AccessDeniedException", "User is not authorized to perform: ecr:DescribeRepositories");
            var finding = Assert.Single(Run(bundle));
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("ecr:DescribeRepositories", finding.Reason);
        }

        [Theory]
        [InlineData("{}")]
        [InlineData("{\"imageId\": {\"imageDigest\": \"" + Latest + "\"}, \"imageScanStatus\": {\"status\": \"COMPLETE\"}}")]
        [InlineData("{\"imageId\": {\"imageDigest\": \"" + Latest + "\"}, \"imageScanStatus\": {\"status\": \"COMPLETE\"}, \"imageScanFindings\": {\"findingSeverityCounts\": {\"HIGH\": \"many\"}}}")]
        [InlineData("{\"imageId\": {\"imageDigest\": \"" + Latest + "\"}, \"imageScanStatus\": {\"status\": \"COMPLETE\"}, \"imageScanFindings\": {\"findingSeverityCounts\": [1, 2]}}")]
        [InlineData("{\"imageId\": {\"imageDigest\": \"" + Clean + "\"}, \"imageScanStatus\": {\"status\": \"COMPLETE\"}, \"imageScanFindings\": {\"findingSeverityCounts\": {\"LOW\": 1}}}")]
        [InlineData("{\"imageId\": {\"imageDigest\": \"" + Latest + "\"}, \"imageScanStatus\": \"COMPLETE\", \"imageScanFindings\": {}}")]
        public void An_unreadable_scan_answer_is_an_error_never_a_pass(string json)
        {
            using var bundle = Scenario();
            bundle.File(EcrCalls.DescribeImageScanFindings(East, "team/web", Latest).BundlePath, json);
            var web = Run(bundle).Single(f => f.ResourceId == "team/web");
            Assert.Equal(FindingStatus.Error, web.Status);
        }

        [Theory]
        [InlineData("{\"imageDetails\": [{\"imageDigest\": \"" + Latest + "\"}]}")]
        [InlineData("{\"imageDetails\": [{\"imagePushedAt\": \"2025-11-02T09:30:00+00:00\"}]}")]
        [InlineData("{\"imageDetails\": {\"imageDigest\": \"" + Latest + "\"}}")]
        public void An_unreadable_image_list_is_an_error_for_that_repository_only(string json)
        {
            using var bundle = Scenario();
            bundle.File(EcrCalls.DescribeImages(East, "team/web").BundlePath, json);
            var findings = Run(bundle).ToDictionary(f => f.ResourceId);
            Assert.Equal(FindingStatus.Error, findings["team/web"].Status);
            Assert.Equal(FindingStatus.Pass, findings["batch"].Status);
        }

        private static IReadOnlyList<Finding> Run(BundleBuilder bundle) =>
            InfrastructureChecksRunner.Run(bundle, Sec07Catalog.Question).Of(Sec07Catalog.EcrImageFindings);

        private static BundleBuilder Scenario()
        {
            var bundle = new BundleBuilder(Account, East);
            var names = new[] { "team/web", "batch", "empty", "queue-worker", "legacy" };
            bundle.Json(EcrCalls.DescribeRepositories(East).BundlePath, new
            {
                repositories = names.Select(n => new { repositoryArn = $"arn:aws:ecr:{East}:{Account}:repository/{n}", registryId = Account, repositoryName = n, repositoryUri = $"{Account}.dkr.ecr.{East}.amazonaws.com/{n}", createdAt = "2024-05-02T10:11:12+00:00", imageTagMutability = "IMMUTABLE" }).ToArray(),
            });
            bundle.Json(EcrCalls.GetRegistryScanningConfiguration(East).BundlePath, new { registryId = Account, scanningConfiguration = new { scanType = "BASIC", rules = new object[0] } });

            bundle.Json(EcrCalls.DescribeImages(East, "team/web").BundlePath, Images((Old, "2025-01-10T08:00:00+00:00", "v2.4.0"), (Latest, "2025-11-02T09:30:00+00:00", "v2.4.1")));
            bundle.Json(EcrCalls.DescribeImageScanFindings(East, "team/web", Latest).BundlePath, ScanAnswer("team/web", Latest, "COMPLETE", new Dictionary<string, int> { ["LOW"] = 1, ["HIGH"] = 5, ["CRITICAL"] = 2, ["MEDIUM"] = 9 }));
            bundle.Json(EcrCalls.DescribeImages(East, "batch").BundlePath, Images((Clean, "2025-10-01T00:00:00+00:00", "latest")));
            bundle.Json(EcrCalls.DescribeImageScanFindings(East, "batch", Clean).BundlePath, ScanAnswer("batch", Clean, "COMPLETE", new Dictionary<string, int> { ["MEDIUM"] = 3, ["INFORMATIONAL"] = 4 }));
            bundle.Json(EcrCalls.DescribeImages(East, "empty").BundlePath, new { imageDetails = new object[0] });
            bundle.Json(EcrCalls.DescribeImages(East, "queue-worker").BundlePath, Images((Pending, "2025-12-01T00:00:00+00:00", "1.0")));
            bundle.Json(EcrCalls.DescribeImageScanFindings(East, "queue-worker", Pending).BundlePath, new
            {
                registryId = Account,
                repositoryName = "queue-worker",
                imageId = new { imageDigest = Pending, imageTag = "1.0" },
                imageScanStatus = new { status = "IN_PROGRESS" },
            });
            bundle.Json(EcrCalls.DescribeImages(East, "legacy").BundlePath, Images((Old, "2023-01-01T00:00:00+00:00", "1")));
            bundle.Error(EcrCalls.DescribeImageScanFindings(East, "legacy", Old).BundlePath, "ScanNotFoundException", $"Image scan does not exist for the image with '{{imageDigest:'{Old}', imageTag:'null'}}' in the repository with name 'legacy' in the registry with id '{Account}'");
            return bundle;
        }

        private static object Images(params (string Digest, string PushedAt, string Tag)[] images) => new
        {
            imageDetails = images.Select(i => new
            {
                registryId = Account,
                repositoryName = "r",
                imageDigest = i.Digest,
                imageTags = new[] { i.Tag },
                imageSizeInBytes = 52428800,
                imagePushedAt = i.PushedAt,
                imageScanStatus = new { status = "COMPLETE", description = "The scan was completed successfully." },
                imageManifestMediaType = "application/vnd.docker.distribution.manifest.v2+json",
                artifactMediaType = "application/vnd.docker.container.image.v1+json",
            }).ToArray(),
        };

        private static object ScanAnswer(string repository, string digest, string status, IDictionary<string, int> counts) => new
        {
            registryId = Account,
            repositoryName = repository,
            imageId = new { imageDigest = digest, imageTag = "v" },
            imageScanStatus = new { status, description = "The scan was completed successfully." },
            imageScanFindings = new
            {
                imageScanCompletedAt = "2025-11-02T09:31:10+00:00",
                vulnerabilitySourceUpdatedAt = "2025-11-01T23:00:00+00:00",
                findingSeverityCounts = counts,
                findings = new object[0],
            },
        };
    }
}
