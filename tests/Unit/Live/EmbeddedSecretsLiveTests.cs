using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// SEC03's secrets-in-configuration checks live against moto: planted secrets in user data, a stack, a task
    /// definition, a build project and a Lambda function, each beside a clean twin; the reasons say what and where, never the secret.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class EmbeddedSecretsLiveTests
    {
        // Made-up values in the shapes the detectors know; none of them is a real credential.
        private const string PlantedKeyId = "AKIAZ7QX4MPLE2W3ABCD";
        private const string PlantedPassword = "Sup3r-S3cret-Pw!";

        private readonly MotoServer _moto;

        public EmbeddedSecretsLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void Planted_secrets_in_user_data_stacks_task_definitions_build_projects_and_functions_fail_beside_clean_twins()
        {
            _moto.Reset();
            var cloudFormation = _moto.SupportsCloudFormation;
            _moto.RunPython(string.Join("\n",
                "import json",
                $"CLOUDFORMATION = {(cloudFormation ? "True" : "False")}",
                "ec2 = client('ec2', region='us-east-1')",
                "image = ec2.describe_images(Owners=['amazon'])['Images'][0]['ImageId']",
                $"leaky = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, UserData='#!/bin/bash\\nexport AWS_ACCESS_KEY_ID={PlantedKeyId}\\nexport DB_PASSWORD={PlantedPassword}\\n')['Instances'][0]['InstanceId']",
                "clean = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, UserData='#!/bin/bash\\nyum -y update\\nexport DB_PASSWORD=$(aws ssm get-parameter --name /prod/db --with-decryption --query Parameter.Value --output text)\\n')['Instances'][0]['InstanceId']",
                "bare = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1)['Instances'][0]['InstanceId']",
                "ec2.create_tags(Resources=[leaky], Tags=[{'Key': 'Name', 'Value': 'leaky'}])",
                "ec2.create_tags(Resources=[clean], Tags=[{'Key': 'Name', 'Value': 'clean'}])",
                "ec2.create_tags(Resources=[bare], Tags=[{'Key': 'Name', 'Value': 'bare'}])",
                "cfn = client('cloudformation', region='us-east-1')",
                "def template(outputs):",
                "    return json.dumps({'Parameters': {'DbPassword': {'Type': 'String'}, 'Stage': {'Type': 'String'}},",
                "                       'Resources': {'Topic': {'Type': 'AWS::SNS::Topic'}}, 'Outputs': outputs})",
                "if CLOUDFORMATION:",
                $"  cfn.create_stack(StackName='leaky-stack', TemplateBody=template({{'ApiToken': {{'Value': 'Zx9-Qw8_Er7tY6uI5oP4aS3dF2'}}}}), Parameters=[{{'ParameterKey': 'DbPassword', 'ParameterValue': '{PlantedPassword}'}}, {{'ParameterKey': 'Stage', 'ParameterValue': 'prod'}}])",
                "  cfn.create_stack(StackName='clean-stack', TemplateBody=template({'TopicArn': {'Value': {'Ref': 'Topic'}}}), Parameters=[{'ParameterKey': 'DbPassword', 'ParameterValue': '{{resolve:secretsmanager:prod/db}}'}, {'ParameterKey': 'Stage', 'ParameterValue': 'prod'}])",
                "ecs = client('ecs', region='us-east-1')",
                $"ecs.register_task_definition(family='leaky-app', containerDefinitions=[{{'name': 'web', 'image': 'nginx', 'memory': 128, 'environment': [{{'name': 'STRIPE_KEY', 'value': 'sk_live_0123456789abcdefABCDEF'}}, {{'name': 'LOG_LEVEL', 'value': 'info'}}]}}])",
                "cb = client('codebuild', region='us-east-1')",
                "def project(name, source, variables):",
                "    cb.create_project(name=name, source={'type': 'GITHUB', 'location': source}, artifacts={'type': 'NO_ARTIFACTS'}, serviceRole='arn:aws:iam::123456789012:role/build',",
                "                      environment={'type': 'LINUX_CONTAINER', 'image': 'aws/codebuild/standard:7.0', 'computeType': 'BUILD_GENERAL1_SMALL', 'environmentVariables': variables})",
                "project('leaky-build', 'https://deploy:Tr0ub4dor-3x@git.example.com/o/r.git', [{'name': 'NPM_TOKEN', 'value': 'Zx9-Qw8_Er7tY6uI5oP4aS3dF2', 'type': 'PLAINTEXT'}])",
                "project('clean-build', 'https://github.com/o/r.git', [{'name': 'NPM_TOKEN', 'value': '/ci/npm-token', 'type': 'PARAMETER_STORE'}, {'name': 'STAGE', 'value': 'prod', 'type': 'PLAINTEXT'}])",
                "import io, zipfile",
                "code = io.BytesIO()",
                "with zipfile.ZipFile(code, 'w') as z:",
                "    z.writestr('index.py', 'def handler(event, context):\\n    return 1\\n')",
                "lam = client('lambda', region='us-east-1')",
                "role = client('iam').create_role(RoleName='fn', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'lambda.amazonaws.com'}, 'Action': 'sts:AssumeRole'}]}))['Role']['Arn']",
                $"lam.create_function(FunctionName='leaky-fn', Runtime='python3.12', Role=role, Handler='index.handler', Code={{'ZipFile': code.getvalue()}}, Environment={{'Variables': {{'DB_PASSWORD': '{PlantedPassword}', 'LOG_LEVEL': 'info'}}}})",
                "lam.create_function(FunctionName='clean-fn', Runtime='python3.12', Role=role, Handler='index.handler', Code={'ZipFile': code.getvalue()}, Environment={'Variables': {'DB_PASSWORD_PARAM': '/prod/db/password', 'LOG_LEVEL': 'info'}})",
                "ecs.register_task_definition(family='clean-app', containerDefinitions=[{'name': 'web', 'image': 'nginx', 'memory': 128, 'environment': [{'name': 'LOG_LEVEL', 'value': 'info'}], 'secrets': [{'name': 'STRIPE_KEY', 'valueFrom': 'arn:aws:secretsmanager:us-east-1:123456789012:secret:stripe'}]}])"));

            var findings = PowerShellRunner.Run(
                $"Test-WASAutomatedAccess -EndpointUrl {_moto.Endpoint} -AccessKey AKIDSECRETS -SecretKey s -Region us-east-1 -NoCache -CheckId SEC03.NoSecrets*").AssertNoErrors().Findings;

            var userData = findings.Where(f => f.CheckId == "SEC03.NoSecretsInUserData").ToList();
            Assert.Equal(3, userData.Count);
            var leaky = userData.Single(f => f.Reason.Contains("(leaky)"));
            Assert.Equal(FindingStatus.Fail, leaky.Status);
            Assert.Contains("an AWS access key id (line 2) and a password (line 3)", leaky.Reason);
            Assert.Equal(FindingStatus.Pass, userData.Single(f => f.Reason.Contains("(clean)")).Status);
            Assert.Equal(FindingStatus.Pass, userData.Single(f => f.Reason.Contains("(bare)")).Status);

            var stacks = findings.Where(f => f.CheckId == "SEC03.NoSecretsInStackOutputs").ToList();
            if (cloudFormation)
            {
                var leakyStack = stacks.Single(f => f.ResourceId == "leaky-stack");
                Assert.Equal(FindingStatus.Fail, leakyStack.Status);
                Assert.Contains("a high-entropy secret (output ApiToken)", leakyStack.Reason);
                Assert.Contains("a password (parameter DbPassword)", leakyStack.Reason);
                Assert.Equal(FindingStatus.Pass, stacks.Single(f => f.ResourceId == "clean-stack").Status);
            }
            else
            {
                // This moto cannot answer CloudFormation: the check cannot verify and says which call failed, never Pass.
                var unanswered = Assert.Single(stacks);
                Assert.Equal(FindingStatus.Error, unanswered.Status);
                Assert.Contains("cloudformation:DescribeStacks", unanswered.Reason);
            }

            var tasks = findings.Where(f => f.CheckId == "SEC03.NoSecretsInTaskDefinitions").ToList();
            var leakyTask = tasks.Single(f => f.ResourceId == "leaky-app:1");
            Assert.Equal(FindingStatus.Fail, leakyTask.Status);
            Assert.Contains("a Stripe live key (container web variable STRIPE_KEY)", leakyTask.Reason);
            var cleanTask = tasks.Single(f => f.ResourceId == "clean-app:1");
            Assert.Equal(FindingStatus.Pass, cleanTask.Status);
            Assert.Contains("1 value(s) come from secrets", cleanTask.Reason);

            var builds = findings.Where(f => f.CheckId == "SEC03.NoSecretsInBuildProjects").ToList();
            var leakyBuild = builds.Single(f => f.ResourceId == "leaky-build");
            Assert.Equal(FindingStatus.Fail, leakyBuild.Status);
            Assert.Contains("a high-entropy secret (variable NPM_TOKEN)", leakyBuild.Reason);
            Assert.Contains("a password in a URL (source location)", leakyBuild.Reason);
            Assert.Equal(FindingStatus.Pass, builds.Single(f => f.ResourceId == "clean-build").Status);

            var functions = findings.Where(f => f.CheckId == "SEC03.NoSecretsInLambdaEnvironment").ToList();
            var leakyFunction = functions.Single(f => f.ResourceId == "leaky-fn");
            Assert.Equal(FindingStatus.Fail, leakyFunction.Status);
            Assert.Contains("a password (variable DB_PASSWORD)", leakyFunction.Reason);
            Assert.Equal(FindingStatus.Pass, functions.Single(f => f.ResourceId == "clean-fn").Status);

            // What was found is named; the values themselves appear nowhere in the findings.
            var everything = string.Join("\n", findings.Select(f => f.Reason + f.Remediation + Evidence(f)));
            foreach (var secret in new[] { PlantedKeyId, PlantedPassword, "Zx9-Qw8_Er7tY6uI5oP4aS3dF2", "sk_live_0123456789abcdefABCDEF", "Tr0ub4dor-3x" })
            {
                Assert.DoesNotContain(secret, everything);
            }
        }

        private static string Evidence(Finding finding) =>
            string.Join(",", finding.Evidence.Cast<System.Collections.DictionaryEntry>().Select(e => e.Key + "=" + (e.Value is string[] list ? string.Join(";", list) : e.Value?.ToString())));
    }
}
