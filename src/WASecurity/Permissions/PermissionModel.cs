using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WASecurity.Aws.Operations;
using WASecurity.Catalog;
using WASecurity.Checks;
using WASecurity.Evidence;

namespace WASecurity.Permissions
{
    /// <summary>
    /// The IAM actions WASecurity needs, from what it knows about its own requests: the operation registry (every
    /// live operation declares the actions of the requests it sends) is the source of the assessment policy; the
    /// catalog (each check lists the actions of its calls) narrows it to questions or checks; the remediation table
    /// gives the separate remediation policy.
    /// </summary>
    internal static class PermissionModel
    {
        /// <summary>The IAM policy language version every policy document names.</summary>
        public const string PolicyVersion = "2012-10-17";

        public const string AssessmentSid = "WASecurityReadOnlyAssessment";

        public const string RemediationSid = "WASecurityRemediation";

        /// <summary>The one action of the assessment policy that is not a read, and why it is there.</summary>
        public const string GenerateCredentialReport = "iam:GenerateCredentialReport";

        private static readonly Dictionary<string, string> Notes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [GenerateCredentialReport] = "Not a read: asks IAM to generate the credential report (nothing else in the account changes). Without it, a report generated in the last four hours is still read.",
            ["sts:GetCallerIdentity"] = "Every live run: the account id. AWS allows it to every caller; listed for completeness.",
            ["ec2:DescribeRegions"] = "Every live run: the enabled regions. Without it, regional checks cover only -Region (or the session's region).",
            ["s3:GetBucketLocation"] = "Also sent before per-bucket calls when ListBuckets does not name the bucket's region; without it the session's region is used.",
        };

        /// <summary>
        /// The actions of the assessment. With <paramref name="checks"/> null: every action of every registered live
        /// operation (the full read-only policy). Otherwise: what those checks' calls need, plus what every live run
        /// needs (the caller's identity, the region list).
        /// </summary>
        public static IReadOnlyList<RequiredPermission> Assessment(IReadOnlyCollection<CheckDefinition>? checks, OperationRegistry? registry = null)
        {
            registry ??= OperationRegistry.Default;
            var selected = checks ?? CheckCatalog.Checks.ToList();
            var table = new PermissionTable();
            var cmdlets = selected.Select(c => CheckCatalog.GetQuestion(c.Question).Cmdlet).Distinct(StringComparer.Ordinal).ToArray();

            foreach (var (service, operation) in RunOperations)
            {
                var registered = registry.Find(service, operation) ?? throw new InvalidOperationException($"{service} {operation} (sent by every live run) is not registered.");
                foreach (var action in registered.Actions)
                {
                    table.Add(action, null, registered.ToString(), cmdlets);
                }
            }

            foreach (var check in selected)
            {
                var cmdlet = CheckCatalog.GetQuestion(check.Question).Cmdlet;
                foreach (var action in check.Actions)
                {
                    // The operations whose main request is the action bring the actions of their other requests along.
                    var operations = registry.Operations.Where(o => string.Equals(o.Action, action, StringComparison.Ordinal)).ToList();
                    foreach (var registered in operations)
                    {
                        foreach (var needed in registered.Actions)
                        {
                            table.Add(needed, check.CheckId, registered.ToString(), new[] { cmdlet });
                        }
                    }

                    if (operations.Count == 0)
                    {
                        // A catalog entry may name an extra request's action itself (iam:GenerateCredentialReport).
                        var sending = registry.Operations.Where(o => o.AlsoNeeds.Contains(action, StringComparer.Ordinal)).ToList();
                        if (sending.Count == 0)
                        {
                            throw new InvalidOperationException($"{check.CheckId} needs {action}, which no registered live operation sends.");
                        }

                        foreach (var registered in sending)
                        {
                            table.Add(action, check.CheckId, registered.ToString(), new[] { cmdlet });
                        }
                    }
                }
            }

            if (checks == null)
            {
                // The full policy is the registry's: an operation no catalog entry names still gets its actions.
                foreach (var registered in registry.Operations)
                {
                    foreach (var action in registered.Actions)
                    {
                        table.Add(action, null, registered.ToString(), Array.Empty<string>());
                    }
                }
            }

            return table.ToPermissions(action => !IsRead(action));
        }

