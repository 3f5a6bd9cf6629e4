using System;
using System.Linq;
using WASecurity.Checks.Iam;
using Xunit;

namespace WASecurity.Tests.Checks
{
    public sealed class CredentialReportTests
    {
        private const string Header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

        [Fact]
        public void Parses_root_row_with_not_supported_and_offsets()
        {
            var report = CredentialReport.Parse(Header + "\r\n<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,2026-11-20T10:00:00+02:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\r\n");
            var root = Assert.Single(report.Entries);
            Assert.True(root.IsRoot);
            Assert.Same(root, report.Root);
            Assert.Null(root.PasswordEnabled);
            Assert.True(root.PasswordLastChanged.IsNotSupported);
            Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), root.PasswordLastUsed.Time);
            Assert.True(root.AccessKey1LastUsed.IsNotApplicable);
            Assert.Empty(report.Users);
        }

        [Fact]
        public void Distinguishes_no_information_from_not_applicable()
        {
            var report = CredentialReport.Parse(Header + "\nbob,arn:aws:iam::111122223333:user/bob,2021-01-01T00:00:00+00:00,true,no_information,2021-01-01T00:00:00+00:00,N/A,false,true,2021-01-01T00:00:00+00:00,no_information,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A");
            var bob = report.Users.Single();
            Assert.True(bob.PasswordEnabled);
            Assert.True(bob.PasswordLastUsed.IsNoInformation);
            Assert.Null(bob.PasswordLastUsed.Time);
            Assert.True(bob.AccessKey1LastUsed.IsNoInformation);
            Assert.True(bob.AccessKey2LastRotated.IsNotApplicable);
            Assert.Null(bob.LastUsed);
            Assert.Null(report.Root);
        }

        [Fact]
        public void Reads_quoted_fields_and_columns_by_name_in_any_order()
        {
            var columns = Header.Split(',').Reverse().ToArray();
            var values = "<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,N/A,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,true,2022-01-01T00:00:00+00:00,false,N/A".Split(',').Reverse().Select(v => "\"" + v + "\"");
            var report = CredentialReport.Parse(string.Join(",", columns) + "\n" + string.Join(",", values) + "\n");
            Assert.True(report.Root!.Cert1Active);
        }

        [Theory]
        [InlineData("user,arn\nalice,arn:aws:iam::1:user/alice", "header lacks")]
        [InlineData(Header + "\nalice,arn:aws:iam::111122223333:user/alice,2021-01-01T00:00:00+00:00,true", "line 2")]
        [InlineData(Header + "\nalice,arn:aws:iam::111122223333:user/alice,yesterday,true,N/A,N/A,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A", "user_creation_time")]
        [InlineData(Header + "\nalice,arn:aws:iam::111122223333:user/alice,2021-01-01T00:00:00+00:00,maybe,N/A,N/A,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A", "password_enabled")]
        [InlineData("", "empty")]
        [InlineData(Header + "\n\"unterminated,x", "not closed")]
        public void Malformed_reports_say_where(string csv, string expected)
        {
            var e = Assert.Throws<FormatException>(() => CredentialReport.Parse(csv));
            Assert.Contains(expected, e.Message);
        }
    }
}
