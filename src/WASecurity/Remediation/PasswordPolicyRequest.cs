namespace WASecurity.Remediation
{
    /// <summary>What Set-WASPasswordPolicy was asked to set; null where a value was not given.</summary>
    internal sealed class PasswordPolicyRequest
    {
        public int? MinimumPasswordLength { get; set; }

        public int? PasswordReusePrevention { get; set; }

        public bool? RequireUppercaseCharacters { get; set; }

        public bool? RequireLowercaseCharacters { get; set; }

        public bool? RequireNumbers { get; set; }

        public bool? RequireSymbols { get; set; }

        /// <summary>Days before a password expires; 0 turns expiry off.</summary>
        public int? MaxPasswordAge { get; set; }

        public bool? AllowUsersToChangePassword { get; set; }

        public bool? HardExpiry { get; set; }
    }
}
