using System;
using WASecurity.Checks;
using WASecurity.Settings;

namespace WASecurity.Checks.Sec05
{
    /// <summary>SEC 5 — How do you protect your networks? (security groups, network ACLs, VPC peering).</summary>
    internal static class Sec05Catalog
    {
        public const string RestrictedIngressPorts = nameof(RestrictedIngressPorts);

        /// <summary>Database, cache, search, message broker and remote administration ports nobody should reach from the internet.</summary>
        internal static readonly string[] DefaultRestrictedIngressPorts =
        {
            "20-21", "23", "135", "139", "445", "1433", "1434", "1521", "2049", "2375", "2376", "2379-2380",
            "3306", "5432", "5601", "5900", "5984", "5985-5986", "6379", "7000-7001", "8020", "9042", "9092",
            "9200", "9300", "11211", "udp/11211", "27017-27018", "50070",
        };

        private const string SecurityGroupType = "AWS::EC2::SecurityGroup";
        private static readonly string[] GroupActions = { "ec2:DescribeSecurityGroups", "ec2:DescribeNetworkInterfaces" };

        public static readonly CheckDefinition SecurityGroupNoPublicAdminPorts = new CheckDefinition(
            "SEC05.SecurityGroupNoPublicAdminPorts",
            "No security group allows ingress from 0.0.0.0/0 or ::/0 to SSH (22) or RDP (3389).",
            Severity.High,
            SecurityGroupType,
            "SSH and RDP open to the whole internet are scanned within minutes of exposure and brute-forced around the clock; one weak or leaked credential is then a shell on the host. Groups in use by a network interface are High, unused ones Low (they are one attachment away).",
            "Remove the rule (aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]'; likewise for ::/0 with Ipv6Ranges=[{CidrIpv6=::/0}] and for 3389) and reach instances through Systems Manager Session Manager or EC2 Instance Connect Endpoint, or allow only known administrator CIDRs.",
            new[] { "SEC05-BP02", "SEC06-BP05", "SEC05-BP03" },
            new[] { "3.0/5.2", "3.0/5.3", "7.0/6.3", "7.0/6.4" },
            GroupActions,
            powerShell: "Revoke-EC2SecurityGroupIngress -GroupId '<sg-id>' -IpPermission @{IpProtocol='tcp'; FromPort=22; ToPort=22; Ipv4Ranges=@{CidrIp='0.0.0.0/0'}}  # likewise Ipv6Ranges=@{CidrIpv6='::/0'} and port 3389");

        public static readonly CheckDefinition SecurityGroupNoPublicAllPorts = new CheckDefinition(
            "SEC05.SecurityGroupNoPublicAllPorts",
            "No security group allows ingress from 0.0.0.0/0 or ::/0 to all ports.",
            Severity.High,
            SecurityGroupType,
            "A rule for all traffic (protocol -1) or every TCP/UDP port from anywhere exposes every service the host runs now or later, including ones nobody meant to publish.",
            "Replace the rule with rules for the ports the workload serves (aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]', then aws ec2 authorize-security-group-ingress for each needed port), and put public endpoints behind a load balancer.",
            new[] { "SEC05-BP02", "SEC06-BP02", "SEC05-BP03" },
            Array.Empty<string>(),
            GroupActions,
            powerShell: "Revoke-EC2SecurityGroupIngress -GroupId '<sg-id>' -IpPermission @{IpProtocol='-1'; Ipv4Ranges=@{CidrIp='0.0.0.0/0'}}; Grant-EC2SecurityGroupIngress -GroupId '<sg-id>' -IpPermission @{IpProtocol='tcp'; FromPort=443; ToPort=443; Ipv4Ranges=@{CidrIp='<cidr>'}}");

        public static readonly CheckDefinition SecurityGroupNoPublicRestrictedPorts = new CheckDefinition(
            "SEC05.SecurityGroupNoPublicRestrictedPorts",
            "No security group allows ingress from 0.0.0.0/0 or ::/0 to database, cache or administration ports.",
            Severity.High,
            SecurityGroupType,
            "Databases, caches, search clusters, Docker daemons and message brokers reachable from the internet are a leading cause of data breaches and ransom wipes; many ship without authentication. The ports are the RestrictedIngressPorts setting.",
            "Revoke the rule (aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort=<port>,ToPort=<port>,IpRanges=[{CidrIp=0.0.0.0/0}]') and allow the port only from the application tier's security group (aws ec2 authorize-security-group-ingress --group-id <sg-id> --protocol tcp --port <port> --source-group <app-sg-id>).",
            new[] { "SEC05-BP01", "SEC05-BP02", "SEC05-BP03" },
            new[] { "7.0/6.1.2" },
            GroupActions,
            new[] { RestrictedIngressPorts },
            powerShell: "Revoke-EC2SecurityGroupIngress -GroupId '<sg-id>' -IpPermission @{IpProtocol='tcp'; FromPort='<port>'; ToPort='<port>'; Ipv4Ranges=@{CidrIp='0.0.0.0/0'}}; Grant-EC2SecurityGroupIngress -GroupId '<sg-id>' -IpPermission @{IpProtocol='tcp'; FromPort='<port>'; ToPort='<port>'; UserIdGroupPairs=@{GroupId='<app-sg-id>'}}");

