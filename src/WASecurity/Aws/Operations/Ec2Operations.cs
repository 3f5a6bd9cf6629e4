using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// EC2 through the protocol client (EC2's query protocol: lowerCamel elements, lists of <c>&lt;item&gt;</c> in
    /// <c>…Set</c> wrappers). <see cref="Shapes"/> says which members the evidence keeps and where the CLI's name is
    /// not the wire's (<c>groupSet</c> is SecurityGroups, <c>ipAddress</c> PublicIpAddress, <c>isPublic</c> Public).
    /// </summary>
    internal static class Ec2Operations
    {
        private const string Version = "2016-11-15";
        private static readonly AwsService Service = AwsService.Regional("ec2");

        /// <summary>The evidence's EC2 shapes; one per response (named after the operation) and per structure.</summary>
        internal static readonly CliShapes Shapes = new CliShapes(
            new Dictionary<string, string>
            {
                ["DescribeRegions"] = "Regions=regionInfo[Region]!",
                ["DescribeInstances"] = "Reservations=reservationSet[Reservation]!",
                ["DescribeSecurityGroups"] = "SecurityGroups=securityGroupInfo[SecurityGroup]!",
                ["DescribeNetworkInterfaces"] = "NetworkInterfaces=networkInterfaceSet[NetworkInterface]!",
                ["DescribeNetworkAcls"] = "NetworkAcls=networkAclSet[NetworkAcl]!",
                ["DescribeVpcs"] = "Vpcs=vpcSet[Vpc]!",
                ["DescribeFlowLogs"] = "FlowLogs=flowLogSet[FlowLog]!",
                ["DescribeVolumes"] = "Volumes=volumeSet[Volume]!",
                ["DescribeSnapshots"] = "Snapshots=snapshotSet[Snapshot]!",
                ["DescribeImages"] = "Images=imagesSet[Image]!",
                ["GetEbsEncryptionByDefault"] = "EbsEncryptionByDefault? SseType",
                ["GetInstanceMetadataDefaults"] = "AccountLevel{AccountLevel}!",
                ["DescribeInstanceAttribute"] = "InstanceId UserData=userData{AttributeValue}!",
                ["AttributeValue"] = "Value",
                ["Region"] = "Endpoint=regionEndpoint RegionName OptInStatus",
                ["Tag"] = "Key Value",
                ["Group"] = "GroupName GroupId",
                ["SecurityGroup"] = "GroupId GroupName Description=groupDescription OwnerId VpcId SecurityGroupArn IpPermissions[Permission]! IpPermissionsEgress[Permission]! Tags=tagSet[Tag]",
                ["Permission"] = "IpProtocol FromPort# ToPort# IpRanges[IpRange]! Ipv6Ranges[Ipv6Range]! PrefixListIds[PrefixListId]! UserIdGroupPairs=groups[GroupPair]!",
                ["IpRange"] = "CidrIp Description",
                ["Ipv6Range"] = "CidrIpv6 Description",
                ["PrefixListId"] = "PrefixListId Description",
                ["GroupPair"] = "GroupId GroupName UserId VpcId VpcPeeringConnectionId PeeringStatus Description",
                ["NetworkInterface"] = "NetworkInterfaceId InterfaceType Description Status SubnetId VpcId AvailabilityZone OwnerId RequesterId RequesterManaged? PrivateIpAddress MacAddress"
                    + " Groups=groupSet[Group]! Attachment{EniAttachment} Association{EniAssociation} TagSet[Tag]!",
                ["EniAttachment"] = "AttachmentId InstanceId InstanceOwnerId DeviceIndex# Status AttachTime@ DeleteOnTermination?",
                ["EniAssociation"] = "PublicIp PublicDnsName IpOwnerId AllocationId",
                ["NetworkAcl"] = "NetworkAclId VpcId IsDefault=default? OwnerId Associations=associationSet[AclAssociation]! Entries=entrySet[AclEntry]! Tags=tagSet[Tag]!",
                ["AclAssociation"] = "NetworkAclAssociationId NetworkAclId SubnetId",
                ["AclEntry"] = "RuleNumber# Protocol RuleAction Egress? CidrBlock Ipv6CidrBlock PortRange{PortRange} IcmpTypeCode{IcmpTypeCode}",
                ["PortRange"] = "From# To#",
                ["IcmpTypeCode"] = "Code# Type#",
                ["Vpc"] = "VpcId CidrBlock State IsDefault? OwnerId DhcpOptionsId InstanceTenancy Tags=tagSet[Tag]",
                ["FlowLog"] = "FlowLogId FlowLogStatus ResourceId TrafficType LogDestinationType LogDestination LogGroupName DeliverLogsStatus DeliverLogsErrorMessage"
                    + " DeliverLogsPermissionArn LogFormat MaxAggregationInterval# CreationTime@ Tags=tagSet[Tag]",
                ["Reservation"] = "ReservationId OwnerId RequesterId Groups=groupSet[Group]! Instances=instancesSet[Instance]!",
                ["Instance"] = "InstanceId ImageId InstanceType State=instanceState{InstanceState} LaunchTime@ Platform PlatformDetails Architecture KeyName SubnetId VpcId"
                    + " PrivateIpAddress PrivateDnsName PublicIpAddress=ipAddress PublicDnsName=dnsName RootDeviceType RootDeviceName Placement{Placement} Monitoring{Monitoring}"
                    + " IamInstanceProfile{InstanceProfile} MetadataOptions{MetadataOptions} SecurityGroups=groupSet[Group] BlockDeviceMappings=blockDeviceMapping[BlockDeviceMapping]"
                    + " NetworkInterfaces=networkInterfaceSet[InstanceInterface] Tags=tagSet[Tag]",
                ["InstanceState"] = "Code# Name",
                ["Placement"] = "AvailabilityZone Tenancy",
                ["Monitoring"] = "State",
                ["InstanceProfile"] = "Arn Id",
                ["MetadataOptions"] = "State HttpTokens HttpPutResponseHopLimit# HttpEndpoint HttpProtocolIpv6 InstanceMetadataTags",
                ["BlockDeviceMapping"] = "DeviceName Ebs{EbsDevice}",
                ["EbsDevice"] = "VolumeId Status AttachTime@ DeleteOnTermination?",
                ["InstanceInterface"] = "NetworkInterfaceId SubnetId VpcId PrivateIpAddress Groups=groupSet[Group] Association{InstanceAssociation}",
                ["InstanceAssociation"] = "PublicIp IpOwnerId",
                ["Snapshot"] = "SnapshotId VolumeId VolumeSize# State=status StartTime@ Progress OwnerId OwnerAlias Description Encrypted? KmsKeyId StorageTier Tags=tagSet[Tag]",
                // CreationDate and DeprecationTime are strings in the API itself.
                ["Image"] = "ImageId Name Description OwnerId=imageOwnerId ImageOwnerAlias Public=isPublic? State=imageState CreationDate DeprecationTime ImageLocation ImageType"
                    + " Architecture PlatformDetails RootDeviceType VirtualizationType Tags=tagSet[Tag]",
                ["Volume"] = "VolumeId Size# SnapshotId AvailabilityZone State=status CreateTime@ VolumeType Iops# Throughput# Encrypted? KmsKeyId MultiAttachEnabled?"
                    + " Attachments=attachmentSet[VolumeAttachment]! Tags=tagSet[Tag]",
                ["VolumeAttachment"] = "VolumeId InstanceId Device State=status AttachTime@ DeleteOnTermination?",
                // The CLI prints an empty AccountLevel when no default is set; the check reads that as "no preference".
                ["AccountLevel"] = "HttpTokens HttpPutResponseHopLimit# HttpEndpoint InstanceMetadataTags ManagedBy ManagedExceptionMessage",
            },
            camelWire: true,
            WireJson.TimeStyle.Milliseconds,
            // EC2 sends the platform as "windows"; the evidence has always carried the SDK's spelling.
            "Windows");

        public static void Register(OperationRegistry registry)
        {
            // AllRegions=false (the default) lists the regions enabled for the account: opt-in regions only once opted in.
            registry.Add("ec2", "DescribeRegions", "ec2:DescribeRegions", async (call, context, cancellationToken) =>
            {
                var parameters = new Dictionary<string, object?> { ["AllRegions"] = call.Bool("AllRegions") ?? false };
                var result = Shapes.Read(await SendAsync(context, context.RegionOf(call), call.Operation, parameters, cancellationToken).ConfigureAwait(false), call.Operation);
                var regions = ((JsonArray)result["Regions"]!).Select(r => r!.DeepClone()).OrderBy(r => (string?)r["RegionName"], StringComparer.Ordinal).ToArray();
                return ProtocolOperations.ToResponse(call, new JsonObject { ["Regions"] = new JsonArray(regions) });
            });

            foreach (var operation in new[] { "DescribeInstances", "DescribeSecurityGroups", "DescribeNetworkInterfaces", "DescribeNetworkAcls", "DescribeVpcs", "DescribeFlowLogs", "DescribeVolumes" })
            {
                registry.Add("ec2", operation, "ec2:" + operation, (call, context, cancellationToken) => PagedAsync(call, context, new Dictionary<string, object?>(), cancellationToken));
            }

            // Two evidence files share this operation: the account's snapshots (OwnerIds self) and, keyed "public",
            // those restorable by everyone (RestorableByUserIds all). The ApiCall's parameters say which.
            registry.Add("ec2", "DescribeSnapshots", "ec2:DescribeSnapshots", (call, context, cancellationToken) => PagedAsync(
                call, context, Lists(call, ("OwnerIds", "Owner"), ("RestorableByUserIds", "RestorableBy"), ("SnapshotIds", "SnapshotId")), cancellationToken));

            // The owned images (Owners self) and, keyed "instances", the images the instances run (ImageIds).
            registry.Add("ec2", "DescribeImages", "ec2:DescribeImages", (call, context, cancellationToken) =>
            {
                var imageIds = call.Strings("ImageIds");
                if (imageIds != null && imageIds.Count == 0 && call.Strings("Owners") == null)
                {
                    // An empty id list would ask for every public image in the region.
                    return Task.FromException<EvidenceResponse>(new AwsServiceException(
                        "ec2", call.Operation, "InvalidParameterCombination", "DescribeImages with an empty ImageIds list would list every public image; it is not sent.", 0));
                }

                var parameters = Lists(call, ("ImageIds", "ImageId"), ("Owners", "Owner"));
                parameters["IncludeDeprecated"] = call.Bool("IncludeDeprecated");
                parameters["IncludeDisabled"] = call.Bool("IncludeDisabled");
                return PagedAsync(call, context, parameters, cancellationToken);
            });

            // One instance's user data (Attribute userData), base64 as EC2 returns it; keyed by the instance id.
            registry.Add("ec2", "DescribeInstanceAttribute", "ec2:DescribeInstanceAttribute", async (call, context, cancellationToken) =>
            {
                var parameters = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["InstanceId"] = call.Parameters["InstanceId"],
                    ["Attribute"] = call.Parameters["Attribute"],
                };
                return await ReadAsync(call, context, parameters, cancellationToken).ConfigureAwait(false);
            });

            registry.Add("ec2", "GetEbsEncryptionByDefault", "ec2:GetEbsEncryptionByDefault", (call, context, cancellationToken) =>
                ReadAsync(call, context, null, cancellationToken));
            registry.Add("ec2", "GetInstanceMetadataDefaults", "ec2:GetInstanceMetadataDefaults", (call, context, cancellationToken) =>
                ReadAsync(call, context, null, cancellationToken));
        }

        /// <summary>Whether EBS encryption by default is on in <paramref name="region"/> (ec2:GetEbsEncryptionByDefault), for a remediation.</summary>
        internal static async Task<bool> GetEbsEncryptionByDefaultAsync(LiveCallContext context, string region, CancellationToken cancellationToken) =>
            Flag(await SendAsync(context, region, "GetEbsEncryptionByDefault", null, cancellationToken).ConfigureAwait(false));

        /// <summary>Turns EBS encryption by default on in <paramref name="region"/> (ec2:EnableEbsEncryptionByDefault); returns the state EC2 reports.</summary>
        internal static async Task<bool> EnableEbsEncryptionByDefaultAsync(LiveCallContext context, string region, CancellationToken cancellationToken) =>
            Flag(await SendAsync(context, region, "EnableEbsEncryptionByDefault", null, cancellationToken).ConfigureAwait(false));

        private static bool Flag(XElement root) =>
            root.Elements().FirstOrDefault(e => e.Name.LocalName == "ebsEncryptionByDefault")?.Value == "true";

        /// <summary>EC2's list parameters (<c>Owner.1</c>, <c>Owner.2</c>…) from the ApiCall's lists.</summary>
        private static Dictionary<string, object?> Lists(ApiCall call, params (string Parameter, string Wire)[] lists)
        {
            var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (parameter, wire) in lists)
            {
                var values = call.Strings(parameter) ?? new List<string>();
                for (var i = 0; i < values.Count; i++)
                {
                    parameters[wire + "." + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] = values[i];
                }
            }

            return parameters;
        }

        /// <summary>
        /// Every page (NextToken) of a Describe call, its one list merged: written page by page into one list, item by
        /// item straight from each page's XML reader, when the list is all the answer holds.
        /// </summary>
        private static async Task<EvidenceResponse> PagedAsync(ApiCall call, LiveCallContext context, Dictionary<string, object?> parameters, CancellationToken cancellationToken)
        {
            Dictionary<string, object?> Page(string? token) => new Dictionary<string, object?>(parameters, StringComparer.Ordinal) { ["NextToken"] = token };

            async Task<(XElement Root, string? Next)> PageAsync(string? token)
            {
                var root = await SendAsync(context, context.RegionOf(call), call.Operation, Page(token), cancellationToken).ConfigureAwait(false);
                var next = root.Elements().FirstOrDefault(e => e.Name.LocalName == "nextToken")?.Value;
                return (root, string.IsNullOrEmpty(next) ? null : next);
            }

            var list = Shapes.OnlyList(call.Operation);
            if (list == null)
            {
                var merged = await AwsProtocolClient.PaginateAsync(
                    async token =>
                    {
                        var (root, next) = await PageAsync(token).ConfigureAwait(false);
                        return (Shapes.Read(root, call.Operation), next);
                    },
                    call.Operation).ConfigureAwait(false);
                return ProtocolOperations.ToResponse(call, merged);
            }

            return await ProtocolOperations.ToResponseAsync(call, async writer =>
            {
                writer.WriteStartObject();
                writer.WritePropertyName(list);
                writer.WriteStartArray();
                await AwsProtocolClient.PaginateAsync(
                    async token =>
                    {
                        var next = await SendAsync(
                            context,
                            context.RegionOf(call),
                            call.Operation,
                            Page(token),
                            reader => Shapes.WriteOnlyListItems(writer, reader, call.Operation, "nextToken"),
                            cancellationToken).ConfigureAwait(false);
                        return (new JsonObject(), string.IsNullOrEmpty(next) ? null : next);
                    },
                    call.Operation).ConfigureAwait(false);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }).ConfigureAwait(false);
        }

        private static async Task<EvidenceResponse> ReadAsync(ApiCall call, LiveCallContext context, IReadOnlyDictionary<string, object?>? parameters, CancellationToken cancellationToken)
        {
            var root = await SendAsync(context, context.RegionOf(call), call.Operation, parameters, cancellationToken).ConfigureAwait(false);
            return ProtocolOperations.ToResponse(call, writer => Shapes.Write(writer, root, call.Operation));
        }

        private static Task<XElement> SendAsync(LiveCallContext context, string region, string operation, IReadOnlyDictionary<string, object?>? parameters, CancellationToken cancellationToken) =>
            context.Protocol.QueryXmlAsync(Service, region, Version, operation, parameters, cancellationToken, sdkStyleErrors: true);

        /// <summary>One EC2 call whose answer <paramref name="read"/> reads from its XML reader, element by element.</summary>
        private static Task<T> SendAsync<T>(
            LiveCallContext context, string region, string operation, IReadOnlyDictionary<string, object?>? parameters, Func<System.Xml.XmlReader, T> read, CancellationToken cancellationToken) =>
            context.Protocol.QueryXmlAsync(Service, region, Version, operation, parameters, read, cancellationToken, sdkStyleErrors: true);
    }
}
