# Seeds two regions with each planted problem beside a clean counterpart and prints the ids as JSON.
# Run by Ec2Scenario.cs after the preamble that defines client(name, region).
iam = client('iam')
iam.create_role(RoleName='was-app', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'ec2.amazonaws.com'}, 'Action': 'sts:AssumeRole'}]}))
profile = iam.create_instance_profile(InstanceProfileName='was-app')['InstanceProfile']
iam.add_role_to_instance_profile(InstanceProfileName='was-app', RoleName='was-app')

out = {}
for index, region in enumerate(['us-east-1', 'eu-west-1']):
    ec2 = client('ec2', region)
    ids = {}
    default_vpc = [v for v in ec2.describe_vpcs()['Vpcs'] if v.get('IsDefault')][0]['VpcId']
    ids['DefaultVpc'] = default_vpc
    vpc = ec2.create_vpc(CidrBlock='10.%d.0.0/16' % (10 + index))['Vpc']['VpcId']
    ids['Vpc'] = vpc
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock='10.%d.1.0/24' % (10 + index))['Subnet']['SubnetId']
    groups = ec2.describe_security_groups()['SecurityGroups']
    # The default VPC's default group is made clean (no rules); the new VPC's default group gets an inbound rule.
    clean_default = [g for g in groups if g['GroupName'] == 'default' and g['VpcId'] == default_vpc][0]
    if clean_default['IpPermissions']:
        ec2.revoke_security_group_ingress(GroupId=clean_default['GroupId'], IpPermissions=clean_default['IpPermissions'])
    if clean_default['IpPermissionsEgress']:
        ec2.revoke_security_group_egress(GroupId=clean_default['GroupId'], IpPermissions=clean_default['IpPermissionsEgress'])
    ids['CleanDefaultSg'] = clean_default['GroupId']
    planted_default = [g for g in groups if g['GroupName'] == 'default' and g['VpcId'] == vpc][0]['GroupId']
    ec2.authorize_security_group_ingress(GroupId=planted_default, IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 443, 'ToPort': 443, 'IpRanges': [{'CidrIp': '10.0.0.0/8'}]}])
    ids['PlantedDefaultSg'] = planted_default

    def group(name, permissions):
        gid = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)['GroupId']
        # New groups allow all egress; only ingress matters here.
        if permissions:
            ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=permissions)
        return gid
    ids['OpenSshSg'] = group('open-ssh', [{'IpProtocol': 'tcp', 'FromPort': 22, 'ToPort': 22, 'IpRanges': [{'CidrIp': '0.0.0.0/0'}]}])
    ids['ClosedSshSg'] = group('closed-ssh', [{'IpProtocol': 'tcp', 'FromPort': 22, 'ToPort': 22, 'IpRanges': [{'CidrIp': '10.0.0.0/8'}]}])
    ids['OpenMysqlSg'] = group('open-mysql', [{'IpProtocol': 'tcp', 'FromPort': 3306, 'ToPort': 3306, 'Ipv6Ranges': [{'CidrIpv6': '::/0'}]}])
    ids['ClosedMysqlSg'] = group('closed-mysql', [{'IpProtocol': 'tcp', 'FromPort': 3306, 'ToPort': 3306, 'UserIdGroupPairs': [{'GroupId': ids['ClosedSshSg']}]}])
    eni = ec2.create_network_interface(SubnetId=subnet, Groups=[ids['OpenSshSg'], ids['ClosedSshSg']])['NetworkInterface']['NetworkInterfaceId']
    ids['Eni'] = eni

    # Network ACLs: one lets the internet reach 22; one denies 22 and 3389 before allowing everything.
    open_acl = ec2.create_network_acl(VpcId=vpc)['NetworkAcl']['NetworkAclId']
    ec2.create_network_acl_entry(NetworkAclId=open_acl, RuleNumber=100, Protocol='6', RuleAction='allow', Egress=False, CidrBlock='0.0.0.0/0', PortRange={'From': 22, 'To': 22})
    protected_acl = ec2.create_network_acl(VpcId=vpc)['NetworkAcl']['NetworkAclId']
    ec2.create_network_acl_entry(NetworkAclId=protected_acl, RuleNumber=90, Protocol='6', RuleAction='deny', Egress=False, CidrBlock='0.0.0.0/0', PortRange={'From': 22, 'To': 22})
    ec2.create_network_acl_entry(NetworkAclId=protected_acl, RuleNumber=91, Protocol='6', RuleAction='deny', Egress=False, CidrBlock='0.0.0.0/0', PortRange={'From': 3389, 'To': 3389})
    ec2.create_network_acl_entry(NetworkAclId=protected_acl, RuleNumber=100, Protocol='-1', RuleAction='allow', Egress=False, CidrBlock='0.0.0.0/0')
    ids['OpenAcl'] = open_acl
    ids['ProtectedAcl'] = protected_acl
    ids['DefaultAcls'] = [a['NetworkAclId'] for a in ec2.describe_network_acls()['NetworkAcls'] if a.get('IsDefault')]

    # Instances: one with IMDSv1 and no profile, one with IMDSv2 required and a profile.
    ami = ec2.describe_images(Owners=['amazon'])['Images'][0]['ImageId']
    bad = ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, SubnetId=subnet, SecurityGroupIds=[ids['OpenSshSg']],
                            MetadataOptions={'HttpTokens': 'optional', 'HttpEndpoint': 'enabled'})['Instances'][0]['InstanceId']
    good = ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, SubnetId=subnet, SecurityGroupIds=[ids['ClosedSshSg']],
                             IamInstanceProfile={'Arn': profile['Arn']},
                             MetadataOptions={'HttpTokens': 'required', 'HttpEndpoint': 'enabled'})['Instances'][0]['InstanceId']
    ids['BadInstance'] = bad
    ids['GoodInstance'] = good

    # EBS: encryption by default off in the first region, on in the second.
    if index == 1:
        ec2.enable_ebs_encryption_by_default()
    else:
        ec2.disable_ebs_encryption_by_default()
    az = region + 'a'
    plain = ec2.create_volume(AvailabilityZone=az, Size=1, Encrypted=False)['VolumeId']
    encrypted = ec2.create_volume(AvailabilityZone=az, Size=1, Encrypted=True)['VolumeId']
    ids['PlainVolume'] = plain
    ids['EncryptedVolume'] = encrypted
    public_snapshot = ec2.create_snapshot(VolumeId=plain, Description='public')['SnapshotId']
    ec2.modify_snapshot_attribute(SnapshotId=public_snapshot, Attribute='createVolumePermission', OperationType='add', GroupNames=['all'])
    private_snapshot = ec2.create_snapshot(VolumeId=encrypted, Description='private')['SnapshotId']
    ids['PublicSnapshot'] = public_snapshot
    ids['PrivateSnapshot'] = private_snapshot

    # Images the account owns: one public, one private.
    public_image = ec2.create_image(InstanceId=good, Name='was-public-%s' % region)['ImageId']
    ec2.modify_image_attribute(ImageId=public_image, LaunchPermission={'Add': [{'Group': 'all'}]})
    private_image = ec2.create_image(InstanceId=good, Name='was-private-%s' % region)['ImageId']
    ids['PublicImage'] = public_image
    ids['PrivateImage'] = private_image
    # An instance built from the account's own image (SEC 7 approves it whatever ApprovedAmiOwners says).
    ids['OwnImageInstance'] = ec2.run_instances(ImageId=private_image, MinCount=1, MaxCount=1, SubnetId=subnet, SecurityGroupIds=[ids['ClosedSshSg']],
                                                IamInstanceProfile={'Arn': profile['Arn']},
                                                MetadataOptions={'HttpTokens': 'required', 'HttpEndpoint': 'enabled'})['Instances'][0]['InstanceId']

    # Flow logs: the new VPC captures all traffic; the default VPC has none.
    ec2.create_flow_logs(ResourceIds=[vpc], ResourceType='VPC', TrafficType='ALL', LogGroupName='was-flow-%s' % region,
                         DeliverLogsPermissionArn='arn:aws:iam::123456789012:role/flow')
    out[region] = ids

print(json.dumps(out))
