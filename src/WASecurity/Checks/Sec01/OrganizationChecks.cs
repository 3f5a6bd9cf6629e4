using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec01
{
    /// <summary>SEC 1 organization checks: whether the account belongs to an organization, and the guardrails above it.</summary>
    internal static class OrganizationChecks
    {
        private const string NotInUse = "AWSOrganizationsNotInUseException";
        private const string FullAccess = "p-FullAWSAccess";

        public static async Task<IEnumerable<Finding>> AccountInOrganizationAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec01Catalog.AccountInOrganization;
            var response = await context.GetAsync(OrganizationCalls.DescribeOrganization, cancellationToken).ConfigureAwait(false);
            if (response.IsErrorCode(NotInUse))
            {
                return context.AccountFinding(check, FindingStatus.Fail, $"Account {context.Account.AccountId} belongs to no AWS Organization (DescribeOrganization: {NotInUse}).").AsEnumerable();
            }

            if (!response.IsSuccess)
            {
                return context.ErrorFinding(check, response).AsEnumerable();
            }

            var organization = response.Root.Required("Organization", "DescribeOrganization");
            var id = organization.Str("Id");
            var management = organization.Str("MasterAccountId");
            var role = management == context.Account.AccountId ? "its management account" : $"a member; the management account is {management}";
            return context.AccountFinding(check, FindingStatus.Pass, $"Account {context.Account.AccountId} belongs to organization {id} ({role}; feature set {organization.Str("FeatureSet")}).")
                .With("OrganizationId", id)
                .With("ManagementAccountId", management)
                .With("FeatureSet", organization.Str("FeatureSet"))
                .AsEnumerable();
        }

        public static async Task<IEnumerable<Finding>> ServiceControlPoliciesInForceAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec01Catalog.ServiceControlPoliciesInForce;
            var organization = await context.GetAsync(OrganizationCalls.DescribeOrganization, cancellationToken).ConfigureAwait(false);
            if (organization.IsErrorCode(NotInUse))
            {
                return context.AccountFinding(check, FindingStatus.NotApplicable, "The account belongs to no AWS Organization, so no service control policy can apply (SEC01.AccountInOrganization reports that).").AsEnumerable();
            }

            if (!organization.IsSuccess)
            {
                return context.ErrorFinding(check, organization).AsEnumerable();
            }

            var featureSet = organization.Root.Path("Organization")?.Str("FeatureSet");
            if (string.Equals(featureSet, "CONSOLIDATED_BILLING", StringComparison.Ordinal))
            {
                return context.AccountFinding(check, FindingStatus.Fail, "The organization has only consolidated billing enabled (FeatureSet CONSOLIDATED_BILLING): service control policies need all features.")
                    .With("FeatureSet", featureSet)
                    .AsEnumerable();
            }

            var rootsTask = context.GetAsync(OrganizationCalls.ListRoots, cancellationToken);
            var policiesTask = context.GetAsync(OrganizationCalls.ListServiceControlPolicies, cancellationToken);
            var roots = await rootsTask.ConfigureAwait(false);
            var policies = await policiesTask.ConfigureAwait(false);
            if (!roots.IsSuccess)
            {
                return context.ErrorFinding(check, roots).AsEnumerable();
            }

            var root = roots.Root.Items("Roots").FirstOrDefault();
            var rootId = root.ValueKind == JsonValueKind.Undefined ? null : root.Str("Id");
            var scpStatus = rootId == null
                ? null
                : root.Items("PolicyTypes").Where(t => t.Str("Type") == "SERVICE_CONTROL_POLICY").Select(t => t.Str("Status")).FirstOrDefault();
            if (rootId == null)
            {
                return context.AccountFinding(check, FindingStatus.Error, "Could not verify: ListRoots gives no root for the organization.").AsEnumerable();
            }

            if (!string.Equals(scpStatus, "ENABLED", StringComparison.Ordinal))
            {
                return context.AccountFinding(check, FindingStatus.Fail, $"Service control policies are not enabled on the organization's root {rootId} (status {scpStatus ?? "none"}).")
                    .WithProperty("RootId", rootId)
                    .With("PolicyTypeStatus", scpStatus)
                    .AsEnumerable();
            }

            if (!policies.IsSuccess)
            {
                return context.ErrorFinding(check, policies).AsEnumerable();
            }

            var custom = policies.Root.Items("Policies")
                .Where(p => !string.Equals(p.Str("Id"), FullAccess, StringComparison.Ordinal) && p.Bool("AwsManaged") != true)
                .Select(p => p.Str("Name") ?? p.Str("Id") ?? "(unnamed)")
                .ToList();
            var finding = custom.Count == 0
                ? context.AccountFinding(check, FindingStatus.Fail, $"Service control policies are enabled on root {rootId}, but the only policy is the default FullAWSAccess: there are no guardrails.")
                : context.AccountFinding(check, FindingStatus.Pass, $"Service control policies are enabled on root {rootId}, with {custom.Count} guardrail polic{(custom.Count == 1 ? "y" : "ies")} besides FullAWSAccess ({string.Join(", ", custom.Take(5))}{(custom.Count > 5 ? ", …" : string.Empty)}).");
            return finding
                .WithProperty("RootId", rootId)
                .With("PolicyTypeStatus", scpStatus)
                .With("ServiceControlPolicies", custom.ToArray())
                .AsEnumerable();
        }
        public static async Task<IEnumerable<Finding>> SecurityServicesDelegatedAdminAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec01Catalog.SecurityServicesDelegatedAdmin;
            var organization = await context.GetAsync(OrganizationCalls.DescribeOrganization, cancellationToken).ConfigureAwait(false);
            if (organization.IsErrorCode(NotInUse))
            {
                return context.AccountFinding(check, FindingStatus.NotApplicable, "The account belongs to no AWS Organization, so there is no administration to delegate (SEC01.AccountInOrganization reports that).").AsEnumerable();
            }

            if (!organization.IsSuccess)
            {
                return context.ErrorFinding(check, organization).AsEnumerable();
            }

            var management = organization.Root.Required("Organization", "DescribeOrganization").Str("MasterAccountId");
            var lists = OrganizationCalls.SecurityServices
                .Select(s => (s.Service, s.Principals, Tasks: s.Principals.Select(p => context.GetAsync(OrganizationCalls.ListDelegatedAdministrators(p), cancellationToken)).ToList()))
                .ToList();
            var findings = new List<Finding>();
            foreach (var (service, principals, tasks) in lists)
            {
                var responses = await Task.WhenAll(tasks).ConfigureAwait(false);
                var resource = principals[0];
                var admins = new List<(string Id, string? Name)>();
                Finding? unreadable = null;
                foreach (var response in responses.Where(r => r.IsSuccess))
                {
                    try
                    {
                        admins.AddRange(response.Root.Items("DelegatedAdministrators")
                            .Where(a => !string.Equals(a.Str("Status"), "SUSPENDED", StringComparison.Ordinal))
                            .Select(a => (Id: a.RequiredStr("Id", "a delegated administrator"), Name: a.Str("Name"))));
                    }
                    catch (FormatException e)
                    {
                        // One unreadable answer makes only its service Error.
                        unreadable = context.ErrorFinding(check, EvidenceLocator.Unreadable(response, e), resource, null, check.ResourceType);
                        break;
                    }
                }

                if (unreadable != null)
                {
                    findings.Add(unreadable);
                    continue;
                }

                admins = admins.Distinct().ToList();

                // A registered administrator is verified whatever the other principal's answer; none found is only a
                // Fail when every principal answered.
                var failed = responses.FirstOrDefault(r => !r.IsSuccess);
                if (admins.Count == 0 && failed != null)
                {
                    findings.Add(context.ErrorFinding(check, failed, resource, null, check.ResourceType));
                    continue;
                }
                var finding = admins.Count == 0
                    ? context.NewFinding(check, FindingStatus.Fail, resource, $"{service} has no delegated administrator ({string.Join(" or ", principals)}): its organization-wide configuration and findings can only be managed from the management account{(management == null ? string.Empty : $" ({management})")}, or not at all.")
                    : context.NewFinding(check, FindingStatus.Pass, resource, $"{service} is administered for the organization from {string.Join(", ", admins.Select(a => a.Name == null ? a.Id : $"{a.Id} ({a.Name})"))}.");
                findings.Add(finding
                    .WithProperty("ServicePrincipal", string.Join(", ", principals))
                    .With("DelegatedAdministrators", admins.Select(a => a.Id).ToArray())
                    .With("ManagementAccountId", management));
            }

            return findings;
        }
    }
}
