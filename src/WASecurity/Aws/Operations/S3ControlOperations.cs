using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// S3 Control (REST-XML, no served SDK package): account-level S3 settings. AWS's host carries the account id
    /// (<c>{AccountId}.s3-control.{region}.amazonaws.com</c>), which also travels in <c>x-amz-account-id</c>;
    /// with -EndpointUrl the override host is used as it is. Requests are signed as "s3".
    /// </summary>
    internal static class S3ControlOperations
    {
        public const string ApiVersionPath = "/v20180820";

        internal static readonly AwsService Service = AwsService.Regional("s3-control", "s3");
        private static readonly Regex AccountIdPattern = new Regex("^[0-9]{12}$", RegexOptions.CultureInvariant);

        public static void Register(OperationRegistry registry)
        {
            // The CLI prints {"PublicAccessBlockConfiguration": {...}}: the XML's root element under its own name.
            registry.Add("s3control", "GetPublicAccessBlock", "s3:GetAccountPublicAccessBlock", async (call, context, cancellationToken) =>
            {
                var accountId = call.Parameters.TryGetValue("AccountId", out var value) ? value as string : null;
                if (accountId == null || !AccountIdPattern.IsMatch(accountId))
                {
                    // The id becomes part of a host name: anything but twelve digits is refused, not sent.
                    throw new AwsServiceException("s3control", call.Operation, "InvalidAccountId", "AccountId must be a 12-digit AWS account id.", 0);
                }

                var result = await RestXmlRequest.GetAsync(
                    context,
                    Service.WithHostPrefix(accountId + "."),
                    context.RegionOf(call),
                    call.Operation,
                    ApiVersionPath + "/configuration/publicAccessBlock",
                    new Dictionary<string, string> { ["x-amz-account-id"] = accountId },
                    null,
                    QueryShape.Empty,
                    cancellationToken).ConfigureAwait(false);
                return ProtocolOperations.ToResponse(call, result);
            });
        }
    }
}
