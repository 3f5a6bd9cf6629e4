using System;
using WASecurity.Checks.Sec09;
using WASecurity.Checks;
using WASecurity.Settings;

namespace WASecurity.Checks.Sec11
{
    /// <summary>SEC 11 (classic SEC 9) — How do you protect your data in transit?</summary>
    internal static class Sec11Catalog
    {
        public const string CertificateExpiryWarningDays = nameof(CertificateExpiryWarningDays);

        private static readonly string[] InTransit = { "SEC09-BP02" };

        public static readonly CheckDefinition BucketDeniesInsecureTransport = new CheckDefinition(
            "SEC11.BucketDeniesInsecureTransport",
            "The S3 bucket policy denies requests that do not use TLS (aws:SecureTransport = false).",
            Severity.Medium,
            "AWS::S3::Bucket",
            "S3 answers plain HTTP too; only a bucket policy Deny on aws:SecureTransport = false guarantees that objects never travel unencrypted, whatever the client does.",
            "Add to the bucket policy: {\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::<bucket>\",\"arn:aws:s3:::<bucket>/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}} (aws s3api put-bucket-policy --bucket <bucket> --policy file://policy.json).",
            InTransit,
            new[] { "3.0/2.1.1", "7.0/3.1.1" },
            Sec09Catalog.WithInventory(new[] { "s3:ListAllMyBuckets", "s3:GetBucketLocation", "s3:GetBucketPolicy" }),
            powerShell: "Write-S3BucketPolicy -BucketName '<bucket>' -Policy (Get-Content -Raw -LiteralPath ./policy.json)");

        public static readonly CheckDefinition LoadBalancerHttpsRedirect = new CheckDefinition(
            "SEC11.LoadBalancerHttpsRedirect",
            "The load balancer's plain HTTP listeners redirect to HTTPS.",
            Severity.High,
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "An HTTP listener that forwards requests carries credentials, cookies and data in the clear over the internet.",
            "aws elbv2 modify-listener --listener-arn <listener-arn> --default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}' (a classic load balancer cannot redirect: replace its HTTP listener with HTTPS or migrate to an Application Load Balancer).",
            InTransit,
            Array.Empty<string>(),
            new[] { "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeListeners" },
            powerShell: "Edit-ELB2Listener -ListenerArn '<listener-arn>' -DefaultAction @{Type='redirect'; RedirectConfig=@{Protocol='HTTPS'; Port='443'; StatusCode='HTTP_301'}}");

        public static readonly CheckDefinition LoadBalancerTlsPolicy = new CheckDefinition(
            "SEC11.LoadBalancerTlsPolicy",
            "The load balancer's HTTPS and TLS listeners use a security policy that allows only TLS 1.2 or newer.",
            Severity.High,
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "TLS 1.0 and 1.1 have known weaknesses and are no longer accepted by PCI DSS or most compliance regimes; the default ELBSecurityPolicy-2016-08 still allows them.",
            "aws elbv2 modify-listener --listener-arn <listener-arn> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06 (classic: aws elb set-load-balancer-policies-of-listener with a policy made from ELBSecurityPolicy-TLS-1-2-2017-01).",
            InTransit,
            Array.Empty<string>(),
            new[] { "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeLoadBalancerPolicies" },
            powerShell: "Edit-ELB2Listener -ListenerArn '<listener-arn>' -SslPolicy ELBSecurityPolicy-TLS13-1-2-2021-06  # classic: Set-ELBLoadBalancerPolicyOfListener");

        public static readonly CheckDefinition CloudFrontViewerHttps = new CheckDefinition(
            "SEC11.CloudFrontViewerHttps",
            "The CloudFront distribution requires HTTPS from viewers (redirect-to-https or https-only) in every cache behavior.",
            Severity.High,
            "AWS::CloudFront::Distribution",
            "A behavior with viewer protocol policy allow-all serves content and accepts cookies and form posts over plain HTTP.",
            "aws cloudfront get-distribution-config --id <id> > config.json, set ViewerProtocolPolicy to redirect-to-https in DefaultCacheBehavior and each CacheBehaviors item, then aws cloudfront update-distribution --id <id> --if-match <ETag> --distribution-config file://config.json.",
            InTransit,
            Array.Empty<string>(),
            new[] { "cloudfront:ListDistributions" });

