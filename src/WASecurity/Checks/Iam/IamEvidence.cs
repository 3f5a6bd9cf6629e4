using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Checks.Iam
{
    /// <summary>Parsed IAM evidence shared by the identity questions (each parsed once per run).</summary>
    internal static class IamEvidence
    {
        public static Task<Parsed<CredentialReport>> GetCredentialReportAsync(CheckContext context, CancellationToken cancellationToken) =>
            context.GetParsedAsync(IamCalls.CredentialReport, r => CredentialReport.Parse(r.Text ?? string.Empty), cancellationToken);

        public static Task<Parsed<AuthorizationDetails>> GetAuthorizationDetailsAsync(CheckContext context, CancellationToken cancellationToken) =>
            context.GetParsedAsync(IamCalls.GetAccountAuthorizationDetails, r => AuthorizationDetails.Parse(r.Root), cancellationToken);
    }
}
