using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WASecurity.Permissions;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// The generated assessment policy on moto enforcing IAM (INITIAL_NO_AUTH_ACTION_COUNT): a user whose only
    /// permissions are that policy runs every question without one denial; the same policy without
    /// kms:GetKeyRotationStatus turns exactly the checks that need it into Error findings naming it, and every
    /// other check decides as before.
    /// </summary>
    /// <remarks>
    /// moto authorizes some S3 requests under names that differ from AWS's, so the test user also gets moto's names for
    /// those requests (never in the shipped policy): the bucket requests GetBucketEncryption, GetBucketPolicyStatus,
    /// GetObjectLockConfiguration, GetBucketReplication and the bucket GetPublicAccessBlock are checked by moto as
    /// s3:ListBucket (AWS: s3:GetEncryptionConfiguration, s3:GetBucketPolicyStatus, s3:GetBucketObjectLockConfiguration,
    /// s3:GetReplicationConfiguration, s3:GetBucketPublicAccessBlock), and S3 Control's GetPublicAccessBlock as
    /// s3:GetPublicAccessBlock (AWS: s3:GetAccountPublicAccessBlock). Those S3 actions are therefore proved against
    /// AWS's documentation (the catalog and registry tests), not against moto. Not proved here either: services moto
    /// does not implement (Access Analyzer: ServiceUnavailable; ec2:GetInstanceMetadataDefaults), and the REST GET
    /// requests to REST services (CloudFront, EFS, GuardDuty, Macie, Security Hub), whose signatures moto's enforcement
    /// rejects (SignatureDoesNotMatch) before it looks at the policy — boto3's own signed ListDetectors is rejected the
    /// same way by moto 5.2.1, so this is the emulator's limit, not the module's signer. Those answers are not denials
    /// and are not counted as such. Every other service answered the caller under its policy (moto 5.2.1).
    /// </remarks>
    public sealed class PolicyEnforcementTests : IDisposable
    {
        private const string RemovedAction = "kms:GetKeyRotationStatus";

        private static readonly string[] MotoOnlyS3Names = { "s3:ListBucket", "s3:GetPublicAccessBlock" };

        private static readonly Regex DenialCode = new Regex("AccessDenied|Unauthorized|AuthFailure|Forbidden", RegexOptions.IgnoreCase);

        private readonly MotoServer _moto;
        private readonly (string Key, string Secret) _full;
        private readonly (string Key, string Secret) _partial;
        private readonly string _keyId;

        public PolicyEnforcementTests()
        {
            var actions = PermissionModel.Assessment(null).Select(p => p.Action).ToList();
            Assert.Contains(RemovedAction, actions);
            _moto = MotoServer.Start(new Dictionary<string, string> { ["INITIAL_NO_AUTH_ACTION_COUNT"] = "200" });
            var output = _moto.RunPython(
                string.Join("\n", new[]
                {
                    "from botocore.exceptions import ClientError",
                    "key_id = client('kms').create_key(Description='data key')['KeyMetadata']['KeyId']",
                    "client('s3').create_bucket(Bucket='was-policy-bucket')",
                    "iam = client('iam')",
                    "keys = []",
                    "for name, policy in (('auditor', os.environ['FULL_POLICY']), ('auditor-partial', os.environ['PARTIAL_POLICY'])):",
                    "    iam.create_user(UserName=name)",
                    "    iam.put_user_policy(UserName=name, PolicyName='assessment', PolicyDocument=policy)",
                    "    k = iam.create_access_key(UserName=name)['AccessKey']",
                    "    keys += [k['AccessKeyId'], k['SecretAccessKey']]",
                    "# Use up the unauthenticated requests: from here on moto evaluates every caller's policies.",
                    "for _ in range(250):",
                    "    try:",
                    "        iam.list_users()",
                    "    except ClientError:",
                    "        break",
                    "else:",
                    "    raise SystemExit('moto never started enforcing IAM')",
                    "print(key_id, *keys)",
                }),
                new Dictionary<string, string>
                {
                    ["FULL_POLICY"] = ForMoto(actions),
                    ["PARTIAL_POLICY"] = ForMoto(actions.Where(a => a != RemovedAction)),
                }).Trim().Split(' ');
            _keyId = output[0];
            _full = (output[1], output[2]);
            _partial = (output[3], output[4]);
        }

        public void Dispose() => _moto.Dispose();

        [Fact]
        public void The_generated_policy_runs_every_question_without_a_denial_and_one_missing_action_fails_exactly_its_checks()
        {
            var full = Assess(_full);
            Assert.NotEmpty(full.Findings);
            Assert.Equal(12, full.Findings.Select(f => f.Question).Distinct().Count());
            var denied = full.Findings.Where(IsDenial).Select(f => $"{f.CheckId}: {f.Reason}").ToList();
            Assert.True(denied.Count == 0, "Denied with the generated policy:\n" + string.Join("\n", denied));
            Assert.DoesNotContain(full.Warnings, w => w.Contains("was denied", StringComparison.Ordinal));
            // The key is assessed: its rotation status was read with the policy.
            Assert.Equal(FindingStatus.Fail, full.Findings.Single(f => f.CheckId == "SEC10.KeyRotationEnabled" && f.ResourceId == _keyId).Status);

            var partial = Assess(_partial);
            var needing = PermissionModel.Assessment(null).Single(p => p.Action == RemovedAction).CheckIds;
            Assert.Equal(new[] { "SEC10.KeyRotationEnabled" }, needing);
            foreach (var checkId in needing)
            {
                var finding = partial.Findings.Single(f => f.CheckId == checkId && f.ResourceId == _keyId);
                Assert.Equal(FindingStatus.Error, finding.Status);
                Assert.Equal(RemovedAction, finding.Evidence["FailedCall"]);
                Assert.Contains($"{RemovedAction} in us-east-1 was denied", finding.Reason);
            }

            Assert.Equal(needing, partial.Findings.Where(IsDenial).Select(f => f.CheckId).Distinct());
            Assert.Equal(Statuses(full, needing), Statuses(partial, needing));
            var warning = Assert.Single(partial.Warnings, w => w.Contains("was denied", StringComparison.Ordinal));
            Assert.StartsWith($"{RemovedAction} was denied", warning);
        }

        private PowerShellResult Assess((string Key, string Secret) keys) =>
            PowerShellRunner.Run($"Invoke-WASAssessment -EndpointUrl {_moto.Endpoint} -AccessKey {keys.Key} -SecretKey '{keys.Secret}' -Region us-east-1 -NoCache");

        private static bool IsDenial(Finding finding) =>
            finding.Status == FindingStatus.Error && finding.Evidence.Contains("ErrorCode") && DenialCode.IsMatch(Convert.ToString(finding.Evidence["ErrorCode"]) ?? string.Empty);

        /// <summary>
        /// Every finding's check, resource and status, except those of <paramref name="excluded"/> and those about the two
        /// test users: each run uses one user's access key, which changes what the credential report says about it.
        /// </summary>
        private static List<string> Statuses(PowerShellResult result, IEnumerable<string> excluded) =>
            result.Findings
                .Where(f => !excluded.Contains(f.CheckId))
                .Where(f => f.ResourceId != "auditor" && f.ResourceId != "auditor-partial")
                .Select(f => $"{f.CheckId} {f.Region}/{f.ResourceId} {f.Status}")
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToList();

        /// <summary>The generated policy, plus a second statement with moto's names for the S3 requests it names differently.</summary>
        private static string ForMoto(IEnumerable<string> actions)
        {
            var policy = JsonNode.Parse(PermissionModel.PolicyDocument(actions, PermissionModel.AssessmentSid))!.AsObject();
            policy["Statement"]!.AsArray().Add(new JsonObject
            {
                ["Sid"] = "MotoNamesForTheSameS3Requests",
                ["Effect"] = "Allow",
                ["Action"] = new JsonArray(MotoOnlyS3Names.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
                ["Resource"] = "*",
            });
            return policy.ToJsonString();
        }
    }
}
