using System;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// SEC06.LambdaPolicyNotPublic and SEC06.LambdaUrlRequiresAuth through the real Lambda operations. Functions and their
    /// resource policies come from moto (create_function needs no Docker; only invoking would). moto 5.2.1 answers
    /// ListFunctionUrlConfigs with "Not yet implemented", so that call (and, to exercise Marker paging, ListFunctions) is
    /// answered in AWS's exact response shape by a proxy in front of moto: those tests say "fixture".
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class LambdaLiveTests
    {
        private readonly MotoServer _moto;

        public LambdaLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void A_function_anyone_may_invoke_fails_and_its_service_scoped_and_policy_free_twins_pass()
        {
            Seed();
            try
            {
                var findings = PowerShellRunner.Run(
                    $"Test-WASServiceSecurity -EndpointUrl {_moto.Endpoint} -AccessKey AKIDLAMBDA -SecretKey s -Region us-east-1 -NoCache -CheckId SEC06.LambdaPolicyNotPublic").AssertNoErrors().Findings;

                Assert.Equal(3, findings.Count);
                var open = findings.Single(f => f.ResourceId == "open-fn");
                Assert.Equal(FindingStatus.Fail, open.Status);
                Assert.Equal($"arn:aws:lambda:us-east-1:{MotoServer.AccountId}:function:open-fn", open.ResourceArn);
                Assert.Contains("statement 'anyone'", open.Reason);
                var pinned = findings.Single(f => f.ResourceId == "pinned-fn");
                Assert.Equal(FindingStatus.Pass, pinned.Status);
                // add-permission for a service writes the service as principal (with its source condition): no grant to everyone.
                Assert.Contains("no Allow statement grants to everyone", pinned.Reason);
                // moto answers GetPolicy for a function without a policy with ResourceNotFoundException, as Lambda does.
                var plain = findings.Single(f => f.ResourceId == "plain-fn");
                Assert.Equal(FindingStatus.Pass, plain.Status);
                Assert.Contains("ResourceNotFoundException", plain.Reason);
            }
            finally
            {
                _moto.Reset();
            }
        }

        [Fact]
        public void Function_urls_without_authentication_fail_with_paged_listings_fixture()
        {
            Seed();
            try
            {
                using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.Zero, Answer);
                var findings = PowerShellRunner.Run(
                    $"Test-WASServiceSecurity -EndpointUrl {proxy.Endpoint} -AccessKey AKIDLAMBDA -SecretKey s -Region us-east-1 -NoCache -CheckId SEC06.LambdaUrlRequiresAuth").AssertNoErrors().Findings;

                Assert.Equal(3, findings.Count);
                var open = findings.Single(f => f.ResourceId == "open-fn");
                Assert.Equal(FindingStatus.Fail, open.Status);
                Assert.Contains("https://open0123456789abcdef0123456789ab.lambda-url.us-east-1.on.aws/", open.Reason);
                Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "pinned-fn").Status);
                Assert.Contains("has no function URL", findings.Single(f => f.ResourceId == "plain-fn").Reason);

                // Both list operations followed NextMarker with ?Marker=.
                var requests = proxy.Requests.ToList();
                Assert.Contains(requests, r => r.Path.EndsWith("/functions/", StringComparison.Ordinal) && r.Query.Contains("Marker=page-2"));
                Assert.Contains(requests, r => r.Path.EndsWith("/open-fn/urls", StringComparison.Ordinal) && r.Query.Contains("Marker=url-page-2"));
            }
            finally
            {
                _moto.Reset();
            }
        }

        private void Seed()
        {
            _moto.Reset();
            _moto.RunPython(string.Join("\n",
                "import io, zipfile",
                "iam = client('iam')",
                "role = iam.create_role(RoleName='lambda-role', AssumeRolePolicyDocument='{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}')['Role']['Arn']",
                "code = io.BytesIO()",
                "with zipfile.ZipFile(code, 'w') as z:",
                "    z.writestr('index.py', 'def handler(event, context):\\n    return 1\\n')",
                "lam = client('lambda')",
                "for name in ('open-fn', 'pinned-fn', 'plain-fn'):",
                "    lam.create_function(FunctionName=name, Runtime='python3.12', Role=role, Handler='index.handler', Code={'ZipFile': code.getvalue()})",
                "lam.add_permission(FunctionName='open-fn', StatementId='anyone', Action='lambda:InvokeFunction', Principal='*')",
                "lam.add_permission(FunctionName='pinned-fn', StatementId='uploads', Action='lambda:InvokeFunction', Principal='s3.amazonaws.com',",
                "                   SourceArn='arn:aws:s3:::uploads-bucket', SourceAccount='" + MotoServer.AccountId + "')"));
        }

        /// <summary>ListFunctions in two pages and ListFunctionUrlConfigs, as Lambda answers them; the rest goes to moto.</summary>
        private static FakeResponse? Answer(FakeRequest request)
        {
            var account = MotoServer.AccountId;
            string Arn(string name) => $"arn:aws:lambda:us-east-1:{account}:function:{name}";
            string Function(string name) =>
                $"{{\"FunctionName\":\"{name}\",\"FunctionArn\":\"{Arn(name)}\",\"Runtime\":\"python3.12\",\"Role\":\"arn:aws:iam::{account}:role/lambda-role\",\"Handler\":\"index.handler\",\"CodeSize\":140,\"Description\":\"\",\"Timeout\":3,\"MemorySize\":128,\"LastModified\":\"2026-12-06T14:34:17.661+0000\",\"Version\":\"$LATEST\",\"PackageType\":\"Zip\",\"Architectures\":[\"x86_64\"]}}";
            string Url(string name, string id, string authType) =>
                $"{{\"FunctionUrl\":\"https://{id}.lambda-url.us-east-1.on.aws/\",\"FunctionArn\":\"{Arn(name)}\",\"CreationTime\":\"2026-12-06T14:34:17.512739Z\",\"LastModifiedTime\":\"2026-12-06T14:34:17.512739Z\",\"AuthType\":\"{authType}\",\"InvokeMode\":\"BUFFERED\"}}";

            if (request.Method != "GET")
            {
                return null;
            }

            if (request.Path == "/2015-03-31/functions/")
            {
                return request.Query.Contains("Marker=page-2")
                    ? Json($"{{\"Functions\":[{Function("pinned-fn")},{Function("plain-fn")}]}}")
                    : Json($"{{\"Functions\":[{Function("open-fn")}],\"NextMarker\":\"page-2\"}}");
            }

            switch (request.Path)
            {
                case "/2021-10-31/functions/open-fn/urls":
                    // The function's own URL (IAM) on the first page, a second one without authentication after the marker.
                    return request.Query.Contains("Marker=url-page-2")
                        ? Json($"{{\"FunctionUrlConfigs\":[{Url("open-fn", "open0123456789abcdef0123456789ab", "NONE")}]}}")
                        : Json($"{{\"FunctionUrlConfigs\":[{Url("open-fn", "iam00123456789abcdef0123456789ab", "AWS_IAM")}],\"NextMarker\":\"url-page-2\"}}");
                case "/2021-10-31/functions/pinned-fn/urls":
                    return Json($"{{\"FunctionUrlConfigs\":[{Url("pinned-fn", "pinn0123456789abcdef0123456789ab", "AWS_IAM")}]}}");
                case "/2021-10-31/functions/plain-fn/urls":
                    return Json("{\"FunctionUrlConfigs\":[]}");
                default:
                    return null;
            }
        }

        private static FakeResponse Json(string body) => new FakeResponse(200, body, "application/json");
    }
}