        /// <summary>The write actions of the remediation cmdlets that fix <paramref name="checks"/> (all of them when null).</summary>
        public static IReadOnlyList<RequiredPermission> Remediation(IReadOnlyCollection<CheckDefinition>? checks)
        {
            var ids = checks == null ? null : new HashSet<string>(checks.Select(c => c.CheckId), StringComparer.Ordinal);
            var table = new PermissionTable();
            foreach (var remediation in RemediationPermissions.All)
            {
                var fixes = remediation.CheckIds.Where(id => ids == null || ids.Contains(id)).ToList();
                if (fixes.Count == 0)
                {
                    continue;
                }

                foreach (var (action, operation) in remediation.Writes)
                {
                    foreach (var checkId in fixes)
                    {
                        table.Add(action, checkId, operation, new[] { remediation.Cmdlet });
                    }
                }
            }

            return table.ToPermissions(_ => true);
        }

        /// <summary>
        /// An identity-based IAM policy allowing <paramref name="actions"/> on every resource: one Allow statement,
        /// the actions sorted and unique, '\n' line ends (the same text on every platform).
        /// </summary>
        public static string PolicyDocument(IEnumerable<string> actions, string sid)
        {
            var sorted = actions.Distinct(StringComparer.Ordinal).OrderBy(a => a, StringComparer.Ordinal).ToList();
            var text = new StringBuilder();
            text.Append("{\n");
            text.Append("  \"Version\": \"").Append(PolicyVersion).Append("\",\n");
            text.Append("  \"Statement\": [\n");
            text.Append("    {\n");
            text.Append("      \"Sid\": \"").Append(sid).Append("\",\n");
            text.Append("      \"Effect\": \"Allow\",\n");
            text.Append("      \"Action\": [");
            for (var i = 0; i < sorted.Count; i++)
            {
                text.Append(i == 0 ? "\n" : ",\n").Append("        ").Append(System.Text.Json.JsonSerializer.Serialize(sorted[i]));
            }

            text.Append(sorted.Count == 0 ? "],\n" : "\n      ],\n");
            text.Append("      \"Resource\": \"*\"\n");
            text.Append("    }\n");
            text.Append("  ]\n");
            text.Append('}');
            return text.ToString();
        }

        /// <summary>Whether an action only reads (Get…, List…, Describe…, BatchGet…).</summary>
        public static bool IsRead(string action)
        {
            var verb = action.Substring(action.IndexOf(':') + 1);
            return verb.StartsWith("Get", StringComparison.Ordinal) || verb.StartsWith("List", StringComparison.Ordinal) || verb.StartsWith("Describe", StringComparison.Ordinal)
                || verb.StartsWith("BatchGet", StringComparison.Ordinal)
                || verb == "GET"; // API Gateway authorizes its reads by HTTP verb (apigateway:GET)
        }

        /// <summary>The operations every live run sends before any check: who the caller is, which regions are enabled.</summary>
        internal static IEnumerable<(string Service, string Operation)> RunOperations
        {
            get
            {
                yield return (LiveEvidenceSource.CallerIdentity.Service, LiveEvidenceSource.CallerIdentity.Operation);
                yield return LiveEvidenceSource.DescribeRegionsOperation;
            }
        }

        /// <summary>Collects, per action, the checks, operations and cmdlets that need it.</summary>
        private sealed class PermissionTable
        {
            private readonly Dictionary<string, (SortedSet<string> Checks, SortedSet<string> Operations, SortedSet<string> Cmdlets)> _rows =
                new Dictionary<string, (SortedSet<string>, SortedSet<string>, SortedSet<string>)>(StringComparer.Ordinal);

            public void Add(string action, string? checkId, string operation, IEnumerable<string> cmdlets)
            {
                if (!_rows.TryGetValue(action, out var row))
                {
                    row = (new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
                    _rows[action] = row;
                }

                if (checkId != null)
                {
                    row.Checks.Add(checkId);
                }

                row.Operations.Add(operation);
                row.Cmdlets.UnionWith(cmdlets);
            }

            public IReadOnlyList<RequiredPermission> ToPermissions(Func<string, bool> isWrite) =>
                _rows
                    .OrderBy(r => r.Key, StringComparer.Ordinal)
                    .Select(r => new RequiredPermission(
                        r.Key,
                        r.Value.Checks.ToArray(),
                        r.Value.Operations.ToArray(),
                        r.Value.Cmdlets.ToArray(),
                        isWrite(r.Key),
                        Notes.TryGetValue(r.Key, out var note) ? note : null))
                    .ToList();
        }
    }
}
