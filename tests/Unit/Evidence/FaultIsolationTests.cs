using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using WASecurity.Catalog;
using WASecurity.Engine;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Evidence
{
    /// <summary>
    /// One unreadable response makes only the checks that read it Error, naming the file and the member inside it;
    /// a member of the wrong type is never read as "empty" or "false"; every other check still runs. Each case edits one
    /// file of a copy of the demo account and compares with the unedited run.
    /// </summary>
    public sealed class FaultIsolationTests
    {
        [Fact]
        public void A_user_list_given_as_a_string_is_Error_naming_the_file_and_member_never_a_Pass()
        {
            var baseline = Run(null, null, "SEC02");
            Assert.Contains(baseline, f => f.CheckId == "SEC02.NoFullAdminPolicies" && f.Status == FindingStatus.Fail);

            var findings = Run("global/iam/GetAccountAuthorizationDetails.json", d => d["UserDetailList"] = "x", "SEC02");

            var admin = findings.Where(f => f.CheckId == "SEC02.NoFullAdminPolicies").ToList();
            Assert.DoesNotContain(admin, f => f.Status == FindingStatus.Pass);
            var error = Assert.Single(admin);
            Assert.Equal(FindingStatus.Error, error.Status);
            Assert.Contains("iam:GetAccountAuthorizationDetails", error.Reason);
            Assert.Contains("'UserDetailList' is a string where AWS returns a list", error.Reason);
            Assert.Contains("$.UserDetailList", error.Reason);
            Assert.Contains("global/iam/GetAccountAuthorizationDetails.json", error.Reason);

            // The password policy does not read the authorization details: judged exactly as before.
            Assert.Equal(Statuses(baseline, "SEC02.PasswordPolicyStrong"), Statuses(findings, "SEC02.PasswordPolicyStrong"));
        }

        [Fact]
        public void Security_groups_given_as_a_string_are_Error_in_that_region_not_NotApplicable()
        {
            var baseline = Run(null, null, "SEC05");
            Assert.Contains(baseline, f => f.CheckId.StartsWith("SEC05.", StringComparison.Ordinal) && f.Region == "us-east-1" && f.Status == FindingStatus.Fail);

            var findings = Run("us-east-1/ec2/DescribeSecurityGroups.json", d => d["SecurityGroups"] = "x", "SEC05");

            var groups = findings.Where(f => f.Region == "us-east-1" && f.Evidence.Contains("FailedCall") && (string?)f.Evidence["FailedCall"] == "ec2:DescribeSecurityGroups").ToList();
            Assert.NotEmpty(groups);
            Assert.All(groups, f => Assert.Contains("'SecurityGroups' is a string where AWS returns a list", f.Reason));
            Assert.DoesNotContain(findings, f => f.Region == "us-east-1" && f.Status == FindingStatus.NotApplicable && !baseline.Any(b => Key(b) == Key(f) && b.Status == FindingStatus.NotApplicable));
            Assert.DoesNotContain(findings, f => f.Status == FindingStatus.Pass && !baseline.Any(b => Key(b) == Key(f) && b.Status == FindingStatus.Pass));

            // eu-west-1's groups are another file: judged exactly as before.
            Assert.Equal(
                baseline.Where(f => f.Region == "eu-west-1").Select(f => Key(f) + "=" + f.Status).OrderBy(k => k, StringComparer.Ordinal),
                findings.Where(f => f.Region == "eu-west-1").Select(f => Key(f) + "=" + f.Status).OrderBy(k => k, StringComparer.Ordinal));
        }

        [Fact]
        public void A_policy_status_without_IsPublic_is_Error_for_that_bucket_as_it_is_live()
        {
            var bucket = "demo-cloudtrail-logs-444455556666";
            var findings = RunEdited(WithoutBlockPublicAccess(bucket, $"global/s3/GetBucketPolicyStatus/{bucket}.json", d => d["PolicyStatus"] = new JsonObject()), "SEC04");
            var baseline = RunEdited(WithoutBlockPublicAccess(bucket), "SEC04");
            Assert.Equal(FindingStatus.Pass, baseline.Single(f => f.CheckId == "SEC04.TrailBucketNotPublic" && f.ResourceId == bucket).Status);

            var verdict = findings.Single(f => f.CheckId == "SEC04.TrailBucketNotPublic" && f.ResourceId == bucket);
            Assert.Equal(FindingStatus.Error, verdict.Status);
            Assert.Contains("PolicyStatus.IsPublic", verdict.Reason);
            Assert.Contains($"GetBucketPolicyStatus/{bucket}.json", verdict.Reason);
            Assert.Equal(
                baseline.Where(f => f.CheckId == "SEC04.TrailBucketNotPublic" && f.ResourceId != bucket).Select(f => Key(f) + "=" + f.Status),
                findings.Where(f => f.CheckId == "SEC04.TrailBucketNotPublic" && f.ResourceId != bucket).Select(f => Key(f) + "=" + f.Status));
        }

        [Fact]
        public void Managed_policies_without_PolicyName_are_named_from_their_ARN_and_judged_as_with_it()
        {
            var baseline = Run(null, null, "SEC02", "SEC03");

            var findings = Run("global/iam/GetAccountAuthorizationDetails.json", d =>
            {
                foreach (var policy in d["Policies"]!.AsArray())
                {
                    policy!.AsObject().Remove("PolicyName");
                }
            }, "SEC02", "SEC03");

            Assert.Equal(
                baseline.Select(f => Key(f) + "=" + f.Status).OrderBy(k => k, StringComparer.Ordinal),
                findings.Select(f => Key(f) + "=" + f.Status).OrderBy(k => k, StringComparer.Ordinal));
            Assert.DoesNotContain(findings, f => f.Status == FindingStatus.Error && !baseline.Any(b => Key(b) == Key(f) && b.Status == FindingStatus.Error));
        }

        [Fact]
        public void A_managed_policy_with_neither_name_nor_ARN_is_Error_naming_what_is_missing()
        {
            var findings = Run("global/iam/GetAccountAuthorizationDetails.json", d =>
            {
                var policy = d["Policies"]!.AsArray()[0]!.AsObject();
                policy.Remove("PolicyName");
                policy.Remove("Arn");
            }, "SEC02");

            var admin = findings.Single(f => f.CheckId == "SEC02.NoFullAdminPolicies");
            Assert.Equal(FindingStatus.Error, admin.Status);
            Assert.Contains("neither PolicyName nor an Arn", admin.Reason);
        }

        [Fact]
        public void A_boolean_given_as_a_number_is_Error_not_false()
        {
            var bucket = "demo-cloudtrail-logs-444455556666";
            var baseline = RunEdited(WithoutBlockPublicAccess(bucket), "SEC04");
            Assert.Equal(FindingStatus.Pass, baseline.Single(f => f.CheckId == "SEC04.TrailBucketNotPublic" && f.ResourceId == bucket).Status);

            var findings = RunEdited(WithoutBlockPublicAccess(bucket, $"global/s3/GetBucketPolicyStatus/{bucket}.json", d => d["PolicyStatus"]!["IsPublic"] = 0), "SEC04");

            var verdicts = findings.Where(f => f.CheckId == "SEC04.TrailBucketNotPublic").ToList();
            Assert.DoesNotContain(verdicts, f => f.Status == FindingStatus.Pass && f.ResourceId == bucket);
            var error = Assert.Single(verdicts, f => f.Status == FindingStatus.Error);
            Assert.Contains("'IsPublic' is a number where AWS returns true or false", error.Reason);
            Assert.Contains($"GetBucketPolicyStatus/{bucket}.json", error.Reason);
        }

        /// <summary>The bucket's Block Public Access removed (the account has none), so its policy decides; plus one more edit.</summary>
        private static (string, Action<JsonNode>)[] WithoutBlockPublicAccess(string bucket, string? file = null, Action<JsonNode>? edit = null)
        {
            var edits = new List<(string, Action<JsonNode>)>
            {
                ($"global/s3/GetPublicAccessBlock/{bucket}.json", d =>
                {
                    var block = d["PublicAccessBlockConfiguration"]!.AsObject();
                    foreach (var flag in block.Select(p => p.Key).ToList())
                    {
                        block[flag] = false;
                    }
                }),
            };
            if (file != null && edit != null)
            {
                edits.Add((file, edit));
            }

            return edits.ToArray();
        }

        private static string Key(Finding f) => $"{f.CheckId}|{f.Region}|{f.ResourceId}";

        private static IEnumerable<FindingStatus> Statuses(IEnumerable<Finding> findings, string checkId) =>
            findings.Where(f => f.CheckId == checkId).OrderBy(Key, StringComparer.Ordinal).Select(f => f.Status).ToList();

        /// <summary>Runs <paramref name="questions"/> on a copy of the demo account with one JSON file edited.</summary>
        private static IReadOnlyList<Finding> Run(string? file, Action<JsonNode>? edit, params string[] questions) =>
            RunEdited(file == null || edit == null ? Array.Empty<(string, Action<JsonNode>)>() : new[] { (file, edit) }, questions);

        /// <summary>Runs <paramref name="questions"/> on a copy of the demo account with JSON files edited.</summary>
        private static IReadOnlyList<Finding> RunEdited((string File, Action<JsonNode> Edit)[] edits, params string[] questions)
        {
            var root = Path.Combine(Path.GetTempPath(), "was-isolation-" + Guid.NewGuid().ToString("N"));
            try
            {
                foreach (var source in Directory.EnumerateFiles(DemoAccount.Path, "*", SearchOption.AllDirectories))
                {
                    var target = Path.Combine(root, Path.GetRelativePath(DemoAccount.Path, source));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(source, target);
                }

                foreach (var (file, edit) in edits)
                {
                    var path = Path.Combine(root, file);
                    var document = JsonNode.Parse(File.ReadAllText(path))!;
                    edit(document);
                    File.WriteAllText(path, document.ToJsonString());
                }

                using var evidence = BundleEvidenceSource.Open(root);
                var runner = new AssessmentEngine(evidence, CheckCatalog.DefaultSettings, () => DemoAccount.CollectedAt);
                var findings = new List<Finding>();
                runner.RunAsync(questions.Select(CheckCatalog.GetQuestion).ToList(), null, (_, f) => findings.AddRange(f), CancellationToken.None).GetAwaiter().GetResult();
                return findings;
            }
            finally
            {
                if (Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }
            }
        }
    }
}
