using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// The EC2 scenario of Ec2Scenario.py seeded into moto: in us-east-1 and eu-west-1, each planted problem beside a
    /// clean counterpart. Also says which parts of EC2 this moto leaves out, so tests assert the honest result.
    /// </summary>
    internal sealed class Ec2Scenario
    {
        public static readonly string[] Regions = { "us-east-1", "eu-west-1" };

        private readonly Dictionary<string, JsonElement> _ids;

        private Ec2Scenario(Dictionary<string, JsonElement> ids, bool honoursRestorableBy, bool returnsMetadataOptions)
        {
            _ids = ids;
            HonoursRestorableBy = honoursRestorableBy;
            ReturnsMetadataOptions = returnsMetadataOptions;
        }

        /// <summary>Whether DescribeSnapshots honours RestorableByUserIds (moto 5.1 ignores it and lists every snapshot).</summary>
        public bool HonoursRestorableBy { get; }

        /// <summary>Whether DescribeInstances returns MetadataOptions (moto 5.1 leaves it out).</summary>
        public bool ReturnsMetadataOptions { get; }

        /// <summary>Resets moto and seeds the scenario.</summary>
        public static Ec2Scenario Seed(MotoServer moto)
        {
            moto.Reset();
            var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Live", "Ec2Scenario.py"));
            var output = moto.RunPython(script);
            using var document = JsonDocument.Parse(output.Trim().Split('\n').Last());
            var ids = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
            var probe = moto.RunPython(string.Join("\n", new[]
            {
                "e = client('ec2')",
                "restorable = len(e.describe_snapshots(OwnerIds=['self'], RestorableByUserIds=['all'])['Snapshots']) < len(e.describe_snapshots(OwnerIds=['self'])['Snapshots'])",
                "metadata = all('MetadataOptions' in i for r in e.describe_instances()['Reservations'] for i in r['Instances'])",
                "print(json.dumps([restorable, metadata]))",
            })).Trim();
            var flags = JsonSerializer.Deserialize<bool[]>(probe)!;
            return new Ec2Scenario(ids, flags[0], flags[1]);
        }

        public string Id(string region, string name) => _ids[region].GetProperty(name).GetString()!;

        public IReadOnlyList<string> Ids(string region, string name) => _ids[region].GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToList();

        /// <summary>Runs an assessment cmdlet live against moto over both regions.</summary>
        public static PowerShellResult Run(MotoServer moto, string cmdlet, string extra = "") =>
            PowerShellRunner.Run($"{cmdlet} -EndpointUrl {moto.Endpoint} -AccessKey AKIDLIVETEST -SecretKey livesecret -Region {string.Join(",", Regions)} -NoCache {extra}").AssertNoErrors();

        /// <summary>Exactly one finding of <paramref name="checkId"/> names the resource, and it is a Fail in <paramref name="region"/>.</summary>
        public static Finding AssertOneFail(IReadOnlyList<Finding> findings, string checkId, string region, string resourceId)
        {
            var matching = findings.Where(f => f.CheckId == checkId && f.ResourceId == resourceId).ToList();
            Assert.True(matching.Count == 1, $"{checkId} has {matching.Count} finding(s) for {resourceId}: {string.Join("; ", matching.Select(f => f.Status + " " + f.Reason))}");
            Assert.Equal(FindingStatus.Fail, matching[0].Status);
            Assert.Equal(region, matching[0].Region);
            return matching[0];
        }

        /// <summary>The resource has findings of <paramref name="checkId"/>, all Pass, in <paramref name="region"/>.</summary>
        public static void AssertClean(IReadOnlyList<Finding> findings, string checkId, string region, string resourceId)
        {
            var matching = findings.Where(f => f.CheckId == checkId && f.ResourceId == resourceId).ToList();
            Assert.True(matching.Count == 1, $"{checkId} has {matching.Count} finding(s) for {resourceId}.");
            Assert.Equal(FindingStatus.Pass, matching[0].Status);
            Assert.Equal(region, matching[0].Region);
        }
    }
}
