using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    public sealed class CancellationTests
    {
        [Fact]
        public void Stopping_the_pipeline_ends_a_live_run_with_requests_in_flight_promptly_fixture()
        {
            using var answered = new ManualResetEventSlim();
            using var fake = new FakeAwsEndpoint(request =>
            {
                switch (request.Operation)
                {
                    case "GetCallerIdentity":
                        return FakeResponse.Xml("<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/x</Arn><UserId>U</UserId><Account>111122223333</Account></GetCallerIdentityResult></GetCallerIdentityResponse>");
                    case "DescribeRegions":
                        return FakeResponse.Xml("<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><regionInfo><item><regionName>us-east-1</regionName></item></regionInfo></DescribeRegionsResponse>");
                    default:
                        // A hung AWS call.
                        answered.Set();
                        Thread.Sleep(8000);
                        return FakeResponse.QueryError(500, "InternalFailure", "late");
                }
            });
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(Finding).Assembly.Location)!, "WASecurity.psd1") });
            using var runspace = RunspaceFactory.CreateRunspace(state);
            runspace.Open();
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript($"Test-WASRootAccount -EndpointUrl {fake.Endpoint} -AccessKey AKIDSTOP -SecretKey s -Region us-east-1 -NoCache");

            var run = shell.BeginInvoke();
            Assert.True(answered.Wait(TimeSpan.FromSeconds(30)), "the run never reached the hung call");
            var watch = Stopwatch.StartNew();
            shell.Stop();
            Assert.True(run.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5)), "the run did not stop");

            Assert.True(watch.ElapsedMilliseconds < 3000, $"stopping took {watch.ElapsedMilliseconds} ms");
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        }
    }
}
