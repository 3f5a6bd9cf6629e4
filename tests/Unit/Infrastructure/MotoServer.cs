using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace WASecurity.Tests.Infrastructure
{
    /// <summary>
    /// A <c>moto_server</c> (AWS API emulator) on a free loopback port, for tests of the live path. Shared by the
    /// "moto" test collection; tests that need moto's IAM enforcement start their own instance with
    /// <see cref="Start"/> (e.g. INITIAL_NO_AUTH_ACTION_COUNT).
    /// A machine without moto FAILS these tests with the install command: a live path that was never exercised
    /// must not look green.
    /// </summary>
    public sealed class MotoServer : IDisposable
    {
        /// <summary>The account moto reports for every caller.</summary>
        public const string AccountId = "123456789012";

        private const string InstallHint = "moto_server was not found. Install it with: pip install 'moto[server]' (or set WAS_MOTO_SERVER to the command that starts it).";

        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

        private readonly Process _process;
        private readonly StringBuilder _log = new StringBuilder();
        private bool? _supportsAccountApi;
        private bool? _supportsMacie;
        private bool? _supportsCloudFormation;
        private bool? _supportsApiGateway;

        private bool? _supportsApiGatewayV2;

        private bool? _supportsGlueCatalogEncryption;

        private bool? _supportsEcrImageDetails;

        public MotoServer()
            : this(null)
        {
        }

        private MotoServer(IDictionary<string, string>? environment, bool shiftableClock = false)
        {
            Port = FreePort();
            Endpoint = $"http://127.0.0.1:{Port}";
            HasClock = shiftableClock;
            var (file, prefix) = shiftableClock ? ResolveClockCommand() : ResolveCommand();
            var start = new ProcessStartInfo(file)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            foreach (var argument in prefix.Concat(new[] { "-H", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            {
                start.ArgumentList.Add(argument);
            }

            // The server must not pick up a developer's real AWS settings.
            start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
            start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
            start.Environment.Remove("AWS_PROFILE");
            foreach (var variable in environment ?? new Dictionary<string, string>())
            {
                start.Environment[variable.Key] = variable.Value;
            }

            try
            {
                _process = Process.Start(start) ?? throw new InvalidOperationException(InstallHint);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException($"{InstallHint} ({file}: {e.Message})", e);
            }

            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            WaitUntilAnswering();
        }

        /// <summary>Starts a separate server with extra environment variables (e.g. INITIAL_NO_AUTH_ACTION_COUNT).</summary>
        public static MotoServer Start(IDictionary<string, string>? environment) => new MotoServer(environment);

        /// <summary>
        /// Starts moto in-process in Python with a shiftable clock (Infrastructure/moto_clock_server.py), so a test
        /// can seed credentials, roles and secrets "in the past" with <see cref="ShiftClock"/>. Runs the first Python
        /// that imports moto of: WAS_MOTO_PYTHON, the python3 beside moto_server, python3 on PATH.
        /// </summary>
        public static MotoServer StartWithClock() => new MotoServer(null, shiftableClock: true);

        /// <summary>Whether this server was started by <see cref="StartWithClock"/>.</summary>
        public bool HasClock { get; }

        public int Port { get; }

        /// <summary>The server's URL, for -EndpointUrl.</summary>
        public string Endpoint { get; }

        /// <summary>What the server printed so far (for failure messages).</summary>
        public string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        /// <summary>
        /// Runs a boto3 script against this server and returns what it printed. The script can use
        /// <c>client(name, region='us-east-1')</c>, already pointed at the server with test credentials, and, on a
        /// server from <see cref="StartWithClock"/>, <c>clock(days)</c> to seed in the past.
        /// </summary>
        public string RunPython(string script, IDictionary<string, string>? environment = null)
        {
            var preamble = string.Join("\n", new[]
            {
                "import boto3, os, json, sys",
                "ENDPOINT = os.environ['MOTO_ENDPOINT']",
                "def client(name, region='us-east-1', key='testing', secret='testing'):",
                "    return boto3.client(name, endpoint_url=ENDPOINT, region_name=region, aws_access_key_id=key, aws_secret_access_key=secret)",
                "def clock(days):",
                "    # Only on a server from StartWithClock(): moves moto's 'now' by days (negative: into the past); clock(0) restores it.",
                "    import urllib.request",
                "    urllib.request.urlopen(urllib.request.Request(ENDPOINT + '/_clock', data=json.dumps({'offset_days': days}).encode(), method='POST')).read()",
                string.Empty,
            });
            // In a folder of its own: Python puts the script's folder first on sys.path, so a stray module-named file
            // in the temp folder (org.py, json.py) would otherwise shadow the standard library for the seed.
            var folder = Path.Combine(Path.GetTempPath(), "was-moto-seed-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "seed.py");
            File.WriteAllText(path, preamble + script);
            try
            {
                var start = new ProcessStartInfo(PythonCommand())
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                start.ArgumentList.Add(path);
                start.Environment["MOTO_ENDPOINT"] = Endpoint;
                start.Environment.Remove("AWS_PROFILE");
                foreach (var variable in environment ?? new Dictionary<string, string>())
                {
                    start.Environment[variable.Key] = variable.Value;
                }

                using var process = Process.Start(start)!;
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(120_000))
                {
                    process.Kill(true);
                    throw new TimeoutException("The boto3 seed script did not finish in 120 s.");
                }

                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"The boto3 seed script failed ({process.ExitCode}):\n{stderr.Result}\n{stdout.Result}");
                }

                return stdout.Result;
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        /// <summary>
        /// Whether this moto implements the Account API (moto 5.2 does; older builds, such as Debian's 5.1, answer
        /// HTTP 500). Tests assert what the module does either way: Pass/Fail with it, an honest Error without it.
        /// </summary>
        /// <summary>The moto release behind this server, major.minor (5.2 on the image, 5.1 from the Debian fallback).</summary>
        public string MinorVersion => _minorVersion ??= string.Join(".", RunPython("import moto\nprint(moto.__version__)").Trim().Split('.').Take(2));

        private string? _minorVersion;

        public bool SupportsAccountApi => _supportsAccountApi ??= RunPython(string.Join("\n", new[]
        {
            "from botocore.config import Config",
            "from botocore.exceptions import ClientError",
            "c = boto3.client('account', endpoint_url=ENDPOINT, region_name='us-east-1', aws_access_key_id='testing', aws_secret_access_key='testing', config=Config(retries={'max_attempts': 1}))",
            "try:",
            "    c.get_alternate_contact(AlternateContactType='BILLING')",
            "    print('yes')",
            "except ClientError as e:",
            "    print('yes' if e.response['Error']['Code'] == 'ResourceNotFoundException' else 'no')",
        })).Trim() == "yes";

        /// <summary>
        /// Whether this moto answers CloudFormation at all (5.2 does; Debian's 5.1 packaging lacks a module its
        /// CloudFormation needs and answers every call with HTTP 500). Probed per server.
        /// </summary>
        public bool SupportsCloudFormation => _supportsCloudFormation ??= RunPython(string.Join("\n", new[]
        {
            "from botocore.config import Config",
            "c = boto3.client('cloudformation', endpoint_url=ENDPOINT, region_name='us-east-1', aws_access_key_id='testing', aws_secret_access_key='testing', config=Config(retries={'max_attempts': 1}))",
            "try:",
            "    c.describe_stacks()",
            "    print('yes')",
            "except Exception:",
            "    print('no')",
        })).Trim() == "yes";

        /// <summary>
        /// The checks this moto cannot let decide because it answers their service with HTTP 500 (API Gateway on
        /// Debian's 5.1): they must be Error, and tests that expect "no Error" leave them out.
        /// </summary>
        public IReadOnlyCollection<string> UnanswerableChecks =>
            (SupportsApiGateway ? Array.Empty<string>() : new[] { "SEC04.ApiGatewayAccessLogs", "SEC05.ApiGatewayWebAcl" })
                .Concat(SupportsApiGatewayV2 ? Array.Empty<string>() : new[] { "SEC04.ApiGatewayV2AccessLogs" })
                .Concat(SupportsGlueCatalogEncryption ? Array.Empty<string>() : new[] { "SEC09.GlueCatalogEncrypted", "SEC09.GlueConnectionPasswordsEncrypted" })
                .Concat(SupportsEcrImageDetails ? Array.Empty<string>() : new[] { EcrImageFindings })
                .ToList();

        /// <summary>The check whose evidence Debian's 5.1 fails only for repositories that hold a scanned image.</summary>
        private const string EcrImageFindings = "SEC07.EcrImageFindings";

        /// <summary>
        /// The findings of checks this moto can answer; asserts that the others (see <see cref="UnanswerableChecks"/>)
        /// are Error, never Pass or Fail.
        /// </summary>
        public IReadOnlyList<Finding> Answerable(IEnumerable<Finding> findings)
        {
            var all = findings.ToList();
            var unanswerable = UnanswerableChecks;
            // Never Pass or Fail. DescribeImages fails on 5.1 only for a repository holding a scanned image, so other
            // repositories (or none) may honestly be NotApplicable there.
            Assert.All(all.Where(f => unanswerable.Contains(f.CheckId)), f => Assert.True(
                f.Status == FindingStatus.Error || (f.CheckId == EcrImageFindings && f.Status == FindingStatus.NotApplicable),
                $"{f.CheckId} {f.ResourceId}: {f.Status} on a moto that cannot answer it ({f.Reason})"));
            return all.Where(f => !unanswerable.Contains(f.CheckId)).ToList();
        }

        /// <summary>
        /// Whether this moto answers API Gateway at all (5.2 does; Debian's 5.1 packaging lacks the module its API
        /// Gateway imports and answers every call with HTTP 500). Probed per server.
        /// </summary>
        public bool SupportsApiGateway => _supportsApiGateway ??= RunPython(string.Join("\n", new[]
        {
            "from botocore.config import Config",
            "c = boto3.client('apigateway', endpoint_url=ENDPOINT, region_name='us-east-1', aws_access_key_id='testing', aws_secret_access_key='testing', config=Config(retries={'max_attempts': 1}))",
            "try:",
            "    c.get_rest_apis()",
            "    print('yes')",
            "except Exception:",
            "    print('no')",
        })).Trim() == "yes";

        /// <summary>
        /// Whether this moto answers API Gateway v2 (HTTP and WebSocket APIs; 5.2 does, Debian's 5.1 answers GetApis with
        /// HTTP 500). Probed per server.
        /// </summary>
        public bool SupportsApiGatewayV2 => _supportsApiGatewayV2 ??= RunPython(string.Join("\n", new[]
        {
            "from botocore.config import Config",
            "c = boto3.client('apigatewayv2', endpoint_url=ENDPOINT, region_name='us-east-1', aws_access_key_id='testing', aws_secret_access_key='testing', config=Config(retries={'max_attempts': 1}))",
            "try:",
            "    c.get_apis()",
            "    print('yes')",
            "except Exception:",
            "    print('no')",
        })).Trim() == "yes";

        /// <summary>
        /// Whether this moto answers Glue's GetDataCatalogEncryptionSettings (5.2 does; 5.1 has not implemented it and
        /// answers HTTP 500). Probed per server; reads only.
        /// </summary>
        public bool SupportsGlueCatalogEncryption => _supportsGlueCatalogEncryption ??= RunPython(string.Join("\n", new[]
        {
            "from botocore.config import Config",
            "c = boto3.client('glue', endpoint_url=ENDPOINT, region_name='us-east-1', aws_access_key_id='testing', aws_secret_access_key='testing', config=Config(retries={'max_attempts': 1}))",
            "try:",
            "    c.get_data_catalog_encryption_settings()",
            "    print('yes')",
            "except Exception:",
            "    print('no')",
        })).Trim() == "yes";

        /// <summary>
        /// Whether this moto describes the images of a repository once one of them has been scanned (5.2 does; Debian's 5.1
        /// cannot serialize the scan's time and answers HTTP 500). Probed per server with a repository of its own, deleted afterwards.
        /// </summary>
        public bool SupportsEcrImageDetails => _supportsEcrImageDetails ??= RunPython(string.Join("\n", new[]
        {
            "import json",
            "from botocore.config import Config",
            "c = boto3.client('ecr', endpoint_url=ENDPOINT, region_name='us-east-1', aws_access_key_id='testing', aws_secret_access_key='testing', config=Config(retries={'max_attempts': 1}))",
            "name = 'was-probe-image-details'",
            "c.create_repository(repositoryName=name)",
            "try:",
            "    c.put_image(repositoryName=name, imageTag='probe', imageManifest=json.dumps({'schemaVersion': 2, 'mediaType': 'application/vnd.docker.distribution.manifest.v2+json', 'config': {'digest': 'sha256:' + '0' * 64}, 'layers': []}))",
            "    c.start_image_scan(repositoryName=name, imageId={'imageTag': 'probe'})",
            "    c.describe_images(repositoryName=name)",
            "    print('yes')",
            "except Exception:",
            "    print('no')",
            "finally:",
            "    c.delete_repository(repositoryName=name, force=True)",
        })).Trim() == "yes";

        /// <summary>
        /// Whether this moto answers Macie's GetMacieSession at all (5.2 does, and reports Macie enabled until
        /// DisableMacie; 5.1 has no Macie). Probed per server, like <see cref="SupportsAccountApi"/>.
        /// </summary>
        public bool SupportsMacie => _supportsMacie ??= RunPython(string.Join("\n", new[]
        {
            "from botocore.config import Config",
            "from botocore.exceptions import ClientError",
            "c = boto3.client('macie2', endpoint_url=ENDPOINT, region_name='us-east-1', aws_access_key_id='testing', aws_secret_access_key='testing', config=Config(retries={'max_attempts': 1}))",
            "try:",
            "    c.get_macie_session()",
            "    print('yes')",
            "except ClientError as e:",
            "    print('yes' if e.response['Error']['Code'] in ('ResourceNotFoundException', 'AccessDeniedException') else 'no')",
            "except Exception:",
            "    print('no')",
        })).Trim() == "yes";

        /// <summary>
        /// Moves the server's "now" by <paramref name="offsetDays"/> (negative: into the past) until the returned
        /// scope is disposed, which restores the real clock. Only for servers from <see cref="StartWithClock"/>.
        /// </summary>
        public IDisposable ShiftClock(double offsetDays)
        {
            if (!HasClock)
            {
                throw new InvalidOperationException("This moto server has no shiftable clock: start it with MotoServer.StartWithClock().");
            }

            SetClockOffset(offsetDays);
            return new ClockScope(this);
        }

        /// <summary>The server's current "now" (shifted), as moto would stamp it.</summary>
        public DateTimeOffset ServerNow()
        {
            using var http = new HttpClient();
            var text = http.GetStringAsync(Endpoint + "/_clock").GetAwaiter().GetResult();
            using var document = System.Text.Json.JsonDocument.Parse(text);
            return DateTimeOffset.Parse(document.RootElement.GetProperty("now").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>Back to the real clock.</summary>
        public void ResetClock() => SetClockOffset(0);

        private void SetClockOffset(double offsetDays)
        {
            using var http = new HttpClient();
            var body = "{\"offset_days\": " + offsetDays.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "}";
            using var response = http.PostAsync(Endpoint + "/_clock", new StringContent(body, Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
        }

        /// <summary>Forgets every resource (moto's reset API), so a test starts from an empty account.</summary>
        public void Reset()
        {
            using var http = new HttpClient();
            using var response = http.PostAsync(Endpoint + "/moto-api/reset", new StringContent(string.Empty)).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _process.Dispose();
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            finally
            {
                listener.Stop();
            }
        }

        private static (string File, string[] Prefix) ResolveCommand()
        {
            var configured = Environment.GetEnvironmentVariable("WAS_MOTO_SERVER");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                var parts = configured.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return (parts[0], parts.Skip(1).ToArray());
            }

            var onPath = FindOnPath("moto_server");
            if (onPath != null)
            {
                return (onPath, Array.Empty<string>());
            }

            var python = PythonCommand();
            if (!CanImportMotoServer(python))
            {
                throw new InvalidOperationException(InstallHint);
            }

            return (python, new[] { "-m", "moto.server" });
        }

        private static (string File, string[] Prefix) ResolveClockCommand()
        {
            var script = Path.Combine(AppContext.BaseDirectory, "Infrastructure", "moto_clock_server.py");
            if (!File.Exists(script))
            {
                throw new InvalidOperationException($"The clock launcher {script} was not copied to the test output.");
            }

            // WAS_MOTO_PYTHON, else the python3 beside moto_server (a private install such as tools/moto/bin), else PATH's.
            var configured = Environment.GetEnvironmentVariable("WAS_MOTO_PYTHON");
            var besideServer = FindOnPath("moto_server") is string server ? Path.Combine(Path.GetDirectoryName(server)!, "python3") : null;
            var candidates = new[] { configured, besideServer, PythonCommand() }
                .Where(c => !string.IsNullOrWhiteSpace(c) && (c!.IndexOf(Path.DirectorySeparatorChar) < 0 || File.Exists(c)))
                .Select(c => c!)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var python = candidates.FirstOrDefault(CanImportMotoServer)
                ?? throw new InvalidOperationException($"None of {string.Join(", ", candidates)} can import moto.server, which the clock launcher needs (set WAS_MOTO_PYTHON). {InstallHint}");
            return (python, new[] { script });
        }

        private static string PythonCommand() => FindOnPath("python3") ?? FindOnPath("python") ?? "python3";

        private static bool CanImportMotoServer(string python)
        {
            try
            {
                var start = new ProcessStartInfo(python) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add("import moto.server");
                using var process = Process.Start(start)!;
                process.WaitForExit(60_000);
                return process.HasExited && process.ExitCode == 0;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return false;
            }
        }

        private static string? FindOnPath(string name)
        {
            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
            {
                if (folder.Length == 0)
                {
                    continue;
                }

                foreach (var candidate in new[] { name, name + ".exe", name + ".cmd" })
                {
                    var full = Path.Combine(folder, candidate);
                    if (File.Exists(full))
                    {
                        return full;
                    }
                }
            }

            return null;
        }

        private void Append(string? line)
        {
            if (line == null)
            {
                return;
            }

            lock (_log)
            {
                if (_log.Length < 64 * 1024)
                {
                    _log.AppendLine(line);
                }
            }
        }

        private void WaitUntilAnswering()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow + StartTimeout;
            while (DateTime.UtcNow < deadline)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode} before answering. {InstallHint}\n{Log}");
                }

                try
                {
                    using var response = http.GetAsync(Endpoint + "/moto-api/").GetAwaiter().GetResult();
                    if ((int)response.StatusCode < 500)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                Thread.Sleep(200);
            }

            Dispose();
            throw new TimeoutException($"moto_server did not answer on {Endpoint} within {StartTimeout.TotalSeconds} s.\n{Log}");
        }
    }

    /// <summary>Restores the real clock of a <see cref="MotoServer"/> when disposed.</summary>
    internal sealed class ClockScope : IDisposable
    {
        private MotoServer? _server;

        public ClockScope(MotoServer server) => _server = server;

        public void Dispose()
        {
            _server?.ResetClock();
            _server = null;
        }
    }

    /// <summary>Tests in this collection share one moto_server (and do not run in parallel with each other).</summary>
    [CollectionDefinition(Name)]
    public sealed class MotoCollection : ICollectionFixture<MotoServer>
    {
        public const string Name = "moto";
    }
}
