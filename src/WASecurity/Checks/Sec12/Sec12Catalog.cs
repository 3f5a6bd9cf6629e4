using System;
using WASecurity.Checks;
using WASecurity.Settings;

namespace WASecurity.Checks.Sec12
{
    /// <summary>
    /// SEC 12 (classic SEC 10) — How do you anticipate, respond to, and recover from incidents? The security alternate
    /// contact AWS reaches during an incident is SEC01.SecurityContactRegistered, which also cites SEC10-BP01.
    /// </summary>
    internal static class Sec12Catalog
    {
        public const string IncidentResponseRolePatterns = nameof(IncidentResponseRolePatterns);
        public const string IncidentResponseReadPolicies = nameof(IncidentResponseReadPolicies);
        public const string QuarantineSecurityGroupPattern = nameof(QuarantineSecurityGroupPattern);

        private const string Account = "AWS::::Account";

        public static readonly CheckDefinition SupportRoleExists = new CheckDefinition(
            "SEC12.SupportRoleExists",
            "An IAM role with the AWSSupportAccess policy exists to work incidents with AWS Support.",
            Severity.Low,
            "AWS::IAM::Role",
            "During an incident someone must open and follow AWS Support cases without using the root user or an administrator's personal credentials.",
            "aws iam create-role --role-name aws-support --assume-role-policy-document file://trust.json, then aws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess",
            new[] { "SEC10-BP05", "SEC10-BP01" },
            new[] { "3.0/1.17", "7.0/2.15" },
            new[] { "iam:ListEntitiesForPolicy" },
            powerShell: "New-IAMRole -RoleName aws-support -AssumeRolePolicyDocument (Get-Content -Raw -LiteralPath ./trust.json); Register-IAMRolePolicy -RoleName aws-support -PolicyArn arn:aws:iam::aws:policy/AWSSupportAccess");

        public static readonly CheckDefinition IncidentResponseRole = new CheckDefinition(
            "SEC12.IncidentResponseRole",
            "An incident-response role that responders can assume exists, with SecurityAudit or equivalent read access.",
            Severity.Medium,
            "AWS::IAM::Role",
            "Responders need access the moment an incident starts; creating roles or granting permissions then is slow, error-prone and itself looks like an attack.",
            "Create a role named per IncidentResponseRolePatterns (e.g. IncidentResponder) trusted by the responders' identity provider or account, and attach SecurityAudit: aws iam attach-role-policy --role-name IncidentResponder --policy-arn arn:aws:iam::aws:policy/SecurityAudit",
            new[] { "SEC10-BP05" },
            Array.Empty<string>(),
            new[] { "iam:GetAccountAuthorizationDetails" },
            new[] { IncidentResponseRolePatterns, IncidentResponseReadPolicies },
            powerShell: "Register-IAMRolePolicy -RoleName IncidentResponder -PolicyArn arn:aws:iam::aws:policy/SecurityAudit");

        public static readonly CheckDefinition FindingsRouted = new CheckDefinition(
            "SEC12.FindingsRouted",
            "An enabled EventBridge rule routes GuardDuty and Security Hub findings to at least one target in the region.",
            Severity.Medium,
            "AWS::Events::Rule",
            "Detections that land only in a console are seen late or never; routing findings to a queue, topic or ticketing system starts the response automatically.",
            "aws events put-rule --name security-findings --event-pattern '{\"source\":[\"aws.guardduty\",\"aws.securityhub\"]}' --region <region>, then aws events put-targets --rule security-findings --targets Id=notify,Arn=<sns-topic-arn>",
            new[] { "SEC10-BP06", "SEC10-BP04" },
            Array.Empty<string>(),
            new[] { "events:ListRules", "events:ListTargetsByRule" },
            powerShell: "Write-EVBRule -Name security-findings -EventPattern '{\"source\":[\"aws.guardduty\",\"aws.securityhub\"]}' -Region '<region>'; Write-EVBTarget -Rule security-findings -Target @{Id='notify'; Arn='<sns-topic-arn>'}");

