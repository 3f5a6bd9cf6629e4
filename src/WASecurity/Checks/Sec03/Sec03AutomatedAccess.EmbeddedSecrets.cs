using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Ec2;
using WASecurity.Checks.Lambda;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec03
{
    /// <summary>
    /// SEC 3 secrets written into configuration: EC2 user data, CloudFormation stack outputs and parameters, ECS
    /// task definition environments, CodeBuild project variables and source URLs, Lambda function environments. One finding per resource; the reason names what was found and where, never
    /// the value (see <see cref="SecretDetectors"/>).
    /// </summary>
    internal sealed partial class Sec03AutomatedAccess
    {
        /// <summary>Decompressed user data is read up to this size (raw user data is at most 16 KB).</summary>
        private const int MaxUserDataBytes = 1024 * 1024;

        private static async Task<IEnumerable<Finding>> NoSecretsInUserDataAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.NoSecretsInUserData;
            return await context.ForEachRegionAsync(check, "EC2 instance that can run again", async region =>
            {
                var parsed = await context.GetParsedAsync(Ec2Calls.DescribeInstances(region), r => Ec2Instance.ParseAll(r.Root), cancellationToken).ConfigureAwait(false);
                if (parsed.Value == null)
                {
                    return context.ErrorFinding(check, parsed.Response).AsEnumerable();
                }

                var instances = parsed.Value.Where(HasUserDataToRead).ToList();
                var judged = await Task.WhenAll(instances.Select(async instance =>
                {
                    var response = await context.GetAsync(EmbeddedSecretCalls.DescribeInstanceUserData(region, instance.InstanceId), cancellationToken).ConfigureAwait(false);
                    return JudgeUserData(context, check, instance, region, response);
                })).ConfigureAwait(false);
                return judged;
            }).ConfigureAwait(false);
        }

        /// <summary>Every instance that can run again keeps its user data; a terminated one has none to read.</summary>
        internal static bool HasUserDataToRead(Ec2Instance instance) =>
            !string.Equals(instance.State, "terminated", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(instance.State, "shutting-down", StringComparison.OrdinalIgnoreCase);

        private static Finding JudgeUserData(CheckContext context, CheckDefinition check, Ec2Instance instance, string region, EvidenceResponse response)
        {
            if (!response.IsSuccess)
            {
                return context.ErrorFinding(check, response, instance.InstanceId, instance.Arn(context.Account.Partition, region, context.Account.AccountId))
                    .WithProperty("InstanceId", instance.InstanceId);
            }

            // AWS always answers with a UserData object ({} when the instance has none); anything else says nothing.
            var userData = response.Root.Path("UserData");
            if (userData?.ValueKind != JsonValueKind.Object || (userData.Value.Path("Value") is JsonElement raw && raw.ValueKind != JsonValueKind.String))
            {
                return InstanceFinding(context, check, instance, region, FindingStatus.Error, $"Could not verify: DescribeInstanceAttribute in {region} gives no UserData object for {instance.Display}.");
            }

            var encoded = userData.Value.Str("Value");
            if (string.IsNullOrEmpty(encoded))
            {
                return InstanceFinding(context, check, instance, region, FindingStatus.Pass, $"Instance {instance.Display} has no user data.")
                    .With("UserDataBytes", 0);
            }

            string text;
            try
            {
                text = DecodeUserData(encoded!);
            }
            catch (InvalidDataException e)
            {
                return InstanceFinding(context, check, instance, region, FindingStatus.Error, $"Could not verify: the user data of {instance.Display} could not be read ({e.Message}).");
            }

            var hits = SecretDetectors.ScanText(text);
            var finding = hits.Count == 0
                ? InstanceFinding(context, check, instance, region, FindingStatus.Pass, $"No secret found in the user data of {instance.Display} ({text.Length} characters).")
                : InstanceFinding(context, check, instance, region, FindingStatus.Fail, $"The user data of {instance.Display} holds {SecretDetectors.Describe(hits)}.");
            return finding
                .With("UserDataCharacters", text.Length)
                .With("SecretsFound", hits.Select(h => h.ToString()).ToArray());
        }

        /// <summary>User data as text: base64, then gunzipped when it is gzip (cloud-init accepts both).</summary>
        internal static string DecodeUserData(string encoded)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(encoded.Trim());
            }
            catch (FormatException)
            {
                throw new InvalidDataException("UserData.Value is not base64");
            }

            if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = gzip.Read(chunk, 0, chunk.Length)) > 0 && buffer.Length < MaxUserDataBytes)
                {
                    buffer.Write(chunk, 0, Math.Min(read, MaxUserDataBytes - (int)buffer.Length));
                }

                bytes = buffer.ToArray();
            }

            return new UTF8Encoding(false, false).GetString(bytes);
        }

        private static async Task<IEnumerable<Finding>> NoSecretsInStackOutputsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.NoSecretsInStackOutputs;
            return await context.ForEachRegionAsync(check, "CloudFormation stack", async region =>
            {
                var response = await context.GetAsync(EmbeddedSecretCalls.DescribeStacks(region), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return context.ErrorFinding(check, response).AsEnumerable();
                }

                return response.Root.Items("Stacks")
                    .Where(stack => !string.Equals(stack.Str("StackStatus"), "DELETE_COMPLETE", StringComparison.Ordinal))
                    .Select(stack => JudgeStack(context, check, stack, region))
                    .ToList();
            }).ConfigureAwait(false);
        }

        private static Finding JudgeStack(CheckContext context, CheckDefinition check, JsonElement stack, string region)
        {
            var name = stack.RequiredStr("StackName", "a stack");
            var hits = new List<SecretHit>();
            foreach (var output in stack.Items("Outputs"))
            {
                hits.AddRange(SecretDetectors.ScanValue(output.Str("OutputKey") ?? "(unnamed)", output.Str("OutputValue"), "output"));
            }

            // A NoEcho parameter comes back as "****"; only the others are shown in plain text.
            foreach (var parameter in stack.Items("Parameters"))
            {
                hits.AddRange(SecretDetectors.ScanValue(parameter.Str("ParameterKey") ?? "(unnamed)", parameter.Str("ParameterValue"), "parameter"));
            }

            var counted = $"{stack.Items("Outputs").Count()} output(s), {stack.Items("Parameters").Count()} parameter(s)";
            var finding = context.NewFinding(
                    check,
                    hits.Count == 0 ? FindingStatus.Pass : FindingStatus.Fail,
                    name,
                    hits.Count == 0 ? $"No secret found in the outputs and plain-text parameters of stack {name} ({counted})." : $"Stack {name} shows {SecretDetectors.Describe(hits)} in plain text.",
                    region,
                    stack.Str("StackId"))
                .WithProperty("StackName", name);
            return finding.With("SecretsFound", hits.Select(h => h.ToString()).ToArray());
        }

        private static async Task<IEnumerable<Finding>> NoSecretsInTaskDefinitionsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.NoSecretsInTaskDefinitions;
            return await context.ForEachRegionAsync(check, "active ECS task definition", async region =>
            {
                var list = await context.GetAsync(EmbeddedSecretCalls.ListTaskDefinitions(region), cancellationToken).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    return context.ErrorFinding(check, list).AsEnumerable();
                }

                var judged = await Task.WhenAll(list.Root.Strings("taskDefinitionArns").Select(async arn =>
                {
                    var response = await context.GetAsync(EmbeddedSecretCalls.DescribeTaskDefinition(region, arn), cancellationToken).ConfigureAwait(false);
                    return JudgeTaskDefinition(context, check, arn, region, response);
                })).ConfigureAwait(false);
                return judged;
            }).ConfigureAwait(false);
        }

        private static async Task<IEnumerable<Finding>> NoSecretsInBuildProjectsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.NoSecretsInBuildProjects;
            return await context.ForEachRegionAsync(check, "CodeBuild project", async region =>
            {
                var list = await context.GetAsync(EmbeddedSecretCalls.ListProjects(region), cancellationToken).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    return context.ErrorFinding(check, list).AsEnumerable();
                }

                var names = list.Root.Strings("projects");
                var batches = Enumerable.Range(0, (names.Count + EmbeddedSecretCalls.ProjectBatchSize - 1) / EmbeddedSecretCalls.ProjectBatchSize)
                    .Select(i => names.Skip(i * EmbeddedSecretCalls.ProjectBatchSize).Take(EmbeddedSecretCalls.ProjectBatchSize).ToList())
                    .ToList();
                var judged = await Task.WhenAll(batches.Select(async (batch, i) =>
                {
                    var response = await context.GetAsync(EmbeddedSecretCalls.BatchGetProjects(region, i + 1, batch), cancellationToken).ConfigureAwait(false);
                    if (!response.IsSuccess)
                    {
                        return batch.Select(name => context.ErrorFinding(check, response, name, ProjectArn(context, region, name))).ToList();
                    }

                    var projects = response.Root.Items("projects")
                        .Where(p => p.Str("name") != null)
                        .GroupBy(p => p.Str("name")!, StringComparer.Ordinal)
                        .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                    return batch.Select(name => projects.TryGetValue(name, out var project)
                            ? JudgeProject(context, check, name, region, project)
                            : context.NewFinding(check, FindingStatus.Error, name, $"Could not verify: BatchGetProjects in {region} did not return project {name} (it may have been deleted since ListProjects).", region, ProjectArn(context, region, name)))
                        .ToList();
                })).ConfigureAwait(false);
                return judged.SelectMany(f => f);
            }).ConfigureAwait(false);
        }

        private static async Task<IEnumerable<Finding>> NoSecretsInLambdaEnvironmentAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.NoSecretsInLambdaEnvironment;
            return await context.ForEachRegionAsync(check, "Lambda function", async region =>
            {
                var list = await context.GetAsync(LambdaCalls.ListFunctions(region), cancellationToken).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    return context.ErrorFinding(check, list).AsEnumerable();
                }

                return list.Root.Items("Functions").Select(function => JudgeFunction(context, check, function, region)).ToList();
            }).ConfigureAwait(false);
        }

        private static Finding JudgeFunction(CheckContext context, CheckDefinition check, JsonElement function, string region)
        {
            var name = function.RequiredStr("FunctionName", "a function");
            var arn = function.Str("FunctionArn");
            var environment = function.Path("Environment");
            var error = environment?.Path("Error");
            if (error.HasValue)
            {
                // Lambda could not decrypt the variables for the caller (a customer managed key it may not use).
                return context.NewFinding(check, FindingStatus.Error, name, $"Could not verify: ListFunctions in {region} returns no variables for {name} ({error.Value.Str("ErrorCode")}: {error.Value.Str("Message")}).", region, arn)
                    .WithProperty("FunctionName", name);
            }

            var hits = new List<SecretHit>();
            var count = 0;
            if (environment?.Path("Variables") is JsonElement variables)
            {
                // Variables is a map of strings; anything else cannot be judged.
                if (variables.ValueKind != JsonValueKind.Object || variables.EnumerateObject().Any(v => v.Value.ValueKind != JsonValueKind.String))
                {
                    return context.NewFinding(check, FindingStatus.Error, name, $"Could not verify: ListFunctions in {region} gives Environment.Variables of {name} that is not a map of strings.", region, arn)
                        .WithProperty("FunctionName", name);
                }

                foreach (var variable in variables.EnumerateObject())
                {
                    count++;
                    hits.AddRange(SecretDetectors.ScanValue(variable.Name, variable.Value.GetString(), "variable"));
                }
            }

            var finding = context.NewFinding(
                    check,
                    hits.Count == 0 ? FindingStatus.Pass : FindingStatus.Fail,
                    name,
                    hits.Count == 0
                        ? $"No secret found in the {count} environment variable(s) of function {name}."
                        : $"Function {name} keeps {SecretDetectors.Describe(hits)} in its environment.",
                    region,
                    arn)
                .WithProperty("FunctionName", name);
            return finding
                .With("EnvironmentVariables", count)
                .With("SecretsFound", hits.Select(h => h.ToString()).ToArray());
        }

        private static string ProjectArn(CheckContext context, string region, string name) =>
            $"arn:{context.Account.Partition}:codebuild:{region}:{context.Account.AccountId}:project/{name}";

        private static Finding JudgeProject(CheckContext context, CheckDefinition check, string name, string region, JsonElement project)
        {
            var hits = new List<SecretHit>();
            var plain = 0;
            foreach (var variable in project.Path("environment")?.Items("environmentVariables") ?? Enumerable.Empty<JsonElement>())
            {
                // PARAMETER_STORE and SECRETS_MANAGER values name where the secret is; only PLAINTEXT (the default) holds it.
                var type = variable.Str("type") ?? "PLAINTEXT";
                if (!string.Equals(type, "PLAINTEXT", StringComparison.Ordinal))
                {
                    continue;
                }

                plain++;
                hits.AddRange(SecretDetectors.ScanValue(variable.Str("name") ?? "(unnamed)", variable.Str("value"), "variable"));
            }

            var sources = new[] { project.Path("source") }.Concat(project.Items("secondarySources").Select(s => (JsonElement?)s));
            foreach (var source in sources.Where(s => s.HasValue))
            {
                var location = source!.Value.Str("location");
                var id = source.Value.Str("sourceIdentifier");
                hits.AddRange(SecretDetectors.ScanText(location).Select(h => new SecretHit(h.Kind, id == null ? "source location" : $"source {id} location")));
            }

            var finding = context.NewFinding(
                    check,
                    hits.Count == 0 ? FindingStatus.Pass : FindingStatus.Fail,
                    name,
                    hits.Count == 0
                        ? $"No secret found in the {plain} plain-text environment variable(s) and the source location(s) of build project {name}."
                        : $"Build project {name} holds {SecretDetectors.Describe(hits)}.",
                    region,
                    project.Str("arn") ?? ProjectArn(context, region, name))
                .WithProperty("ProjectName", name);
            return finding
                .With("PlainTextVariables", plain)
                .With("SecretsFound", hits.Select(h => h.ToString()).ToArray());
        }

        private static Finding JudgeTaskDefinition(CheckContext context, CheckDefinition check, string arn, string region, EvidenceResponse response)
        {
            var name = arn.Substring(arn.LastIndexOf('/') + 1);
            if (!response.IsSuccess)
            {
                return context.ErrorFinding(check, response, name, arn).WithProperty("TaskDefinitionArn", arn);
            }

            var definition = response.Root.Required("taskDefinition", $"task definition {name}");
            var hits = new List<SecretHit>();
            var variables = 0;
            var fromSecrets = 0;
            foreach (var container in definition.Items("containerDefinitions"))
            {
                var containerName = container.Str("name") ?? "(unnamed)";
                foreach (var variable in container.Items("environment"))
                {
                    variables++;
                    hits.AddRange(SecretDetectors.ScanValue(variable.Str("name") ?? "(unnamed)", variable.Str("value"), $"container {containerName} variable"));
                }

                fromSecrets += container.Items("secrets").Count();
            }

            var finding = context.NewFinding(
                    check,
                    hits.Count == 0 ? FindingStatus.Pass : FindingStatus.Fail,
                    name,
                    hits.Count == 0
                        ? $"No secret found in the {variables} plain environment variable(s) of task definition {name} ({fromSecrets} value(s) come from secrets)."
                        : $"Task definition {name} puts {SecretDetectors.Describe(hits)} in plain environment variables.",
                    region,
                    arn)
                .WithProperty("TaskDefinitionArn", arn);
            return finding
                .With("EnvironmentVariables", variables)
                .With("SecretReferences", fromSecrets)
                .With("SecretsFound", hits.Select(h => h.ToString()).ToArray());
        }
    }
}
