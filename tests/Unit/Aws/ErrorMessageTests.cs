using WASecurity.Aws;
using Xunit;

namespace WASecurity.Tests.Aws
{
    /// <summary>Error reasons carry AWS's sentence or the HTTP status, never a proxy's or an emulator's page.</summary>
    public sealed class ErrorMessageTests
    {
        [Theory]
        [InlineData("The service returned an error with HTTP Body: <!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>", 500, "HTTP 500 Internal Server Error")]
        [InlineData("<html><body>Bad Gateway</body></html>", 502, "HTTP 502 Bad Gateway")]
        [InlineData("The service returned an error. See inner exception for details.", 503, "HTTP 503 Service Unavailable")]
        [InlineData("", 0, "no readable error message")]
        public void A_page_or_a_pointer_becomes_the_status(string message, int status, string expected)
        {
            Assert.Equal(expected, AwsErrorReader.Short(message, status));
        }

        [Theory]
        [InlineData("User: arn:aws:iam::123456789012:user/audit is not authorized to perform: iam:GetAccountSummary", 403)]
        [InlineData("1 validation error detected: Value '<none>' at 'maxResults' failed to satisfy constraint", 400)]
        public void AWS_own_sentence_is_kept(string message, int status)
        {
            Assert.Equal(message, AwsErrorReader.Short(message, status));
        }
    }
}
