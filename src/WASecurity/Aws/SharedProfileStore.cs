using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Amazon.Runtime.CredentialManagement;

namespace WASecurity.Aws
{
    /// <summary>A profile found by name, with the store that resolves its source_profile references.</summary>
    internal sealed class FoundProfile
    {
        public FoundProfile(CredentialProfile profile, ICredentialProfileSource source, string location)
        {
            Profile = profile;
            Source = source;
            Location = location;
        }

        public CredentialProfile Profile { get; }

        public ICredentialProfileSource Source { get; }

        /// <summary>Where it was found, for messages: a file path, or "the AWS SDK encrypted store".</summary>
        public string Location { get; }
    }

    /// <summary>
    /// The profile stores AWS Tools for PowerShell reads: on Windows the SDK's encrypted store first (unless
    /// -ProfileLocation names a file), then the shared credentials file with the shared config file beside it.
    /// Parsing and credential creation (assume role, credential_process, SSO, …) are the SDK's.
    /// </summary>
    internal sealed class SharedProfileStore
    {
        internal const string SharedCredentialsFileVariable = "AWS_SHARED_CREDENTIALS_FILE";
        internal const string ConfigFileVariable = "AWS_CONFIG_FILE";
        internal const string EncryptedStoreName = "the AWS SDK encrypted store";

        private readonly bool _explicitLocation;
        private SharedCredentialsFile? _sharedFile;

        public SharedProfileStore(string? profileLocation, Func<string, string?> environment)
        {
            _explicitLocation = !string.IsNullOrEmpty(profileLocation);
            HomeDirectoryPath = HomeDirectory(environment);
            CredentialsFilePath = _explicitLocation
                ? Path.GetFullPath(profileLocation!)
                : NonEmpty(environment(SharedCredentialsFileVariable)) ?? Path.Combine(HomeDirectoryPath, ".aws", "credentials");
        }

        /// <summary>The user's home folder (HOME, else USERPROFILE): the SSO token cache lives under it.</summary>
        public string HomeDirectoryPath { get; }

        /// <summary>The shared credentials file this store reads.</summary>
        public string CredentialsFilePath { get; }

        /// <summary>
        /// The shared config file the SDK reads with it: AWS_CONFIG_FILE when the process has it, otherwise the
        /// 'config' file beside the credentials file.
        /// </summary>
        public string ConfigFilePath =>
            ConfigFileFromProcess ?? Path.Combine(Path.GetDirectoryName(CredentialsFilePath) ?? ".", "config");

        /// <summary>
        /// AWS_CONFIG_FILE as the SDK sees it: from the real process environment (the injected lookup cannot
        /// redirect the SDK's own read of it).
        /// </summary>
        private static string? ConfigFileFromProcess
        {
            get
            {
                var path = NonEmpty(Environment.GetEnvironmentVariable(ConfigFileVariable));
                return path == null ? null : Path.GetFullPath(path);
            }
        }

        /// <summary>Where a profile would be looked for, for error messages.</summary>
        public string SearchedLocations
        {
            get
            {
                var places = new List<string>();
                if (UsesEncryptedStore)
                {
                    places.Add(EncryptedStoreName);
                }

                places.Add(CredentialsFilePath);
                places.Add(ConfigFilePath);
                return string.Join(", ", places);
            }
        }

        private bool UsesEncryptedStore => !_explicitLocation && RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        private SharedCredentialsFile SharedFile => _sharedFile ?? (_sharedFile = OpenSharedFile());

        private SharedCredentialsFile OpenSharedFile()
        {
            var file = new SharedCredentialsFile(CredentialsFilePath);
            var configPath = ConfigFileFromProcess;
            if (configPath != null && !string.Equals(file.ConfigFilePath, configPath, StringComparison.Ordinal))
            {
                // The SDK captures AWS_CONFIG_FILE once per process (in a static constructor), so a value set
                // later in the session - $env:AWS_CONFIG_FILE = '...' - would be ignored. Point this instance at
                // the current value; its lookups re-read the file from that path. Without the setter (another
                // SDK version) the SDK's own behaviour stays.
                var setter = typeof(SharedCredentialsFile).GetProperty(nameof(SharedCredentialsFile.ConfigFilePath))?.GetSetMethod(nonPublic: true);
                setter?.Invoke(file, new object[] { configPath });
            }

            return file;
        }

        public FoundProfile? Find(string name)
        {
            if (UsesEncryptedStore)
            {
                try
                {
                    var encrypted = new NetSDKCredentialsFile();
                    if (encrypted.TryGetProfile(name, out var stored))
                    {
                        return new FoundProfile(stored, encrypted, EncryptedStoreName);
                    }
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is PlatformNotSupportedException || e is InvalidOperationException)
                {
                    // An unreadable encrypted store is treated as empty, as AWS Tools does; the shared files still count.
                }
            }

            if (!SharedFile.TryGetProfile(name, out var profile))
            {
                return null;
            }

            return new FoundProfile(profile, SharedFile, DescribeLocation(name));
        }

        /// <summary>Names the file(s) that define the profile: credentials file, config file, or both.</summary>
        private string DescribeLocation(string name)
        {
            var files = new List<string>();
            if (IniSections.Contains(CredentialsFilePath, name, isConfigFile: false))
            {
                files.Add(CredentialsFilePath);
            }

            if (IniSections.Contains(ConfigFilePath, name, isConfigFile: true))
            {
                files.Add(ConfigFilePath);
            }

            return files.Count == 0 ? CredentialsFilePath : string.Join(" and ", files);
        }

        internal static string HomeDirectory(Func<string, string?> environment) =>
            NonEmpty(environment("HOME"))
            ?? NonEmpty(environment("USERPROFILE"))
            ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        internal static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }

    /// <summary>Section-header scan of an INI profile file, only to say in which file a profile lives.</summary>
    internal static class IniSections
    {
        public static bool Contains(string path, string profileName, bool isConfigFile) =>
            Names(path, isConfigFile).Contains(profileName, StringComparer.Ordinal);

        /// <summary>The profile names a file declares (section headers only; nothing else is read).</summary>
        public static IReadOnlyList<string> Names(string path, bool isConfigFile)
        {
            if (!File.Exists(path))
            {
                return Array.Empty<string>();
            }

            try
            {
                return File.ReadLines(path)
                    .Select(line => line.Trim())
                    .Where(line => line.StartsWith("[", StringComparison.Ordinal) && line.EndsWith("]", StringComparison.Ordinal))
                    .Select(line => line.Substring(1, line.Length - 2).Trim())
                    .Select(section => !isConfigFile ? section : section.StartsWith("profile ", StringComparison.Ordinal) ? section.Substring("profile ".Length).Trim() : section == "default" ? section : null)
                    .Where(name => !string.IsNullOrEmpty(name))
                    .Select(name => name!)
                    .ToList();
            }
            catch (IOException)
            {
                return Array.Empty<string>();
            }
            catch (UnauthorizedAccessException)
            {
                return Array.Empty<string>();
            }
        }
    }
}
