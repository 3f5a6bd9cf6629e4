using System.Linq;
using WASecurity.Checks.Lambda;
using WASecurity.Checks.Sec06;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>
    /// SEC06.LambdaPolicyNotPublic and SEC06.LambdaUrlRequiresAuth on ListFunctions, GetPolicy and
    /// ListFunctionUrlConfigs in the shape the AWS CLI prints them (AWS Lambda API reference).
    /// </summary>
    public sealed class Sec06LambdaTests
    {
        private const string Account = "111122223333";
        private const string East = "us-east-1";
        private const string West = "eu-west-1";

        [Fact]
        public void A_function_anyone_may_invoke_fails_beside_a_pinned_twin_and_one_without_policy()
        {
            using var bundle = Scenario();
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.LambdaPolicyNotPublic);

            var open = findings.Single(f => f.ResourceId == "image-resizer");
            Assert.Equal(FindingStatus.Fail, open.Status);
            Assert.Equal("AWS::Lambda::Function", open.ResourceType);
            Assert.Equal(FunctionArn("image-resizer"), open.ResourceArn);
            Assert.Contains("statement 'FunctionURLAllowPublicAccess'", open.Reason);
            Assert.Contains("lambda:InvokeFunctionUrl", open.Reason);
            Assert.Equal("image-resizer", open.Properties["FunctionName"]);
            Assert.Contains("aws lambda remove-permission --function-name image-resizer --statement-id <sid>", open.Remediation);
            Assert.Contains("Remove-LMPermission -FunctionName 'image-resizer' -StatementId '<sid>'", open.Remediation);

            var pinned = findings.Single(f => f.ResourceId == "thumbnailer");
            Assert.Equal(FindingStatus.Pass, pinned.Status);
            Assert.Contains("AWS:SourceArn", pinned.Reason);

            var none = findings.Single(f => f.ResourceId == "nightly-report");
            Assert.Equal(FindingStatus.Pass, none.Status);
            Assert.Contains("ResourceNotFoundException", none.Reason);
            Assert.Equal(false, none.Evidence["HasPolicy"]);

            Assert.Equal(FindingStatus.NotApplicable, findings.Single(f => f.Region == West).Status);
        }

        [Fact]
        public void A_function_url_without_authentication_fails_beside_an_iam_url_and_a_function_without_url()
        {
            using var bundle = Scenario();
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.LambdaUrlRequiresAuth);

            var open = findings.Single(f => f.ResourceId == "image-resizer");
            Assert.Equal(FindingStatus.Fail, open.Status);
            Assert.Contains("https://abcdefghij1234567890abcdefghij12.lambda-url.us-east-1.on.aws/ (alias live)", open.Reason);
            Assert.Contains("AuthType NONE", open.Reason);
            Assert.Contains("--function-name image-resizer --auth-type AWS_IAM", open.Remediation);
            Assert.Contains("Update-LMFunctionUrlConfig -FunctionName 'image-resizer' -AuthType AWS_IAM", open.Remediation);
            Assert.Equal(2, ((System.Collections.IEnumerable)open.Evidence["FunctionUrls"]!).Cast<object>().Count());

            var iam = findings.Single(f => f.ResourceId == "thumbnailer");
            Assert.Equal(FindingStatus.Pass, iam.Status);
            Assert.Contains("AWS_IAM", iam.Reason);

            var none = findings.Single(f => f.ResourceId == "nightly-report");
            Assert.Equal(FindingStatus.Pass, none.Status);
            Assert.Contains("has no function URL", none.Reason);

            Assert.Equal(FindingStatus.NotApplicable, findings.Single(f => f.Region == West).Status);
        }

        [Fact]
        public void Denied_lambda_calls_are_errors_naming_the_call_never_passes()
        {
            using var bundle = Scenario();
            bundle.Error(LambdaCalls.GetPolicy(East, "image-resizer").BundlePath, "AccessDeniedException", "User is not authorized to perform: lambda:GetPolicy");
            bundle.Error(LambdaCalls.ListFunctionUrlConfigs(East, "image-resizer").BundlePath, "AccessDeniedException", "User is not authorized to perform: lambda:ListFunctionUrlConfigs");
            bundle.Error($"{West}/lambda/ListFunctions.json", "AccessDeniedException", "User is not authorized to perform: lambda:ListFunctions");
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question);

            var policy = findings.Of(Sec06Catalog.LambdaPolicyNotPublic).Single(f => f.ResourceId == "image-resizer");
            Assert.Equal(FindingStatus.Error, policy.Status);
            Assert.Contains("lambda:GetPolicy", policy.Reason);
            Assert.Equal("image-resizer", policy.Properties["FunctionName"]);
            var url = findings.Of(Sec06Catalog.LambdaUrlRequiresAuth).Single(f => f.ResourceId == "image-resizer");
            Assert.Equal(FindingStatus.Error, url.Status);
            Assert.Contains("lambda:ListFunctionUrlConfigs", url.Reason);

            foreach (var check in new[] { Sec06Catalog.LambdaPolicyNotPublic, Sec06Catalog.LambdaUrlRequiresAuth })
            {
                var west = findings.Of(check).Single(f => f.Region == West);
                Assert.Equal(FindingStatus.Error, west.Status);
                Assert.Contains("lambda:ListFunctions", west.Reason);
                Assert.Equal(FindingStatus.Pass, findings.Of(check).Single(f => f.ResourceId == "thumbnailer").Status);
            }
        }

        [Fact]
        public void A_policy_response_without_a_policy_is_an_error_not_a_pass()
        {
            using var bundle = Scenario();
            bundle.Json(LambdaCalls.GetPolicy(East, "thumbnailer").BundlePath, new { RevisionId = "0f5e3c1a-7f2b-4d8e-9b6a-2c1d0e9f8a7b" });
            var finding = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.LambdaPolicyNotPublic).Single(f => f.ResourceId == "thumbnailer");
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("has no Policy", finding.Reason);
        }

        private static BundleBuilder Scenario()
        {
            var bundle = new BundleBuilder(Account, East, West);
            bundle.Json($"{East}/lambda/ListFunctions.json", new { Functions = new[] { Function("image-resizer"), Function("thumbnailer"), Function("nightly-report") } });
            bundle.Json($"{West}/lambda/ListFunctions.json", new { Functions = new object[0] });

            // What the console writes for a function URL with AuthType NONE.
            bundle.Json(LambdaCalls.GetPolicy(East, "image-resizer").BundlePath, PolicyResponse(
                "{\"Sid\":\"FunctionURLAllowPublicAccess\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"lambda:InvokeFunctionUrl\",\"Resource\":\"" + FunctionArn("image-resizer") + "\",\"Condition\":{\"StringEquals\":{\"lambda:FunctionUrlAuthType\":\"NONE\"}}}"));
            // What add-permission writes for an S3 trigger with --source-arn and --source-account.
            bundle.Json(LambdaCalls.GetPolicy(East, "thumbnailer").BundlePath, PolicyResponse(
                "{\"Sid\":\"s3-uploads\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"" + FunctionArn("thumbnailer") + "\",\"Condition\":{\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:s3:::uploads-111122223333\"}}}"));
            bundle.Error(LambdaCalls.GetPolicy(East, "nightly-report").BundlePath, "ResourceNotFoundException", "The resource you requested does not exist.");

            bundle.Json(LambdaCalls.ListFunctionUrlConfigs(East, "image-resizer").BundlePath, new
            {
                FunctionUrlConfigs = new[]
                {
                    Url("image-resizer", "https://abcdefghij1234567890abcdefghij12.lambda-url.us-east-1.on.aws/", "NONE", FunctionArn("image-resizer") + ":live"),
                    Url("image-resizer", "https://klmnopqrst1234567890abcdefghij12.lambda-url.us-east-1.on.aws/", "AWS_IAM", FunctionArn("image-resizer")),
                },
            });
            bundle.Json(LambdaCalls.ListFunctionUrlConfigs(East, "thumbnailer").BundlePath, new
            {
                FunctionUrlConfigs = new[] { Url("thumbnailer", "https://uvwxyzabcd1234567890abcdefghij12.lambda-url.us-east-1.on.aws/", "AWS_IAM", FunctionArn("thumbnailer")) },
            });
            bundle.Json(LambdaCalls.ListFunctionUrlConfigs(East, "nightly-report").BundlePath, new { FunctionUrlConfigs = new object[0] });
            return bundle;
        }

        private static string FunctionArn(string name) => $"arn:aws:lambda:us-east-1:{Account}:function:{name}";

        private static object Function(string name) => new
        {
            FunctionName = name,
            FunctionArn = FunctionArn(name),
            Runtime = "python3.12",
            Role = $"arn:aws:iam::{Account}:role/{name}-role",
            Handler = "app.handler",
            CodeSize = 1843,
            Description = string.Empty,
            Timeout = 30,
            MemorySize = 256,
            LastModified = "2026-09-14T08:12:44.118+0000",
            CodeSha256 = "kQ0uF7cG1t0Vb9b0k7s7vJ5X2l0m3n4o5p6q7r8s9t0=",
            Version = "$LATEST",
            TracingConfig = new { Mode = "PassThrough" },
            RevisionId = "6d3c1f7e-2a4b-4c5d-8e9f-0a1b2c3d4e5f",
            PackageType = "Zip",
            Architectures = new[] { "arm64" },
            EphemeralStorage = new { Size = 512 },
            SnapStart = new { ApplyOn = "None", OptimizationStatus = "Off" },
            LoggingConfig = new { LogFormat = "Text", LogGroup = $"/aws/lambda/{name}" },
        };

        private static object PolicyResponse(string statement) => new
        {
            Policy = "{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[" + statement + "]}",
            RevisionId = "1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6",
        };

        private static object Url(string name, string url, string authType, string target) => new
        {
            FunctionUrl = url,
            FunctionArn = target,
            CreationTime = "2026-09-14T08:20:05.512739Z",
            LastModifiedTime = "2026-09-14T08:20:05.512739Z",
            AuthType = authType,
            InvokeMode = "BUFFERED",
        };
    }
}
