using WASecurity.Checks;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>Remediation commands come with the finding's own ids filled in, never a guess.</summary>
    public sealed class RemediationTextTests
    {
        [Fact]
        public void Placeholders_the_finding_answers_are_filled_in()
        {
            var finding = new Finding { Region = "eu-west-1", AccountId = "111122223333", ResourceType = "AWS::S3::Bucket", ResourceId = "logs-prod" };
            finding.Properties["BucketName"] = "logs-prod";
            finding.Remediation = "aws s3api put-bucket-versioning --bucket <bucket> --region <region> (account <account-id>)";

            RemediationText.Fill(finding);

            Assert.Equal("aws s3api put-bucket-versioning --bucket logs-prod --region eu-west-1 (account 111122223333)", finding.Remediation);
        }

        [Fact]
        public void Placeholders_it_cannot_answer_stay_and_global_is_no_region()
        {
            var finding = new Finding { Region = "global", AccountId = "111122223333", ResourceType = "AWS::IAM::User", ResourceId = "bob" };
            finding.Remediation = "aws iam detach-user-policy --user-name <user> --policy-arn <arn> --region <region>";

            RemediationText.Fill(finding);

            Assert.Equal("aws iam detach-user-policy --user-name <user> --policy-arn <arn> --region <region>", finding.Remediation);
        }

        [Fact]
        public void A_value_that_is_not_a_plain_name_never_goes_into_a_command()
        {
            var finding = new Finding { Region = "us-east-1", ResourceType = "AWS::EC2::SecurityGroup", ResourceId = "sg-1" };
            finding.Properties["GroupId"] = "sg-1; rm -rf /";
            finding.Remediation = "aws ec2 revoke-security-group-ingress --group-id <sg-id>";

            RemediationText.Fill(finding);

            Assert.Equal("aws ec2 revoke-security-group-ingress --group-id <sg-id>", finding.Remediation);
        }

        [Fact]
        public void A_finding_marked_to_fill_when_read_fills_on_its_first_read_with_what_it_names_then()
        {
            var finding = MarkedBucketFinding("aws s3api put-bucket-versioning --bucket <bucket> --region <region>");
            finding.Properties["BucketName"] = "logs-prod";

            Assert.Equal("aws s3api put-bucket-versioning --bucket logs-prod --region eu-west-1", finding.Remediation);
            finding.Properties["BucketName"] = "other";
            Assert.Equal("aws s3api put-bucket-versioning --bucket logs-prod --region eu-west-1", finding.Remediation);
        }

        [Fact]
        public void Setting_the_remediation_before_it_is_read_keeps_the_text_that_was_set()
        {
            var finding = MarkedBucketFinding("aws s3api put-bucket-versioning --bucket <bucket>");
            finding.Properties["BucketName"] = "logs-prod";

            finding.Remediation = "Read back from a report: --bucket <bucket>";

            Assert.Equal("Read back from a report: --bucket <bucket>", finding.Remediation);
        }

        /// <summary>A bucket's finding whose <paramref name="remediation"/> is to be filled when first read, as the engine leaves it.</summary>
        private static Finding MarkedBucketFinding(string remediation)
        {
            var finding = new Finding { Region = "eu-west-1", ResourceType = "AWS::S3::Bucket", ResourceId = "logs-prod", Remediation = remediation };
            finding.FillRemediationWhenRead(RemediationText.Filled);
            return finding;
        }
    }
}
