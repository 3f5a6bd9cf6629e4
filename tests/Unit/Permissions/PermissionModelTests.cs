using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using WASecurity.Aws.Operations;
using WASecurity.Catalog;
using WASecurity.Cmdlets;
using WASecurity.Evidence;
using WASecurity.Permissions;
using WASecurity.Tests.Reports;
using Xunit;

namespace WASecurity.Tests.Permissions
{
    /// <summary>
    /// The policy is derived from the module's own knowledge of its requests: every live operation declares its
    /// actions, every check's catalog actions are operations' actions, and every call the checks make (recorded
    /// against the demo account) names the action its operation declares.
    /// </summary>
    public sealed class PermissionModelTests
    {
        private static readonly Regex ActionShape = new Regex("^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$");

        private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyCollection<ApiCall>>> DemoCalls = new Lazy<IReadOnlyDictionary<string, IReadOnlyCollection<ApiCall>>>(() =>
        {
            using var source = BundleEvidenceSource.Open(System.IO.Path.Combine(SampleFindings.RepoRoot(), "samples", "demo-account"));
            return CheckCallRecorder.Record(source, CheckCatalog.Checks, new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero));
        });

        private static IReadOnlyList<string> AssessmentActions => PermissionModel.Assessment(null).Select(p => p.Action).ToList();

        [Fact]
        public void Every_registered_operation_declares_the_actions_of_its_requests()
        {
            Assert.NotEmpty(OperationRegistry.Default.Operations);
            foreach (var operation in OperationRegistry.Default.Operations)
            {
                Assert.False(string.IsNullOrEmpty(operation.Action), $"{operation} declares no IAM action.");
                Assert.True(ActionShape.IsMatch(operation.Action), $"{operation}: '{operation.Action}' is not an IAM action (service:Action).");
                Assert.All(operation.AlsoNeeds, a => Assert.True(ActionShape.IsMatch(a), $"{operation}: '{a}' is not an IAM action."));
            }
        }

        [Fact]
        public void A_registration_without_an_action_is_found()
        {
            var registry = new OperationRegistry();
            registry.Add("iam", "ListUsers", string.Empty, (call, context, token) => System.Threading.Tasks.Task.FromResult(EvidenceResponse.FromText(call, string.Empty)));

            var operation = Assert.Single(registry.Operations);
            Assert.False(ActionShape.IsMatch(operation.Action));
        }

        [Fact]
        public void Every_action_a_check_declares_is_sent_by_a_registered_operation()
        {
            var sent = new HashSet<string>(OperationRegistry.Default.Operations.SelectMany(o => o.Actions), StringComparer.Ordinal);
            foreach (var check in CheckCatalog.Checks)
            {
                Assert.All(check.Actions, a => Assert.True(sent.Contains(a), $"{check.CheckId} declares {a}, which no live operation sends (see Aws/Operations)."));
            }
        }

        [Fact]
        public void The_full_policy_is_exactly_what_the_checks_and_every_live_run_need()
        {
            // No registered operation is left that no check and no run needs, and nothing a check needs is missing.
            var byChecks = PermissionModel.Assessment(CheckCatalog.Checks.ToList()).Select(p => p.Action);
            Assert.Equal(AssessmentActions, byChecks);
            var registered = OperationRegistry.Default.Operations.SelectMany(o => o.Actions).Distinct().OrderBy(a => a, StringComparer.Ordinal);
            Assert.Equal(registered, AssessmentActions);
        }

        [Fact]
        public void The_assessment_policy_only_reads_except_the_credential_report_generation()
        {
            foreach (var permission in PermissionModel.Assessment(null))
            {
                var verb = permission.Action.Substring(permission.Action.IndexOf(':') + 1);
                if (permission.Action == "iam:GenerateCredentialReport")
                {
                    Assert.Equal("Write", permission.Access);
                    Assert.Contains("credential report", permission.Note);
                    continue;
                }

                // API Gateway authorizes its reads by HTTP verb: apigateway:GET.
                Assert.Matches(permission.Action == "apigateway:GET" ? "^GET$" : "^(Get|List|Describe|BatchGet)[A-Z]", verb);
                Assert.Equal("Read", permission.Access);
            }
        }

