using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>Runs SEC 3 checks on a handcrafted bundle through CheckHarness (fixed clock), and writes SEC 3 evidence shapes.</summary>
    internal static class Sec03Fixture
    {
        /// <summary>The shared fixture clock; ages in these fixtures are written relative to it.</summary>
        public static readonly DateTimeOffset Now = CheckHarness.Now;

        public const string AccountId = "111122223333";

        /// <summary>The findings of one SEC 3 check (by id) against the bundle, at <see cref="Now"/>.</summary>
        public static IReadOnlyList<Finding> Run(BundleBuilder bundle, string checkId, IDictionary? settings = null)
        {
            var values = settings?.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value);
            var findings = CheckHarness.Run(bundle.WriteFolder(), "SEC03", values, checkId);
            Assert.All(findings, f => Assert.Equal(checkId, f.CheckId));
            return findings;
        }

        public static Finding Single(IReadOnlyList<Finding> findings, string resourceId) =>
            Assert.Single(findings, f => f.ResourceId == resourceId);

        public static IReadOnlyList<Finding> Failures(IReadOnlyList<Finding> findings) =>
            findings.Where(f => f.Status == FindingStatus.Fail).ToList();

        /// <summary>A timestamp <paramref name="days"/> before <see cref="Now"/>, as the credential report and the AWS CLI write it.</summary>
        public static string DaysAgo(double days) => Now.AddDays(-days).ToString("yyyy-MM-ddTHH:mm:ss+00:00", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Builds an IAM credential report CSV with AWS's columns.</summary>
    internal sealed class CredentialReportCsv
    {
        private const string Header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

        private readonly StringBuilder _text = new StringBuilder(Header).Append('\n');

        public CredentialReportCsv()
        {
            _text.Append($"<root_account>,arn:aws:iam::{Sec03Fixture.AccountId}:root,2020-01-01T00:00:00+00:00,not_supported,N/A,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
        }

        /// <summary>A user; a key is (lastRotated, lastUsed) or null for no active key; "N/A"/"no_information" are allowed for lastUsed.</summary>
        public CredentialReportCsv User(string name, string created, (string Rotated, string Used)? key1 = null, (string Rotated, string Used)? key2 = null, bool password = false)
        {
            _text.Append(string.Join(",", new[]
            {
                name, $"arn:aws:iam::{Sec03Fixture.AccountId}:user/{name}", created,
                password ? "true" : "false", "N/A", password ? created : "N/A", "N/A", "false",
            }.Concat(Key(key1)).Concat(Key(key2)).Concat(new[] { "false", "N/A", "false", "N/A" }))).Append('\n');
            return this;

            static string[] Key((string Rotated, string Used)? key) => key == null
                ? new[] { "false", "N/A", "N/A", "N/A", "N/A" }
                : new[] { "true", key.Value.Rotated, key.Value.Used, key.Value.Used.Contains('T') ? "us-east-1" : "N/A", key.Value.Used.Contains('T') ? "s3" : "N/A" };
        }

        public override string ToString() => _text.ToString();
    }
}
