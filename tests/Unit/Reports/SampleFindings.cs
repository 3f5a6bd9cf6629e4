using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using WASecurity.Checks;

namespace WASecurity.Tests.Reports
{
    /// <summary>A run with every status, a suppressed failure, nested evidence and hostile resource names.</summary>
    internal static class SampleFindings
    {
        public const string ScriptId = "<script>alert(1)</script>";
        public const string EncodedScriptId = "&lt;script&gt;alert(1)&lt;/script&gt;";

        public static List<Finding> Create()
        {
            var nested = new OrderedDictionary(StringComparer.Ordinal) { ["Name"] = "tag\"value", ["Count"] = 3 };
            return new List<Finding>
            {
                F("SEC01.RootMfaEnabled", FindingStatus.Pass, Severity.Critical, "111122223333", "global", "111122223333")
                    .With("AccountMFAEnabled", 1).With("CredentialReportMfaActive", true),
                F("SEC01.RootHardwareMfa", FindingStatus.Fail, Severity.High, "111122223333", "global", "111122223333")
                    .With("RootVirtualMfaDevice", "arn:aws:iam::111122223333:mfa/root-account-mfa-device"),
                F("SEC01.SecurityContactRegistered", FindingStatus.Error, Severity.Medium, "111122223333", "global", "111122223333")
                    .With("FailedCall", "account:GetAlternateContact").With("ErrorCode", "AccessDeniedException"),
                F("SEC01.RootContactDetailsCurrent", FindingStatus.Manual, Severity.Low, "111122223333", "global", "111122223333"),
                F("SEC09.BucketEncrypted", FindingStatus.Fail, Severity.Medium, "111122223333", "eu-west-1", ScriptId, "arn:aws:s3:::evil")
                    .With("Tags", new[] { "a|b", "=cmd|' /C calc'!A0" }).With("Nested", nested).With("Ratio", 0.25).With("Big", 5000000000L).With("None", null)
                    .WithProperty("BucketName", ScriptId),
                F("SEC09.BucketVersioning", FindingStatus.Fail, Severity.Low, "111122223333", "eu-west-1", "logs-bucket", "arn:aws:s3:::logs-bucket", suppressed: "Logs are immutable elsewhere (TICKET-7)."),
                F("SEC10.KeyRotation", FindingStatus.NotApplicable, Severity.Medium, "444455556666", "us-east-1", "-1+1", "arn:aws:kms:us-east-1:444455556666:key/1234")
                    .WithProperty("KeyId", "1234"),
                F("SEC10.KeyRotation", FindingStatus.Fail, Severity.Medium, "444455556666", "us-east-1", "@SUM(1)", null),
            };
        }

        public static Finding F(string checkId, FindingStatus status, Severity severity, string account, string region, string resourceId, string? arn = null, string? suppressed = null)
        {
            var question = checkId.Substring(0, 5);
            return new Finding
            {
                Question = question,
                Area = "IdentityAndAccessManagement",
                CheckId = checkId,
                Title = $"The check {checkId} holds.",
                Status = status,
                Severity = severity,
                AccountId = account,
                Region = region,
                ResourceType = "AWS::S3::Bucket",
                ResourceId = resourceId,
                ResourceArn = arn,
                Reason = $"Measured fact about {resourceId} | with a pipe & <b>markup</b>.",
                Remediation = "aws s3api put-bucket-encryption --bucket x",
                BestPractices = new[] { question + "-BP01" },
                Cis = new[] { "3.0/1.5" },
                Suppressed = suppressed != null,
                Justification = suppressed,
                Timestamp = new DateTime(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc),
            };
        }

        public static string TempFile(string extension) =>
            Path.Combine(Path.GetTempPath(), "was-report-" + Guid.NewGuid().ToString("N") + extension);

        public static string RepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "samples", "demo-account", "manifest.json")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("The repository root (with samples/demo-account) was not found above " + AppContext.BaseDirectory);
        }
    }
}
