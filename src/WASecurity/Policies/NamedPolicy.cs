using System;

namespace WASecurity.Policies
{
    /// <summary>A policy document with the name and route by which it applies, so results can say which policy decided.</summary>
    public sealed class NamedPolicy
    {
        /// <param name="name">Policy name (inline name or managed policy name).</param>
        /// <param name="document">The parsed document.</param>
        /// <param name="source">How it reaches the principal.</param>
        /// <param name="arn">Managed policy ARN, if any.</param>
        /// <param name="via">The group it comes through, for group policies.</param>
        public NamedPolicy(string name, PolicyDocument document, PolicySource source = PolicySource.Inline, string? arn = null, string? via = null)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Document = document ?? throw new ArgumentNullException(nameof(document));
            Source = source;
            // PowerShell passes $null to a string parameter as "": treat empty as absent.
            Arn = string.IsNullOrEmpty(arn) ? null : arn;
            Via = string.IsNullOrEmpty(via) ? null : via;
        }

        public string Name { get; }

        public PolicyDocument Document { get; }

        public PolicySource Source { get; }

        public string? Arn { get; }

        public string? Via { get; }

        /// <summary>e.g. <c>managed policy 'AdministratorAccess' (via group 'admins')</c>.</summary>
        public string DisplayName
        {
            get
            {
                string kind;
                switch (Source)
                {
                    case PolicySource.Managed:
                    case PolicySource.GroupManaged:
                        kind = "managed policy";
                        break;
                    case PolicySource.PermissionsBoundary:
                        kind = "permissions boundary";
                        break;
                    case PolicySource.Resource:
                        kind = "resource policy";
                        break;
                    default:
                        kind = "inline policy";
                        break;
                }

                return kind + " '" + Name + "'" + (Via == null ? string.Empty : " (via group '" + Via + "')");
            }
        }

        public override string ToString() => DisplayName;
    }
}
