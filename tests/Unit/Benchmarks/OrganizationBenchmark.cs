using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using WASecurity.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace WASecurity.Tests.Benchmarks
{
    /// <summary>
    /// A measurement, not a test (build.ps1 -Task Benchmark runs it; the Test task leaves the Benchmark category out):
    /// Invoke-WASAssessment -OrganizationRoleName over an organization of 25 member accounts, 2 regions each, through
    /// a loopback proxy that holds every request for a fixed delay before moto answers it. It reports wall time, time to
    /// the first finding, requests, the most requests in flight, the process's CPU time, and moto's own share (the same
    /// run at 0 ms), and extrapolates to 100 accounts. It asserts only that the run completed without Error findings.
    /// The table goes to the test output and to out/benchmark/organization.md.
    /// </summary>
    [Collection(MotoCollection.Name)]
    [Trait("Category", "Benchmark")]
    public sealed class OrganizationBenchmark
    {
        private const int MemberAccounts = 25;
        private const string Role = "OrganizationAccountAccessRole";
        private static readonly string[] Regions = { "us-east-1", "eu-west-1" };

        private readonly MotoServer _moto;
        private readonly ITestOutputHelper _output;

        public OrganizationBenchmark(MotoServer moto, ITestOutputHelper output)
        {
            _moto = moto;
            _output = output;
        }

        [Fact]
        public void Organization_of_25_accounts_in_2_regions_at_0_and_50_ms_per_request()
        {
            var members = Seed();
            var rows = new List<Row>();

            // Warm-up (JIT, first connections); not reported.
            Measure(TimeSpan.Zero, 4, new[] { members[0] });

            foreach (var (delay, accountThrottle) in new[] { (0, 4), (50, 4), (50, 8) })
            {
                rows.Add(Measure(TimeSpan.FromMilliseconds(delay), accountThrottle, null));
            }

            var table = Render(rows);
            _output.WriteLine(table);
            BenchmarkOutput.Write("organization.md", table);
        }

        private Row Measure(TimeSpan delay, int accountThrottle, IReadOnlyList<string>? accounts)
        {
            using var proxy = new AwsProxy(_moto.Endpoint, delay);
            var selection = accounts == null ? string.Empty : $"-AccountId {string.Join(", ", accounts.Select(a => $"'{a}'"))}";
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var result = PowerShellRunner.Run(string.Join("\n",
                "$watch = [Diagnostics.Stopwatch]::StartNew(); $first = $null; $count = 0; $errors = 0",
                $"Invoke-WASAssessment -OrganizationRoleName {Role} {selection} -AccountThrottleLimit {accountThrottle} -Region {string.Join(", ", Regions)} -EndpointUrl {proxy.Endpoint} -AccessKey AKIDBENCHMARK -SecretKey s -NoCache -WarningAction SilentlyContinue |",
                "    ForEach-Object { if ($null -eq $first) { $first = $watch.Elapsed.TotalSeconds }; $count++; if ($_.Status -eq 'Error') { $errors++ }; if ($_.CheckId -eq 'WAS.AccountAccess') { Write-Warning $_.Reason } }",
                "[pscustomobject]@{ Wall = $watch.Elapsed.TotalSeconds; First = $first; Findings = $count; Errors = $errors }"));
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Assert.Null(result.Terminating);
            var summary = result.Output.Last();
            var row = new Row(
                delay,
                accountThrottle,
                accounts?.Count ?? MemberAccounts + 1,
                (double)summary.Properties["Wall"].Value,
                summary.Properties["First"].Value is double first ? first : double.NaN,
                (int)summary.Properties["Findings"].Value,
                (int)summary.Properties["Errors"].Value,
                proxy.Requests.Count,
                proxy.MaxInFlight,
                cpuUsed.TotalSeconds);
            _output.WriteLine(row.ToString());

            // A benchmark of a run that could not open the accounts would measure nothing. (Error findings of the APIs
            // the emulator does not answer are expected and counted.)
            Assert.True(row.Findings > 0);
            Assert.DoesNotContain("WAS.AccountAccess", result.AllText, StringComparison.Ordinal);
            return row;
        }

        /// <summary>The organization: in each member account, through its role, IAM users, a bucket, and per region a key and security groups.</summary>
        private IReadOnlyList<string> Seed()
        {
            _moto.Reset();
            var printed = _moto.RunPython(string.Join("\n",
                "org = client('organizations')",
                "org.create_organization(FeatureSet='ALL')",
                $"ids = sorted(org.create_account(Email=f'member{{i}}@example.com', AccountName=f'member{{i}}')['CreateAccountStatus']['AccountId'] for i in range({MemberAccounts}))",
                "for n, account in enumerate(ids):",
                $"    c = client('sts').assume_role(RoleArn=f'arn:aws:iam::{{account}}:role/{Role}', RoleSessionName='seed')['Credentials']",
                "    def member(service, region='us-east-1'):",
                "        return boto3.client(service, endpoint_url=ENDPOINT, region_name=region, aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'])",
                "    iam = member('iam')",
                "    for u in range(6):",
                "        iam.create_user(UserName=f'user{u}')",
                "        if u % 2 == 0: iam.create_access_key(UserName=f'user{u}')",
                "        if u % 3 == 0: iam.create_login_profile(UserName=f'user{u}', Password='Correct-Horse-42!')",
                "    member('s3').create_bucket(Bucket=f'bench-{account}')",
                $"    for region in {JsonSerializer.Serialize(Regions)}:",
                "        ec2 = member('ec2', region)",
                "        for g in range(3):",
                "            sg = ec2.create_security_group(GroupName=f'bench{g}', Description='benchmark')['GroupId']",
                "            if g == 0: ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 22, 'ToPort': 22, 'IpRanges': [{'CidrIp': '0.0.0.0/0'}]}])",
                "        member('kms', region).create_key(Description='benchmark')",
                "print(json.dumps(ids))"));
            var ids = JsonSerializer.Deserialize<List<string>>(printed.Trim().Split('\n').Last())!;
            Assert.Equal(MemberAccounts, ids.Count);
            return ids;
        }

        private static string Render(IReadOnlyList<Row> rows)
        {
            var text = new StringBuilder();
            text.AppendLine($"Organization benchmark: {MemberAccounts} member accounts + the management account, regions {string.Join(", ", Regions)}, every question; {Environment.ProcessorCount}-core machine; the emulator answers one request at a time.");
            text.AppendLine();
            text.AppendLine("| Delay per request | -AccountThrottleLimit | Accounts | Wall (s) | First finding (s) | Findings | Error findings | Requests | Most in flight | Process CPU (s) | Extrapolated to 100 accounts (s) |");
            text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var row in rows)
            {
                text.AppendLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "| {0} ms | {1} | {2} | {3:0.0} | {4:0.0} | {5} | {10} | {6} | {7} | {8:0.0} | {9:0} |",
                    row.Delay.TotalMilliseconds,
                    row.AccountThrottle,
                    row.Accounts,
                    row.Wall,
                    row.First,
                    row.Findings,
                    row.Requests,
                    row.MaxInFlight,
                    row.Cpu,
                    row.Wall * 100 / row.Accounts,
                    row.Errors));
            }

            var zero = rows.FirstOrDefault(r => r.Delay == TimeSpan.Zero);
            if (zero != null)
            {
                text.AppendLine();
                text.AppendLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "At 0 ms the wall time is the emulator's serial service time plus the module's own work: {0:0.0} s for {1} requests ({2:0.0} ms a request). 100 accounts take ~{3:0} s at the slowest row above, against the 10-minute (600 s) goal.",
                    zero.Wall,
                    zero.Requests,
                    1000 * zero.Wall / Math.Max(1, zero.Requests),
                    rows.Max(r => r.Wall * 100 / r.Accounts)));
            }

            return text.ToString();
        }

        private sealed record Row(TimeSpan Delay, int AccountThrottle, int Accounts, double Wall, double First, int Findings, int Errors, int Requests, int MaxInFlight, double Cpu)
        {
            public override string ToString() =>
                string.Format(CultureInfo.InvariantCulture, "{0} ms, {1} accounts at once: {2:0.0} s wall, first finding {3:0.0} s, {4} findings, {5} requests, {6} in flight at most, {7:0.0} s CPU", Delay.TotalMilliseconds, AccountThrottle, Wall, First, Findings, Requests, MaxInFlight, Cpu);
        }
    }
}
