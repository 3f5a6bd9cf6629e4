using System;
using System.Collections.Generic;
using Amazon.Runtime;
using WASecurity.Aws;
using Xunit;

namespace WASecurity.Tests.Aws
{
    /// <summary>Nothing resolution says (debug sentences, sources, error messages) contains a secret key or a session token.</summary>
    public sealed class SecretLeakTests
    {
        [Fact]
        public void No_sentence_or_error_contains_the_secret_or_the_token()
        {
            var said = new List<string>();
            void Run(Action<AwsTestHome, CredentialRequest> arrange)
            {
                using var home = new AwsTestHome();
                var request = home.Request();
                arrange(home, request);
                try
                {
                    var context = AwsCredentialResolver.Resolve(request);
                    said.AddRange(context.DebugMessages);
                    said.Add(context.CredentialSource);
                    said.Add(context.RegionSource);
                }
                catch (AwsCredentialException e)
                {
                    said.Add(e.Message);
                    said.Add(WASecurity.Cmdlets.CredentialErrors.ToErrorRecord(e).ToString());
                    said.Add(Convert.ToString(e.Target) ?? string.Empty);
                }
            }

            Run((h, r) => { r.AccessKey = "AKIAEXPLICITKEY00001"; r.SecretKey = AwsTestHome.Secret; r.SessionToken = AwsTestHome.Token; });
            Run((h, r) => { r.SecretKey = AwsTestHome.Secret; r.SessionToken = AwsTestHome.Token; });
            Run((h, r) => { r.AccessKey = "AKIAEXPLICITKEY00001"; r.SessionToken = AwsTestHome.Token; });
            Run((h, r) => { h.Environment["AWS_ACCESS_KEY_ID"] = "ASIAENVIRONMENT00001"; h.Environment["AWS_SECRET_ACCESS_KEY"] = AwsTestHome.Secret; h.Environment["AWS_SESSION_TOKEN"] = AwsTestHome.Token; });
            Run((h, r) => { h.Credentials(AwsTestHome.Keys("prod", "AKIAPRODUCTION00001", "eu-west-1") + "aws_session_token = " + AwsTestHome.Token + "\n"); r.ProfileName = "prod"; });
            Run((h, r) => { h.Credentials("[broken]\naws_secret_access_key = " + AwsTestHome.Secret + "\n"); r.ProfileName = "broken"; });
            Run((h, r) => { h.Credentials("[broken]\naws_access_key_id = AKIA\naws_session_token = " + AwsTestHome.Token + "\n"); r.ProfileName = "broken"; });
            Run((h, r) => { r.Credential = new SessionAWSCredentials("ASIACREDENTIAL000001", AwsTestHome.Secret, AwsTestHome.Token); });
            Run((h, r) => { r.StoredAWSCredentials = new SessionAWSCredentials("ASIASTORED0000000001", AwsTestHome.Secret, AwsTestHome.Token); });
            Run((h, r) => { });

            Assert.True(said.Count >= 20, "scenarios ran: " + said.Count);
            Assert.All(said, text =>
            {
                Assert.DoesNotContain(AwsTestHome.Secret, text, StringComparison.Ordinal);
                Assert.DoesNotContain(AwsTestHome.Token, text, StringComparison.Ordinal);
            });
        }
    }
}
