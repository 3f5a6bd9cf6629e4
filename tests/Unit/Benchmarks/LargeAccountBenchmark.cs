using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using WASecurity.Cmdlets;
using WASecurity.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace WASecurity.Tests.Benchmarks
{
    /// <summary>
    /// A measurement, not a test (build.ps1 -Task Benchmark; the Test task leaves the Benchmark category out): one large
    /// account seeded into moto, assessed once through a recording proxy, then assessed again from the recorded answers
    /// with no emulator in the way, at 0 and 50 ms per request, and offline from its evidence bundle. Each run is a
    /// fresh pwsh process, so its wall time, time to the first finding, CPU and peak memory (VmHWM) are the module's
    /// alone. WAS_BENCH_SCALES (default "1", e.g. "1,2,4") lists the scales of the account: 1 is 2,000 IAM users (half with access
    /// keys, a third with console passwords), 1,000 roles, 100 buckets, and in each of 17 regions 12 KMS keys, 60
    /// security groups and 120 instances; other scales multiply every count (at least 1 of each). WAS_BENCH_CASSETTES names a folder where each scale's
    /// recorded answers are kept: a scale found there is replayed without seeding or recording again. Before the
    /// measured replays one unreported replay warms the proxy. WAS_BENCH_RUNS picks the replayed runs (see
    /// <see cref="Runs"/>), WAS_BENCH_OFFLINE=0 leaves out the bundle export and offline run, and WAS_BENCH_TIMELINE=file
    /// has every proxy append its requests' arrival and answer times to that file. The table goes to the test output
    /// and to out/benchmark/large-account.md.
    /// </summary>
    [Collection(MotoCollection.Name)]
    [Trait("Category", "Benchmark")]
    public sealed class LargeAccountBenchmark
    {
        private static readonly string[] Regions =
        {
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1",
            "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "sa-east-1",
        };

        private readonly MotoServer _moto;
        private readonly ITestOutputHelper _output;

        public LargeAccountBenchmark(MotoServer moto, ITestOutputHelper output)
        {
            _moto = moto;
            _output = output;
        }

        [Fact]
        public void A_large_account_recorded_once_then_replayed_at_0_and_50_ms_and_assessed_offline()
        {
            var scales = (Environment.GetEnvironmentVariable("WAS_BENCH_SCALES") ?? "1")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => double.Parse(s, CultureInfo.InvariantCulture))
                .ToList();
            var rows = new List<Row>();
            foreach (var scale in scales)
            {
                rows.AddRange(Measure(scale));
            }

            var table = Render(rows);
            _output.WriteLine(table);
            BenchmarkOutput.Write("large-account.md", table);
        }

        private IEnumerable<Row> Measure(double scale)
        {
            var regions = string.Join(",", Regions);
            var rows = new List<Row>();
            var saved = Environment.GetEnvironmentVariable("WAS_BENCH_CASSETTES") is { Length: > 0 } folder
                ? Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"large-account-{scale}x.json"))
                : null;
            ResponseCassette cassette;
            if (saved != null && File.Exists(saved))
            {
                cassette = ResponseCassette.Load(saved);
                _output.WriteLine($"{scale}x: {cassette.Count} recorded requests read from {saved}; not seeded, not recorded again.");
            }
            else
            {
                var seeding = Stopwatch.StartNew();
                Seed(scale);
                _output.WriteLine($"{scale}x seeded in {seeding.Elapsed.TotalSeconds:0} s.");
                cassette = new ResponseCassette();
                using (var recorder = new AwsProxy(_moto.Endpoint, TimeSpan.Zero) { Forwarded = cassette.Record })
                {
                    // moto answers one request at a time: two in flight keep it busy, and no answer waits in its
                    // queue long enough to time out (at 4x, 16 in flight made some wait past the 20 s attempt limit).
                    var live = Run($"Invoke-WASAssessment -Region {regions} -EndpointUrl {recorder.Endpoint} -AccessKey AKIDBENCHMARK -SecretKey s -NoCache -ThrottleLimit 2");
                    rows.Add(live.With(scale, "Live through moto (recording), 0 ms, -ThrottleLimit 2", recorder.Requests.Count, recorder.MaxInFlight));
                }

                if (saved != null)
                {
                    cassette.Save(saved);
                }
            }

            var bundle = Path.Combine(Path.GetTempPath(), "was-bench-" + Guid.NewGuid().ToString("N"));
            try
            {
                // One unreported run first: the proxy's own code is compiled then, not while the first measured run
                // shares the cores with it.
                cassette.Rewind();
                using (var warmUp = new AwsProxy(null, TimeSpan.Zero, cassette.Answer))
                {
                    Run($"Invoke-WASAssessment -Region {regions} -EndpointUrl {warmUp.Endpoint} -AccessKey AKIDBENCHMARK -SecretKey s -NoCache");
                }

                foreach (var (delay, throttleLimit) in Runs())
                {
                    cassette.Rewind();
                    using var replay = new AwsProxy(null, TimeSpan.FromMilliseconds(delay), cassette.Answer);
                    var replayed = Run($"Invoke-WASAssessment -Region {regions} -EndpointUrl {replay.Endpoint} -AccessKey AKIDBENCHMARK -SecretKey s -NoCache -ThrottleLimit {throttleLimit}");
                    var name = $"Recorded answers replayed, {delay} ms, -ThrottleLimit {throttleLimit}{(throttleLimit == AssessmentCmdletBase.DefaultThrottleLimit ? " (default)" : string.Empty)}";
                    rows.Add(replayed.With(scale, name, replay.Requests.Count, replay.MaxInFlight, cassette.Misses));
                }

                if (Environment.GetEnvironmentVariable("WAS_BENCH_OFFLINE") == "0")
                {
                    return rows;
                }

                cassette.Rewind();
                using (var replay = new AwsProxy(null, TimeSpan.Zero, cassette.Answer))
                {
                    Run($"Export-WASEvidence -Path '{bundle}' -Region {regions} -EndpointUrl {replay.Endpoint} -AccessKey AKIDBENCHMARK -SecretKey s -NoCache", findings: false);
                }

                var size = Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
                var offline = Run($"Invoke-WASAssessment -EvidencePath '{bundle}'");
                rows.Add(offline.With(scale, $"Evidence bundle ({size / 1024.0 / 1024.0:0} MB) assessed offline", 0, 0));
            }
            finally
            {
                if (Directory.Exists(bundle))
                {
                    Directory.Delete(bundle, true);
                }
            }

            foreach (var row in rows)
            {
                _output.WriteLine(row.ToString());
            }

            return rows;
        }

        /// <summary>
        /// The replayed runs: WAS_BENCH_RUNS ("delay:limit,…", e.g. "0:32,50:64"), by default 0 and 50 ms at the default
        /// -ThrottleLimit and 50 ms at 16.
        /// </summary>
        private static IEnumerable<(int Delay, int ThrottleLimit)> Runs()
        {
            var runs = Environment.GetEnvironmentVariable("WAS_BENCH_RUNS") is { Length: > 0 } asked
                ? asked
                : string.Create(CultureInfo.InvariantCulture, $"0:{AssessmentCmdletBase.DefaultThrottleLimit},50:{AssessmentCmdletBase.DefaultThrottleLimit},50:16");
            foreach (var run in runs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = run.Split(':');
                yield return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
            }
        }

        /// <summary>The account at <paramref name="scale"/>, in scripts short enough for the seed's time limit.</summary>
        private void Seed(double scale)
        {
            int Count(int atOne) => Math.Max(1, (int)Math.Round(atOne * scale));
            _moto.Reset();
            var users = Count(2000);
            for (var start = 0; start < users; start += 400)
            {
                _moto.RunPython(string.Join("\n",
                    "iam = client('iam')",
                    $"for i in range({start}, {Math.Min(users, start + 400)}):",
                    "    iam.create_user(UserName=f'user{i:05d}')",
                    "    if i % 2 == 0: iam.create_access_key(UserName=f'user{i:05d}')",
                    "    if i % 3 == 0: iam.create_login_profile(UserName=f'user{i:05d}', Password='Correct-Horse-42!')"));
            }

            var trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
            var roles = Count(1000);
            for (var start = 0; start < roles; start += 1000)
            {
                _moto.RunPython(string.Join("\n",
                    "iam = client('iam')",
                    $"for i in range({start}, {Math.Min(roles, start + 1000)}):",
                    $"    iam.create_role(RoleName=f'role{{i:05d}}', AssumeRolePolicyDocument='{trust}')"));
            }

            _moto.RunPython(string.Join("\n",
                "s3 = client('s3')",
                $"for i in range({Count(100)}):",
                "    s3.create_bucket(Bucket=f'bench-bucket-{i:04d}')"));

            foreach (var region in Regions)
            {
                _moto.RunPython(string.Join("\n",
                    $"ec2 = client('ec2', '{region}')",
                    $"kms = client('kms', '{region}')",
                    $"for i in range({Count(12)}):",
                    "    kms.create_key(Description=f'bench {i}')",
                    $"for i in range({Count(60)}):",
                    "    ec2.create_security_group(GroupName=f'bench{i}', Description='benchmark')",
                    "ami = ec2.describe_images(Owners=['amazon'])['Images'][0]['ImageId']",
                    $"ec2.run_instances(ImageId=ami, MinCount={Count(120)}, MaxCount={Count(120)}, InstanceType='t3.micro')"));
            }
        }

        /// <summary>Runs <paramref name="command"/> in a fresh pwsh process with the module and measures it there.</summary>
        private static Measured Run(string command, bool findings = true)
        {
            var module = Path.Combine(Path.GetDirectoryName(typeof(Finding).Assembly.Location)!, "WASecurity.psd1");
            var script = string.Join("\n",
                "$ErrorActionPreference = 'Stop'",
                $"Import-Module '{module}'",
                "$process = [Diagnostics.Process]::GetCurrentProcess(); $cpu = $process.TotalProcessorTime",
                "$watch = [Diagnostics.Stopwatch]::StartNew(); $first = -1; $count = 0; $errors = 0",
                findings
                    ? $"{command} -WarningAction SilentlyContinue | ForEach-Object {{ if ($first -lt 0) {{ $first = $watch.Elapsed.TotalSeconds }}; $count++; if ($_.Status -eq 'Error') {{ $errors++ }} }}"
                    : $"$null = {command} -WarningAction SilentlyContinue",
                "$wall = $watch.Elapsed.TotalSeconds; $process.Refresh()",
                "$peak = ((Get-Content /proc/self/status | Where-Object { $_ -like 'VmHWM:*' }) -replace '[^0-9]', '')",
                "'RESULT {0} {1} {2} {3} {4} {5}' -f $wall.ToString([cultureinfo]::InvariantCulture), $first.ToString([cultureinfo]::InvariantCulture), $count, $errors, ($process.TotalProcessorTime - $cpu).TotalSeconds.ToString([cultureinfo]::InvariantCulture), $peak");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = BenchmarkOutput.RepositoryRoot(),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", script })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(1_800_000))
            {
                process.Kill(true);
                throw new TimeoutException($"The benchmark run did not finish in 30 minutes: {command}");
            }

            var line = stdout.Result.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"The benchmark run gave no result ({process.ExitCode}): {command}\n{stderr.Result}\n{stdout.Result}");
            var parts = line.Split(' ');
            double Number(int i) => double.Parse(parts[i], CultureInfo.InvariantCulture);
            return new Measured(Number(1), Number(2), (int)Number(3), (int)Number(4), Number(5), Number(6) / 1024.0);
        }

        private static string Render(IReadOnlyList<Row> rows)
        {
            var text = new StringBuilder();
            text.AppendLine($"Large account benchmark: {Environment.ProcessorCount}-core machine; each run a fresh pwsh process; 17 regions; every question.");
            text.AppendLine();
            text.AppendLine("| Scale | Run | Wall (s) | First finding (s) | Findings | Error findings | Requests | Most in flight | Not recorded | Process CPU (s) | Peak memory (MB) |");
            text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var row in rows)
            {
                text.AppendLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "| {0}x | {1} | {2:0.0} | {3:0.0} | {4} | {5} | {6} | {7} | {8} | {9:0.0} | {10:0} |",
                    row.Scale, row.Run, row.Result.Wall, row.Result.First, row.Result.Findings, row.Result.Errors, row.Requests, row.MaxInFlight, row.Misses, row.Result.Cpu, row.Result.PeakMegabytes));
            }

            return text.ToString();
        }

        private sealed record Measured(double Wall, double First, int Findings, int Errors, double Cpu, double PeakMegabytes)
        {
            public Row With(double scale, string run, int requests, int maxInFlight, int misses = 0) => new Row(scale, run, this, requests, maxInFlight, misses);
        }

        private sealed record Row(double Scale, string Run, Measured Result, int Requests, int MaxInFlight, int Misses)
        {
            public override string ToString() =>
                string.Format(CultureInfo.InvariantCulture, "{0}x {1}: {2:0.0} s wall, first finding {3:0.0} s, {4} findings ({5} Error), {6} requests, {7} in flight at most, {8} not recorded, {9:0.0} s CPU, {10:0} MB peak", Scale, Run, Result.Wall, Result.First, Result.Findings, Result.Errors, Requests, MaxInFlight, Misses, Result.Cpu, Result.PeakMegabytes);
        }
    }
}
