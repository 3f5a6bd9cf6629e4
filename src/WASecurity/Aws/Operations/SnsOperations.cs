namespace WASecurity.Aws.Operations
{
    /// <summary>SNS (AWS Query 2010-03-31, regional, pages by NextToken).</summary>
    internal static class SnsOperations
    {
        private static readonly AwsService Service = AwsService.Regional("sns");

        /// <summary>
        /// GetTopicAttributes: <c>{"Attributes": {"Policy": "&lt;JSON string&gt;", "Owner": …, "SubscriptionsConfirmed": "1", "FifoTopic": "false", …}}</c>,
        /// an <c>&lt;entry&gt;&lt;key/&gt;&lt;value/&gt;&lt;/entry&gt;</c> map whose values the CLI prints as strings, "false" and numbers included.
        /// </summary>
        internal static readonly QueryShape TopicAttributesShape = new QueryShape(maps: new[] { "Attributes" }, texts: new[] { "Attributes" });

        public static void Register(OperationRegistry registry)
        {
            // TopicArn from the ApiCall; an unconfirmed subscription's SubscriptionArn is the text "PendingConfirmation".
            registry.Add("sns", "ListSubscriptionsByTopic", "sns:ListSubscriptionsByTopic", ProtocolOperations.Query(Service, "2010-03-31", new QueryShape(lists: new[] { "Subscriptions" }), paginated: true, pageToken: "NextToken"));

            // {"Topics": [{"TopicArn": …}]}, all pages merged (100 topics a page).
            registry.Add("sns", "ListTopics", "sns:ListTopics", ProtocolOperations.Query(Service, "2010-03-31", new QueryShape(lists: new[] { "Topics" }), paginated: true, pageToken: "NextToken"));

            // TopicArn from the ApiCall.
            registry.Add("sns", "GetTopicAttributes", "sns:GetTopicAttributes", ProtocolOperations.Query(Service, "2010-03-31", TopicAttributesShape));
        }
    }
}
