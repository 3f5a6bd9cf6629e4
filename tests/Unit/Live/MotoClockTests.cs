using System;
using System.Globalization;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>The clock launcher (Infrastructure/moto_clock_server.py): a shifted "now" while seeding, then the real one.</summary>
    public sealed class MotoClockTests
    {
        [Fact]
        public void Resources_created_while_the_clock_is_shifted_carry_the_shifted_date_and_disposing_restores_it()
        {
            using var moto = MotoServer.StartWithClock();

            using (moto.ShiftClock(-400))
            {
                Assert.InRange((DateTimeOffset.UtcNow - moto.ServerNow()).TotalDays, 399.9, 400.1);
                moto.RunPython("client('iam').create_user(UserName='old'); client('secretsmanager').create_secret(Name='old', SecretString='x')");
            }

            Assert.InRange((DateTimeOffset.UtcNow - moto.ServerNow()).TotalMinutes, -1, 1);
            moto.RunPython("client('iam').create_user(UserName='new')");
            var dates = moto.RunPython(string.Join("\n", new[]
            {
                "iam = client('iam')",
                "print(iam.get_user(UserName='old')['User']['CreateDate'].isoformat())",
                "print(iam.get_user(UserName='new')['User']['CreateDate'].isoformat())",
                "print(client('secretsmanager').describe_secret(SecretId='old')['CreatedDate'].isoformat())",
            })).Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.InRange(DaysAgo(dates[0]), 399.9, 400.1);
            Assert.InRange(DaysAgo(dates[1]), -0.01, 0.01);
            Assert.InRange(DaysAgo(dates[2]), 399.9, 400.1);
        }

        private static double DaysAgo(string iso) =>
            (DateTimeOffset.UtcNow - DateTimeOffset.Parse(iso.Trim(), CultureInfo.InvariantCulture)).TotalDays;
    }
}
