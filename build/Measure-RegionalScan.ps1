<#
.SYNOPSIS
    Benchmark: wall time of a regional assessment cmdlet for 1 and for 17 regions, with a fixed delay injected into
    every AWS request, at the default -ThrottleLimit and at -ThrottleLimit 1.
.DESCRIPTION
    Starts an in-process loopback endpoint that answers the STS and EC2 requests of Test-WASNetworkBoundary's network
    checks (security groups and network ACLs, selected with -CheckId) with
    fixed AWS responses after holding each one for -DelayMilliseconds (as a distant API would), points the cmdlet at
    it with -EndpointUrl, and prints one row per configuration: regions, throttle limit, requests served, the most
    requests in flight at once, wall time, and the time the same requests would take one after another.
    This is a measurement, not a test: it asserts nothing and its numbers depend on the machine.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Benchmark
.EXAMPLE
    dotnet pwsh ./build/Measure-RegionalScan.ps1 -ModulePath ./out/WASecurity -DelayMilliseconds 250
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $DelayMilliseconds = 100,
    [int] $Repeat = 1
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$source = @'
using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

public sealed class WasBenchmarkEndpoint : IDisposable
{
    private const string Ec2 = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private readonly HttpListener _listener = new HttpListener();
    private readonly int _delay;
    private int _inFlight;
    private int _maxInFlight;
    private int _requests;

    public WasBenchmarkEndpoint(int delayMilliseconds)
    {
        _delay = delayMilliseconds;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = "http://127.0.0.1:" + port;
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        Task.Run(Loop);
    }

    public string Endpoint { get; private set; }
    public int Requests { get { return _requests; } }
    public int MaxInFlight { get { return _maxInFlight; } }
    public string Unknown = "";
    public static string[] AllRegions = new string[0];

    public void ResetCounters() { _requests = 0; _maxInFlight = 0; }

    public void Dispose() { _listener.Stop(); _listener.Close(); }

    private async Task Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            var ignored = Task.Run(() => Handle(context));
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while ((seen = _maxInFlight) < now && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) { body = await reader.ReadToEndAsync(); }
            await Task.Delay(_delay);
            var action = Regex.Match(body, "(?:^|&)Action=([A-Za-z]+)").Groups[1].Value;
            var status = 200;
            string xml;
            switch (action)
            {
                case "GetCallerIdentity":
                    xml = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/bench</Arn><UserId>AIDABENCH</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
                    break;
                case "DescribeRegions":
                    var regions = new StringBuilder();
                    foreach (var name in AllRegions) { regions.Append("<item><regionName>" + name + "</regionName><regionEndpoint>ec2." + name + ".amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>"); }
                    xml = "<DescribeRegionsResponse xmlns=\"" + Ec2 + "\"><requestId>r</requestId><regionInfo>" + regions + "</regionInfo></DescribeRegionsResponse>";
                    break;
                case "DescribeSecurityGroups":
                    xml = "<DescribeSecurityGroupsResponse xmlns=\"" + Ec2 + "\"><requestId>r</requestId><securityGroupInfo>"
                        + "<item><ownerId>123456789012</ownerId><groupId>sg-0default</groupId><groupName>default</groupName><groupDescription>default</groupDescription><vpcId>vpc-1</vpcId><ipPermissions/><ipPermissionsEgress/></item>"
                        + "<item><ownerId>123456789012</ownerId><groupId>sg-0web</groupId><groupName>web</groupName><groupDescription>web</groupDescription><vpcId>vpc-1</vpcId>"
                        + "<ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissions><ipPermissionsEgress/></item>"
                        + "</securityGroupInfo></DescribeSecurityGroupsResponse>";
                    break;
                case "DescribeNetworkInterfaces":
                    xml = "<DescribeNetworkInterfacesResponse xmlns=\"" + Ec2 + "\"><requestId>r</requestId><networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId><groupSet><item><groupId>sg-0web</groupId><groupName>web</groupName></item></groupSet></item></networkInterfaceSet></DescribeNetworkInterfacesResponse>";
                    break;
                case "DescribeNetworkAcls":
                    xml = "<DescribeNetworkAclsResponse xmlns=\"" + Ec2 + "\"><requestId>r</requestId><networkAclSet><item><networkAclId>acl-1</networkAclId><vpcId>vpc-1</vpcId><default>true</default>"
                        + "<entrySet><item><ruleNumber>100</ruleNumber><protocol>-1</protocol><ruleAction>allow</ruleAction><egress>false</egress><cidrBlock>0.0.0.0/0</cidrBlock></item></entrySet><associationSet/></item></networkAclSet></DescribeNetworkAclsResponse>";
                    break;
                default:
                    lock (this) { Unknown += action + " "; }
                    status = 400;
                    xml = "<Response><Errors><Error><Code>UnsupportedOperation</Code><Message>The benchmark endpoint does not answer " + action + ".</Message></Error></Errors><RequestID>r</RequestID></Response>";
                    break;
            }

