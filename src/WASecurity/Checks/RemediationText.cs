using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using WASecurity.Evidence;

namespace WASecurity.Checks
{
    /// <summary>
    /// A finding's remediation with the placeholders it can answer filled in (<c>--bucket &lt;bucket&gt;</c> becomes
    /// <c>--bucket logs-prod</c>): only from what the finding itself names (its resource properties, region,
    /// account and, for a key, its ARN), so a command is never completed with a guess. Placeholders it cannot answer
    /// stay as they are.
    /// </summary>
    internal static class RemediationText
    {
        private static readonly Regex Placeholder = new Regex("<([a-z][a-z0-9-]*)>", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        /// <summary>Each placeholder and the finding property that answers it.</summary>
        private static readonly Dictionary<string, string> FromProperty = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bucket"] = "BucketName",
            ["sg-id"] = "GroupId",
            ["user"] = "UserName",
            ["role"] = "RoleName",
            ["trail"] = "TrailName",
            ["vpc-id"] = "VpcId",
            ["log-group"] = "LogGroupName",
            ["snapshot-id"] = "SnapshotId",
            ["snapshot"] = "SnapshotId",
            ["snap"] = "SnapshotId",
            ["id"] = "InstanceId",
            ["stack"] = "StackName",
            ["project"] = "ProjectName",
            ["task-definition-arn"] = "TaskDefinitionArn",
            ["load-balancer-arn"] = "LoadBalancerArn",
            ["load-balancer"] = "LoadBalancerName",
            ["root-id"] = "RootId",
            ["queue-url"] = "QueueUrl",
            ["topic-arn"] = "TopicArn",
            ["function"] = "FunctionName",
            ["db-snapshot"] = "DBSnapshotIdentifier",
            ["db-cluster-snapshot"] = "DBClusterSnapshotIdentifier",
            ["repository"] = "RepositoryName",
            ["rest-api-id"] = "RestApiId",
            ["stage"] = "StageName",
            ["stage-arn"] = "StageArn",
            ["distribution-id"] = "DistributionId",
            ["document"] = "Name",
            ["notebook"] = "NotebookInstanceName",
            ["domain"] = "DomainName",
            ["catalog-id"] = "CatalogId",
            ["image-digest"] = "ImageDigest",
            ["api-id"] = "ApiId",
        };

        /// <summary>Resource types whose id answers a placeholder when no property does.</summary>
        private static readonly Dictionary<string, string> FromResourceId = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS::RDS::DBInstance"] = "id",
            ["AWS::DynamoDB::Table"] = "table",
        };

        public static void Fill(Finding finding)
        {
            if (string.IsNullOrEmpty(finding.Remediation) || finding.Remediation.IndexOf('<') < 0)
            {
                return;
            }

            finding.Remediation = Placeholder.Replace(finding.Remediation, match => Answer(finding, match.Groups[1].Value) ?? match.Value);
        }

        private static string? Answer(Finding finding, string name)
        {
            if (FromProperty.TryGetValue(name, out var property)
                && finding.Properties.TryGetValue(property, out var value)
                && value is string text
                && IsToken(text))
            {
                return text;
            }

            if (FromResourceId.TryGetValue(finding.ResourceType, out var answered) && answered == name && IsToken(finding.ResourceId))
            {
                return finding.ResourceId;
            }

            switch (name)
            {
                case "region":
                    return finding.Region != ApiCall.Global && IsToken(finding.Region) ? finding.Region : null;
                case "account-id":
                    return IsToken(finding.AccountId) ? finding.AccountId : null;
                case "distribution-arn":
                    return finding.ResourceType == "AWS::CloudFront::Distribution" && finding.ResourceArn != null && IsToken(finding.ResourceArn) ? finding.ResourceArn : null;
                case "key-arn":
                    return finding.ResourceType == "AWS::KMS::Key" && finding.ResourceArn != null && IsToken(finding.ResourceArn) ? finding.ResourceArn : null;
                default:
                    return null;
            }
        }

        /// <summary>Only plain names go into a command line: no spaces, quotes or shell characters.</summary>
        private static bool IsToken(string? value) =>
            !string.IsNullOrEmpty(value) && Regex.IsMatch(value, "^[A-Za-z0-9._:/@+=,-]{1,512}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
