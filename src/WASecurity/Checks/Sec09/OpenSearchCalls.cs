using System.Collections.Generic;
using System.Linq;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec09
{
    /// <summary>OpenSearch Service domains and their configuration.</summary>
    internal static class OpenSearchCalls
    {
        /// <summary>The region's domains; the CLI prints <c>{"DomainNames":[{"DomainName","EngineType"}]}</c>.</summary>
        public static ApiCall ListDomainNames(string region) => new ApiCall("opensearch", "ListDomainNames", region, action: "es:ListDomainNames");

        /// <summary>
        /// Every listed domain in one evidence file, <c>&lt;region&gt;/opensearch/DescribeDomains.json</c>: the CLI's
        /// <c>{"DomainStatusList":[{"DomainName","ARN","EncryptionAtRestOptions":{"Enabled","KmsKeyId"},…}]}</c>, asked five names at a time.
        /// </summary>
        public static ApiCall DescribeDomains(string region, IEnumerable<string> domainNames) =>
            new ApiCall("opensearch", "DescribeDomains", region, parameters: new Dictionary<string, object?> { ["DomainNames"] = domainNames.ToArray() }, action: "es:DescribeDomains");
    }
}
