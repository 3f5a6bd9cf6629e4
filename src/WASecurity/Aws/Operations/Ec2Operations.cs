using System.Linq;
using System.Text.Json.Nodes;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace WASecurity.Aws.Operations
{
    /// <summary>EC2, through the served SDK client.</summary>
    internal static class Ec2Operations
    {
        public static void Register(OperationRegistry registry)
        {
            // AllRegions=false (the default) lists the regions enabled for the account: opt-in regions only once opted in.
            registry.Add("ec2", "DescribeRegions", async (call, context, cancellationToken) =>
            {
                var allRegions = call.Parameters.TryGetValue("AllRegions", out var value) && value is bool flag && flag;
                using (var client = context.Sdk.Create<AmazonEC2Client, AmazonEC2Config>(
                    context.RegionOf(call), (credentials, config) => new AmazonEC2Client(credentials, config)))
                {
                    var response = await context.Sdk.CallAsync(
                        "ec2", call.Operation, token => client.DescribeRegionsAsync(new DescribeRegionsRequest { AllRegions = allRegions }, token), cancellationToken).ConfigureAwait(false);
                    var regions = new JsonArray();
                    foreach (var region in (response.Regions ?? new System.Collections.Generic.List<Region>()).OrderBy(r => r.RegionName, System.StringComparer.Ordinal))
                    {
                        regions.Add(new JsonObject
                        {
                            ["Endpoint"] = region.Endpoint,
                            ["RegionName"] = region.RegionName,
                            ["OptInStatus"] = region.OptInStatus,
                        });
                    }

                    return ProtocolOperations.ToResponse(call, new JsonObject { ["Regions"] = regions });
                }
            });
        }
    }
}