        [Fact]
        public void Every_call_the_checks_make_on_the_demo_account_names_an_action_of_its_operation_and_of_its_check()
        {
            var policy = new HashSet<string>(AssessmentActions, StringComparer.Ordinal);
            var problems = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var (checkId, calls) in DemoCalls.Value)
            {
                var check = CheckCatalog.GetCheck(checkId);
                foreach (var call in calls)
                {
                    var registered = OperationRegistry.Default.Find(call.Service, call.Operation);
                    if (registered == null)
                    {
                        problems.Add($"{checkId} calls {call.Service} {call.Operation}, which is not collected live.");
                        continue;
                    }

                    if (call.Action != registered.Action)
                    {
                        problems.Add($"{checkId}: {call.Service} {call.Operation} names {call.Action}, its operation declares {registered.Action}.");
                    }

                    if (!check.Actions.Contains(call.Action))
                    {
                        problems.Add($"{checkId} calls {call.Service} {call.Operation} ({call.Action}), which its catalog entry does not list.");
                    }

                    problems.UnionWith(registered.Actions.Where(a => !policy.Contains(a)).Select(a => $"{a} ({registered}) is not in the policy."));
                }
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Every_action_a_check_declares_is_used_by_one_of_its_calls_on_the_demo_account()
        {
            // The converse: a catalog action no call of the check needs would widen -CheckId's answer for nothing.
            // Some calls depend on what the account holds; those the demo account does not reach are listed here.
            var notReachedOnDemo = new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                // The credential report is read only when the account has an identity provider or Identity Center instance.
                ["SEC02.CentralizedIdentity"] = new[] { "iam:GetCredentialReport", "iam:GenerateCredentialReport" },
                // Alarms are read only for a metric filter that matches the event; its topic's subscriptions only for an alarm.
                ["SEC04.AlarmConsoleSignInWithoutMfa"] = new[] { "sns:ListSubscriptionsByTopic" },
                // Role policies are read only for an internet-facing instance with an instance profile.
                ["SEC07.InternetFacingInstanceRole"] = new[] { "iam:GetAccountAuthorizationDetails" },
                // Bucket encryption is read only when a customer-managed key is disabled.
                ["SEC10.DisabledKeyNotInUse"] = new[] { "s3:GetEncryptionConfiguration" },
            };
            foreach (var alarm in new[]
            {
                "CloudTrailChanges", "ConsoleAuthenticationFailures", "CmkDeletion", "S3BucketPolicyChanges", "ConfigChanges", "SecurityGroupChanges",
                "NetworkAclChanges", "NetworkGatewayChanges", "RouteTableChanges", "VpcChanges", "OrganizationsChanges",
            })
            {
                notReachedOnDemo["SEC04.Alarm" + alarm] = new[] { "cloudwatch:DescribeAlarms", "sns:ListSubscriptionsByTopic" };
            }

            var problems = new List<string>();
            foreach (var check in CheckCatalog.Checks)
            {
                var used = new HashSet<string>(
                    DemoCalls.Value[check.CheckId].SelectMany(c => OperationRegistry.Default.Find(c.Service, c.Operation)?.Actions ?? new[] { c.Action }),
                    StringComparer.Ordinal);
                var unused = check.Actions.Where(a => !used.Contains(a)).OrderBy(a => a, StringComparer.Ordinal).ToList();
                var expected = notReachedOnDemo.TryGetValue(check.CheckId, out var listed) ? listed.OrderBy(a => a, StringComparer.Ordinal).ToList() : new List<string>();
                if (!unused.SequenceEqual(expected))
                {
                    problems.Add($"{check.CheckId}: declared but not called on the demo account: [{string.Join(", ", unused)}]; expected [{string.Join(", ", expected)}].");
                }
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void The_demo_account_exercises_every_registered_operation()
        {
            var recorded = new HashSet<string>(DemoCalls.Value.Values.SelectMany(c => c).Select(c => $"{c.Service} {c.Operation}"), StringComparer.Ordinal);
            var run = PermissionModel.RunOperations.Select(o => $"{o.Service} {o.Operation}");
            var missing = OperationRegistry.Default.Operations.Select(o => o.ToString()).Except(recorded).Except(run).OrderBy(o => o, StringComparer.Ordinal).ToList();
            Assert.True(missing.Count == 0, "Registered, but no check called it on the demo account: " + string.Join(", ", missing));
        }

        [Fact]
        public void Each_remediation_cmdlet_declares_writes_that_are_kept_out_of_the_assessment_policy()
        {
            var cmdlets = typeof(RemediationCmdletBase).Assembly.GetTypes()
                .Where(t => t.IsSubclassOf(typeof(RemediationCmdletBase)) && !t.IsAbstract)
                .Select(t => t.GetCustomAttributes(typeof(CmdletAttribute), false).Cast<CmdletAttribute>().Single())
                .Select(a => a.VerbName + "-" + a.NounName)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();
            Assert.Equal(4, cmdlets.Count);
            Assert.Equal(cmdlets, RemediationPermissions.All.Select(r => r.Cmdlet).OrderBy(n => n, StringComparer.Ordinal));

            var assessment = new HashSet<string>(AssessmentActions, StringComparer.Ordinal);
            foreach (var remediation in RemediationPermissions.All)
            {
                Assert.All(remediation.CheckIds, id => CheckCatalog.GetCheck(id));
                // Its reads are in the assessment policy: the two policies together run the cmdlet.
                Assert.All(remediation.Reads, a => Assert.True(assessment.Contains(a), $"{remediation.Cmdlet} reads {a}, which the assessment policy lacks."));
                Assert.All(remediation.Writes, w => Assert.False(assessment.Contains(w.Action), $"{w.Action} must not be in the read-only policy."));
                Assert.All(remediation.Writes, w => Assert.DoesNotMatch(":(Get|List|Describe)", w.Action));
            }

            Assert.All(PermissionModel.Remediation(null), p => Assert.Equal("Write", p.Access));
        }

        [Fact]
        public void The_policy_document_is_one_allow_statement_of_sorted_unique_actions_on_every_resource()
        {
            var text = PermissionModel.PolicyDocument(new[] { "s3:GetBucketAcl", "iam:GetAccountSummary", "s3:GetBucketAcl" }, "Test");

            using var json = System.Text.Json.JsonDocument.Parse(text);
            Assert.Equal("2012-10-17", json.RootElement.GetProperty("Version").GetString());
            var statement = Assert.Single(json.RootElement.GetProperty("Statement").EnumerateArray());
            Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
            Assert.Equal("*", statement.GetProperty("Resource").GetString());
            Assert.Equal(new[] { "iam:GetAccountSummary", "s3:GetBucketAcl" }, statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
            Assert.DoesNotContain("\r", text);
            // The module's own IAM policy model reads it as one Allow statement with those actions.
            var parsed = Assert.Single(WASecurity.Policies.PolicyDocument.Parse(text).Statements);
            Assert.Equal(new[] { "iam:GetAccountSummary", "s3:GetBucketAcl" }, parsed.Actions);
        }
    }
}
