using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using WASecurity.Aws.Operations;
using WASecurity.Remediation;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// The requests the remediation cmdlets send, checked byte for byte where moto does not look (moto ignores the
    /// host, the signature, the payload hash and KMS's RotationPeriodInDays): a fake endpoint with AWS's response shapes.
    /// </summary>
    public sealed class RemediationFixtureTests
    {
        private const string CallerIdentity =
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
            + "<Arn>arn:aws:iam::111122223333:user/admin</Arn><UserId>AIDAFIXTURE</UserId><Account>111122223333</Account>"
            + "</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>";

        private const string BlockPath = "/v20180820/configuration/publicAccessBlock";

        [Fact]
        public void S3_account_public_access_block_is_a_signed_REST_XML_PUT_to_the_override_host_fixture()
        {
            var put = false;
            using var fake = new FakeAwsEndpoint(request =>
            {
                if (request.Operation == "GetCallerIdentity")
                {
                    return FakeResponse.Xml(CallerIdentity);
                }

                if (request.Path == BlockPath && request.Method == "GET")
                {
                    return put
                        ? FakeResponse.Xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>")
                        : new FakeResponse(404, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchPublicAccessBlockConfiguration</Code><Message>The public access block configuration was not found</Message></Error>", "application/xml");
                }

                if (request.Path == BlockPath && request.Method == "PUT")
                {
                    put = true;
                    return new FakeResponse(200, string.Empty);
                }

                return new FakeResponse(400, "unexpected " + request.Method + " " + request.Path, "text/plain");
            });

            var run = PowerShellRunner.Run($"Enable-WASS3AccountPublicAccessBlock -EndpointUrl {fake.Endpoint} -AccessKey AKIDFIXTURE -SecretKey fixturesecret -Region eu-west-1 -AccountId 111122223333 -Force").AssertNoErrors();

            var result = Assert.IsType<RemediationResult>(Assert.Single(run.Output).BaseObject);
            Assert.True(result.Changed);
            Assert.All(result.Before.Values.Cast<object>(), v => Assert.Equal(false, v));
            Assert.All(result.After.Values.Cast<object>(), v => Assert.Equal(true, v));

            var request = Assert.Single(fake.Requests, r => r.Method == "PUT");
            Assert.Equal(BlockPath, request.Path);
            Assert.Equal(new Uri(fake.Endpoint).Authority, request.Headers["Host"]);
            Assert.Equal("111122223333", request.Headers["x-amz-account-id"]);
            Assert.Equal("application/xml", request.Headers["Content-Type"]);
            Assert.Equal(Hex(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body))), request.Headers["x-amz-content-sha256"]);
            var authorization = request.Headers["Authorization"];
            Assert.Contains("/eu-west-1/s3/aws4_request", authorization);
            Assert.Contains("x-amz-account-id", authorization);
            Assert.Contains("x-amz-content-sha256", authorization);

            var body = XDocument.Parse(request.Body).Root!;
            XNamespace ns = "http://awss3control.amazonaws.com/doc/2018-08-20/";
            Assert.Equal(ns + "PublicAccessBlockConfiguration", body.Name);
            Assert.Equal(
                new[] { "BlockPublicAcls=true", "IgnorePublicAcls=true", "BlockPublicPolicy=true", "RestrictPublicBuckets=true" },
                body.Elements().Select(e => e.Name.LocalName + "=" + e.Value));
            Assert.DoesNotContain("fixturesecret", run.AllText);
        }

        [Fact]
        public void S3_Control_host_carries_the_account_id_only_without_an_endpoint_override()
        {
            var service = S3ControlOperations.Service.WithHostPrefix("111122223333.");
            Assert.Equal("111122223333.s3-control.eu-west-1.amazonaws.com", service.Resolve("eu-west-1", null).Uri.Host);
            Assert.Equal("localhost", service.Resolve("eu-west-1", "http://localhost:4566").Uri.Host);
            Assert.Equal("s3", service.Resolve("eu-west-1", null).SigningName);
        }

        [Fact]
        public void Key_rotation_sends_the_requested_period_fixture()
        {
            var enabled = false;
            using var fake = new FakeAwsEndpoint(request =>
            {
                switch (request.Operation)
                {
                    case "TrentService.DescribeKey":
                        return FakeResponse.Json(200, "{\"KeyMetadata\":{\"AWSAccountId\":\"111122223333\",\"KeyId\":\"1234abcd-12ab-34cd-56ef-1234567890ab\",\"Arn\":\"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\",\"KeyManager\":\"CUSTOMER\",\"KeySpec\":\"SYMMETRIC_DEFAULT\",\"KeyUsage\":\"ENCRYPT_DECRYPT\",\"Origin\":\"AWS_KMS\",\"KeyState\":\"Enabled\",\"Enabled\":true}}");
                    case "TrentService.GetKeyRotationStatus":
                        return FakeResponse.Json(200, enabled
                            ? "{\"KeyId\":\"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\",\"KeyRotationEnabled\":true,\"RotationPeriodInDays\":180,\"NextRotationDate\":1.7356896E9}"
                            : "{\"KeyId\":\"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\",\"KeyRotationEnabled\":false}");
                    case "TrentService.EnableKeyRotation":
                        enabled = true;
                        return FakeResponse.Json(200, "{}");
                    default:
                        return new FakeResponse(400, "unexpected " + request.Operation, "text/plain");
                }
            });

            var run = PowerShellRunner.Run($"Enable-WASKeyRotation -EndpointUrl {fake.Endpoint} -AccessKey AKIDFIXTURE -SecretKey s -KeyId 1234abcd-12ab-34cd-56ef-1234567890ab -Region eu-west-1 -RotationPeriodInDays 180 -Force").AssertNoErrors();

            var result = Assert.IsType<RemediationResult>(Assert.Single(run.Output).BaseObject);
            Assert.Equal(180, result.After["RotationPeriodInDays"]);
            Assert.Equal("111122223333", result.AccountId);
            var enable = Assert.Single(fake.Requests, r => r.Operation == "TrentService.EnableKeyRotation");
            using var body = JsonDocument.Parse(enable.Body);
            Assert.Equal("1234abcd-12ab-34cd-56ef-1234567890ab", body.RootElement.GetProperty("KeyId").GetString());
            Assert.Equal(180, body.RootElement.GetProperty("RotationPeriodInDays").GetInt32());
            Assert.Contains("/eu-west-1/kms/aws4_request", enable.Headers["Authorization"]);
        }

        [Fact]
        public void WhatIf_sends_no_write_request_fixture()
        {
            using var fake = new FakeAwsEndpoint(request => request.Operation switch
            {
                "GetCallerIdentity" => FakeResponse.Xml(CallerIdentity),
                "GetAccountPasswordPolicy" => FakeResponse.QueryError(404, "NoSuchEntity", "The Password Policy with domain name 111122223333 cannot be found."),
                _ when request.Path == BlockPath && request.Method == "GET" =>
                    new FakeResponse(404, "<Error><Code>NoSuchPublicAccessBlockConfiguration</Code><Message>none</Message></Error>", "application/xml"),
                _ => new FakeResponse(400, "unexpected " + request.Operation, "text/plain"),
            });

            var run = PowerShellRunner.Run(
                $"Set-WASPasswordPolicy -EndpointUrl {fake.Endpoint} -AccessKey AKIDFIXTURE -SecretKey s -Region us-east-1 -Force -WhatIf; " +
                $"Enable-WASS3AccountPublicAccessBlock -EndpointUrl {fake.Endpoint} -AccessKey AKIDFIXTURE -SecretKey s -Region us-east-1 -WhatIf").AssertNoErrors();

            Assert.Empty(run.Output);
            Assert.DoesNotContain(fake.Requests, r => r.Method == "PUT" || r.Operation == "UpdateAccountPasswordPolicy");
            Assert.Contains(fake.Requests, r => r.Operation == "GetAccountPasswordPolicy");
        }

        [Theory]
        [InlineData("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "eu-west-1")]
        [InlineData("arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/k", "us-gov-west-1")]
        [InlineData("1234abcd-12ab-34cd-56ef-1234567890ab", null)]
        [InlineData("alias/app", null)]
        public void A_key_ARN_names_the_region_to_call(string keyId, string? region) =>
            Assert.Equal(region, WASecurity.Cmdlets.EnableWASKeyRotation.RegionOfArn(keyId));

        private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