        public static readonly CheckDefinition CloudFrontMinimumTls = new CheckDefinition(
            "SEC11.CloudFrontMinimumTls",
            "The CloudFront distribution's minimum viewer TLS version is TLSv1.2_2021 or newer.",
            Severity.Medium,
            "AWS::CloudFront::Distribution",
            "Older security policies accept TLS 1.0/1.1 and weak ciphers; the default *.cloudfront.net certificate always accepts TLSv1.",
            "Use a custom certificate from ACM (us-east-1) with SNI and set ViewerCertificate.MinimumProtocolVersion to TLSv1.2_2021 via aws cloudfront update-distribution.",
            InTransit,
            Array.Empty<string>(),
            new[] { "cloudfront:ListDistributions" });

        public static readonly CheckDefinition CertificateNotExpiring = new CheckDefinition(
            "SEC11.CertificateNotExpiring",
            "The ACM certificate does not expire within the warning period and its renewal has not failed.",
            Severity.High,
            "AWS::CertificateManager::Certificate",
            "An expired certificate breaks TLS for every client at once, and a failed renewal (validation records removed, imported certificate) will not fix itself.",
            "For an ACM-issued certificate, restore the DNS validation CNAME (aws acm describe-certificate --certificate-arn <arn> shows it); for an imported one, re-import a renewed certificate: aws acm import-certificate --certificate-arn <arn> --certificate fileb://cert.pem --private-key fileb://key.pem --certificate-chain fileb://chain.pem.",
            new[] { "SEC09-BP01" },
            Array.Empty<string>(),
            new[] { "acm:ListCertificates", "acm:DescribeCertificate" },
            new[] { CertificateExpiryWarningDays },
            powerShell: "Get-ACMCertificateDetail -CertificateArn '<arn>'; Import-ACMCertificate -CertificateArn '<arn>' -Certificate ([IO.File]::ReadAllBytes('cert.pem')) -PrivateKey ([IO.File]::ReadAllBytes('key.pem')) -CertificateChain ([IO.File]::ReadAllBytes('chain.pem'))");

        public static readonly CheckDefinition QueueDeniesInsecureTransport = new CheckDefinition(
            "SEC11.QueueDeniesInsecureTransport",
            "The SQS queue policy denies requests that do not use TLS (aws:SecureTransport = false).",
            Severity.Medium,
            "AWS::SQS::Queue",
            "SQS accepts HTTP requests unless the queue policy denies them; messages and their attributes would then travel in the clear.",
            "aws sqs set-queue-attributes --queue-url <url> --attributes file://attributes.json, with a Policy that adds {\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sqs:*\",\"Resource\":\"<queue-arn>\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}.",
            InTransit,
            Array.Empty<string>(),
            Sec09Catalog.WithInventory(new[] { "sqs:ListQueues", "sqs:GetQueueAttributes" }),
            powerShell: "Set-SQSQueueAttribute -QueueUrl '<url>' -Attribute @{Policy=(Get-Content -Raw -LiteralPath ./policy.json)}");

        public static readonly QuestionDefinition Question = new QuestionDefinition(
            "SEC11",
            "How do you protect your data in transit?",
            "DataProtection",
            "Test-WASEncryptionInTransit",
            new[] { BucketDeniesInsecureTransport, LoadBalancerHttpsRedirect, LoadBalancerTlsPolicy, CloudFrontViewerHttps, CloudFrontMinimumTls, CertificateNotExpiring, QueueDeniesInsecureTransport },
            new[]
            {
                new SettingDefinition(CertificateExpiryWarningDays, typeof(int), 30, "ACM certificates expiring within this many days fail SEC11.CertificateNotExpiring."),
            },
            () => new Sec11EncryptionInTransit());
    }
}
