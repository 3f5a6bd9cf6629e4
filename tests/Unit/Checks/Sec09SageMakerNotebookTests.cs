using System.Collections.Generic;
using System.Linq;
using WASecurity.Checks.Sec09;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>SEC09.SageMakerNotebookEncrypted on ListNotebookInstances and DescribeNotebookInstance in the shape the AWS CLI prints them.</summary>
    public sealed class Sec09SageMakerNotebookTests
    {
        private const string Account = "111122223333";
        private const string East = "us-east-1";
        private const string West = "eu-west-1";
        private const string Key = "arn:aws:kms:us-east-1:111122223333:key/6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d";

        [Fact]
        public void A_notebook_without_a_kms_key_fails_beside_its_encrypted_twin()
        {
            using var bundle = Scenario();
            var findings = InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question).Of(Sec09Catalog.SageMakerNotebookEncrypted);

            Assert.Equal(2, findings.Count);
            var plain = findings.Single(f => f.ResourceId == "forecasting");
            Assert.Equal(FindingStatus.Fail, plain.Status);
            Assert.Equal("AWS::SageMaker::NotebookInstance", plain.ResourceType);
            Assert.Equal(Arn("forecasting"), plain.ResourceArn);
            Assert.Contains("has no KMS key (KmsKeyId)", plain.Reason);
            Assert.Contains("delete-notebook-instance --notebook-instance-name forecasting", plain.Remediation);
            Assert.Contains("New-SMNotebookInstance -NotebookInstanceName 'forecasting-encrypted'", plain.Remediation);
            Assert.Equal("forecasting", plain.Properties["NotebookInstanceName"]);
            Assert.Equal("Enabled", plain.Evidence["DirectInternetAccess"]);

            var sealedNotebook = findings.Single(f => f.ResourceId == "fraud-research");
            Assert.Equal(FindingStatus.Pass, sealedNotebook.Status);
            Assert.Contains(Key, sealedNotebook.Reason);
        }

        [Fact]
        public void No_notebook_in_any_region_is_one_not_applicable_finding()
        {
            using var bundle = new BundleBuilder(Account, East, West);
            bundle.Json(SageMakerCalls.ListNotebookInstances(East).BundlePath, new { NotebookInstances = new object[0] });
            bundle.Json(SageMakerCalls.ListNotebookInstances(West).BundlePath, new { NotebookInstances = new object[0] });
            var finding = Assert.Single(InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question).Of(Sec09Catalog.SageMakerNotebookEncrypted));
            Assert.Equal(FindingStatus.NotApplicable, finding.Status);
            Assert.Contains("No SageMaker notebook instance exists in the covered regions", finding.Reason);
        }

        [Fact]
        public void Denied_listing_and_describe_calls_are_errors_naming_the_action()
        {
            using var bundle = Scenario();
            bundle.Error(SageMakerCalls.DescribeNotebookInstance(East, "forecasting").BundlePath, "AccessDeniedException", "User is not authorized to perform: sagemaker:DescribeNotebookInstance");
            bundle.Error(SageMakerCalls.ListNotebookInstances(West).BundlePath, "AccessDeniedException", "User is not authorized to perform: sagemaker:ListNotebookInstances");
            var findings = InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question).Of(Sec09Catalog.SageMakerNotebookEncrypted);

            var notebook = findings.Single(f => f.ResourceId == "forecasting");
            Assert.Equal(FindingStatus.Error, notebook.Status);
            Assert.Contains("sagemaker:DescribeNotebookInstance", notebook.Reason);
            var region = findings.Single(f => f.Region == West);
            Assert.Equal(FindingStatus.Error, region.Status);
            Assert.Contains("sagemaker:ListNotebookInstances", region.Reason);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "fraud-research").Status);
        }

        [Theory]
        [InlineData("{}")]
        [InlineData("{\"NotebookInstanceName\": \"other\", \"KmsKeyId\": \"" + Key + "\"}")]
        [InlineData("{\"NotebookInstanceName\": \"forecasting\", \"KmsKeyId\": {\"Arn\": \"" + Key + "\"}}")]
        public void A_describe_answer_that_does_not_vouch_for_the_notebook_is_an_error_never_a_pass(string json)
        {
            using var bundle = Scenario();
            bundle.File(SageMakerCalls.DescribeNotebookInstance(East, "forecasting").BundlePath, json);
            var finding = InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question).Of(Sec09Catalog.SageMakerNotebookEncrypted).Single(f => f.ResourceId == "forecasting" || f.ResourceId == Account);
            Assert.Equal(FindingStatus.Error, finding.Status);
        }

        private static BundleBuilder Scenario()
        {
            var bundle = new BundleBuilder(Account, East, West);
            bundle.Json(SageMakerCalls.ListNotebookInstances(East).BundlePath, new { NotebookInstances = new[] { Summary("forecasting"), Summary("fraud-research") } });
            bundle.Json(SageMakerCalls.ListNotebookInstances(West).BundlePath, new { NotebookInstances = new object[0] });
            bundle.Json(SageMakerCalls.DescribeNotebookInstance(East, "forecasting").BundlePath, Describe("forecasting", null, "Enabled"));
            bundle.Json(SageMakerCalls.DescribeNotebookInstance(East, "fraud-research").BundlePath, Describe("fraud-research", Key, "Disabled"));
            return bundle;
        }

        private static string Arn(string name) => $"arn:aws:sagemaker:us-east-1:{Account}:notebook-instance/{name}";

        private static object Summary(string name) => new
        {
            NotebookInstanceName = name,
            NotebookInstanceArn = Arn(name),
            NotebookInstanceStatus = "InService",
            Url = $"{name}.notebook.us-east-1.sagemaker.aws",
            InstanceType = "ml.t3.medium",
            CreationTime = "2025-09-14T08:12:33.417000+00:00",
            LastModifiedTime = "2025-09-14T08:20:01.003000+00:00",
        };

        private static Dictionary<string, object> Describe(string name, string? key, string internet)
        {
            var notebook = new Dictionary<string, object>
            {
                ["NotebookInstanceArn"] = Arn(name),
                ["NotebookInstanceName"] = name,
                ["NotebookInstanceStatus"] = "InService",
                ["Url"] = $"{name}.notebook.us-east-1.sagemaker.aws",
                ["InstanceType"] = "ml.t3.medium",
                ["RoleArn"] = $"arn:aws:iam::{Account}:role/service-role/AmazonSageMaker-ExecutionRole",
                ["LastModifiedTime"] = "2025-09-14T08:20:01.003000+00:00",
                ["CreationTime"] = "2025-09-14T08:12:33.417000+00:00",
                ["DirectInternetAccess"] = internet,
                ["VolumeSizeInGB"] = 5,
                ["RootAccess"] = "Enabled",
                ["PlatformIdentifier"] = "notebook-al2-v2",
            };
            if (key != null)
            {
                notebook["KmsKeyId"] = key;
            }

            return notebook;
        }
    }
}
