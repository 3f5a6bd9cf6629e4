using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// S3 Control PutPublicAccessBlock (REST-XML PUT, for Enable-WASS3AccountPublicAccessBlock). The read side is the
    /// registered GetPublicAccessBlock operation; this is the one write the module sends to S3 Control, kept apart from
    /// the read-only operation registry. Same host rules: <c>{AccountId}.s3-control.{region}</c> at AWS, the override
    /// host as it is with -EndpointUrl.
    /// </summary>
    internal static class S3ControlPutPublicAccessBlock
    {
        private const string Namespace = "http://awss3control.amazonaws.com/doc/2018-08-20/";

        public static async Task SendAsync(
            AwsProtocolClient protocol, string region, string accountId, bool blockPublicAcls, bool ignorePublicAcls, bool blockPublicPolicy, bool restrictPublicBuckets, CancellationToken cancellationToken)
        {
            var body = Encoding.UTF8.GetBytes(Body(blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets));
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["content-type"] = "application/xml",
                ["x-amz-account-id"] = accountId,
                // S3 Control, like S3, refuses a signed request whose payload hash is not sent.
                ["x-amz-content-sha256"] = Hex(Sha256(body)),
            };
            await protocol.SendAsync(
                S3ControlOperations.Service.WithHostPrefix(accountId + "."),
                region,
                "PutPublicAccessBlock",
                HttpMethod.Put,
                S3ControlOperations.ApiVersionPath + "/configuration/publicAccessBlock",
                headers,
                body,
                cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The request body: the four settings in S3 Control's namespace (values are booleans, nothing to escape).</summary>
        internal static string Body(bool blockPublicAcls, bool ignorePublicAcls, bool blockPublicPolicy, bool restrictPublicBuckets) =>
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" +
            $"<PublicAccessBlockConfiguration xmlns=\"{Namespace}\">" +
            $"<BlockPublicAcls>{Flag(blockPublicAcls)}</BlockPublicAcls>" +
            $"<IgnorePublicAcls>{Flag(ignorePublicAcls)}</IgnorePublicAcls>" +
            $"<BlockPublicPolicy>{Flag(blockPublicPolicy)}</BlockPublicPolicy>" +
            $"<RestrictPublicBuckets>{Flag(restrictPublicBuckets)}</RestrictPublicBuckets>" +
            "</PublicAccessBlockConfiguration>";

        private static string Flag(bool value) => value ? "true" : "false";

        private static byte[] Sha256(byte[] data)
        {
            using (var sha = SHA256.Create())
            {
                return sha.ComputeHash(data);
            }
        }

        private static string Hex(byte[] bytes)
        {
            var builder = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }
    }
}
