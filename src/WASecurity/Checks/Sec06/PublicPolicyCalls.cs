using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec06
{
    /// <summary>The calls that read resource policies only SEC06 judges (SNS topics). SQS queue policies come with DataCalls.GetQueueAttributes.</summary>
    internal static class PublicPolicyCalls
    {
        /// <summary>The region's topics; the CLI prints <c>{"Topics":[{"TopicArn":…}]}</c>.</summary>
        public static ApiCall ListTopics(string region) => new ApiCall("sns", "ListTopics", region);

        /// <summary>Keyed by topic ARN; the CLI prints <c>{"Attributes":{"Policy":"&lt;JSON string&gt;",…}}</c>.</summary>
        public static ApiCall GetTopicAttributes(string region, string topicArn) =>
            new ApiCall("sns", "GetTopicAttributes", region, topicArn, new Dictionary<string, object?> { ["TopicArn"] = topicArn });
    }
}
