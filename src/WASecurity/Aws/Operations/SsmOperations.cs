using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Systems Manager (JSON 1.1) through the protocol client. The evidence keeps the members listed here, with the
    /// timestamps printed to the millisecond, as it did when these operations went through the SDK.
    /// </summary>
    internal static class SsmOperations
    {
        /// <summary>DescribeInstancePatchStates accepts at most this many instance ids per request.</summary>
        internal const int PatchStateBatchSize = 50;

        private const string Target = "AmazonSSM";
        private static readonly AwsService Service = AwsService.Regional("ssm");

        private static readonly string[] InstanceInformation =
        {
            "InstanceId", "PingStatus", "LastPingDateTime", "AgentVersion", "IsLatestVersion", "PlatformType", "PlatformName", "PlatformVersion", "ResourceType",
            "IPAddress", "ComputerName", "IamRole", "RegistrationDate", "AssociationStatus", "LastAssociationExecutionDate", "LastSuccessfulAssociationExecutionDate",
            "SourceId", "SourceType",
        };

        private static readonly string[] PatchState =
        {
            "InstanceId", "PatchGroup", "BaselineId", "SnapshotId", "OwnerInformation", "InstalledCount", "InstalledOtherCount", "InstalledPendingRebootCount",
            "InstalledRejectedCount", "MissingCount", "FailedCount", "UnreportedNotApplicableCount", "NotApplicableCount", "AvailableSecurityUpdateCount",
            "CriticalNonCompliantCount", "SecurityNonCompliantCount", "OtherNonCompliantCount", "OperationStartTime", "OperationEndTime", "Operation",
            "LastNoRebootInstallOperationTime", "RebootOption",
        };

        private static readonly HashSet<string> Times = new HashSet<string>
        {
            "LastPingDateTime", "RegistrationDate", "LastAssociationExecutionDate", "LastSuccessfulAssociationExecutionDate",
            "OperationStartTime", "OperationEndTime", "LastNoRebootInstallOperationTime",
        };

        public static void Register(OperationRegistry registry)
        {
            registry.Add("ssm", "DescribeInstanceInformation", "ssm:DescribeInstanceInformation", async (call, context, cancellationToken) =>
            {
                var page = await context.Protocol.JsonAllPagesAsync(Service, context.RegionOf(call), Target, "1.1", call.Operation, new JsonObject(), cancellationToken).ConfigureAwait(false);
                return ProtocolOperations.ToResponse(call, Cli("InstanceInformationList", WireJson.Items(page, "InstanceInformationList", InstanceInformation)));
            });

            // One evidence file for any number of instances: the ids go out in batches of 50, each batch paged,
            // and every state lands in one InstancePatchStates list.
            registry.Add("ssm", "DescribeInstancePatchStates", "ssm:DescribeInstancePatchStates", async (call, context, cancellationToken) =>
            {
                var states = new JsonArray();
                foreach (var batch in Batches(call.Strings("InstanceIds") ?? new List<string>(), PatchStateBatchSize))
                {
                    var request = new JsonObject { ["InstanceIds"] = new JsonArray(batch.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray()) };
                    var page = await context.Protocol.JsonAllPagesAsync(Service, context.RegionOf(call), Target, "1.1", call.Operation, request, cancellationToken).ConfigureAwait(false);
                    foreach (var state in WireJson.Items(page, "InstancePatchStates", PatchState).ToList())
                    {
                        states.Add(state!.DeepClone());
                    }
                }

                return ProtocolOperations.ToResponse(call, Cli("InstancePatchStates", states));
            });

            RegisterDocuments(registry);
        }

        /// <summary>Documents and who they are shared with: the service's JSON is the CLI's, CreatedDate (epoch seconds) printed as ISO text.</summary>
        private static void RegisterDocuments(OperationRegistry registry)
        {
            // Filters from the ApiCall (Owner=Self: the account's own documents): {"DocumentIdentifiers": [{"Name", "Owner", "DocumentType", "CreatedDate", …}]}, pages merged by NextToken.
            registry.Add("ssm", "ListDocuments", "ssm:ListDocuments", ProtocolOperations.Json(Service, Target, "1.1", pageToken: "NextToken", toCli: list => WireJson.EpochToIso(list, "CreatedDate")));

            // Name and PermissionType (Share) from the ApiCall: {"AccountIds": [...], "AccountSharingInfoList": [{"AccountId", "SharedDocumentVersion"}]};
            // "all" among the account ids means every AWS account may run the document.
            registry.Add("ssm", "DescribeDocumentPermission", "ssm:DescribeDocumentPermission", ProtocolOperations.Json(Service, Target, "1.1", pageToken: "NextToken"));
        }

        internal static IEnumerable<List<string>> Batches(IReadOnlyList<string> ids, int size)
        {
            for (var start = 0; start < ids.Count; start += size)
            {
                yield return ids.Skip(start).Take(size).ToList();
            }
        }

        private static JsonObject Cli(string list, JsonArray items)
        {
            var result = new JsonObject { [list] = items };
            WireJson.EpochToText(result, Times.Contains, WireJson.TimeStyle.Milliseconds);
            return result;
        }
    }
}
