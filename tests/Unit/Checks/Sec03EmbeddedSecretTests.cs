using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using WASecurity.Tests.Infrastructure;
using Xunit;
using static WASecurity.Tests.Checks.Sec03Fixture;

namespace WASecurity.Tests.Checks
{
    /// <summary>
    /// SEC03's secrets-in-configuration checks on evidence in the AWS CLI's shape (ec2 describe-instance-attribute
    /// --attribute userData, cloudformation describe-stacks, ecs describe-task-definition): gzip user data, denied
    /// calls as Error for exactly what they cover.
    /// </summary>
    public sealed class Sec03EmbeddedSecretTests
    {
        private const string East = "us-east-1";

        private static object Instance(string id, string state = "running") => new
        {
            InstanceId = id,
            State = new { Code = 16, Name = state },
            Tags = new[] { new { Key = "Name", Value = id + "-name" } },
        };

        private static BundleBuilder Instances(params object[] instances) =>
            new BundleBuilder(AccountId, East)
                .Json($"{East}/ec2/DescribeInstances.json", new { Reservations = new[] { new { ReservationId = "r-1", OwnerId = AccountId, Instances = instances } } });

        private static object UserData(string id, string? base64) =>
            base64 == null ? (object)new { InstanceId = id, UserData = new { } } : new { InstanceId = id, UserData = new { Value = base64 } };

        [Fact]
        public void Gzipped_user_data_is_read_and_terminated_instances_are_not_asked()
        {
            using var bundle = Instances(Instance("i-gzip"), Instance("i-stopped", "stopped"), Instance("i-gone", "terminated"))
                .Json($"{East}/ec2/DescribeInstanceAttribute/i-gzip.json", UserData("i-gzip", Gzip("#cloud-config\nruncmd:\n  - echo ok\n  - export API_TOKEN=9f8e7d6c5b4a39281706f5e4d3c2b1a0ZyXw\n")))
                .Json($"{East}/ec2/DescribeInstanceAttribute/i-stopped.json", UserData("i-stopped", null));

            var findings = Run(bundle, "SEC03.NoSecretsInUserData");

            Assert.Equal(new[] { "i-gzip", "i-stopped" }, findings.Select(f => f.ResourceId).OrderBy(x => x));
            var gzip = Single(findings, "i-gzip");
            Assert.Equal(FindingStatus.Fail, gzip.Status);
            Assert.Contains("a high-entropy secret (line 4)", gzip.Reason);
            Assert.Equal(FindingStatus.Pass, Single(findings, "i-stopped").Status);
            Assert.Contains("has no user data", Single(findings, "i-stopped").Reason);
        }

        [Fact]
        public void A_denied_user_data_read_is_an_error_for_that_instance_only()
        {
            using var bundle = Instances(Instance("i-denied"), Instance("i-readable"))
                .Error($"{East}/ec2/DescribeInstanceAttribute/i-denied.json", "UnauthorizedOperation", "You are not authorized to perform this operation.")
                .Json($"{East}/ec2/DescribeInstanceAttribute/i-readable.json", UserData("i-readable", Convert.ToBase64String(Encoding.UTF8.GetBytes("#!/bin/bash\nyum -y update\n"))));

            var findings = Run(bundle, "SEC03.NoSecretsInUserData");

            var denied = Single(findings, "i-denied");
            Assert.Equal(FindingStatus.Error, denied.Status);
            Assert.Contains("ec2:DescribeInstanceAttribute", denied.Reason);
            Assert.Equal(FindingStatus.Pass, Single(findings, "i-readable").Status);
        }

        [Fact]
        public void User_data_that_is_not_base64_is_an_error_not_a_pass()
        {
            using var bundle = Instances(Instance("i-bad"))
                .Json($"{East}/ec2/DescribeInstanceAttribute/i-bad.json", UserData("i-bad", "not base64 at all!"));

            var finding = Assert.Single(Run(bundle, "SEC03.NoSecretsInUserData"));
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("not base64", finding.Reason);
        }

        [Fact]
        public void An_answer_without_a_UserData_object_or_with_variables_that_are_not_strings_is_an_error_not_a_pass()
        {
            using var bundle = Instances(Instance("i-odd"))
                .Json($"{East}/ec2/DescribeInstanceAttribute/i-odd.json", new { InstanceId = "i-odd" })
                .Json($"{East}/lambda/ListFunctions.json", new
                {
                    Functions = new object[] { new { FunctionName = "odd", Environment = new { Variables = new { DB_PASSWORD = 42 } } } },
                });

            Assert.Equal(FindingStatus.Error, Assert.Single(Run(bundle, "SEC03.NoSecretsInUserData")).Status);
            Assert.Equal(FindingStatus.Error, Assert.Single(Run(bundle, "SEC03.NoSecretsInLambdaEnvironment")).Status);
        }

