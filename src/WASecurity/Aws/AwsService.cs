using System;
using System.Collections.Generic;

namespace WASecurity.Aws
{
    /// <summary>
    /// How to reach one AWS service: its endpoint prefix, the name it signs requests with, and — for a global
    /// service — the one endpoint and signing region of each partition.
    /// </summary>
    internal sealed class AwsService
    {
        private readonly IReadOnlyDictionary<string, GlobalEndpoint>? _global;
        private readonly string _hostPrefix;

        private AwsService(string endpointPrefix, string signingName, IReadOnlyDictionary<string, GlobalEndpoint>? global, string hostPrefix = "")
        {
            EndpointPrefix = endpointPrefix;
            SigningName = signingName;
            _global = global;
            _hostPrefix = hostPrefix;
        }

        public static AwsService Iam { get; } = Global("iam", "iam", new Dictionary<string, GlobalEndpoint>
        {
            [AwsPartition.Aws] = new GlobalEndpoint("iam.amazonaws.com", "us-east-1"),
            [AwsPartition.AwsUsGov] = new GlobalEndpoint("iam.us-gov.amazonaws.com", "us-gov-west-1"),
            [AwsPartition.AwsCn] = new GlobalEndpoint("iam.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        });

        public static AwsService Organizations { get; } = Global("organizations", "organizations", new Dictionary<string, GlobalEndpoint>
        {
            [AwsPartition.Aws] = new GlobalEndpoint("organizations.us-east-1.amazonaws.com", "us-east-1"),
            [AwsPartition.AwsUsGov] = new GlobalEndpoint("organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
            [AwsPartition.AwsCn] = new GlobalEndpoint("organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"),
        });

        public static AwsService Account { get; } = Global("account", "account", new Dictionary<string, GlobalEndpoint>
        {
            [AwsPartition.Aws] = new GlobalEndpoint("account.us-east-1.amazonaws.com", "us-east-1"),
            [AwsPartition.AwsUsGov] = new GlobalEndpoint("account.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
            [AwsPartition.AwsCn] = new GlobalEndpoint("account.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"),
        });

        /// <summary>The first label of the service's host name (<c>iam</c>, <c>elasticloadbalancing</c>, <c>logs</c>).</summary>
        public string EndpointPrefix { get; }

        /// <summary>The service name in the SigV4 credential scope.</summary>
        public string SigningName { get; }

        public bool IsGlobal => _global != null;

        /// <summary>A regional service reached at <c>{prefix}.{region}.{partition suffix}</c>.</summary>
        public static AwsService Regional(string endpointPrefix, string? signingName = null) =>
            new AwsService(endpointPrefix, signingName ?? endpointPrefix, null);

        /// <summary>A service with one endpoint per partition (IAM, the Account API, Organizations).</summary>
        public static AwsService Global(string endpointPrefix, string signingName, IReadOnlyDictionary<string, GlobalEndpoint> endpoints) =>
            new AwsService(endpointPrefix, signingName, endpoints);

        /// <summary>
        /// This service with a label in front of its host (S3 Control's <c>{AccountId}.s3-control.…</c>). The prefix
        /// applies to AWS's own host only: an endpoint override is used as given (an emulator or proxy has no such names).
        /// </summary>
        public AwsService WithHostPrefix(string hostPrefix) => new AwsService(EndpointPrefix, SigningName, _global, hostPrefix);

        /// <summary>
        /// Where a request for <paramref name="region"/> goes and which region signs it. A global service uses the
        /// endpoint of <paramref name="region"/>'s partition. An override (-EndpointUrl) receives every request but
        /// keeps the signing region, so an emulator or proxy sees what AWS would.
        /// </summary>
        public ServiceEndpoint Resolve(string region, string? endpointOverride)
        {
            var partition = AwsPartition.Of(region);
            string host;
            string signingRegion;
            if (_global != null)
            {
                if (!_global.TryGetValue(partition, out var global))
                {
                    throw new NotSupportedException($"{EndpointPrefix} has no endpoint in partition {partition}.");
                }

                host = global.Host;
                signingRegion = global.SigningRegion;
            }
            else
            {
                host = $"{EndpointPrefix}.{region}.{AwsPartition.DnsSuffix(partition)}";
                signingRegion = region;
            }

            var uri = endpointOverride != null ? new Uri(endpointOverride, UriKind.Absolute) : new Uri("https://" + _hostPrefix + host);
            return new ServiceEndpoint(uri, signingRegion, SigningName);
        }
    }

    /// <summary>The endpoint of a global service in one partition.</summary>
    internal sealed class GlobalEndpoint
    {
        public GlobalEndpoint(string host, string signingRegion)
        {
            Host = host;
            SigningRegion = signingRegion;
        }

        public string Host { get; }

        public string SigningRegion { get; }
    }

    /// <summary>A resolved endpoint: the URL requests go to, and the region and service name that sign them.</summary>
    internal sealed class ServiceEndpoint
    {
        public ServiceEndpoint(Uri uri, string signingRegion, string signingName)
        {
            Uri = uri;
            SigningRegion = signingRegion;
            SigningName = signingName;
        }

        public Uri Uri { get; }

        public string SigningRegion { get; }

        public string SigningName { get; }
    }
}
