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
    }
}