        public static readonly CheckDefinition DefaultSecurityGroupRestricted = new CheckDefinition(
            "SEC05.DefaultSecurityGroupRestricted",
            "The default security group of every VPC allows no inbound or outbound traffic.",
            Severity.Medium,
            SecurityGroupType,
            "Resources launched without an explicit group land in the VPC's default group; with its out-of-the-box rules they can all talk to each other and to the internet. An empty default group forces a deliberate choice.",
            "Remove every rule of the default group: aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions \"$(aws ec2 describe-security-groups --group-ids <sg-id> --query 'SecurityGroups[0].IpPermissions' --output json)\" and the same with revoke-security-group-egress and IpPermissionsEgress; move any resource still using it to a purpose-built group first.",
            new[] { "SEC05-BP02", "SEC06-BP02" },
            new[] { "3.0/5.4", "7.0/6.5" },
            new[] { "ec2:DescribeSecurityGroups" },
            powerShell: "$group = Get-EC2SecurityGroup -GroupId '<sg-id>'; Revoke-EC2SecurityGroupIngress -GroupId '<sg-id>' -IpPermission $group.IpPermissions; Revoke-EC2SecurityGroupEgress -GroupId '<sg-id>' -IpPermission $group.IpPermissionsEgress");

        public static readonly CheckDefinition NetworkAclNoPublicAdminPorts = new CheckDefinition(
            "SEC05.NetworkAclNoPublicAdminPorts",
            "No network ACL allows ingress from 0.0.0.0/0 or ::/0 to SSH (22) or RDP (3389).",
            Severity.Medium,
            "AWS::EC2::NetworkAcl",
            "Network ACLs are the subnet-level layer of defence in depth; an ACL that lets the internet reach administration ports leaves the security group as the only control. Rules are evaluated lowest number first, so an earlier deny protects.",
            "Add a deny rule numbered before the allow rule (aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number <n> --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny; likewise 3389 and ::/0 with --ipv6-cidr-block), or narrow the allow rule to known CIDRs with aws ec2 replace-network-acl-entry.",
            new[] { "SEC05-BP01", "SEC05-BP02", "SEC05-BP03" },
            new[] { "3.0/5.1", "7.0/6.2" },
            new[] { "ec2:DescribeNetworkAcls" },
            powerShell: "New-EC2NetworkAclEntry -NetworkAclId '<acl-id>' -Egress $false -RuleNumber '<n>' -Protocol 6 -PortRange_From 22 -PortRange_To 22 -CidrBlock 0.0.0.0/0 -RuleAction deny  # likewise 3389 and -Ipv6CidrBlock ::/0");

        public static readonly CheckDefinition VpcPeeringLeastAccess = new CheckDefinition(
            "SEC05.VpcPeeringLeastAccess",
            "Routes to VPC peering connections reach only the subnets that need to talk to each other.",
            Severity.Medium,
            "AWS::EC2::VPCPeeringConnection",
            "A route for a peer's whole VPC CIDR (or a wider one) opens every subnet on both sides to each other; whether that is needed depends on the workloads, which no API can tell.",
            "List peering routes (aws ec2 describe-route-tables --filters Name=route.vpc-peering-connection-id,Values=<pcx-id>) and confirm with the owners that each destination CIDR is the narrowest block the workloads need; replace wide routes with aws ec2 replace-route --route-table-id <rtb-id> --destination-cidr-block <narrow-cidr> --vpc-peering-connection-id <pcx-id>.",
            new[] { "SEC05-BP01", "SEC05-BP02" },
            new[] { "3.0/5.5", "7.0/6.6" },
            Array.Empty<string>(),
            powerShell: "Get-EC2RouteTable -Filter @{Name='route.vpc-peering-connection-id'; Values='<pcx-id>'}; Set-EC2Route -RouteTableId '<rtb-id>' -DestinationCidrBlock '<narrow-cidr>' -VpcPeeringConnectionId '<pcx-id>'");