        [Fact]
        public void A_denied_DescribeStacks_is_an_error_and_a_NoEcho_parameter_is_not_a_secret()
        {
            using var denied = new BundleBuilder(AccountId, East)
                .Error($"{East}/cloudformation/DescribeStacks.json", "AccessDenied", "User is not authorized to perform: cloudformation:DescribeStacks");
            var error = Assert.Single(Run(denied, "SEC03.NoSecretsInStackOutputs"));
            Assert.Equal(FindingStatus.Error, error.Status);
            Assert.Contains("cloudformation:DescribeStacks", error.Reason);

            using var noEcho = new BundleBuilder(AccountId, East)
                .Json($"{East}/cloudformation/DescribeStacks.json", new
                {
                    Stacks = new[]
                    {
                        new
                        {
                            StackId = $"arn:aws:cloudformation:{East}:{AccountId}:stack/db/0a1b2c3d",
                            StackName = "db",
                            CreationTime = "2025-06-01T10:00:00.000000+00:00",
                            StackStatus = "CREATE_COMPLETE",
                            Parameters = new[] { new { ParameterKey = "MasterPassword", ParameterValue = "****" } },
                            Outputs = new[] { new { OutputKey = "Endpoint", OutputValue = "db.abc123.us-east-1.rds.amazonaws.com" } },
                        },
                    },
                });
            var pass = Assert.Single(Run(noEcho, "SEC03.NoSecretsInStackOutputs"));
            Assert.Equal(FindingStatus.Pass, pass.Status);
            Assert.Equal($"arn:aws:cloudformation:{East}:{AccountId}:stack/db/0a1b2c3d", pass.ResourceArn);
        }

        [Fact]
        public void A_denied_task_definition_read_is_an_error_for_that_revision_only()
        {
            const string Denied = "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3";
            const string Readable = "arn:aws:ecs:us-east-1:111122223333:task-definition/worker:7";
            using var bundle = new BundleBuilder(AccountId, East)
                .Json($"{East}/ecs/ListTaskDefinitions.json", new { taskDefinitionArns = new[] { Denied, Readable } })
                .Error($"{East}/ecs/DescribeTaskDefinition/{WASecurity.Evidence.ApiCall.EncodeKey(Denied)}.json", "AccessDeniedException", "User is not authorized to perform: ecs:DescribeTaskDefinition")
                .Json($"{East}/ecs/DescribeTaskDefinition/{WASecurity.Evidence.ApiCall.EncodeKey(Readable)}.json", new
                {
                    taskDefinition = new
                    {
                        taskDefinitionArn = Readable,
                        family = "worker",
                        revision = 7,
                        status = "ACTIVE",
                        containerDefinitions = new[]
                        {
                            new { name = "worker", image = "worker:1", environment = new[] { new { name = "DB_PASSWORD", value = "hunter2-prod" } } },
                        },
                    },
                });

            var findings = Run(bundle, "SEC03.NoSecretsInTaskDefinitions");

            var denied = Single(findings, "web:3");
            Assert.Equal(FindingStatus.Error, denied.Status);
            Assert.Contains("ecs:DescribeTaskDefinition", denied.Reason);
            var readable = Single(findings, "worker:7");
            Assert.Equal(FindingStatus.Fail, readable.Status);
            Assert.Contains("a password (container worker variable DB_PASSWORD)", readable.Reason);
            Assert.DoesNotContain("hunter2-prod", readable.Reason);
        }

        [Fact]
        public void A_failed_project_batch_is_an_error_for_each_of_its_projects_and_a_project_the_batch_omits_is_an_error()
        {
            var names = Enumerable.Range(1, 101).Select(i => $"build-{i:000}").ToArray();
            using var bundle = new BundleBuilder(AccountId, East)
                .Json($"{East}/codebuild/ListProjects.json", new { projects = names })
                .Json($"{East}/codebuild/BatchGetProjects/1.json", new
                {
                    projects = names.Take(99).Select(n => new
                    {
                        name = n,
                        arn = $"arn:aws:codebuild:{East}:{AccountId}:project/{n}",
                        source = new { type = "CODEPIPELINE" },
                        environment = new { type = "LINUX_CONTAINER", environmentVariables = new[] { new { name = "SECRET_TOKEN", value = "/ci/token", type = "SECRETS_MANAGER" } } },
                    }).ToArray(),
                    projectsNotFound = new[] { "build-100" },
                })
                .Error($"{East}/codebuild/BatchGetProjects/2.json", "AccessDeniedException", "User is not authorized to perform: codebuild:BatchGetProjects");

            var findings = Run(bundle, "SEC03.NoSecretsInBuildProjects");

            Assert.Equal(101, findings.Count);
            Assert.Equal(99, findings.Count(f => f.Status == FindingStatus.Pass));
            Assert.Contains("did not return project build-100", Single(findings, "build-100").Reason);
            var denied = Single(findings, "build-101");
            Assert.Equal(FindingStatus.Error, denied.Status);
            Assert.Contains("codebuild:BatchGetProjects", denied.Reason);
        }

        [Fact]
        public void A_function_whose_variables_Lambda_cannot_decrypt_is_an_error_not_a_pass()
        {
            using var bundle = new BundleBuilder(AccountId, East)
                .Json($"{East}/lambda/ListFunctions.json", new
                {
                    Functions = new object[]
                    {
                        new
                        {
                            FunctionName = "locked",
                            FunctionArn = $"arn:aws:lambda:{East}:{AccountId}:function:locked",
                            Environment = new { Error = new { ErrorCode = "AccessDeniedException", Message = "Lambda was unable to decrypt the environment variables because KMS access was denied." } },
                        },
                        new
                        {
                            FunctionName = "plain",
                            FunctionArn = $"arn:aws:lambda:{East}:{AccountId}:function:plain",
                            Environment = new { Variables = new { DB_PASSWORD = "hunter2-prod" } },
                        },
                    },
                });

            var findings = Run(bundle, "SEC03.NoSecretsInLambdaEnvironment");

            var locked = Single(findings, "locked");
            Assert.Equal(FindingStatus.Error, locked.Status);
            Assert.Contains("KMS access was denied", locked.Reason);
            Assert.Equal(FindingStatus.Fail, Single(findings, "plain").Status);
        }

        private static string Gzip(string text)
        {
            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                gzip.Write(bytes, 0, bytes.Length);
            }

            return Convert.ToBase64String(buffer.ToArray());
        }
    }
}
