using System.Linq;
using WASecurity.Checks.Sec03;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>Planted secrets are found and located; references and ordinary configuration are not secrets.</summary>
    public sealed class Sec03SecretDetectorTests
    {
        // Made-up credentials in the providers' shapes (none of them is, or was, a real credential).
        private const string AccessKeyId = "AKIAZ7QX4MPLE2W3ABCD";
        private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKY";

        [Theory]
        [InlineData("export AWS_ACCESS_KEY_ID=" + AccessKeyId, "AWS access key id")]
        [InlineData("aws_secret_access_key = " + SecretKey, "AWS secret access key")]
        [InlineData("-----BEGIN RSA PRIVATE KEY-----", "private key")]
        [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----", "private key")]
        [InlineData("-----BEGIN PRIVATE KEY-----", "private key")]
        [InlineData("git clone https://ghp_0123456789abcdefABCDEF0123456789abcd@github.com/o/r", "GitHub token")]
        [InlineData("SLACK=xoxb-1234567890-abcdefghij", "Slack token")]
        [InlineData("curl https://hooks.slack.com/services/T0ABC1234/B0ABC1234/abcdefghijklmnop1234", "Slack webhook")]
        [InlineData("STRIPE=sk_live_0123456789abcdefABCDEF", "Stripe live key")]
        [InlineData("maps_key: AIzaSyA0123456789abcdefghijklmnopqrstuv", "Google API key")]
        [InlineData("DATABASE_URL=postgres://app:S3cr3t-Pa55@db.internal:5432/app", "password in a URL")]
        [InlineData("export DB_PASSWORD=hunter2-prod", "password")]
        [InlineData("mysql --password 'Tr0ub4dor&3' -h db", "password")]
        [InlineData("\"admin_password\": \"correct-horse-battery\"", "password")]
        [InlineData("API_TOKEN=9f8e7d6c5b4a39281706f5e4d3c2b1a0ZyXw", "high-entropy secret")]
        public void A_planted_secret_is_found_with_its_line(string line, string kind)
        {
            var hits = SecretDetectors.ScanText("#!/bin/bash\nyum -y update\n" + line + "\n");

            var hit = Assert.Single(hits);
            Assert.Equal(kind, hit.Kind);
            Assert.Equal("line 3", hit.Location);
        }

        [Theory]
        [InlineData("export DB_PASSWORD=${DB_PASSWORD}")]
        [InlineData("DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id prod/db --query SecretString --output text)")]
        [InlineData("password: '{{resolve:secretsmanager:prod/db:SecretString:password}}'")]
        [InlineData("DB_PASSWORD_ARN=arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf")]
        [InlineData("password_param=db_password_param")]
        [InlineData("PASSWORD=****")]
        [InlineData("API_TOKEN_TTL=3600")]
        [InlineData("TOKEN_URL=https://auth.example.com/oauth2/token")]
        [InlineData("echo 'AKIA is how access key ids start'")]
        [InlineData("INSTANCE_ID=i-0123456789abcdef0")]
        [InlineData("yum install -y amazon-cloudwatch-agent")]
        [InlineData("DATABASE_URL=postgres://app@db.internal:5432/app")]
        public void References_and_ordinary_configuration_are_not_secrets(string line)
        {
            Assert.Empty(SecretDetectors.ScanText("#!/bin/bash\n" + line + "\n"));
        }

        [Fact]
        public void A_named_value_is_judged_with_its_name_as_context()
        {
            Assert.Equal("password", Assert.Single(SecretDetectors.ScanValue("DB_PASSWORD", "hunter2-prod", "variable")).Kind);
            Assert.Equal("variable DB_PASSWORD", Assert.Single(SecretDetectors.ScanValue("DB_PASSWORD", "hunter2-prod", "variable")).Location);
            Assert.Equal("AWS access key id", Assert.Single(SecretDetectors.ScanValue("KEY", AccessKeyId, "variable")).Kind);
            Assert.Equal("high-entropy secret", Assert.Single(SecretDetectors.ScanValue("ClientSecret", "Zx9-Qw8_Er7tY6uI5oP4aS3dF2", "output")).Kind);
            Assert.Empty(SecretDetectors.ScanValue("DB_PASSWORD", "{{resolve:ssm-secure:/prod/db}}", "variable"));
            Assert.Empty(SecretDetectors.ScanValue("BucketName", "Zx9-Qw8_Er7tY6uI5oP4aS3dF2", "output"));
            Assert.Empty(SecretDetectors.ScanValue("LOG_LEVEL", "debug", "variable"));
        }

        [Fact]
        public void The_description_names_kinds_and_places_never_values()
        {
            var hits = SecretDetectors.ScanText("export AWS_ACCESS_KEY_ID=" + AccessKeyId + "\nexport AWS_SECRET_ACCESS_KEY=" + SecretKey + "\n");
            var text = SecretDetectors.Describe(hits);

            Assert.Equal("an AWS access key id (line 1) and an AWS secret access key (line 2)", text);
            Assert.DoesNotContain(AccessKeyId, text);
            Assert.DoesNotContain(SecretKey, text);
            Assert.All(hits, h => Assert.DoesNotContain(SecretKey, h.ToString()));
        }

        [Fact]
        public void Long_text_is_scanned_within_bounds()
        {
            var within = string.Join("\n", Enumerable.Repeat("echo hello", 19990)) + "\nexport DB_PASSWORD=hunter2-prod";
            var beyond = string.Join("\n", Enumerable.Repeat("echo hello", 20000)) + "\nexport DB_PASSWORD=hunter2-prod";

            Assert.Equal("line 19991", Assert.Single(SecretDetectors.ScanText(within)).Location);
            Assert.Empty(SecretDetectors.ScanText(beyond));
            Assert.Equal(5.0, SecretDetectors.Entropy("abcdefghijklmnopqrstuvwxyz012345"), 3);
        }
    }
}
