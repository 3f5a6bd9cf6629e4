using System;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// The S3 checks of SEC 6, 8, 9 and 11 on a live (moto) account: each planted problem beside a clean
    /// counterpart, collected through the SDK (S3) and the REST-XML client (S3 Control), judged by the real cmdlets.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class S3LiveTests
    {
        private const string PublicPolicy = "was-s3-public-policy";
        private const string PublicAcl = "was-s3-public-acl";
        private const string Private = "was-s3-private";
        private const string Unencrypted = "was-s3-unencrypted";
        private const string RestrictedUnversioned = "was-s3-restricted-unversioned";
        private const string RestrictedVersioned = "was-s3-restricted-versioned";
        private const string TlsEnforced = "was-s3-tls-enforced";
        private const string Untagged = "was-s3-untagged";

        private static readonly string[] AllBuckets = { PublicPolicy, PublicAcl, Private, Unencrypted, RestrictedUnversioned, RestrictedVersioned, TlsEnforced, Untagged };

        private readonly MotoServer _moto;
        private readonly ITestOutputHelper _output;

        public S3LiveTests(MotoServer moto, ITestOutputHelper output)
        {
            _moto = moto;
            _output = output;
        }

        [Fact]
        public void Each_planted_S3_problem_fails_on_its_bucket_and_clean_counterparts_do_not()
        {
            Seed();

            var service = Run("Test-WASServiceSecurity");
            Assert.Equal(FindingStatus.Fail, service.Single(f => f.CheckId == "SEC06.AccountBlockPublicAccess").Status);
            AssertBuckets(service, "SEC06.BucketNotPublic", fail: new[] { PublicPolicy, PublicAcl });
            AssertBuckets(service, "SEC06.BucketBlockPublicAccess", fail: AllBuckets.Where(b => b != Private).ToArray());

            var classification = Run("Get-WASDataClassification");
            AssertBuckets(classification, "SEC08.DataStoreClassified", fail: new[] { Untagged });
            Assert.Equal("Restricted", classification.Single(f => f.CheckId == "SEC08.DataStoreClassified" && Bucket(f) == RestrictedVersioned).Properties["Classification"]);

            var atRest = Run("Test-WASEncryptionAtRest");
            AssertBuckets(atRest, "SEC09.BucketDefaultEncryption", fail: new[] { Unencrypted });
            Assert.Equal("SSE-KMS", atRest.Single(f => f.CheckId == "SEC09.BucketDefaultEncryption" && Bucket(f) == RestrictedVersioned).Properties["EncryptionType"]);
            AssertBuckets(atRest, "SEC09.SensitiveBucketVersioning", fail: new[] { RestrictedUnversioned }, only: new[] { RestrictedUnversioned, RestrictedVersioned });

            var inTransit = Run("Test-WASEncryptionInTransit");
            AssertBuckets(inTransit, "SEC11.BucketDeniesInsecureTransport", fail: AllBuckets.Where(b => b != TlsEnforced).ToArray());

            // Full account-level Block Public Access covers every bucket.
            _moto.RunPython(string.Join("\n", new[]
            {
                // boto3 would put the account id in front of the emulator's host name.
                "s3control = client('s3control')",
                "def unprefix(request, **kwargs):",
                "    request.url = request.url.replace('//123456789012.', '//')",
                "s3control.meta.events.register('before-send.s3-control.*', unprefix)",
                "s3control.put_public_access_block(AccountId='123456789012', PublicAccessBlockConfiguration="
                    + "{'BlockPublicAcls': True, 'IgnorePublicAcls': True, 'BlockPublicPolicy': True, 'RestrictPublicBuckets': True})",
            }));
            var blocked = Run("Test-WASServiceSecurity");
            Assert.Equal(FindingStatus.Pass, blocked.Single(f => f.CheckId == "SEC06.AccountBlockPublicAccess").Status);
            AssertBuckets(blocked, "SEC06.BucketBlockPublicAccess", fail: Array.Empty<string>());
            AssertBuckets(blocked, "SEC06.BucketNotPublic", fail: Array.Empty<string>());
        }

        private IReadOnlyList<Finding> Run(string cmdlet)
        {
            var result = PowerShellRunner.Run($"{cmdlet} -EndpointUrl {_moto.Endpoint} -AccessKey AKIDS3LIVETEST -SecretKey s3livesecret -Region us-east-1 -NoCache");
            Assert.Null(result.Terminating);
            foreach (var finding in result.Findings.Where(f => f.Properties.ContainsKey("BucketName") || f.CheckId.StartsWith("SEC06.Account", StringComparison.Ordinal)))
            {
                _output.WriteLine($"{cmdlet}: {finding.CheckId} {finding.Status} {finding.ResourceId}: {finding.Reason}");
            }

            return result.Findings;
        }

        private static string? Bucket(Finding finding) => finding.Properties.TryGetValue("BucketName", out var name) ? name as string : null;

        /// <summary>
        /// Exactly <paramref name="fail"/> fail, once each; every other bucket of <paramref name="only"/> (default all) passes;
        /// no S3 finding of the check is an Error.
        /// </summary>
        private static void AssertBuckets(IReadOnlyList<Finding> findings, string checkId, string[] fail, string[]? only = null)
        {
            var expected = only ?? AllBuckets;
            var ofCheck = findings.Where(f => f.CheckId == checkId && Bucket(f) != null && AllBuckets.Contains(Bucket(f))).ToList();
            Assert.Equal(expected.OrderBy(b => b), ofCheck.Select(f => Bucket(f)!).OrderBy(b => b));
            Assert.Equal(fail.OrderBy(b => b), ofCheck.Where(f => f.Status == FindingStatus.Fail).Select(f => Bucket(f)!).OrderBy(b => b));
            Assert.All(ofCheck.Where(f => !fail.Contains(Bucket(f))), f => Assert.True(f.Status == FindingStatus.Pass, $"{checkId} on {Bucket(f)}: {f.Status} {f.Reason}"));
        }

        private void Seed()
        {
            _moto.Reset();
            _moto.RunPython(string.Join("\n", new[]
            {
                "s3 = client('s3')",
                "kms = client('kms')",
                "key = kms.create_key(Description='was-s3 restricted data')['KeyMetadata']['Arn']",
                $"buckets = {{'{PublicPolicy}': 'Public', '{PublicAcl}': 'Public', '{Private}': 'Internal', '{Unencrypted}': 'Internal',",
                $"           '{RestrictedUnversioned}': 'Restricted', '{RestrictedVersioned}': 'Restricted', '{TlsEnforced}': 'Internal', '{Untagged}': None}}",
                "for name, label in buckets.items():",
                "    s3.create_bucket(Bucket=name)",
                "    if label:",
                "        s3.put_bucket_tagging(Bucket=name, Tagging={'TagSet': [{'Key': 'DataClassification', 'Value': label}, {'Key': 'team', 'Value': 'data'}]})",
                "    if label == 'Restricted':",
                "        rule = {'SSEAlgorithm': 'aws:kms', 'KMSMasterKeyID': key}",
                "    else:",
                "        rule = {'SSEAlgorithm': 'AES256'}",
                $"    if name != '{Unencrypted}':",
                "        s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={'Rules': [{'ApplyServerSideEncryptionByDefault': rule}]})",
                $"    else:",
                "        try:",
                "            s3.delete_bucket_encryption(Bucket=name)",
                "        except Exception:",
                "            pass",
                $"s3.put_bucket_versioning(Bucket='{RestrictedVersioned}', VersioningConfiguration={{'Status': 'Enabled'}})",
                $"s3.put_bucket_policy(Bucket='{PublicPolicy}', Policy=json.dumps({{'Version': '2012-10-17', 'Statement': [{{'Effect': 'Allow', 'Principal': '*', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::{PublicPolicy}/*'}}]}}))",
                $"s3.put_bucket_acl(Bucket='{PublicAcl}', ACL='public-read')",
                $"s3.put_public_access_block(Bucket='{Private}', PublicAccessBlockConfiguration={{'BlockPublicAcls': True, 'IgnorePublicAcls': True, 'BlockPublicPolicy': True, 'RestrictPublicBuckets': True}})",
                $"s3.put_bucket_policy(Bucket='{TlsEnforced}', Policy=json.dumps({{'Version': '2012-10-17', 'Statement': [{{'Sid': 'DenyInsecureTransport', 'Effect': 'Deny', 'Principal': '*', 'Action': 's3:*',",
                $"    'Resource': ['arn:aws:s3:::{TlsEnforced}', 'arn:aws:s3:::{TlsEnforced}/*'], 'Condition': {{'Bool': {{'aws:SecureTransport': 'false'}}}}}}]}}))",
            }));
        }
    }
}
