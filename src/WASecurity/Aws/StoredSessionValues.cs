using System;
using System.Reflection;
using Amazon;
using Amazon.Runtime;

namespace WASecurity.Aws
{
    /// <summary>What $StoredAWSCredentials holds, in the terms resolution needs.</summary>
    internal sealed class StoredCredentials
    {
        private StoredCredentials(AWSCredentials? credentials, string? profileName, string description)
        {
            Credentials = credentials;
            ProfileName = profileName;
            Description = description;
        }

        /// <summary>Credentials to use as they are (an AWSCredentials, or the one inside AWS Tools' wrapper).</summary>
        public AWSCredentials? Credentials { get; }

        /// <summary>A profile to look up (a plain string, or an AWS Tools wrapper that only carries a name).</summary>
        public string? ProfileName { get; }

        public string Description { get; }

        /// <summary>
        /// Interprets the variable. AWS Tools' Set-AWSCredential stores an Amazon.PowerShell.Common.AWSPSCredentials
        /// whose Credentials and Name members are internal to that assembly, so they are read by reflection;
        /// scripts also assign an AWSCredentials object or a profile name directly.
        /// </summary>
        public static StoredCredentials? From(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case AWSCredentials credentials:
                    return new StoredCredentials(credentials, null, $"$StoredAWSCredentials ({credentials.GetType().Name} object)");
                case string name when !string.IsNullOrWhiteSpace(name):
                    return new StoredCredentials(null, name.Trim(), $"$StoredAWSCredentials (profile name '{name.Trim()}')");
                case string _:
                    return null;
            }

            var wrapped = ReadMember(value, "Credentials") as AWSCredentials;
            var wrappedName = ReadMember(value, "Name") as string;
            if (wrapped != null)
            {
                var label = string.IsNullOrEmpty(wrappedName) ? wrapped.GetType().Name : $"'{wrappedName}'";
                return new StoredCredentials(wrapped, null, $"$StoredAWSCredentials (set by Set-AWSCredential: {label})");
            }

            if (!string.IsNullOrEmpty(wrappedName))
            {
                return new StoredCredentials(null, wrappedName, $"$StoredAWSCredentials (profile name '{wrappedName}')");
            }

            throw new AwsCredentialException(
                AwsCredentialException.InvalidArgument,
                CredentialErrorCategory.InvalidArgument,
                $"$StoredAWSCredentials holds a {value.GetType().FullName}, which is not credentials. Set it with " +
                "Set-AWSCredential, assign an Amazon.Runtime.AWSCredentials object or a profile name, or remove it " +
                "with Remove-Variable StoredAWSCredentials -Scope Global.",
                "StoredAWSCredentials");
        }

        private static object? ReadMember(object target, string name)
        {
            const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
            try
            {
                var property = target.GetType().GetProperty(name, Flags);
                if (property != null && property.GetIndexParameters().Length == 0)
                {
                    return property.GetValue(target);
                }

                return target.GetType().GetField(name, Flags)?.GetValue(target);
            }
            catch (Exception e) when (e is TargetInvocationException || e is MethodAccessException || e is FieldAccessException)
            {
                return null;
            }
        }
    }

    /// <summary>Reads $StoredAWSRegion: a region name, a RegionEndpoint, or AWS Tools' AWSRegion.</summary>
    internal static class StoredRegion
    {
        public static string? From(object? value)
        {
            string? name;
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    name = text;
                    break;
                case RegionEndpoint endpoint:
                    name = endpoint.SystemName;
                    break;
                default:
                    // AWS Tools' AWSRegion exposes the system name as a public 'Region' string.
                    name = value.GetType().GetProperty("Region", BindingFlags.Instance | BindingFlags.Public)?.GetValue(value) as string
                        ?? value.ToString();
                    break;
            }

            return string.IsNullOrWhiteSpace(name) ? null : name!.Trim();
        }
    }
}
