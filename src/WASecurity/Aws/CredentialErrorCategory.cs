namespace WASecurity.Aws
{
    /// <summary>What kind of credential problem it is; the cmdlets report it under the PowerShell error category of the same name.</summary>
    internal enum CredentialErrorCategory
    {
        InvalidArgument,
        AuthenticationError,
        ObjectNotFound,
        InvalidData,
    }
}
