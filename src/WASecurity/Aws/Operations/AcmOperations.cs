namespace WASecurity.Aws.Operations
{
    /// <summary>ACM (JSON 1.1, regional). Dates arrive as epoch seconds; the checks read those as well as ISO strings.</summary>
    internal static class AcmOperations
    {
        private static readonly AwsService Service = AwsService.Regional("acm");

        public static void Register(OperationRegistry registry)
        {
            registry.Add("acm", "ListCertificates", "acm:ListCertificates", ProtocolOperations.Json(Service, "CertificateManager", "1.1", pageToken: "NextToken"));
            registry.Add("acm", "DescribeCertificate", "acm:DescribeCertificate", ProtocolOperations.Json(Service, "CertificateManager", "1.1"));
        }
    }
}
