using System;
using System.Collections.Generic;
using System.Text;
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

        /// <summary>Fills the finding's remediation now.</summary>
        public static void Fill(Finding finding) => finding.Remediation = Filled(finding, finding.Remediation);

        /// <summary><paramref name="text"/> with the placeholders <paramref name="finding"/> answers filled in.</summary>
        public static string Filled(Finding finding, string text)
        {
            if (string.IsNullOrEmpty(text) || text.IndexOf('<') < 0)
            {
                return text;
            }

            // One pass over the text: every finding of a large account comes through here, so no regular expression.
            StringBuilder? filled = null;
            var copied = 0;
            for (var open = text.IndexOf('<'); open >= 0; open = text.IndexOf('<', open + 1))
            {
                var close = PlaceholderEnd(text, open);
                if (close < 0)
                {
                    continue;
                }

                var answer = Answer(finding, text.Substring(open + 1, close - open - 1));
                if (answer == null)
                {
                    continue;
                }

                filled ??= new StringBuilder(text.Length + 64);
                filled.Append(text, copied, open - copied).Append(answer);
                copied = close + 1;
                open = close;
            }

            // The answers are plain tokens (IsToken) put into text that was already made safe.
            return filled == null ? text : filled.Append(text, copied, text.Length - copied).ToString();
        }

        /// <summary>The index of the '&gt;' closing a placeholder <c>&lt;[a-z][a-z0-9-]*&gt;</c> that opens at <paramref name="open"/>, or -1.</summary>
        private static int PlaceholderEnd(string text, int open)
        {
            var i = open + 1;
            if (i >= text.Length || text[i] < 'a' || text[i] > 'z')
            {
                return -1;
            }

            for (i++; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '>')
                {
                    return i;
                }

                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
                {
                    return -1;
                }
            }

            return -1;
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

        /// <summary>Only plain names go into a command line: no spaces, quotes or shell characters (1 to 512 of <c>A-Za-z0-9._:/@+=,-</c>).</summary>
        private static bool IsToken(string? value)
        {
            if (string.IsNullOrEmpty(value) || value!.Length > 512)
            {
                return false;
            }

            foreach (var c in value)
            {
                var plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '/' || c == '@' || c == '+' || c == '=' || c == ',' || c == '-';
                if (!plain)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
