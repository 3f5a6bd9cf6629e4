using System.Net.Http;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Amazon Macie (REST-JSON, regional, signed as "macie2"). GetMacieSession is GET /macie; an account where Macie
    /// was never enabled answers AccessDeniedException "Macie is not enabled", which SEC08 reads as off.
    /// </summary>
    internal static class Macie2Operations
    {
        private static readonly AwsService Service = AwsService.Regional("macie2");

        public static void Register(OperationRegistry registry)
        {
            registry.Add("macie2", "GetMacieSession", "macie2:GetMacieSession", async (call, context, cancellationToken) =>
            {
                var session = await context.Protocol.RestJsonAsync(Service, context.RegionOf(call), call.Operation, HttpMethod.Get, "/macie", null, cancellationToken).ConfigureAwait(false);
                return ProtocolOperations.ToResponse(call, session);
            });
        }
    }
}
