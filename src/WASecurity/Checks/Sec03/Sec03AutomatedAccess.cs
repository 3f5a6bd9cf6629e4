using System.Collections.Generic;
using System.Globalization;

namespace WASecurity.Checks.Sec03
{
    /// <summary>
    /// SEC 3: credentials of machines and automation — IAM user access keys (credential report), EC2 instance
    /// roles and metadata service, role trust policies and use, Secrets Manager rotation, and secrets written into
    /// user data, stacks and task definitions. The checks of each
    /// kind live in their own part of this class (Sec03AutomatedAccess.*.cs).
    /// </summary>
    internal sealed partial class Sec03AutomatedAccess : IQuestionChecks
    {
        public IReadOnlyList<CheckImplementation> GetChecks() => new[]
        {
            new CheckImplementation(Sec03Catalog.AccessKeysRotated, AccessKeysRotatedAsync),
            new CheckImplementation(Sec03Catalog.OneActiveAccessKey, OneActiveAccessKeyAsync),
            new CheckImplementation(Sec03Catalog.NoAccessKeysAtSetup, NoAccessKeysAtSetupAsync),
            new CheckImplementation(Sec03Catalog.AccessKeysUsedRecently, AccessKeysUsedRecentlyAsync),
            new CheckImplementation(Sec03Catalog.InstanceProfileAttached, InstanceProfileAttachedAsync),
            new CheckImplementation(Sec03Catalog.InstanceImdsV2Required, InstanceImdsV2RequiredAsync),
            new CheckImplementation(Sec03Catalog.RoleTrustNotPublic, RoleTrustNotPublicAsync),
            new CheckImplementation(Sec03Catalog.RoleTrustCrossAccountExternalId, RoleTrustCrossAccountExternalIdAsync),
            new CheckImplementation(Sec03Catalog.RoleTrustOidcSubjectPinned, RoleTrustOidcSubjectPinnedAsync),
            new CheckImplementation(Sec03Catalog.RolesUsedRecently, RolesUsedRecentlyAsync),
            new CheckImplementation(Sec03Catalog.SecretsRotated, SecretsRotatedAsync),
            new CheckImplementation(Sec03Catalog.NoSecretsInUserData, NoSecretsInUserDataAsync),
            new CheckImplementation(Sec03Catalog.NoSecretsInStackOutputs, NoSecretsInStackOutputsAsync),
            new CheckImplementation(Sec03Catalog.NoSecretsInTaskDefinitions, NoSecretsInTaskDefinitionsAsync),
            new CheckImplementation(Sec03Catalog.NoSecretsInBuildProjects, NoSecretsInBuildProjectsAsync),
            new CheckImplementation(Sec03Catalog.NoSecretsInLambdaEnvironment, NoSecretsInLambdaEnvironmentAsync),
        };

        private static string Days(int days) => days == 1 ? "1 day" : string.Format(CultureInfo.InvariantCulture, "{0} days", days);
    }
}
