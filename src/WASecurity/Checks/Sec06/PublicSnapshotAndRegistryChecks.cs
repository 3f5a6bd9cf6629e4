using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec06
{
    /// <summary>SEC 6: manual RDS snapshots restorable by everyone, and ECR repository policies open to everyone.</summary>
    internal static class PublicSnapshotAndRegistryChecks
    {
        public static Task<IEnumerable<Finding>> RdsSnapshotNotPublicAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.RdsSnapshotNotPublic;
            return context.ForEachRegionAsync(async region =>
            {
                var list = await context.GetAsync(SnapshotAndRegistryCalls.DescribeManualDbSnapshots(region), cancellationToken).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    return context.ErrorFinding(check, list).AsEnumerable();
                }

                var snapshots = list.Root.Items("DBSnapshots")
                    .Select(s => (Id: s.RequiredStr("DBSnapshotIdentifier", "DBSnapshots[]"), Arn: s.Str("DBSnapshotArn"), Instance: s.Str("DBInstanceIdentifier"), Encrypted: s.Bool("Encrypted")))
                    .ToList();
                if (snapshots.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.NotApplicable, $"No manual RDS database snapshot in {region}.", region).AsEnumerable();
                }

                var findings = await Task.WhenAll(snapshots.Select(async snapshot =>
                {
                    var arn = snapshot.Arn ?? $"arn:{context.Account.Partition}:rds:{region}:{context.Account.AccountId}:snapshot:{snapshot.Id}";
                    var response = await context.GetAsync(SnapshotAndRegistryCalls.DescribeDbSnapshotAttributes(region, snapshot.Id), cancellationToken).ConfigureAwait(false);
                    Finding finding;
                    if (!response.IsSuccess)
                    {
                        finding = context.ErrorFinding(check, response, snapshot.Id, arn, check.ResourceType);
                    }
                    else if (!(response.Root.Prop("DBSnapshotAttributesResult") is { } result))
                    {
                        finding = PublicResourcePolicyChecks.MissingMember(context, check, response, "RDS snapshot", snapshot.Id, region, arn, "DBSnapshotAttributesResult");
                    }
                    else
                    {
                        var restore = result.Items("DBSnapshotAttributes")
                            .Where(a => a.RequiredStr("AttributeName", "DBSnapshotAttributes[]") == "restore")
                            .SelectMany(a => a.Strings("AttributeValues"))
                            .ToList();
                        var accounts = restore.Where(v => !string.Equals(v, "all", StringComparison.OrdinalIgnoreCase)).ToList();
                        var shared = accounts.Count == 0 ? string.Empty : $" It is shared with {accounts.Count} named account(s): {string.Join(", ", accounts)}.";
                        finding = restore.Any(v => string.Equals(v, "all", StringComparison.OrdinalIgnoreCase))
                            ? context.NewFinding(check, FindingStatus.Fail, snapshot.Id, $"RDS snapshot {snapshot.Id}{Of(snapshot.Instance)} can be restored by every AWS account (restore attribute \"all\").{shared}", region, arn)
                            : context.NewFinding(check, FindingStatus.Pass, snapshot.Id, $"RDS snapshot {snapshot.Id}{Of(snapshot.Instance)} is not public (its restore attribute does not hold \"all\").{shared}", region, arn);
                        finding.With("RestoreAttribute", restore).With("Encrypted", snapshot.Encrypted);
                    }

                    return finding.WithProperty("DBSnapshotIdentifier", snapshot.Id);
                })).ConfigureAwait(false);
                return findings.ToList();
            });
        }

        public static Task<IEnumerable<Finding>> EcrRepositoryNotPublicAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec06Catalog.EcrRepositoryNotPublic;
            return context.ForEachRegionAsync(async region =>
            {
                var list = await context.GetAsync(SnapshotAndRegistryCalls.DescribeRepositories(region), cancellationToken).ConfigureAwait(false);
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

        private static string Of(string? instance) => instance == null ? string.Empty : $" (of {instance})";
    }
}
