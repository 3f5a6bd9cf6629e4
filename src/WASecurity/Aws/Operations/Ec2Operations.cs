using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>EC2, through the served SDK client; responses converted to the CLI's JSON by <see cref="Ec2CliShapes"/>.</summary>
    internal static class Ec2Operations
    {
        public static void Register(OperationRegistry registry)
        {
            // AllRegions=false (the default) lists the regions enabled for the account: opt-in regions only once opted in.
            registry.Add("ec2", "DescribeRegions", "ec2:DescribeRegions", (call, context, cancellationToken) => WithClientAsync(call, context, async client =>
            {
                var allRegions = CliJson.Bool(call, "AllRegions") ?? false;
                var response = await context.Sdk.CallAsync(
                    "ec2", call.Operation, token => client.DescribeRegionsAsync(new DescribeRegionsRequest { AllRegions = allRegions }, token), cancellationToken).ConfigureAwait(false);
                var regions = new JsonArray();
                foreach (var region in (response.Regions ?? new List<Region>()).OrderBy(r => r.RegionName, StringComparer.Ordinal))
                {
                    regions.Add(new JsonObject
                    {
                        ["Endpoint"] = region.Endpoint,
                        ["RegionName"] = region.RegionName,
                        ["OptInStatus"] = region.OptInStatus,
                    });
                }

                return new JsonObject { ["Regions"] = regions };
            }));

            registry.Add("ec2", "DescribeInstances", "ec2:DescribeInstances", Paged(
                "Reservations",
                (client, token, ct) => client.DescribeInstancesAsync(new DescribeInstancesRequest { NextToken = token }, ct),
                r => r.NextToken,
                r => r.Reservations?.Select(Ec2CliShapes.Reservation)));

            registry.Add("ec2", "DescribeSecurityGroups", "ec2:DescribeSecurityGroups", Paged(
                "SecurityGroups",
                (client, token, ct) => client.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { NextToken = token }, ct),
                r => r.NextToken,
                r => r.SecurityGroups?.Select(Ec2CliShapes.SecurityGroup)));

            registry.Add("ec2", "DescribeNetworkInterfaces", "ec2:DescribeNetworkInterfaces", Paged(
                "NetworkInterfaces",
                (client, token, ct) => client.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { NextToken = token }, ct),
                r => r.NextToken,
                r => r.NetworkInterfaces?.Select(Ec2CliShapes.NetworkInterface)));

            registry.Add("ec2", "DescribeNetworkAcls", "ec2:DescribeNetworkAcls", Paged(
                "NetworkAcls",
                (client, token, ct) => client.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { NextToken = token }, ct),
                r => r.NextToken,
                r => r.NetworkAcls?.Select(Ec2CliShapes.NetworkAcl)));

            registry.Add("ec2", "DescribeVpcs", "ec2:DescribeVpcs", Paged(
                "Vpcs",
                (client, token, ct) => client.DescribeVpcsAsync(new DescribeVpcsRequest { NextToken = token }, ct),
                r => r.NextToken,
                r => r.Vpcs?.Select(Ec2CliShapes.Vpc)));

            registry.Add("ec2", "DescribeFlowLogs", "ec2:DescribeFlowLogs", Paged(
                "FlowLogs",
                (client, token, ct) => client.DescribeFlowLogsAsync(new DescribeFlowLogsRequest { NextToken = token }, ct),
                r => r.NextToken,
                r => r.FlowLogs?.Select(Ec2CliShapes.FlowLog)));

            registry.Add("ec2", "DescribeVolumes", "ec2:DescribeVolumes", Paged(
                "Volumes",
                (client, token, ct) => client.DescribeVolumesAsync(new DescribeVolumesRequest { NextToken = token }, ct),
                r => r.NextToken,
                r => r.Volumes?.Select(Ec2CliShapes.Volume)));

            // Two evidence files share this operation: the account's snapshots (OwnerIds self) and, keyed "public",
            // those restorable by everyone (RestorableByUserIds all). The ApiCall's parameters say which.
            registry.Add("ec2", "DescribeSnapshots", "ec2:DescribeSnapshots", (call, context, cancellationToken) => PagedAsync(
                call,
                context,
                "Snapshots",
                (client, token, ct) => client.DescribeSnapshotsAsync(
                    new DescribeSnapshotsRequest
                    {
                        OwnerIds = CliJson.Strings(call, "OwnerIds"),
                        RestorableByUserIds = CliJson.Strings(call, "RestorableByUserIds"),
                        SnapshotIds = CliJson.Strings(call, "SnapshotIds"),
                        NextToken = token,
                    },
                    ct),
                r => r.NextToken,
                r => r.Snapshots?.Select(Ec2CliShapes.Snapshot),
                cancellationToken));

            // The owned images (Owners self) and, keyed "instances", the images the instances run (ImageIds).
            registry.Add("ec2", "DescribeImages", "ec2:DescribeImages", (call, context, cancellationToken) =>
            {
                var imageIds = CliJson.Strings(call, "ImageIds");
                var owners = CliJson.Strings(call, "Owners");
                if (imageIds != null && imageIds.Count == 0 && owners == null)
                {
                    // An empty id list would ask for every public image in the region.
                    return Task.FromException<EvidenceResponse>(new AwsServiceException(
                        "ec2", call.Operation, "InvalidParameterCombination", "DescribeImages with an empty ImageIds list would list every public image; it is not sent.", 0));
                }

                return PagedAsync(
                    call,
                    context,
                    "Images",
                    (client, token, ct) => client.DescribeImagesAsync(
                        new DescribeImagesRequest
                        {
                            ImageIds = imageIds,
                            Owners = owners,
                            IncludeDeprecated = CliJson.Bool(call, "IncludeDeprecated"),
                            IncludeDisabled = CliJson.Bool(call, "IncludeDisabled"),
                            NextToken = token,
                        },
                        ct),
                    r => r.NextToken,
                    r => r.Images?.Select(Ec2CliShapes.Image),
                    cancellationToken);
            });

            registry.Add("ec2", "GetEbsEncryptionByDefault", "ec2:GetEbsEncryptionByDefault", (call, context, cancellationToken) => WithClientAsync(call, context, async client =>
            {
                var response = await context.Sdk.CallAsync(
                    "ec2", call.Operation, token => client.GetEbsEncryptionByDefaultAsync(new GetEbsEncryptionByDefaultRequest(), token), cancellationToken).ConfigureAwait(false);
                return new JsonObject()
                    .Put("EbsEncryptionByDefault", response.EbsEncryptionByDefault)
                    .Put("SseType", response.SseType);
            }));

            registry.Add("ec2", "GetInstanceMetadataDefaults", "ec2:GetInstanceMetadataDefaults", (call, context, cancellationToken) => WithClientAsync(call, context, async client =>
            {
                var response = await context.Sdk.CallAsync(
                    "ec2", call.Operation, token => client.GetInstanceMetadataDefaultsAsync(new GetInstanceMetadataDefaultsRequest(), token), cancellationToken).ConfigureAwait(false);
                var level = response.AccountLevel;

                // The CLI prints an empty AccountLevel when no default is set; the check reads that as "no preference".
                return new JsonObject
                {
                    ["AccountLevel"] = level == null ? new JsonObject() : new JsonObject()
                        .Put("HttpTokens", level.HttpTokens)
                        .Put("HttpPutResponseHopLimit", level.HttpPutResponseHopLimit)
                        .Put("HttpEndpoint", level.HttpEndpoint)
                        .Put("InstanceMetadataTags", level.InstanceMetadataTags)
                        .Put("ManagedBy", level.ManagedBy)
                        .Put("ManagedExceptionMessage", level.ManagedExceptionMessage),
                };
            }));
        }

        /// <summary>An operation without parameters whose pages are merged into one list named <paramref name="listName"/>.</summary>
        private static LiveOperation Paged<TResponse>(
            string listName,
            Func<AmazonEC2Client, string?, CancellationToken, Task<TResponse>> page,
            Func<TResponse, string?> nextToken,
            Func<TResponse, IEnumerable<JsonObject>?> items) =>
            (call, context, cancellationToken) => PagedAsync(call, context, listName, page, nextToken, items, cancellationToken);

        private static Task<EvidenceResponse> PagedAsync<TResponse>(
            ApiCall call,
            LiveCallContext context,
            string listName,
            Func<AmazonEC2Client, string?, CancellationToken, Task<TResponse>> page,
            Func<TResponse, string?> nextToken,
            Func<TResponse, IEnumerable<JsonObject>?> items,
            CancellationToken cancellationToken) =>
            WithClientAsync(call, context, async client =>
            {
                var merged = new JsonArray();
                string? token = null;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                do
                {
                    var current = token;
                    var response = await context.Sdk.CallAsync("ec2", call.Operation, ct => page(client, current, ct), cancellationToken).ConfigureAwait(false);
                    foreach (var item in items(response) ?? Enumerable.Empty<JsonObject>())
                    {
                        merged.Add(item);
                    }

                    token = nextToken(response);

                    // A server that repeats a token would loop forever: stop, the pages so far are all there is.
                    if (!string.IsNullOrEmpty(token) && !seen.Add(token!))
                    {
                        break;
                    }
                }
                while (!string.IsNullOrEmpty(token));

                return new JsonObject { [listName] = merged };
            });

        private static async Task<EvidenceResponse> WithClientAsync(ApiCall call, LiveCallContext context, Func<AmazonEC2Client, Task<JsonObject>> fetch)
        {
            using (var client = context.Sdk.Create<AmazonEC2Client, AmazonEC2Config>(
                context.RegionOf(call), (credentials, config) => new AmazonEC2Client(credentials, config)))
            {
                var result = await fetch(client).ConfigureAwait(false);
                return ProtocolOperations.ToResponse(call, result);
            }
        }
    }
}
