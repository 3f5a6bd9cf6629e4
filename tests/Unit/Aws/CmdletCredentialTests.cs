using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Checks;
using WASecurity.Cmdlets;
using Xunit;

namespace WASecurity.Tests.Aws
{
    /// <summary>
    /// Credential resolution as users reach it: parameter names and aliases, the AWS Tools session variables,
    /// Write-Debug, and terminating ErrorRecords with the documented ErrorIds.
    /// </summary>
    public sealed class CmdletCredentialTests
    {
        [Fact]
        public void Unknown_profile_stops_a_live_cmdlet_with_WASProfileNotFound()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("prod", "AKIAPRODUCTION00001"));

            var error = TestCmdletRunner.RunForError(home, $"Test-WASRootAccount -ProfileName prdo -ProfileLocation '{home.CredentialsPath}'");

            Assert.NotNull(error);
            Assert.Equal("WASProfileNotFound,WASecurity.Cmdlets.TestWASRootAccount", error!.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("prdo", error.TargetObject);
        }

        [Fact]
        public void AWS_Tools_aliases_bind_to_the_profile_parameters()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("prod", "AKIAPRODUCTION00001"));

            var error = TestCmdletRunner.RunForError(home, $"Test-WASRootAccount -AWSProfileName gone -AWSProfilesLocation '{home.CredentialsPath}'");

            Assert.Equal("WASProfileNotFound,WASecurity.Cmdlets.TestWASRootAccount", error?.FullyQualifiedErrorId);
            Assert.Contains(home.CredentialsPath, error!.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Access_key_without_secret_key_is_WASInvalidArgument()
        {
            using var home = new AwsTestHome();

            var error = TestCmdletRunner.RunForError(home, "Test-WASRootAccount -AK AKIAONLYACCESSKEY001");

            Assert.Equal("WASInvalidArgument,WASecurity.Cmdlets.TestWASRootAccount", error?.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error!.CategoryInfo.Category);
        }

        [Fact]
        public void Parameters_and_aliases_reach_the_resolver_and_Write_Debug_names_the_source()
        {
            using var home = new AwsTestHome();

            var result = TestCmdletRunner.Run(
                home,
                $"Get-WASTestAwsContext -AK AKIAEXPLICITKEY0QXA1 -SecretAccessKey '{AwsTestHome.Secret}' -ST '{AwsTestHome.Token}' -Region eu-west-1,us-east-1 -EndpointUrl http://127.0.0.1:5000 -Debug");

            var context = result.Single();
            Assert.Equal("AKIAEXPLICITKEY0QXA1", context.Credentials.GetCredentials().AccessKey);
            Assert.Equal(AwsTestHome.Token, context.Credentials.GetCredentials().Token);
            Assert.Equal(new[] { "eu-west-1", "us-east-1" }, context.Regions);
            Assert.Equal("http://127.0.0.1:5000", context.EndpointUrl);
            Assert.Equal(new[]
            {
                "Credentials: -AccessKey/-SecretKey parameters (access key …QXA1, with -SessionToken).",
                "Region: eu-west-1 from -Region (first of 2).",
                "Endpoint: http://127.0.0.1:5000 from -EndpointUrl.",
            }, TestCmdletRunner.LastDebug);
            Assert.DoesNotContain(TestCmdletRunner.LastDebug, m => m.Contains(AwsTestHome.Secret, StringComparison.Ordinal) || m.Contains(AwsTestHome.Token, StringComparison.Ordinal));
        }

        [Fact]
        public void StoredAWSCredentials_object_and_StoredAWSRegion_are_read_from_the_session()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01", "eu-west-3"));
            var stored = new BasicAWSCredentials("AKIASTOREDOBJECT0001", AwsTestHome.Secret);

            var context = TestCmdletRunner.Run(
                home,
                "Get-WASTestAwsContext -Debug",
                new Dictionary<string, object?> { ["StoredAWSCredentials"] = stored, ["StoredAWSRegion"] = "ap-southeast-1" }).Single();

            Assert.Same(stored, context.Credentials);
            Assert.Equal("ap-southeast-1", context.Region);
            Assert.Contains("Credentials: $StoredAWSCredentials (BasicAWSCredentials object).", TestCmdletRunner.LastDebug);
            Assert.Contains("Region: ap-southeast-1 from $StoredAWSRegion.", TestCmdletRunner.LastDebug);
        }

        [Fact]
        public void StoredAWSCredentials_profile_name_is_read_from_the_session()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01") + AwsTestHome.Keys("prod", "AKIAPRODUCTION00001", "eu-west-1"));

            var context = TestCmdletRunner.Run(home, "$global:StoredAWSCredentials = 'prod'; Get-WASTestAwsContext").Single();

            Assert.Equal("AKIAPRODUCTION00001", context.Credentials.GetCredentials().AccessKey);
            Assert.Equal("prod", context.ProfileName);
        }

        [Fact]
        public void ProfileLocation_is_resolved_against_the_PowerShell_current_location()
        {
            using var home = new AwsTestHome();
            home.WriteFile("profiles/creds", AwsTestHome.Keys("team", "AKIATEAMPROFILE00001"));

            var context = TestCmdletRunner.Run(home, $"Set-Location '{home.Root}'; Get-WASTestAwsContext -ProfileName team -ProfileLocation profiles/creds").Single();

            Assert.Equal("AKIATEAMPROFILE00001", context.Credentials.GetCredentials().AccessKey);
            Assert.Contains(Path.Combine(home.Root, "profiles", "creds"), context.CredentialSource, StringComparison.Ordinal);
        }

        [Fact]
        public void Resolution_errors_are_terminating_ErrorRecords()
        {
            using var home = new AwsTestHome();

            var record = TestCmdletRunner.RunForError(home, "Get-WASTestAwsContext");

            Assert.NotNull(record);
            Assert.Equal("WASNoCredentials,WASecurity.Tests.Aws.GetWASTestAwsContext", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, record!.CategoryInfo.Category);
        }
    }

    /// <summary>
    /// An assessment cmdlet that only resolves credentials, with the test's environment and a fake IMDS, and
    /// writes the result: the real parameters, aliases, session variables and Write-Debug, no AWS call.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WASTestAwsContext", DefaultParameterSetName = LiveSet)]
    public sealed class GetWASTestAwsContext : AssessmentCmdletBase
    {
        internal static AwsTestHome? Home { get; set; }

        protected override IReadOnlyList<QuestionDefinition> Questions => Array.Empty<QuestionDefinition>();

        protected override void EndProcessing()
        {
            var request = AwsContextFromCmdlet.CreateRequest(this);
            var template = Home!.Request();
            request.Environment = template.Environment;
            request.InstanceMetadata = template.InstanceMetadata;
            WriteObject(AwsContextFromCmdlet.Resolve(this, request));
        }
    }

    internal static class TestCmdletRunner
    {
        private static readonly object Gate = new object();

        [ThreadStatic]
        private static List<string>? _lastDebug;

        [ThreadStatic]
        private static List<ErrorRecord>? _lastErrors;

        public static List<string> LastDebug => _lastDebug ?? new List<string>();

        /// <summary>
        /// The error a script ended with: the terminating one (thrown out of Invoke) or the first non-terminating one.
        /// </summary>
        internal static ErrorRecord? RunForError(AwsTestHome home, string script)
        {
            try
            {
                Run(home, script);
                return _lastErrors?.FirstOrDefault();
            }
            catch (RuntimeException e)
            {
                return e.ErrorRecord;
            }
        }

        /// <summary>Runs a script with the module and Get-WASTestAwsContext; one at a time, as the cmdlet's home is static.</summary>
        internal static List<ResolvedAwsContext> Run(AwsTestHome home, string script, IDictionary<string, object?>? variables = null)
        {
            lock (Gate)
            {
                GetWASTestAwsContext.Home = home;
                try
                {
                    var state = InitialSessionState.CreateDefault2();
                    if (OperatingSystem.IsWindows())
                    {
                        // Setting an execution policy throws PlatformNotSupportedException elsewhere.
                        state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
                    }

                    state.ImportPSModule(new[] { Path.Combine(Path.GetDirectoryName(typeof(Finding).Assembly.Location)!, "WASecurity.psd1") });
                    state.Commands.Add(new SessionStateCmdletEntry("Get-WASTestAwsContext", typeof(GetWASTestAwsContext), null));
                    using var runspace = RunspaceFactory.CreateRunspace(state);
                    runspace.Open();
                    foreach (var variable in variables ?? new Dictionary<string, object?>())
                    {
                        runspace.SessionStateProxy.SetVariable(variable.Key, variable.Value);
                    }

                    using var shell = PowerShell.Create();
                    shell.Runspace = runspace;
                    shell.AddScript(script);
                    try
                    {
                        var output = shell.Invoke();
                        _lastErrors = shell.Streams.Error.ToList();
                        return output.Select(o => o.BaseObject).OfType<ResolvedAwsContext>().ToList();
                    }
                    finally
                    {
                        _lastDebug = shell.Streams.Debug.Select(d => d.Message).ToList();
                    }
                }
                finally
                {
                    GetWASTestAwsContext.Home = null;
                }
            }
        }
    }
}
