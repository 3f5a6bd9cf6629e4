using System.Collections.Generic;
using System.Text.Json.Nodes;
using Amazon.EC2.Model;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// EC2 SDK objects in the shape <c>aws ec2 describe-… --output json</c> prints. The SDK renames a few members
    /// (IpPermission.Ipv4Ranges is the CLI's IpRanges, PrefixListId.Id is PrefixListId); the checks read the CLI's names.
    /// </summary>
    internal static class Ec2CliShapes
    {
        public static JsonArray Tags(IEnumerable<Tag>? tags)
        {
            var array = new JsonArray();
            foreach (var tag in tags ?? new List<Tag>())
            {
                array.Add(new JsonObject().Put("Key", tag.Key).Put("Value", tag.Value));
            }

            return array;
        }

        public static JsonObject SecurityGroup(SecurityGroup group) => new JsonObject()
            .Put("GroupId", group.GroupId)
            .Put("GroupName", group.GroupName)
            .Put("Description", group.Description)
            .Put("OwnerId", group.OwnerId)
            .Put("VpcId", group.VpcId)
            .Put("SecurityGroupArn", group.SecurityGroupArn)
            .PutList("IpPermissions", group.IpPermissions ?? new List<IpPermission>(), Permission)
            .PutList("IpPermissionsEgress", group.IpPermissionsEgress ?? new List<IpPermission>(), Permission)
            .Put("Tags", group.Tags == null ? null : Tags(group.Tags));

        /// <summary>One permission; every source list is printed (empty when the SDK has none), as the CLI does.</summary>
        public static JsonObject Permission(IpPermission permission) => new JsonObject()
            .Put("IpProtocol", permission.IpProtocol)
            .Put("FromPort", permission.FromPort)
            .Put("ToPort", permission.ToPort)
            .PutList("IpRanges", permission.Ipv4Ranges ?? new List<IpRange>(), r => new JsonObject().Put("CidrIp", r.CidrIp).Put("Description", r.Description))
            .PutList("Ipv6Ranges", permission.Ipv6Ranges ?? new List<Ipv6Range>(), r => new JsonObject().Put("CidrIpv6", r.CidrIpv6).Put("Description", r.Description))
            .PutList("PrefixListIds", permission.PrefixListIds ?? new List<PrefixListId>(), p => new JsonObject().Put("PrefixListId", p.Id).Put("Description", p.Description))
            .PutList("UserIdGroupPairs", permission.UserIdGroupPairs ?? new List<UserIdGroupPair>(), p => new JsonObject()
                .Put("GroupId", p.GroupId)
                .Put("GroupName", p.GroupName)
                .Put("UserId", p.UserId)
                .Put("VpcId", p.VpcId)
                .Put("VpcPeeringConnectionId", p.VpcPeeringConnectionId)
                .Put("PeeringStatus", p.PeeringStatus)
                .Put("Description", p.Description));

        public static JsonObject NetworkInterface(NetworkInterface eni) => new JsonObject()
            .Put("NetworkInterfaceId", eni.NetworkInterfaceId)
            .Put("InterfaceType", eni.InterfaceType)
            .Put("Description", eni.Description)
            .Put("Status", eni.Status)
            .Put("SubnetId", eni.SubnetId)
            .Put("VpcId", eni.VpcId)
            .Put("AvailabilityZone", eni.AvailabilityZone)
            .Put("OwnerId", eni.OwnerId)
            .Put("RequesterId", eni.RequesterId)
            .Put("RequesterManaged", eni.RequesterManaged)
            .Put("PrivateIpAddress", eni.PrivateIpAddress)
            .Put("MacAddress", eni.MacAddress)
            .PutList("Groups", eni.Groups ?? new List<GroupIdentifier>(), Group)
            .Put("Attachment", eni.Attachment == null ? null : new JsonObject()
                .Put("AttachmentId", eni.Attachment.AttachmentId)
                .Put("InstanceId", eni.Attachment.InstanceId)
                .Put("InstanceOwnerId", eni.Attachment.InstanceOwnerId)
                .Put("DeviceIndex", eni.Attachment.DeviceIndex)
                .Put("Status", eni.Attachment.Status)
                .Put("AttachTime", eni.Attachment.AttachTime)
                .Put("DeleteOnTermination", eni.Attachment.DeleteOnTermination))
            .Put("Association", eni.Association == null ? null : new JsonObject()
                .Put("PublicIp", eni.Association.PublicIp)
                .Put("PublicDnsName", eni.Association.PublicDnsName)
                .Put("IpOwnerId", eni.Association.IpOwnerId)
                .Put("AllocationId", eni.Association.AllocationId))
            // Network interfaces print their tags as TagSet, not Tags.
            .Put("TagSet", Tags(eni.TagSet));

        public static JsonObject NetworkAcl(NetworkAcl acl) => new JsonObject()
            .Put("NetworkAclId", acl.NetworkAclId)
            .Put("VpcId", acl.VpcId)
            .Put("IsDefault", acl.IsDefault)
            .Put("OwnerId", acl.OwnerId)
            .PutList("Associations", acl.Associations ?? new List<NetworkAclAssociation>(), a => new JsonObject()
                .Put("NetworkAclAssociationId", a.NetworkAclAssociationId)
                .Put("NetworkAclId", a.NetworkAclId)
                .Put("SubnetId", a.SubnetId))
            .PutList("Entries", acl.Entries ?? new List<NetworkAclEntry>(), e => new JsonObject()
                .Put("RuleNumber", e.RuleNumber)
                .Put("Protocol", e.Protocol)
                .Put("RuleAction", e.RuleAction)
                .Put("Egress", e.Egress)
                .Put("CidrBlock", e.CidrBlock)
                .Put("Ipv6CidrBlock", e.Ipv6CidrBlock)
                .Put("PortRange", e.PortRange == null ? null : new JsonObject().Put("From", e.PortRange.From).Put("To", e.PortRange.To))
                .Put("IcmpTypeCode", e.IcmpTypeCode == null ? null : new JsonObject().Put("Code", e.IcmpTypeCode.Code).Put("Type", e.IcmpTypeCode.Type)))
            .Put("Tags", Tags(acl.Tags));

        public static JsonObject Vpc(Vpc vpc) => new JsonObject()
            .Put("VpcId", vpc.VpcId)
            .Put("CidrBlock", vpc.CidrBlock)
            .Put("State", vpc.State)
            .Put("IsDefault", vpc.IsDefault)
            .Put("OwnerId", vpc.OwnerId)
            .Put("DhcpOptionsId", vpc.DhcpOptionsId)
            .Put("InstanceTenancy", vpc.InstanceTenancy)
            .Put("Tags", vpc.Tags == null ? null : Tags(vpc.Tags));

        public static JsonObject FlowLog(FlowLog log) => new JsonObject()
            .Put("FlowLogId", log.FlowLogId)
            .Put("FlowLogStatus", log.FlowLogStatus)
            .Put("ResourceId", log.ResourceId)
            .Put("TrafficType", log.TrafficType)
            .Put("LogDestinationType", log.LogDestinationType)
            .Put("LogDestination", log.LogDestination)
            .Put("LogGroupName", log.LogGroupName)
            .Put("DeliverLogsStatus", log.DeliverLogsStatus)
            .Put("DeliverLogsErrorMessage", log.DeliverLogsErrorMessage)
            .Put("DeliverLogsPermissionArn", log.DeliverLogsPermissionArn)
            .Put("LogFormat", log.LogFormat)
            .Put("MaxAggregationInterval", log.MaxAggregationInterval)
            .Put("CreationTime", log.CreationTime)
            .Put("Tags", log.Tags == null ? null : Tags(log.Tags));

        public static JsonObject Reservation(Reservation reservation) => new JsonObject()
            .Put("ReservationId", reservation.ReservationId)
            .Put("OwnerId", reservation.OwnerId)
            .Put("RequesterId", reservation.RequesterId)
            .PutList("Groups", reservation.Groups ?? new List<GroupIdentifier>(), Group)
            .PutList("Instances", reservation.Instances ?? new List<Instance>(), Instance);

        public static JsonObject Instance(Instance instance) => new JsonObject()
            .Put("InstanceId", instance.InstanceId)
            .Put("ImageId", instance.ImageId)
            .Put("InstanceType", instance.InstanceType)
            .Put("State", instance.State == null ? null : new JsonObject().Put("Code", instance.State.Code).Put("Name", instance.State.Name))
            .Put("LaunchTime", instance.LaunchTime)
            .Put("Platform", instance.Platform)
            .Put("PlatformDetails", instance.PlatformDetails)
            .Put("Architecture", instance.Architecture)
            .Put("KeyName", instance.KeyName)
            .Put("SubnetId", instance.SubnetId)
            .Put("VpcId", instance.VpcId)
            .Put("PrivateIpAddress", instance.PrivateIpAddress)
            .Put("PrivateDnsName", instance.PrivateDnsName)
            .Put("PublicIpAddress", instance.PublicIpAddress)
            .Put("PublicDnsName", instance.PublicDnsName)
            .Put("RootDeviceType", instance.RootDeviceType)
            .Put("RootDeviceName", instance.RootDeviceName)
            .Put("Placement", instance.Placement == null ? null : new JsonObject().Put("AvailabilityZone", instance.Placement.AvailabilityZone).Put("Tenancy", instance.Placement.Tenancy))
            .Put("Monitoring", instance.Monitoring == null ? null : new JsonObject().Put("State", instance.Monitoring.State))
            .Put("IamInstanceProfile", instance.IamInstanceProfile == null ? null : new JsonObject().Put("Arn", instance.IamInstanceProfile.Arn).Put("Id", instance.IamInstanceProfile.Id))
            .Put("MetadataOptions", instance.MetadataOptions == null ? null : new JsonObject()
                .Put("State", instance.MetadataOptions.State)
                .Put("HttpTokens", instance.MetadataOptions.HttpTokens)
                .Put("HttpPutResponseHopLimit", instance.MetadataOptions.HttpPutResponseHopLimit)
                .Put("HttpEndpoint", instance.MetadataOptions.HttpEndpoint)
                .Put("HttpProtocolIpv6", instance.MetadataOptions.HttpProtocolIpv6)
                .Put("InstanceMetadataTags", instance.MetadataOptions.InstanceMetadataTags))
            .PutList("SecurityGroups", instance.SecurityGroups, Group)
            .PutList("BlockDeviceMappings", instance.BlockDeviceMappings, m => new JsonObject()
                .Put("DeviceName", m.DeviceName)
                .Put("Ebs", m.Ebs == null ? null : new JsonObject()
                    .Put("VolumeId", m.Ebs.VolumeId)
                    .Put("Status", m.Ebs.Status)
                    .Put("AttachTime", m.Ebs.AttachTime)
                    .Put("DeleteOnTermination", m.Ebs.DeleteOnTermination)))
            .PutList("NetworkInterfaces", instance.NetworkInterfaces, n => new JsonObject()
                .Put("NetworkInterfaceId", n.NetworkInterfaceId)
                .Put("SubnetId", n.SubnetId)
                .Put("VpcId", n.VpcId)
                .Put("PrivateIpAddress", n.PrivateIpAddress)
                .PutList("Groups", n.Groups, Group)
                .Put("Association", n.Association == null ? null : new JsonObject().Put("PublicIp", n.Association.PublicIp).Put("IpOwnerId", n.Association.IpOwnerId)))
            .Put("Tags", instance.Tags == null ? null : Tags(instance.Tags));

        public static JsonObject Snapshot(Snapshot snapshot) => new JsonObject()
            .Put("SnapshotId", snapshot.SnapshotId)
            .Put("VolumeId", snapshot.VolumeId)
            .Put("VolumeSize", snapshot.VolumeSize)
            .Put("State", snapshot.State)
            .Put("StartTime", snapshot.StartTime)
            .Put("Progress", snapshot.Progress)
            .Put("OwnerId", snapshot.OwnerId)
            .Put("OwnerAlias", snapshot.OwnerAlias)
            .Put("Description", snapshot.Description)
            .Put("Encrypted", snapshot.Encrypted)
            .Put("KmsKeyId", snapshot.KmsKeyId)
            .Put("StorageTier", snapshot.StorageTier)
            .Put("Tags", snapshot.Tags == null ? null : Tags(snapshot.Tags));

        public static JsonObject Image(Image image) => new JsonObject()
            .Put("ImageId", image.ImageId)
            .Put("Name", image.Name)
            .Put("Description", image.Description)
            .Put("OwnerId", image.OwnerId)
            .Put("ImageOwnerAlias", image.ImageOwnerAlias)
            .Put("Public", image.Public)
            .Put("State", image.State)
            // CreationDate and DeprecationTime are strings in the API itself.
            .Put("CreationDate", image.CreationDate)
            .Put("DeprecationTime", image.DeprecationTime)
            .Put("ImageLocation", image.ImageLocation)
            .Put("ImageType", image.ImageType)
            .Put("Architecture", image.Architecture)
            .Put("PlatformDetails", image.PlatformDetails)
            .Put("RootDeviceType", image.RootDeviceType)
            .Put("VirtualizationType", image.VirtualizationType)
            .Put("Tags", image.Tags == null ? null : Tags(image.Tags));

        public static JsonObject Volume(Volume volume) => new JsonObject()
            .Put("VolumeId", volume.VolumeId)
            .Put("Size", volume.Size)
            .Put("SnapshotId", volume.SnapshotId)
            .Put("AvailabilityZone", volume.AvailabilityZone)
            .Put("State", volume.State)
            .Put("CreateTime", volume.CreateTime)
            .Put("VolumeType", volume.VolumeType)
            .Put("Iops", volume.Iops)
            .Put("Throughput", volume.Throughput)
            .Put("Encrypted", volume.Encrypted)
            .Put("KmsKeyId", volume.KmsKeyId)
            .Put("MultiAttachEnabled", volume.MultiAttachEnabled)
            .PutList("Attachments", volume.Attachments ?? new List<VolumeAttachment>(), a => new JsonObject()
                .Put("VolumeId", a.VolumeId)
                .Put("InstanceId", a.InstanceId)
                .Put("Device", a.Device)
                .Put("State", a.State)
                .Put("AttachTime", a.AttachTime)
                .Put("DeleteOnTermination", a.DeleteOnTermination))
            .Put("Tags", volume.Tags == null ? null : Tags(volume.Tags));

        private static JsonObject Group(GroupIdentifier group) => new JsonObject().Put("GroupName", group.GroupName).Put("GroupId", group.GroupId);
    }
}
