using System.Linq;
using WASecurity.Checks.Data;
using WASecurity.Checks.Sec06;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>SEC06.QueuePolicyNotPublic and SEC06.TopicPolicyNotPublic on responses in the shape the AWS CLI prints them.</summary>
    public sealed class Sec06PublicPolicyTests
    {
        private const string Account = "111122223333";
        private const string East = "us-east-1";
        private const string West = "eu-west-1";

        private static readonly string OpenQueuePolicy = Policy(
            "{\"Sid\":\"FromTopic\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"arn:aws:sqs:us-east-1:111122223333:orders\"}");

        private static readonly string PinnedQueuePolicy = Policy(
            "{\"Sid\":\"FromTopic\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"arn:aws:sqs:us-east-1:111122223333:billing\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:111122223333:billing-events\"}}}",
            "{\"Sid\":\"Everyone\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"arn:aws:sqs:us-east-1:111122223333:billing\",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}}");

        // SNS's default topic policy: everyone, limited to the owner by AWS:SourceOwner.
        private static readonly string DefaultTopicPolicy = Policy(
            "{\"Sid\":\"__default_statement_ID\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"SNS:GetTopicAttributes\",\"SNS:SetTopicAttributes\",\"SNS:AddPermission\",\"SNS:RemovePermission\",\"SNS:DeleteTopic\",\"SNS:Subscribe\",\"SNS:ListSubscriptionsByTopic\",\"SNS:Publish\"],\"Resource\":\"arn:aws:sns:us-east-1:111122223333:alerts\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"111122223333\"}}}");

        private static readonly string OpenTopicPolicy = Policy(
            "{\"Sid\":\"AnyoneSubscribes\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"SNS:Subscribe\",\"SNS:Receive\"],\"Resource\":\"arn:aws:sns:us-east-1:111122223333:price-feed\"}");

        [Fact]
        public void A_queue_open_to_everyone_fails_beside_a_pinned_twin_and_a_queue_without_policy()
        {
            using var bundle = Scenario();
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.QueuePolicyNotPublic);

            var open = findings.Single(f => f.ResourceId == "orders");
            Assert.Equal(FindingStatus.Fail, open.Status);
            Assert.Equal("AWS::SQS::Queue", open.ResourceType);
            Assert.Equal("arn:aws:sqs:us-east-1:111122223333:orders", open.ResourceArn);
            Assert.Contains("statement 'FromTopic'", open.Reason);
            Assert.Contains("without a restricting condition", open.Reason);
            Assert.Equal(new[] { "statement 'FromTopic'" }, open.Evidence["PublicStatements"]);
            Assert.Equal($"https://sqs.us-east-1.amazonaws.com/{Account}/orders", open.Properties["QueueUrl"]);
            Assert.Contains($"--queue-url https://sqs.us-east-1.amazonaws.com/{Account}/orders", open.Remediation);
            Assert.Contains($"Set-SQSQueueAttribute -QueueUrl 'https://sqs.us-east-1.amazonaws.com/{Account}/orders'", open.Remediation);

            var pinned = findings.Single(f => f.ResourceId == "billing");
            Assert.Equal(FindingStatus.Pass, pinned.Status);
            Assert.Contains("aws:SourceAccount", pinned.Reason);

            var none = findings.Single(f => f.ResourceId == "audit");
            Assert.Equal(FindingStatus.Pass, none.Status);
            Assert.Equal(false, none.Evidence["HasPolicy"]);

            var west = findings.Single(f => f.Region == West);
            Assert.Equal(FindingStatus.NotApplicable, west.Status);
        }

        [Fact]
        public void A_topic_anyone_may_subscribe_to_fails_beside_the_default_policy()
        {
            using var bundle = Scenario();
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.TopicPolicyNotPublic);

            var open = findings.Single(f => f.ResourceId == "price-feed");
            Assert.Equal(FindingStatus.Fail, open.Status);
            Assert.Equal("AWS::SNS::Topic", open.ResourceType);
            Assert.Equal("arn:aws:sns:us-east-1:111122223333:price-feed", open.ResourceArn);
            Assert.Contains("SNS:Subscribe", open.Reason);
            Assert.Contains("--topic-arn arn:aws:sns:us-east-1:111122223333:price-feed", open.Remediation);
            Assert.Contains("Set-SNSTopicAttribute -TopicArn 'arn:aws:sns:us-east-1:111122223333:price-feed'", open.Remediation);

            var owned = findings.Single(f => f.ResourceId == "alerts");
            Assert.Equal(FindingStatus.Pass, owned.Status);
            Assert.Contains("AWS:SourceOwner", owned.Reason);

            Assert.Equal(FindingStatus.NotApplicable, findings.Single(f => f.Region == West).Status);
        }

        [Fact]
        public void Denied_queue_and_topic_calls_are_errors_naming_the_call_never_passes()
        {
            using var bundle = Scenario();
            bundle.Error(GetQueueAttributes("orders").BundlePath, "AccessDenied", "User is not authorized to perform: sqs:GetQueueAttributes");
            bundle.Error(PublicPolicyCalls.GetTopicAttributes(East, TopicArn("price-feed")).BundlePath, "AuthorizationError", "User is not authorized to perform: SNS:GetTopicAttributes");
            bundle.Error($"{West}/sqs/ListQueues.json", "AccessDenied", "User is not authorized to perform: sqs:ListQueues");
            bundle.Error($"{West}/sns/ListTopics.json", "AuthorizationError", "User is not authorized to perform: SNS:ListTopics");
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question);

            var queue = findings.Of(Sec06Catalog.QueuePolicyNotPublic).Single(f => f.ResourceId == "orders");
            Assert.Equal(FindingStatus.Error, queue.Status);
            Assert.Contains("sqs:GetQueueAttributes", queue.Reason);
            Assert.Equal("AWS::SQS::Queue", queue.ResourceType);
            var topic = findings.Of(Sec06Catalog.TopicPolicyNotPublic).Single(f => f.ResourceId == "price-feed");
            Assert.Equal(FindingStatus.Error, topic.Status);
            Assert.Contains("sns:GetTopicAttributes", topic.Reason);

            Assert.Equal(FindingStatus.Error, findings.Of(Sec06Catalog.QueuePolicyNotPublic).Single(f => f.Region == West).Status);
            Assert.Contains("sqs:ListQueues", findings.Of(Sec06Catalog.QueuePolicyNotPublic).Single(f => f.Region == West).Reason);
            Assert.Equal(FindingStatus.Error, findings.Of(Sec06Catalog.TopicPolicyNotPublic).Single(f => f.Region == West).Status);
            Assert.Contains("sns:ListTopics", findings.Of(Sec06Catalog.TopicPolicyNotPublic).Single(f => f.Region == West).Reason);

            // The other resources are still judged.
            Assert.Equal(FindingStatus.Pass, findings.Of(Sec06Catalog.QueuePolicyNotPublic).Single(f => f.ResourceId == "billing").Status);
            Assert.Equal(FindingStatus.Pass, findings.Of(Sec06Catalog.TopicPolicyNotPublic).Single(f => f.ResourceId == "alerts").Status);
        }

        [Fact]
        public void A_policy_that_cannot_be_read_or_judged_is_an_error_not_a_pass()
        {
            using var bundle = Scenario();
            bundle.Json(GetQueueAttributes("billing").BundlePath, new { Attributes = new { QueueArn = QueueArn("billing"), Policy = "{\"Statement\": [" } });
            bundle.Json(PublicPolicyCalls.GetTopicAttributes(East, TopicArn("alerts")).BundlePath, new
            {
                Attributes = new { TopicArn = TopicArn("alerts"), Policy = Policy("{\"Effect\":\"Allow\",\"Action\":\"SNS:Publish\",\"Resource\":\"*\"}") },
            });
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question);

            var queue = findings.Of(Sec06Catalog.QueuePolicyNotPublic).Single(f => f.ResourceId == "billing");
            Assert.Equal(FindingStatus.Error, queue.Status);
            Assert.Contains("queue policy of SQS queue billing cannot be read", queue.Reason);
            var topic = findings.Of(Sec06Catalog.TopicPolicyNotPublic).Single(f => f.ResourceId == "alerts");
            Assert.Equal(FindingStatus.Error, topic.Status);
            Assert.Contains("cannot be judged", topic.Reason);
        }

        [Fact]
        public void An_attributes_answer_without_Attributes_is_an_error_not_a_queue_or_topic_without_policy()
        {
            using var bundle = Scenario();
            bundle.Json(GetQueueAttributes("audit").BundlePath, new { });
            bundle.Json(PublicPolicyCalls.GetTopicAttributes(East, TopicArn("alerts")).BundlePath, new { });
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question);

            var queue = findings.Of(Sec06Catalog.QueuePolicyNotPublic).Single(f => f.ResourceId == "audit");
            Assert.Equal(FindingStatus.Error, queue.Status);
            Assert.Contains("GetQueueAttributes response for SQS queue audit in us-east-1 has no Attributes", queue.Reason);
            var topic = findings.Of(Sec06Catalog.TopicPolicyNotPublic).Single(f => f.ResourceId == "alerts");
            Assert.Equal(FindingStatus.Error, topic.Status);
            Assert.Contains("has no Attributes", topic.Reason);
        }

        private static BundleBuilder Scenario()
        {
            var bundle = new BundleBuilder(Account, East, West);
            bundle.Json($"{East}/sqs/ListQueues.json", new { QueueUrls = new[] { QueueUrl("orders"), QueueUrl("billing"), QueueUrl("audit") } });
            bundle.Json(GetQueueAttributes("orders").BundlePath, QueueAttributes("orders", OpenQueuePolicy));
            bundle.Json(GetQueueAttributes("billing").BundlePath, QueueAttributes("billing", PinnedQueuePolicy));
            bundle.Json(GetQueueAttributes("audit").BundlePath, QueueAttributes("audit", null));
            bundle.Json($"{West}/sqs/ListQueues.json", new { });

            bundle.Json($"{East}/sns/ListTopics.json", new { Topics = new[] { new { TopicArn = TopicArn("alerts") }, new { TopicArn = TopicArn("price-feed") } } });
            bundle.Json(PublicPolicyCalls.GetTopicAttributes(East, TopicArn("alerts")).BundlePath, TopicAttributes("alerts", DefaultTopicPolicy));
            bundle.Json(PublicPolicyCalls.GetTopicAttributes(East, TopicArn("price-feed")).BundlePath, TopicAttributes("price-feed", OpenTopicPolicy));
            bundle.Json($"{West}/sns/ListTopics.json", new { Topics = new object[0] });
            return bundle;
        }

        private static WASecurity.Evidence.ApiCall GetQueueAttributes(string name) => DataCalls.GetQueueAttributes(East, name, QueueUrl(name));

        private static string QueueUrl(string name) => $"https://sqs.us-east-1.amazonaws.com/{Account}/{name}";

        private static string QueueArn(string name) => $"arn:aws:sqs:us-east-1:{Account}:{name}";

        private static string TopicArn(string name) => $"arn:aws:sns:us-east-1:{Account}:{name}";

        private static object QueueAttributes(string name, string? policy)
        {
            var attributes = new System.Collections.Generic.Dictionary<string, string>
            {
                ["QueueArn"] = QueueArn(name),
                ["ApproximateNumberOfMessages"] = "0",
                ["CreatedTimestamp"] = "1717322400",
                ["VisibilityTimeout"] = "30",
                ["SqsManagedSseEnabled"] = "true",
            };
            if (policy != null)
            {
                attributes["Policy"] = policy;
            }

            return new { Attributes = attributes };
        }

        private static object TopicAttributes(string name, string policy) => new
        {
            Attributes = new System.Collections.Generic.Dictionary<string, string>
            {
                ["Policy"] = policy,
                ["Owner"] = Account,
                ["SubscriptionsPending"] = "0",
                ["TopicArn"] = TopicArn(name),
                ["EffectiveDeliveryPolicy"] = "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,\"maxDelayTarget\":20,\"numRetries\":3}}}",
                ["SubscriptionsConfirmed"] = "1",
                ["DisplayName"] = string.Empty,
                ["SubscriptionsDeleted"] = "0",
            },
        };

        private static string Policy(params string[] statements) =>
            "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";
    }
}
