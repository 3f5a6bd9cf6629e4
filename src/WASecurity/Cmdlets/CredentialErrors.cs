using System.Management.Automation;
using WASecurity.Aws;

namespace WASecurity.Cmdlets
{
    /// <summary>A credential problem as the terminating error a cmdlet throws.</summary>
    internal static class CredentialErrors
    {
        public static ErrorRecord ToErrorRecord(AwsCredentialException e) => new ErrorRecord(e, e.ErrorId, Category(e.Category), e.Target);

        private static ErrorCategory Category(CredentialErrorCategory category)
        {
            switch (category)
            {
                case CredentialErrorCategory.AuthenticationError:
                    return ErrorCategory.AuthenticationError;
                case CredentialErrorCategory.ObjectNotFound:
                    return ErrorCategory.ObjectNotFound;
                case CredentialErrorCategory.InvalidData:
                    return ErrorCategory.InvalidData;
                default:
                    return ErrorCategory.InvalidArgument;
            }
        }
    }
}
