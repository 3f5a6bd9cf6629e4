namespace WASecurity.Evidence
{
    /// <summary>The account under assessment.</summary>
    public sealed class AccountContext
    {
        public AccountContext(string accountId, string partition)
        {
            AccountId = accountId;
            Partition = partition;
        }

        /// <summary>Twelve-digit account id.</summary>
        public string AccountId { get; }

        /// <summary><c>aws</c>, <c>aws-cn</c> or <c>aws-us-gov</c>.</summary>
        public string Partition { get; }
    }
}
