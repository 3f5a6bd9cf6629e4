using System;
using System.Collections.Generic;
using System.IO;
using Amazon.Runtime;
using WASecurity.Aws;

namespace WASecurity.Tests.Aws
{
    /// <summary>
    /// A throw-away home folder with its own ~/.aws files and an injected environment, so resolution tests never
    /// read the machine's profiles or change the process environment.
    /// </summary>
    internal sealed class AwsTestHome : IDisposable
    {
        public const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY1";
        public const string Token = "FwoGZXIvYXdzEXAMPLESESSIONTOKENVALUE0123456789";

        public AwsTestHome()
        {
            Root = Path.Combine(Path.GetTempPath(), "was-creds-" + Guid.NewGuid().ToString("N"));
            AwsFolder = Path.Combine(Root, ".aws");
            Directory.CreateDirectory(AwsFolder);
            Environment["HOME"] = Root;
            Environment[InstanceMetadataProbe.DisabledVariable] = "true";
        }

        public string Root { get; }

        public string AwsFolder { get; }

        public string CredentialsPath => Path.Combine(AwsFolder, "credentials");

        public string ConfigPath => Path.Combine(AwsFolder, "config");

        /// <summary>The injected environment; starts with only HOME and AWS_EC2_METADATA_DISABLED.</summary>
        public Dictionary<string, string?> Environment { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

        public FakeInstanceMetadata Metadata { get; } = new FakeInstanceMetadata();

        public AwsTestHome Credentials(string text)
        {
            File.WriteAllText(CredentialsPath, text);
            return this;
        }

        public AwsTestHome Config(string text)
        {
            File.WriteAllText(ConfigPath, text);
            return this;
        }

        public string WriteFile(string name, string text)
        {
            var path = Path.Combine(Root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return path;
        }

        public CredentialRequest Request() => new CredentialRequest
        {
            Environment = name => Environment.TryGetValue(name, out var value) ? value : null,
            InstanceMetadata = Metadata,
        };

        public static string Keys(string profile, string accessKey, string? region = null) =>
            $"[{profile}]\naws_access_key_id = {accessKey}\naws_secret_access_key = {Secret}\n" + (region == null ? string.Empty : $"region = {region}\n");

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    /// <summary>An instance metadata service that answers (or not) without any network.</summary>
    internal sealed class FakeInstanceMetadata : IInstanceMetadata
    {
        public bool Available { get; set; }

        public string? Region { get; set; }

        public int Probes { get; private set; }

        public string Description => Available ? "fake IMDS" : "fake IMDS: unavailable";

        public bool IsAvailable()
        {
            Probes++;
            return Available;
        }

        public string? GetRegion() => Available ? Region : null;

        public AWSCredentials CreateCredentials() => InstanceCredentials;

        /// <summary>Stands in for the instance profile's credentials.</summary>
        public AWSCredentials InstanceCredentials { get; } = new BasicAWSCredentials("ASIAINSTANCEPROFILE1", AwsTestHome.Secret);
    }
}
