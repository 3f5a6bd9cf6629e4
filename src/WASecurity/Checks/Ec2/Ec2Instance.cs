using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.Ec2
{
    /// <summary>An instance from <c>aws ec2 describe-instances</c> (<c>Reservations[].Instances[]</c>), with what the checks read.</summary>
    internal sealed class Ec2Instance
    {
        private Ec2Instance(string instanceId, string? imageId, string? state, string? publicIpAddress, string? instanceProfileArn, DateTimeOffset? launchTime, string? name)
        {
            InstanceId = instanceId;
            ImageId = imageId;
            State = state;
            PublicIpAddress = publicIpAddress;
            InstanceProfileArn = instanceProfileArn;
            LaunchTime = launchTime;
            Name = name;
        }

        public string InstanceId { get; }

        public string? ImageId { get; }

        /// <summary>pending, running, stopping, stopped, shutting-down, terminated.</summary>
        public string? State { get; }

        public bool IsRunning => string.Equals(State, "running", StringComparison.OrdinalIgnoreCase);

        public string? PublicIpAddress { get; }

        public string? InstanceProfileArn { get; }

        /// <summary>The instance profile's name: the last segment of its ARN (profiles may have a path).</summary>
        public string? InstanceProfileName => InstanceProfileArn?.Substring(InstanceProfileArn.LastIndexOf('/') + 1);

        public DateTimeOffset? LaunchTime { get; }

        /// <summary>The Name tag, if any.</summary>
        public string? Name { get; }

        public string Display => Name == null ? InstanceId : $"{InstanceId} ({Name})";

        public string Arn(string partition, string region, string accountId) => $"arn:{partition}:ec2:{region}:{accountId}:instance/{InstanceId}";

        public static IReadOnlyList<Ec2Instance> ParseList(JsonElement root) =>
            root.Items("Reservations").SelectMany(r => r.Items("Instances")).Select(Parse).ToList();

        private static Ec2Instance Parse(JsonElement instance)
        {
            var id = instance.Str("InstanceId") ?? throw new FormatException("an instance has no InstanceId");
            instance.Tags().TryGetValue("Name", out var name);
            return new Ec2Instance(
                id,
                instance.Str("ImageId"),
                instance.Prop("State")?.Str("Name"),
                instance.Str("PublicIpAddress"),
                instance.Prop("IamInstanceProfile")?.Str("Arn"),
                instance.Date("LaunchTime"),
                name);
        }
    }
}
