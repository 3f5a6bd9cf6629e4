namespace WASecurity.Aws.Operations
{
    /// <summary>SNS (AWS Query 2010-03-31, regional, pages by NextToken).</summary>
    internal static class SnsOperations
    {
        private static readonly AwsService Service = AwsService.Regional("sns");

        public static void Register(OperationRegistry registry)
        {
            // TopicArn from the ApiCall; an unconfirmed subscription's SubscriptionArn is the text "PendingConfirmation".
            registry.Add("sns", "ListSubscriptionsByTopic", "sns:ListSubscriptionsByTopic", ProtocolOperations.Query(Service, "2010-03-31", new QueryShape(lists: new[] { "Subscriptions" }), paginated: true, pageToken: "NextToken"));
        }
    }
}
