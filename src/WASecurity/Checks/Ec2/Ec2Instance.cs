using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.Ec2
{
    /// <summary>The parts of one DescribeInstances instance that the checks judge.</summary>
    internal sealed class Ec2Instance
    {
        private Ec2Instance(string instanceId, string? state, string? name, string? instanceProfileArn, bool hasMetadataOptions, string? httpTokens, string? httpEndpoint)
        {
            InstanceId = instanceId;
            State = state;
            Name = name;
            InstanceProfileArn = instanceProfileArn;
            HasMetadataOptions = hasMetadataOptions;
            HttpTokens = httpTokens;
            HttpEndpoint = httpEndpoint;
        }

        public string InstanceId { get; }

        /// <summary>State.Name: pending, running, stopping, stopped, shutting-down, terminated.</summary>
        public string? State { get; }

        /// <summary>The Name tag, if any (for readable reasons).</summary>
        public string? Name { get; }

        public string? InstanceProfileArn { get; }

        public bool HasMetadataOptions { get; }

        /// <summary>MetadataOptions.HttpTokens: <c>required</c> (IMDSv2 only) or <c>optional</c> (IMDSv1 allowed).</summary>
        public string? HttpTokens { get; }

        /// <summary>MetadataOptions.HttpEndpoint: <c>enabled</c> or <c>disabled</c>.</summary>
        public string? HttpEndpoint { get; }

        public bool IsRunning => string.Equals(State, "running", StringComparison.OrdinalIgnoreCase);

        /// <summary>The instance id with its Name tag, e.g. <c>i-0abc (web-1)</c>.</summary>
        public string Display => Name == null ? InstanceId : $"{InstanceId} ({Name})";

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
                    metadata?.Str("HttpEndpoint")));
            }

            return instances;
        }
    }
}
