using System.Linq;
using WASecurity.Policies;

namespace WASecurity.Tests.Policies
{
    /// <summary>Helpers for writing policies compactly in tests: single quotes stand for double quotes.</summary>
    internal static class PolicyTable
    {
        public static PolicyDocument Doc(string json) => PolicyDocument.Parse(json.Replace('\'', '"'));

        public static NamedPolicy Named(string name, string json, PolicySource source = PolicySource.Inline, string? via = null)
            => new NamedPolicy(name, Doc(json), source, via: via);

        public static string Policy(params string[] statements) => "{'Version':'2012-10-17','Statement':[" + string.Join(",", statements) + "]}";

        public static string Allow(string action, string resource = "'*'", string extra = "")
            => "{'Effect':'Allow','Action':" + action + ",'Resource':" + resource + extra + "}";

        public static string Deny(string action, string resource = "'*'", string extra = "")
            => "{'Effect':'Deny','Action':" + action + ",'Resource':" + resource + extra + "}";

        public static NamedPolicy[] Set(params string[] policies) => policies.Select((p, i) => Named("p" + (i + 1), p)).ToArray();
    }
}
