using WASecurity.Evidence;

namespace WASecurity.Checks.Data
{
    /// <summary>A list call that failed, so the stores of one type in one region are unknown.</summary>
    internal sealed class InventoryGap
    {
        public InventoryGap(string storeType, EvidenceResponse response)
        {
            StoreType = storeType;
            Response = response;
        }

        public string StoreType { get; }

        public EvidenceResponse Response { get; }
    }
}
