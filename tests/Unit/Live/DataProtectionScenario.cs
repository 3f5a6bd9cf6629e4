using System.Collections.Generic;
using System.Text.Json;
using WASecurity.Tests.Infrastructure;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// A moto account (us-east-1) that plants each data-protection and incident-response problem beside a clean
    /// counterpart: keys with and without rotation, a key open to everyone, a key pending deletion; Restricted tables
    /// on a DynamoDB-owned key and on a customer key, an untagged table; queues with and without SSE and a TLS deny;
    /// databases and file systems encrypted or not; load balancers (ELBv2 and classic) with and without HTTPS redirect and
    /// with a weak TLS policy; certificates expiring in 10 and 200 days; EventBridge rules with and without a target.
    /// </summary>
    internal sealed class DataProtectionScenario
    {
        private const string Script = @"
import datetime
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
ACCOUNT = '123456789012'
out = {}
kms = client('kms')
def key(name, rotate, policy=None):
    args = {'Description': name}
    if policy: args['Policy'] = json.dumps(policy)
    k = kms.create_key(**args)['KeyMetadata']
    kms.create_alias(AliasName='alias/' + name, TargetKeyId=k['KeyId'])
    if rotate: kms.enable_key_rotation(KeyId=k['KeyId'])
    out[name] = k['KeyId']; out[name + '-arn'] = k['Arn']
    return k
key('rotating', True)
key('norotation', False)
key('public', True, {'Version': '2012-10-17', 'Statement': [
    {'Sid': 'Root', 'Effect': 'Allow', 'Principal': {'AWS': f'arn:aws:iam::{ACCOUNT}:root'}, 'Action': 'kms:*', 'Resource': '*'},
    {'Sid': 'Everyone', 'Effect': 'Allow', 'Principal': '*', 'Action': ['kms:Decrypt', 'kms:Encrypt'], 'Resource': '*'}]})
key('pending', True)
kms.schedule_key_deletion(KeyId=out['pending'], PendingWindowInDays=7)
key('tables', True)
ddb = client('dynamodb')
def table(name, tags, sse=None, pitr=False):
    args = dict(TableName=name, KeySchema=[{'AttributeName': 'id', 'KeyType': 'HASH'}], AttributeDefinitions=[{'AttributeName': 'id', 'AttributeType': 'S'}], BillingMode='PAY_PER_REQUEST')
    if tags: args['Tags'] = [{'Key': k, 'Value': v} for k, v in tags.items()]
    if sse: args['SSESpecification'] = {'Enabled': True, 'SSEType': 'KMS', 'KMSMasterKeyId': sse}
    ddb.create_table(**args)
    if pitr: ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={'PointInTimeRecoveryEnabled': True})
table('restricted-owned', {'DataClassification': 'Restricted'}, pitr=True)
table('restricted-cmk', {'DataClassification': 'Restricted'}, sse=out['tables-arn'], pitr=True)
table('untagged', None)
sqs = client('sqs')
plain = sqs.create_queue(QueueName='plain-queue', Attributes={'SqsManagedSseEnabled': 'false'}, tags={'DataClassification': 'Internal'})['QueueUrl']
arn = f'arn:aws:sqs:us-east-1:{ACCOUNT}:sealed-queue'
deny = {'Version': '2012-10-17', 'Statement': [{'Sid': 'DenyInsecureTransport', 'Effect': 'Deny', 'Principal': '*', 'Action': 'sqs:*', 'Resource': arn, 'Condition': {'Bool': {'aws:SecureTransport': 'false'}}}]}
sqs.create_queue(QueueName='sealed-queue', Attributes={'SqsManagedSseEnabled': 'true', 'Policy': json.dumps(deny)}, tags={'DataClassification': 'Internal'})
acm = client('acm')
def certificate(domain, days):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key()).serial_number(x509.random_serial_number()) \
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=days)) \
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False).sign(key, hashes.SHA256())
    pem = cert.public_bytes(serialization.Encoding.PEM)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption())
    return acm.import_certificate(Certificate=pem, PrivateKey=private)['CertificateArn']
out['expiring'] = certificate('expiring.example.com', 10)
out['lasting'] = certificate('lasting.example.com', 200)
ec2 = client('ec2')
vpc = ec2.create_vpc(CidrBlock='10.0.0.0/16')['Vpc']['VpcId']
subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f'10.0.{i}.0/24', AvailabilityZone=f'us-east-1{z}')['Subnet']['SubnetId'] for i, z in ((1, 'a'), (2, 'b'))]
elb = client('elbv2')
tg = elb.create_target_group(Name='web', Protocol='HTTP', Port=80, VpcId=vpc)['TargetGroups'][0]['TargetGroupArn']
forward = [{'Type': 'forward', 'TargetGroupArn': tg}]
def lb(name):
    arn = elb.create_load_balancer(Name=name, Subnets=subnets, Type='application')['LoadBalancers'][0]['LoadBalancerArn']
    out[name] = arn
    return arn