        public static readonly CheckDefinition QuarantineSecurityGroup = new CheckDefinition(
            "SEC12.QuarantineSecurityGroup",
            "A quarantine security group without inbound or outbound rules exists in each region that runs instances.",
            Severity.Low,
            "AWS::EC2::SecurityGroup",
            "Isolating a compromised instance should take one API call; a ready, empty security group cuts its network access without stopping it, keeping memory and disk for forensics.",
            "aws ec2 create-security-group --group-name quarantine --description 'Incident response isolation: no traffic' --vpc-id <vpc-id>, then aws ec2 revoke-security-group-egress --group-id <sg-id> --ip-permissions '[{\"IpProtocol\":\"-1\",\"IpRanges\":[{\"CidrIp\":\"0.0.0.0/0\"}]}]' (one per VPC).",
            new[] { "SEC10-BP04", "SEC10-BP06" },
            Array.Empty<string>(),
            new[] { "ec2:DescribeInstances", "ec2:DescribeSecurityGroups" },
            new[] { QuarantineSecurityGroupPattern },
            powerShell: "$id = New-EC2SecurityGroup -GroupName quarantine -Description 'Incident response isolation: no traffic' -VpcId '<vpc-id>'; Revoke-EC2SecurityGroupEgress -GroupId $id -IpPermission @{IpProtocol='-1'; Ipv4Ranges=@{CidrIp='0.0.0.0/0'}}");

        public static readonly CheckDefinition ResponsePlanDocumented = CheckDefinition.Manual(
            "SEC12.ResponsePlanDocumented",
            "An incident response plan is documented, owned, and rehearsed with the people it names.",
            "Without a plan, the first hour of an incident is spent deciding who decides; playbooks for likely scenarios (leaked credentials, public bucket, compromised instance) make the response repeatable.",
            "Write playbooks for the top scenarios (who is paged, who decides, how to contain, how to communicate), store them where responders can reach them when the account is compromised, and review them after every incident and exercise.",
            new[] { "SEC10-BP02", "SEC10-BP01" });

        public static readonly CheckDefinition ForensicsCapturePrepared = CheckDefinition.Manual(
            "SEC12.ForensicsCapturePrepared",
            "Isolation and capture of an instance's state (memory, volumes, metadata) for forensics is automated.",
            "Evidence disappears when an instance is stopped or replaced; automation that snapshots volumes, captures memory and isolates the instance preserves it in minutes instead of hours.",
            "Automate with Systems Manager Automation or Step Functions: tag the instance, swap it to the quarantine security group, detach it from its Auto Scaling group, snapshot its volumes, capture memory, and copy the evidence to a dedicated forensics account.",
            new[] { "SEC10-BP03", "SEC10-BP04" });

        public static readonly CheckDefinition CleanRoomPrepared = CheckDefinition.Manual(
            "SEC12.CleanRoomPrepared",
            "A clean-room environment for investigation can be provisioned from a CloudFormation template.",
            "Investigating inside a compromised account risks tipping off the attacker and contaminating evidence; a separate, pre-templated forensics account with its tools is ready in minutes.",
            "Keep a CloudFormation template (or StackSet) that creates an isolated forensics VPC with analysis instances and tooling in a dedicated account, and deploy it in every exercise to prove it still works.",
            new[] { "SEC10-BP05", "SEC10-BP06" });

        public static readonly CheckDefinition GameDaysRun = CheckDefinition.Manual(
            "SEC12.GameDaysRun",
            "Incident response game days are run regularly and their lessons are tracked to closure.",
            "Plans, roles and automation that are never exercised fail when needed; game days find the missing permission, the stale phone number and the broken runbook first.",
            "Schedule at least one game day a year per workload (a simulated credential leak or ransomware scenario), record the findings and track the fixes like any other defect.",
            new[] { "SEC10-BP07" });

        public static readonly QuestionDefinition Question = new QuestionDefinition(
            "SEC12",
            "How do you anticipate, respond to, and recover from incidents?",
            "IncidentResponse",
            "Test-WASIncidentResponse",
            new[]
            {
                SupportRoleExists, IncidentResponseRole, FindingsRouted, QuarantineSecurityGroup,
                ResponsePlanDocumented, ForensicsCapturePrepared, CleanRoomPrepared, GameDaysRun,
            },
            new[]
            {
                new SettingDefinition(IncidentResponseRolePatterns, typeof(string[]), new[] { "*Incident*Response*", "*IncidentResponder*", "*Forensic*" }, "Wildcard patterns (case-insensitive) of the role names SEC12.IncidentResponseRole accepts as incident-response roles."),
                new SettingDefinition(IncidentResponseReadPolicies, typeof(string[]), new[] { "SecurityAudit", "ReadOnlyAccess", "ViewOnlyAccess" }, "AWS managed policy names that count as the read access an incident-response role needs."),
                new SettingDefinition(QuarantineSecurityGroupPattern, typeof(string), "*quarantine*", "Wildcard pattern (case-insensitive) of the name (GroupName or Name tag) of the quarantine security group SEC12.QuarantineSecurityGroup looks for."),
            },
            () => new Sec12IncidentResponse());
    }
}
