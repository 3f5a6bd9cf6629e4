using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// SEC06.QueuePolicyNotPublic and SEC06.TopicPolicyNotPublic live against moto: a queue and a topic open to
    /// everyone beside twins whose statements to everyone are pinned by a condition, through the real operations.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class PublicPolicyLiveTests
    {
        private readonly MotoServer _moto;

        public PublicPolicyLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void A_public_queue_and_topic_fail_and_their_pinned_twins_pass()
        {
            _moto.Reset();
            _moto.RunPython(string.Join("\n",
                "import json",
                "sqs = client('sqs')",
                "sns = client('sns')",
                "ACCOUNT = '" + MotoServer.AccountId + "'",
                "def queue_policy(name, condition):",
                "    statement = {'Sid': 'FromEvents', 'Effect': 'Allow', 'Principal': '*', 'Action': 'sqs:SendMessage',",
                "                 'Resource': f'arn:aws:sqs:us-east-1:{ACCOUNT}:{name}'}",
                "    if condition:",
                "        statement['Condition'] = {'ArnEquals': {'aws:SourceArn': f'arn:aws:sns:us-east-1:{ACCOUNT}:billing-events'}}",
                "    return json.dumps({'Version': '2012-10-17', 'Statement': [statement]})",
                "sqs.create_queue(QueueName='open-queue', Attributes={'Policy': queue_policy('open-queue', False)})",
                "sqs.create_queue(QueueName='pinned-queue', Attributes={'Policy': queue_policy('pinned-queue', True)})",
                "sqs.create_queue(QueueName='plain-queue')",
                "open_topic = sns.create_topic(Name='open-topic')['TopicArn']",
                "sns.set_topic_attributes(TopicArn=open_topic, AttributeName='Policy', AttributeValue=json.dumps({'Version': '2012-10-17',",
                "    'Statement': [{'Sid': 'AnyoneSubscribes', 'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 'SNS:Subscribe', 'Resource': open_topic}]}))",
                "sns.create_topic(Name='default-topic')"));

            var findings = PowerShellRunner.Run(
                $"Test-WASServiceSecurity -EndpointUrl {_moto.Endpoint} -AccessKey AKIDPUB -SecretKey s -Region us-east-1 -NoCache -CheckId SEC06.QueuePolicyNotPublic,SEC06.TopicPolicyNotPublic").AssertNoErrors().Findings;

            var queues = findings.Where(f => f.CheckId == "SEC06.QueuePolicyNotPublic").ToList();
            Assert.Equal(3, queues.Count);
            var openQueue = queues.Single(f => f.ResourceId == "open-queue");
            Assert.Equal(FindingStatus.Fail, openQueue.Status);
            Assert.Equal($"arn:aws:sqs:us-east-1:{MotoServer.AccountId}:open-queue", openQueue.ResourceArn);
            Assert.Contains("statement 'FromEvents'", openQueue.Reason);
            Assert.Equal(FindingStatus.Pass, queues.Single(f => f.ResourceId == "pinned-queue").Status);
            Assert.Contains("aws:SourceArn", queues.Single(f => f.ResourceId == "pinned-queue").Reason);
            Assert.Equal(FindingStatus.Pass, queues.Single(f => f.ResourceId == "plain-queue").Status);

            var topics = findings.Where(f => f.CheckId == "SEC06.TopicPolicyNotPublic").ToList();
            Assert.Equal(2, topics.Count);
            var openTopic = topics.Single(f => f.ResourceId == "open-topic");
            Assert.Equal(FindingStatus.Fail, openTopic.Status);
            Assert.Equal($"arn:aws:sns:us-east-1:{MotoServer.AccountId}:open-topic", openTopic.ResourceArn);
            Assert.Contains("SNS:Subscribe", openTopic.Reason);
            // moto writes SNS's default policy: everyone, limited to the owner by AWS:SourceOwner.
            var defaultTopic = topics.Single(f => f.ResourceId == "default-topic");
            Assert.Equal(FindingStatus.Pass, defaultTopic.Status);
            Assert.Contains("SourceOwner", defaultTopic.Reason);
        }
    }
}
