using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.Ec2
{
    /// <summary>
    /// The parts of one DescribeInstances instance that the checks judge (SEC 3: metadata options and instance
    /// profile; SEC 7: image, public address, launch time). One model, so the response is parsed once per run.
    /// </summary>
    internal sealed class Ec2Instance
    {
        private Ec2Instance(
            string instanceId,
            string? state,
            string? name,
            string? instanceProfileArn,
            bool hasMetadataOptions,
            string? httpTokens,
            string? httpEndpoint,
            string? imageId,
            string? publicIpAddress,
            DateTimeOffset? launchTime)
        {
            InstanceId = instanceId;
            State = state;
            Name = name;
            InstanceProfileArn = instanceProfileArn;
            HasMetadataOptions = hasMetadataOptions;
            HttpTokens = httpTokens;
            HttpEndpoint = httpEndpoint;
            ImageId = imageId;
            PublicIpAddress = publicIpAddress;
            LaunchTime = launchTime;
        }

        public string InstanceId { get; }

        /// <summary>State.Name: pending, running, stopping, stopped, shutting-down, terminated.</summary>
        public string? State { get; }

        /// <summary>The Name tag, if any (for readable reasons).</summary>
        public string? Name { get; }

        public string? InstanceProfileArn { get; }

        /// <summary>The instance profile's name: the last segment of its ARN (profiles may have a path).</summary>
        public string? InstanceProfileName => InstanceProfileArn?.Substring(InstanceProfileArn.LastIndexOf('/') + 1);

        public bool HasMetadataOptions { get; }

        /// <summary>MetadataOptions.HttpTokens: <c>required</c> (IMDSv2 only) or <c>optional</c> (IMDSv1 allowed).</summary>
        public string? HttpTokens { get; }

        /// <summary>MetadataOptions.HttpEndpoint: <c>enabled</c> or <c>disabled</c>.</summary>
        public string? HttpEndpoint { get; }

        /// <summary>The AMI the instance was launched from.</summary>
        public string? ImageId { get; }

        /// <summary>The public IPv4 address, when the instance has one (it is reachable from the internet).</summary>
        public string? PublicIpAddress { get; }

        public DateTimeOffset? LaunchTime { get; }

        public bool IsRunning => string.Equals(State, "running", StringComparison.OrdinalIgnoreCase);

        /// <summary>The instance id with its Name tag, e.g. <c>i-0abc (web-1)</c>.</summary>
        public string Display => Name == null ? InstanceId : $"{InstanceId} ({Name})";

        public string Arn(string partition, string region, string accountId) => $"arn:{partition}:ec2:{region}:{accountId}:instance/{InstanceId}";

        /// <summary>Every instance of a DescribeInstances response (all reservations).</summary>
        public static IReadOnlyList<Ec2Instance> ParseAll(JsonElement root)
        {
            var instances = new List<Ec2Instance>();
            foreach (var instance in root.Items("Reservations").SelectMany(r => r.Items("Instances")))
            {
                var id = instance.Str("InstanceId") ?? throw new FormatException("an instance has no InstanceId");
                instance.Tags().TryGetValue("Name", out var name);
                var metadata = instance.Prop("MetadataOptions");
                instances.Add(new Ec2Instance(
                    id,
                    instance.Path("State")?.Str("Name"),
                    string.IsNullOrWhiteSpace(name) ? null : name,
                    instance.Path("IamInstanceProfile")?.Str("Arn"),
                    metadata != null,
                    metadata?.Str("HttpTokens"),
                    metadata?.Str("HttpEndpoint"),
                    instance.Str("ImageId"),
                    instance.Str("PublicIpAddress"),
                    instance.Date("LaunchTime")));
            }

            return instances;
        }
    }
}