        private const string WebAclHowTo =
            " A web ACL counts when it can block something: at least one rule, or a default action of Block; an attached web ACL with no rules that allows everything fails.";

        public static readonly CheckDefinition LoadBalancerWebAcl = new CheckDefinition(
            "SEC05.LoadBalancerWebAcl",
            "Every internet-facing Application load balancer is protected by an AWS WAF web ACL.",
            Severity.Medium,
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "An internet-facing Application load balancer takes HTTP requests from anyone; a web ACL inspects them before the application does (injection, known bad inputs, bots, rate limits), which security groups, working on addresses and ports, cannot." + WebAclHowTo,
            "Create a regional web ACL with the AWS managed rule groups (AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet) and a rate-based rule, then associate it: aws wafv2 associate-web-acl --web-acl-arn <web-acl-arn> --resource-arn <load-balancer-arn> --region <region>",
            new[] { "SEC05-BP04", "SEC05-BP02" },
            Array.Empty<string>(),
            new[] { "elasticloadbalancing:DescribeLoadBalancers", "wafv2:GetWebACLForResource" },
            powerShell: "Register-WAF2WebACL -WebACLArn '<web-acl-arn>' -ResourceArn '<load-balancer-arn>' -Region '<region>'");

        public static readonly CheckDefinition ApiGatewayWebAcl = new CheckDefinition(
            "SEC05.ApiGatewayWebAcl",
            "Every stage of a public REST API in API Gateway is protected by an AWS WAF web ACL.",
            Severity.Medium,
            "AWS::ApiGateway::Stage",
            "A stage of an edge-optimized or regional REST API answers anyone on the internet; a web ACL inspects requests before they reach the integration (injection, known bad inputs, rate limits), which API keys and throttling alone do not. Private APIs, reachable only through VPC endpoints, are not judged. The stage's webAclArn shows whether one is attached; GetWebACLForResource shows its rules." + WebAclHowTo,
            "Create a regional web ACL with the AWS managed rule groups (AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet) and a rate-based rule, then associate it with the stage: aws wafv2 associate-web-acl --web-acl-arn <web-acl-arn> --resource-arn <stage-arn> --region <region>",
            new[] { "SEC05-BP04", "SEC05-BP02" },
            Array.Empty<string>(),
            new[] { "apigateway:GET", "wafv2:GetWebACLForResource" },
            powerShell: "Register-WAF2WebACL -WebACLArn '<web-acl-arn>' -ResourceArn '<stage-arn>' -Region '<region>'");

        public static readonly CheckDefinition CloudFrontWebAcl = new CheckDefinition(
            "SEC05.CloudFrontWebAcl",
            "Every enabled CloudFront distribution is protected by an AWS WAF web ACL.",
            Severity.Medium,
            "AWS::CloudFront::Distribution",
            "A distribution is the internet-facing edge of its origins; a web ACL there filters malicious requests and floods at the edge, before they reach an origin. The distribution's summary names its web ACL (WebACLId); an empty one means none.",
            "Create a web ACL in us-east-1 with scope CLOUDFRONT and the AWS managed rule groups, then set it on the distribution (the console's Security tab, or aws cloudfront update-distribution with WebACLId set to the web ACL's ARN in the distribution configuration).",
            new[] { "SEC05-BP04", "SEC05-BP02" },
            Array.Empty<string>(),
            new[] { "cloudfront:ListDistributions" });

        public static readonly QuestionDefinition Question = new QuestionDefinition(
            "SEC05",
            "How do you protect your network resources?",
            "InfrastructureProtection",
            "Test-WASNetworkBoundary",
            new[]
            {
                SecurityGroupNoPublicAdminPorts, SecurityGroupNoPublicAllPorts, SecurityGroupNoPublicRestrictedPorts,
                DefaultSecurityGroupRestricted, NetworkAclNoPublicAdminPorts, VpcPeeringLeastAccess,
                LoadBalancerWebAcl, CloudFrontWebAcl, ApiGatewayWebAcl,
            },
            new[]
            {
                new SettingDefinition(
                    RestrictedIngressPorts,
                    typeof(string[]),
                    DefaultRestrictedIngressPorts,
                    "Ports that SEC05.SecurityGroupNoPublicRestrictedPorts keeps closed to 0.0.0.0/0 and ::/0: \"3306\", a range \"2375-2376\", or \"udp/11211\" (TCP when no protocol is given)."),
            },
            () => new Sec05NetworkBoundary());
    }
}
