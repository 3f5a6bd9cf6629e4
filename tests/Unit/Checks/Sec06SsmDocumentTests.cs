using System.Linq;
using WASecurity.Checks.Sec06;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>SEC06.SsmDocumentNotPublic on ListDocuments (Owner=Self) and DescribeDocumentPermission in the shape the AWS CLI prints them.</summary>
    public sealed class Sec06SsmDocumentTests
    {
        private const string Account = "111122223333";
        private const string East = "us-east-1";
        private const string West = "eu-west-1";

        [Fact]
        public void A_document_shared_with_all_fails_beside_a_privately_shared_and_an_unshared_twin()
        {
            using var bundle = Scenario();
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.SsmDocumentNotPublic);

            var open = findings.Single(f => f.ResourceId == "Ops-PatchFleet");
            Assert.Equal(FindingStatus.Fail, open.Status);
            Assert.Equal("AWS::SSM::Document", open.ResourceType);
            Assert.Equal($"arn:aws:ssm:us-east-1:{Account}:document/Ops-PatchFleet", open.ResourceArn);
            Assert.Contains("shared publicly", open.Reason);
            Assert.Contains("(Command)", open.Reason);
            Assert.Contains("aws ssm modify-document-permission --name Ops-PatchFleet --permission-type Share --account-ids-to-remove all", open.Remediation);
            Assert.Contains("Edit-SSMDocumentPermission -Name 'Ops-PatchFleet' -PermissionType Share -AccountIdsToRemove all", open.Remediation);
            Assert.Equal("Ops-PatchFleet", open.Properties["Name"]);

            var shared = findings.Single(f => f.ResourceId == "Ops-RotateKeys");
            Assert.Equal(FindingStatus.Pass, shared.Status);
            Assert.Contains("444455556666", shared.Reason);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "Ops-Private").Status);
            Assert.DoesNotContain(findings, f => f.Region == West);
        }

        [Fact]
        public void No_own_document_in_any_region_is_one_not_applicable_finding()
        {
            using var bundle = new BundleBuilder(Account, East, West);
            bundle.Json(SsmDocumentCalls.ListOwnDocuments(East).BundlePath, new { DocumentIdentifiers = new object[0] });
            bundle.Json(SsmDocumentCalls.ListOwnDocuments(West).BundlePath, new { DocumentIdentifiers = new object[0] });
            var finding = Assert.Single(InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.SsmDocumentNotPublic));
            Assert.Equal(FindingStatus.NotApplicable, finding.Status);
            Assert.Contains("No Systems Manager document owned by the account exists", finding.Reason);
        }

        [Fact]
        public void Denied_listing_and_permission_calls_are_errors_naming_the_action_never_passes()
        {
            using var bundle = Scenario();
            bundle.Error(SsmDocumentCalls.DescribeDocumentPermission(East, "Ops-PatchFleet").BundlePath, "AccessDeniedException", "User is not authorized to perform: ssm:DescribeDocumentPermission");
            bundle.Error(SsmDocumentCalls.ListOwnDocuments(West).BundlePath, "AccessDeniedException", "User is not authorized to perform: ssm:ListDocuments");
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.SsmDocumentNotPublic);

            var document = findings.Single(f => f.ResourceId == "Ops-PatchFleet");
            Assert.Equal(FindingStatus.Error, document.Status);
            Assert.Contains("ssm:DescribeDocumentPermission", document.Reason);
            Assert.Equal("AWS::SSM::Document", document.ResourceType);
            var region = findings.Single(f => f.Region == West);
            Assert.Equal(FindingStatus.Error, region.Status);
            Assert.Contains("ssm:ListDocuments", region.Reason);
        }

        [Theory]
        [InlineData("{\"AccountSharingInfoList\": []}")]
        [InlineData("{\"AccountIds\": {\"all\": true}}")]
        [InlineData("{\"AccountIds\": null}")]
        public void A_permission_answer_without_a_readable_account_list_is_an_error_never_a_pass(string json)
        {
            using var bundle = Scenario();
            bundle.File(SsmDocumentCalls.DescribeDocumentPermission(East, "Ops-Private").BundlePath, json);
            var finding = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.SsmDocumentNotPublic).Single(f => f.ResourceId == "Ops-Private");
            Assert.Equal(FindingStatus.Error, finding.Status);
        }

        [Fact]
        public void A_listing_entry_without_a_name_is_an_error()
        {
            using var bundle = new BundleBuilder(Account, East);
            bundle.Json(SsmDocumentCalls.ListOwnDocuments(East).BundlePath, new { DocumentIdentifiers = new[] { new { Owner = Account, DocumentType = "Command" } } });
            var finding = Assert.Single(InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.SsmDocumentNotPublic));
            Assert.Equal(FindingStatus.Error, finding.Status);
        }

        private static BundleBuilder Scenario()
        {
            var bundle = new BundleBuilder(Account, East, West);
            bundle.Json(SsmDocumentCalls.ListOwnDocuments(East).BundlePath, new { DocumentIdentifiers = new[] { Document("Ops-PatchFleet", "Command"), Document("Ops-RotateKeys", "Automation"), Document("Ops-Private", "Command") } });
            bundle.Json(SsmDocumentCalls.ListOwnDocuments(West).BundlePath, new { DocumentIdentifiers = new object[0] });
            bundle.Json(SsmDocumentCalls.DescribeDocumentPermission(East, "Ops-PatchFleet").BundlePath, Permission("all", "444455556666"));
            bundle.Json(SsmDocumentCalls.DescribeDocumentPermission(East, "Ops-RotateKeys").BundlePath, Permission("444455556666"));
            bundle.Json(SsmDocumentCalls.DescribeDocumentPermission(East, "Ops-Private").BundlePath, Permission());
            return bundle;
        }

        private static object Document(string name, string type) => new
        {
            Name = name,
            CreatedDate = "2025-03-11T14:22:05.412000+00:00",
            Owner = Account,
            PlatformTypes = new[] { "Linux", "MacOS" },
            DocumentVersion = "1",
            DocumentType = type,
            SchemaVersion = type == "Command" ? "2.2" : "0.3",
            DocumentFormat = "YAML",
            Tags = new object[0],
        };

        private static object Permission(params string[] accounts) => new
        {
            AccountIds = accounts,
            AccountSharingInfoList = accounts.Select(a => new { AccountId = a, SharedDocumentVersion = "$DEFAULT" }).ToArray(),
        };
    }
}