open_lb = lb('web-open')
elb.create_listener(LoadBalancerArn=open_lb, Protocol='HTTP', Port=80, DefaultActions=forward)
redirect_lb = lb('web-redirect')
elb.create_listener(LoadBalancerArn=redirect_lb, Protocol='HTTP', Port=80, DefaultActions=[{'Type': 'redirect', 'RedirectConfig': {'Protocol': 'HTTPS', 'Port': '443', 'StatusCode': 'HTTP_301'}}])
elb.create_listener(LoadBalancerArn=redirect_lb, Protocol='HTTPS', Port=443, SslPolicy='ELBSecurityPolicy-TLS13-1-2-2021-06', Certificates=[{'CertificateArn': out['lasting']}], DefaultActions=forward)
weak_lb = lb('web-weak')
elb.create_listener(LoadBalancerArn=weak_lb, Protocol='HTTPS', Port=443, SslPolicy='ELBSecurityPolicy-2016-08', Certificates=[{'CertificateArn': out['lasting']}], DefaultActions=forward)
client('elb').create_load_balancer(LoadBalancerName='legacy-http', Listeners=[{'Protocol': 'HTTP', 'LoadBalancerPort': 80, 'InstancePort': 8080}], AvailabilityZones=['us-east-1a'])
classic = client('elb')
classic.create_load_balancer(LoadBalancerName='legacy-tls', Listeners=[{'Protocol': 'HTTPS', 'LoadBalancerPort': 443, 'InstancePort': 8080, 'InstanceProtocol': 'HTTP', 'SSLCertificateId': out['lasting']}], AvailabilityZones=['us-east-1a'])
classic.create_load_balancer_policy(LoadBalancerName='legacy-tls', PolicyName='weak-tls', PolicyTypeName='SSLNegotiationPolicyType', PolicyAttributes=[{'AttributeName': 'Reference-Security-Policy', 'AttributeValue': 'ELBSecurityPolicy-2016-08'}, {'AttributeName': 'Protocol-TLSv1', 'AttributeValue': 'true'}, {'AttributeName': 'Protocol-TLSv1.2', 'AttributeValue': 'true'}])
classic.set_load_balancer_policies_of_listener(LoadBalancerName='legacy-tls', LoadBalancerPort=443, PolicyNames=['weak-tls'])
events = client('events')
events.put_rule(Name='guardduty-findings', EventPattern=json.dumps({'source': ['aws.guardduty'], 'detail-type': ['GuardDuty Finding']}), State='ENABLED')
topic = client('sns').create_topic(Name='security-alerts')['TopicArn']
events.put_targets(Rule='guardduty-findings', Targets=[{'Id': 'sns', 'Arn': topic}])
events.put_rule(Name='securityhub-findings', EventPattern=json.dumps({'source': ['aws.securityhub']}), State='ENABLED')
rds = client('rds')
rds.create_db_instance(DBInstanceIdentifier='db-plain', DBInstanceClass='db.t3.micro', Engine='postgres', MasterUsername='admin', MasterUserPassword='password123', AllocatedStorage=20, StorageEncrypted=False, BackupRetentionPeriod=0, Tags=[{'Key': 'DataClassification', 'Value': 'Restricted'}])
rds.create_db_instance(DBInstanceIdentifier='db-sealed', DBInstanceClass='db.t3.micro', Engine='postgres', MasterUsername='admin', MasterUserPassword='password123', AllocatedStorage=20, StorageEncrypted=True, KmsKeyId=out['tables-arn'], BackupRetentionPeriod=7, Tags=[{'Key': 'DataClassification', 'Value': 'Restricted'}])
efs = client('efs')
efs.create_file_system(CreationToken='fs-plain', Encrypted=False, Tags=[{'Key': 'DataClassification', 'Value': 'Internal'}, {'Key': 'Name', 'Value': 'fs-plain'}])
efs.create_file_system(CreationToken='fs-sealed', Encrypted=True, Tags=[{'Key': 'DataClassification', 'Value': 'Internal'}])
print(json.dumps(out))
";

        private readonly IReadOnlyDictionary<string, string> _ids;

        private DataProtectionScenario(IReadOnlyDictionary<string, string> ids) => _ids = ids;

        /// <summary>Resets moto and seeds the scenario; the ids moto gave the keys, certificates and load balancers are kept.</summary>
        public static DataProtectionScenario Seed(MotoServer moto)
        {
            moto.Reset();
            var printed = moto.RunPython(Script);
            return new DataProtectionScenario(JsonSerializer.Deserialize<Dictionary<string, string>>(printed.Trim())!);
        }

        /// <summary>The id of a seeded key (rotating, norotation, public, pending, tables), certificate (expiring, lasting) or load balancer ARN.</summary>
        public string this[string name] => _ids[name];

        /// <summary>The common parameters of a live run against <paramref name="moto"/>.</summary>
        public static string Live(MotoServer moto) => $"-EndpointUrl {moto.Endpoint} -AccessKey AKIDDATAPROTECTION -SecretKey s -Region us-east-1 -NoCache";
    }
}
