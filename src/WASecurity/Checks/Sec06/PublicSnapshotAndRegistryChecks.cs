using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using System.Threading;
using System;
using WASecurity.Checks.Ecr;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec06
{
    /// <summary>SEC 6: manual RDS DB and cluster snapshots restorable by everyone, and ECR repository policies open to everyone.</summary>
    internal static class PublicSnapshotAndRegistryChecks
    {
        /// <summary>Manual DB snapshots: DescribeDBSnapshots, then DescribeDBSnapshotAttributes per snapshot.</summary>
        private static readonly SnapshotKind DbSnapshots = new SnapshotKind(
            "RDS snapshot", "manual RDS database snapshot", "snapshot", "DBSnapshotIdentifier", "DBSnapshots", "DBSnapshotArn", "DBInstanceIdentifier", "Encrypted",
            SnapshotAndRegistryCalls.DescribeManualDbSnapshots, SnapshotAndRegistryCalls.DescribeDbSnapshotAttributes, "DBSnapshotAttributesResult", "DBSnapshotAttributes");

        /// <summary>Manual DB cluster snapshots: DescribeDBClusterSnapshots, then DescribeDBClusterSnapshotAttributes per snapshot.</summary>
        private static readonly SnapshotKind ClusterSnapshots = new SnapshotKind(
            "RDS cluster snapshot", "manual RDS DB cluster snapshot", "cluster-snapshot", "DBClusterSnapshotIdentifier", "DBClusterSnapshots", "DBClusterSnapshotArn", "DBClusterIdentifier", "StorageEncrypted",
            SnapshotAndRegistryCalls.DescribeManualDbClusterSnapshots, SnapshotAndRegistryCalls.DescribeDbClusterSnapshotAttributes, "DBClusterSnapshotAttributesResult", "DBClusterSnapshotAttributes");

        public static Task<IEnumerable<Finding>> RdsSnapshotNotPublicAsync(CheckContext context, CancellationToken cancellationToken) =>
            SnapshotsNotPublicAsync(context, Sec06Catalog.RdsSnapshotNotPublic, DbSnapshots, cancellationToken);

        public static Task<IEnumerable<Finding>> RdsClusterSnapshotNotPublicAsync(CheckContext context, CancellationToken cancellationToken) =>
            SnapshotsNotPublicAsync(context, Sec06Catalog.RdsClusterSnapshotNotPublic, ClusterSnapshots, cancellationToken);

        /// <summary>One finding per manual snapshot: Fail when its restore attribute holds "all".</summary>
        private static Task<IEnumerable<Finding>> SnapshotsNotPublicAsync(CheckContext context, CheckDefinition check, SnapshotKind kind, CancellationToken cancellationToken)
        {
            return context.ForEachRegionAsync(async region =>
            {
                var list = await context.GetAsync(kind.List(region), cancellationToken).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    return context.ErrorFinding(check, list).AsEnumerable();
                }

                var snapshots = list.Root.Items(kind.ListName)
                    .Select(s => (Id: s.RequiredStr(kind.IdMember, kind.ListName + "[]"), Arn: s.Str(kind.ArnMember), Source: s.Str(kind.SourceMember), Encrypted: s.Bool(kind.EncryptedMember)))
                    .ToList();
                if (snapshots.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.NotApplicable, $"No {kind.Described} in {region}.", region).AsEnumerable();
                }

                var findings = await Task.WhenAll(snapshots.Select(async snapshot =>
                {
                    var arn = snapshot.Arn ?? $"arn:{context.Account.Partition}:rds:{region}:{context.Account.AccountId}:{kind.ArnType}:{snapshot.Id}";
                    var response = await context.GetAsync(kind.Attributes(region, snapshot.Id), cancellationToken).ConfigureAwait(false);
                    Finding finding;
                    if (!response.IsSuccess)
                    {
                        finding = context.ErrorFinding(check, response, snapshot.Id, arn, check.ResourceType);
                    }
                    else if (!(response.Root.Prop(kind.ResultMember) is { } result))
                    {
                        finding = PublicResourcePolicyChecks.MissingMember(context, check, response, kind.Noun, snapshot.Id, region, arn, kind.ResultMember);
                    }
                    else if (result.Items(kind.AttributesList).Where(a => a.RequiredStr("AttributeName", kind.AttributesList + "[]") == "restore")
                        .Any(a => a.Path("AttributeValues") is not { ValueKind: JsonValueKind.Array } values || values.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String)))
                    {
                        // Who may restore is a list of account ids or "all"; anything else cannot say the snapshot is private.
                        finding = context.NewFinding(check, FindingStatus.Error, snapshot.Id, $"Could not verify: the restore attribute of {kind.Noun} {snapshot.Id} in {region} is not a list of account ids.", region, arn);
                    }
                    else
                    {
                        var restore = result.Items(kind.AttributesList)
                            .Where(a => a.RequiredStr("AttributeName", kind.AttributesList + "[]") == "restore")
                            .SelectMany(a => a.Strings("AttributeValues"))
                            .ToList();
                        var accounts = restore.Where(v => !string.Equals(v, "all", StringComparison.OrdinalIgnoreCase)).ToList();
                        var shared = accounts.Count == 0 ? string.Empty : $" It is shared with {accounts.Count} named account(s): {string.Join(", ", accounts)}.";
                        finding = restore.Any(v => string.Equals(v, "all", StringComparison.OrdinalIgnoreCase))
                            ? context.NewFinding(check, FindingStatus.Fail, snapshot.Id, $"{kind.Noun} {snapshot.Id}{Of(snapshot.Source)} can be restored by every AWS account (restore attribute \"all\").{shared}", region, arn)
                            : context.NewFinding(check, FindingStatus.Pass, snapshot.Id, $"{kind.Noun} {snapshot.Id}{Of(snapshot.Source)} is not public (its restore attribute does not hold \"all\").{shared}", region, arn);
                        finding.With("RestoreAttribute", restore).With("Encrypted", snapshot.Encrypted);
                    }

                    return finding.WithProperty(kind.IdMember, snapshot.Id);
                })).ConfigureAwait(false);
                return findings.ToList();
            });
        }

        public static Task<IEnumerable<Finding>> EcrRepositoryNotPublicAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.EcrRepositoryNotPublic;
            return context.ForEachRegionAsync(async region =>
            {
                var list = await context.GetAsync(EcrCalls.DescribeRepositories(region), cancellationToken).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    return context.ErrorFinding(check, list).AsEnumerable();
                }

                var repositories = list.Root.Items("repositories")
                    .Select(r => (Name: r.RequiredStr("repositoryName", "repositories[]"), Arn: r.Str("repositoryArn")))
                    .ToList();
                if (repositories.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.NotApplicable, $"No ECR repository in {region}.", region).AsEnumerable();
                }

                var findings = await Task.WhenAll(repositories.Select(async repository =>
                {
                    var arn = repository.Arn ?? $"arn:{context.Account.Partition}:ecr:{region}:{context.Account.AccountId}:repository/{repository.Name}";
                    var response = await context.GetAsync(SnapshotAndRegistryCalls.GetRepositoryPolicy(region, repository.Name), cancellationToken).ConfigureAwait(false);
                    Finding finding;
                    if (response.IsErrorCode("RepositoryPolicyNotFoundException"))
                    {
                        finding = context.NewFinding(check, FindingStatus.Pass, repository.Name, $"ECR repository {repository.Name} has no repository policy (RepositoryPolicyNotFoundException): only principals of the account whose IAM policies allow it can use it.", region, arn)
                            .With("HasPolicy", false);
                    }
                    else if (!response.IsSuccess)
                    {
                        finding = context.ErrorFinding(check, response, repository.Name, arn, check.ResourceType);
                    }
                    else
                    {
                        var policy = response.Root.Str("policyText");
                        finding = string.IsNullOrWhiteSpace(policy)
                            ? PublicResourcePolicyChecks.MissingMember(context, check, response, "ECR repository", repository.Name, region, arn, "policyText")
                            : PublicResourcePolicyChecks.Judge(context, check, "ECR repository", repository.Name, region, arn, policy, "repository policy");
                    }

                    return finding.WithProperty("RepositoryName", repository.Name);
                })).ConfigureAwait(false);
                return findings.ToList();
            });
        }

        private static string Of(string? source) => source == null ? string.Empty : $" (of {source})";

        /// <summary>What differs between DB snapshots and DB cluster snapshots: the calls and the member names.</summary>
        private sealed class SnapshotKind
        {
            public SnapshotKind(
                string noun, string described, string arnType, string idMember, string listName, string arnMember, string sourceMember, string encryptedMember,
                Func<string, ApiCall> list, Func<string, string, ApiCall> attributes, string resultMember, string attributesList)
            {
                Noun = noun;
                Described = described;
                ArnType = arnType;
                IdMember = idMember;
                ListName = listName;
                ArnMember = arnMember;
                SourceMember = sourceMember;
                EncryptedMember = encryptedMember;
                List = list;
                Attributes = attributes;
                ResultMember = resultMember;
                AttributesList = attributesList;
            }

            public string Noun { get; }

            public string Described { get; }

            public string ArnType { get; }

            /// <summary>The identifier member, also the finding property AWS Tools cmdlets take.</summary>
            public string IdMember { get; }

            public string ListName { get; }

            public string ArnMember { get; }

            public string SourceMember { get; }

            public string EncryptedMember { get; }

            public Func<string, ApiCall> List { get; }

            public Func<string, string, ApiCall> Attributes { get; }

            public string ResultMember { get; }

            public string AttributesList { get; }
        }
    }
}
