using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>Systems Manager, through the served SDK client, converted to the CLI's JSON.</summary>
    internal static class SsmOperations
    {
        /// <summary>DescribeInstancePatchStates accepts at most this many instance ids per request.</summary>
        internal const int PatchStateBatchSize = 50;

        public static void Register(OperationRegistry registry)
        {
            registry.Add("ssm", "DescribeInstanceInformation", "ssm:DescribeInstanceInformation", (call, context, cancellationToken) => WithClientAsync(call, context, async client =>
            {
                var list = new JsonArray();
                await AllPagesAsync(
                    context,
                    call,
                    (token, ct) => client.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { NextToken = token }, ct),
                    r => r.NextToken,
                    r => r.InstanceInformationList?.Select(InstanceInformation),
                    list,
                    cancellationToken).ConfigureAwait(false);
                return new JsonObject { ["InstanceInformationList"] = list };
            }));

            // One evidence file for any number of instances: the ids go out in batches of 50, each batch paged,
            // and every state lands in one InstancePatchStates list.
            registry.Add("ssm", "DescribeInstancePatchStates", "ssm:DescribeInstancePatchStates", (call, context, cancellationToken) => WithClientAsync(call, context, async client =>
            {
                var ids = CliJson.Strings(call, "InstanceIds") ?? new List<string>();
                var list = new JsonArray();
                foreach (var batch in Batches(ids, PatchStateBatchSize))
                {
                    await AllPagesAsync(
                        context,
                        call,
                        (token, ct) => client.DescribeInstancePatchStatesAsync(new DescribeInstancePatchStatesRequest { InstanceIds = batch, NextToken = token }, ct),
                        r => r.NextToken,
                        r => r.InstancePatchStates?.Select(PatchState),
                        list,
                        cancellationToken).ConfigureAwait(false);
                }

                return new JsonObject { ["InstancePatchStates"] = list };
            }));
        }

        internal static IEnumerable<List<string>> Batches(IReadOnlyList<string> ids, int size)
        {
            for (var start = 0; start < ids.Count; start += size)
            {
                yield return ids.Skip(start).Take(size).ToList();
            }
        }

        private static JsonObject InstanceInformation(InstanceInformation node) => new JsonObject()
            .Put("InstanceId", node.InstanceId)
            .Put("PingStatus", node.PingStatus)
            .Put("LastPingDateTime", node.LastPingDateTime)
            .Put("AgentVersion", node.AgentVersion)
            .Put("IsLatestVersion", node.IsLatestVersion)
            .Put("PlatformType", node.PlatformType)
            .Put("PlatformName", node.PlatformName)
            .Put("PlatformVersion", node.PlatformVersion)
            .Put("ResourceType", node.ResourceType)
            .Put("IPAddress", node.IPAddress)
            .Put("ComputerName", node.ComputerName)
            .Put("IamRole", node.IamRole)
            .Put("RegistrationDate", node.RegistrationDate)
            .Put("AssociationStatus", node.AssociationStatus)
            .Put("LastAssociationExecutionDate", node.LastAssociationExecutionDate)
            .Put("LastSuccessfulAssociationExecutionDate", node.LastSuccessfulAssociationExecutionDate)
            .Put("SourceId", node.SourceId)
            .Put("SourceType", node.SourceType);

        private static JsonObject PatchState(InstancePatchState state) => new JsonObject()
            .Put("InstanceId", state.InstanceId)
            .Put("PatchGroup", state.PatchGroup)
            .Put("BaselineId", state.BaselineId)
            .Put("SnapshotId", state.SnapshotId)
            .Put("OwnerInformation", state.OwnerInformation)
            .Put("InstalledCount", state.InstalledCount)
            .Put("InstalledOtherCount", state.InstalledOtherCount)
            .Put("InstalledPendingRebootCount", state.InstalledPendingRebootCount)
            .Put("InstalledRejectedCount", state.InstalledRejectedCount)
            .Put("MissingCount", state.MissingCount)
            .Put("FailedCount", state.FailedCount)
            .Put("UnreportedNotApplicableCount", state.UnreportedNotApplicableCount)
            .Put("NotApplicableCount", state.NotApplicableCount)
            .Put("AvailableSecurityUpdateCount", state.AvailableSecurityUpdateCount)
            .Put("CriticalNonCompliantCount", state.CriticalNonCompliantCount)
            .Put("SecurityNonCompliantCount", state.SecurityNonCompliantCount)
            .Put("OtherNonCompliantCount", state.OtherNonCompliantCount)
            .Put("OperationStartTime", state.OperationStartTime)
            .Put("OperationEndTime", state.OperationEndTime)
            .Put("Operation", state.Operation)
            .Put("LastNoRebootInstallOperationTime", state.LastNoRebootInstallOperationTime)
            .Put("RebootOption", state.RebootOption);

        private static async Task AllPagesAsync<TResponse>(
            LiveCallContext context,
            ApiCall call,
            Func<string?, CancellationToken, Task<TResponse>> page,
            Func<TResponse, string?> nextToken,
            Func<TResponse, IEnumerable<JsonObject>?> items,
            JsonArray into,
            CancellationToken cancellationToken)
        {
            string? token = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            do
            {
                var current = token;
                var response = await context.Sdk.CallAsync("ssm", call.Operation, ct => page(current, ct), cancellationToken).ConfigureAwait(false);
                foreach (var item in items(response) ?? Enumerable.Empty<JsonObject>())
                {
                    into.Add(item);
                }

                token = nextToken(response);
                if (!string.IsNullOrEmpty(token) && !seen.Add(token!))
                {
                    break;
                }
            }
            while (!string.IsNullOrEmpty(token));
        }

        private static async Task<EvidenceResponse> WithClientAsync(ApiCall call, LiveCallContext context, Func<AmazonSimpleSystemsManagementClient, Task<JsonObject>> fetch)
        {
            using (var client = context.Sdk.Create<AmazonSimpleSystemsManagementClient, AmazonSimpleSystemsManagementConfig>(
                context.RegionOf(call), (credentials, config) => new AmazonSimpleSystemsManagementClient(credentials, config)))
            {
                var result = await fetch(client).ConfigureAwait(false);
                return ProtocolOperations.ToResponse(call, result);
            }
        }
    }
}