            var bytes = Encoding.UTF8.GetBytes(xml);
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/xml";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length);
            context.Response.Close();
        }
        catch (Exception) { }
        finally { Interlocked.Decrement(ref _inFlight); }
    }
}
'@
Add-Type -TypeDefinition $source -Language CSharp
Import-Module $ModulePath -Force

# The commercial regions enabled by default (no opt-in): seventeen.
$allRegions = @(
    'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1',
    'eu-north-1', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'sa-east-1')
# The cmdlets' default -ThrottleLimit (AssessmentCmdletBase).
$defaultThrottle = 32

[WasBenchmarkEndpoint]::AllRegions = $allRegions
$endpoint = [WasBenchmarkEndpoint]::new($DelayMilliseconds)
try {
    # The network checks (security groups, network ACLs), whose EC2 calls the endpoint answers; the web ACL checks of
    # the same cmdlet read other services and are left out.
    $checks = 'SEC05.SecurityGroup*', 'SEC05.DefaultSecurityGroupRestricted', 'SEC05.NetworkAcl*'
    $common = @{ EndpointUrl = $endpoint.Endpoint; AccessKey = 'AKIDBENCHMARK'; SecretKey = 'benchmark'; NoCache = $true; CheckId = $checks }
    # Warm-up: JIT and the first connection are not what is measured.
    $null = Test-WASNetworkBoundary @common -Region us-east-1 -WarningAction SilentlyContinue

    $rows = foreach ($throttle in @($defaultThrottle, 1)) {
        foreach ($regions in @(, @('us-east-1')) + @(, $allRegions)) {
            for ($i = 0; $i -lt $Repeat; $i++) {
                $endpoint.ResetCounters()
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $findings = @(Test-WASNetworkBoundary @common -Region $regions -ThrottleLimit $throttle -WarningAction SilentlyContinue)
                $watch.Stop()
                [pscustomobject]@{
                    Regions       = $regions.Count
                    ThrottleLimit = if ($throttle -eq $defaultThrottle) { "$throttle (default)" } else { "$throttle" }
                    Requests      = $endpoint.Requests
                    MaxInFlight   = $endpoint.MaxInFlight
                    Findings      = $findings.Count
                    WallSeconds   = [math]::Round($watch.Elapsed.TotalSeconds, 2)
                    SerialSeconds = [math]::Round($endpoint.Requests * $DelayMilliseconds / 1000.0, 2)
                }
            }
        }
    }

    Write-Host "Test-WASNetworkBoundary with $DelayMilliseconds ms injected into every request ($([Environment]::ProcessorCount) CPU(s), PowerShell $($PSVersionTable.PSVersion)):"
    $rows | Format-Table -AutoSize | Out-String -Width 120 | Write-Host
    if ($endpoint.Unknown) { Write-Warning "Requests the benchmark endpoint did not answer: $($endpoint.Unknown)" }
}
finally {
    $endpoint.Dispose()
}
