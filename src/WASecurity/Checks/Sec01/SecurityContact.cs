using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Iam;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec01
{
    /// <summary>
    /// Whether the account has a security alternate contact (CIS 3.0 1.2, 7.0 2.3): who AWS reaches about the account,
    /// during an incident too. One check, SEC01.SecurityContactRegistered, answers it for SEC01 and SEC12 alike.
    /// </summary>
    internal static class SecurityContact
    {
        public static async Task<IEnumerable<Finding>> EvaluateAsync(CheckContext context, CheckDefinition check, CancellationToken cancellationToken)
        {
            var contact = await context.GetAsync(IamCalls.GetSecurityContact, cancellationToken).ConfigureAwait(false);
            if (contact.IsSuccess)
            {
                var details = contact.Root.Prop("AlternateContact");
                var email = details?.Str("EmailAddress");
                if (string.IsNullOrWhiteSpace(email))
                {
                    return context.AccountFinding(check, FindingStatus.Fail, "The security alternate contact has no e-mail address.").AsEnumerable();
                }

                return context.AccountFinding(check, FindingStatus.Pass, $"The security alternate contact is '{details?.Str("Name")}' <{email}>.")
                    .With("Name", details?.Str("Name"))
                    .With("EmailAddress", email)
                    .With("Title", details?.Str("Title"))
                    .AsEnumerable();
            }

            switch (contact.Error!.Kind)
            {
                case ApiErrorKind.NotFound:
                    return context.AccountFinding(check, FindingStatus.Fail, "No security alternate contact is registered for the account.")
                        .With("ErrorCode", contact.Error.Code)
                        .AsEnumerable();
                case ApiErrorKind.MissingFromBundle:
                    // An auditor's bundle often lacks the Account API; that is a question for a human, not a failure.
                    return context.AccountFinding(check, FindingStatus.Manual, $"The evidence has no Account API response ('{contact.Call.BundlePath}'): confirm in the console's Account page that a security contact is registered.")
                        .AsEnumerable();
                default:
                    return context.ErrorFinding(check, contact).AsEnumerable();
            }
        }
    }
}
