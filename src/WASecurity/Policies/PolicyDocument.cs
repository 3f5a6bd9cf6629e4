using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;

namespace WASecurity.Policies
{
    /// <summary>
    /// A parsed IAM policy document (identity, boundary, trust or other resource policy).
    /// <para>
    /// <see cref="Parse(string)"/> accepts the JSON text, the URL-encoded text IAM's Query API returns, or a JSON
    /// string that itself holds the document. <see cref="Parse(JsonElement)"/> accepts the object the AWS CLI prints
    /// (<c>PolicyVersionList[].Document</c>, <c>AssumeRolePolicyDocument</c>) or a string holding it. <c>Statement</c>
    /// may be one object or an array; every Action/Resource/Principal/condition value may be a string or an array.
    /// Invalid documents throw <see cref="PolicyFormatException"/> with a message naming the problem.
    /// </para>
    /// </summary>
    public sealed class PolicyDocument
    {
        private PolicyDocument(string? version, string? id, IReadOnlyList<PolicyStatement> statements)
        {
            Version = version;
            Id = id;
            Statements = statements;
        }

        /// <summary>The <c>Version</c> element (e.g. <c>2012-10-17</c>), if present.</summary>
        public string? Version { get; }

        public string? Id { get; }

        public IReadOnlyList<PolicyStatement> Statements { get; }

        /// <summary>Parses JSON text or URL-encoded JSON text.</summary>
        /// <exception cref="PolicyFormatException">The text is not a policy document.</exception>
        public static PolicyDocument Parse(string text)
        {
            if (text == null)
            {
                throw new PolicyFormatException("The policy document is null.");
            }

            var trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                throw new PolicyFormatException("The policy document is empty.");
            }

            // IAM's Query API returns documents URL-encoded ("%7B%22Version%22…").
            if (trimmed[0] != '{' && trimmed[0] != '"' && trimmed.IndexOf('%') >= 0)
            {
                trimmed = WebUtility.UrlDecode(trimmed).Trim();
            }

            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(trimmed, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
            }
            catch (JsonException ex)
            {
                throw new PolicyFormatException("The policy document is not valid JSON: " + ex.Message, ex);
            }

            using (json)
            {
                return Parse(json.RootElement);
            }
        }

        /// <summary>Parses a document object, or a JSON string that holds one.</summary>
        /// <exception cref="PolicyFormatException">The element is not a policy document.</exception>
        public static PolicyDocument Parse(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                return Parse(element.GetString() ?? string.Empty);
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyFormatException("The policy document must be a JSON object, not " + element.ValueKind + ".");
            }

            var statementElement = Find(element, "Statement");
            if (statementElement == null)
            {
                throw new PolicyFormatException("The policy document has no 'Statement' element.");
            }

            var statements = new List<PolicyStatement>();
            if (statementElement.Value.ValueKind == JsonValueKind.Object)
            {
                statements.Add(ParseStatement(statementElement.Value, 0));
            }
            else if (statementElement.Value.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in statementElement.Value.EnumerateArray())
                {
                    statements.Add(ParseStatement(item, index++));
                }
            }
            else
            {
                throw new PolicyFormatException("'Statement' must be an object or an array of objects, not " + statementElement.Value.ValueKind + ".");
            }

            return new PolicyDocument(ScalarOrNull(element, "Version"), ScalarOrNull(element, "Id"), statements);
        }

        /// <summary>Parses without throwing; <paramref name="error"/> says what is wrong.</summary>
        public static bool TryParse(string text, out PolicyDocument? document, out string? error)
        {
            try
            {
                document = Parse(text);
                error = null;
                return true;
            }
            catch (PolicyFormatException ex)
            {
                document = null;
                error = ex.Message;
                return false;
            }
        }

        /// <summary>Parses without throwing; <paramref name="error"/> says what is wrong.</summary>
        public static bool TryParse(JsonElement element, out PolicyDocument? document, out string? error)
        {
            try
            {
                document = Parse(element);
                error = null;
                return true;
            }
            catch (PolicyFormatException ex)
            {
                document = null;
                error = ex.Message;
                return false;
            }
        }

        /// <summary>
        /// For a trust or resource-based policy, which must name whom each statement is about: the first statement
        /// with neither Principal nor NotPrincipal, described, or null when every statement has one.
        /// </summary>
        public string? MissingPrincipal()
        {
            var statement = Statements.FirstOrDefault(s => s.Principal == null);
            return statement == null ? null : statement.DisplayName + " has no Principal, which a trust or resource-based policy requires";
        }

        private static PolicyStatement ParseStatement(JsonElement element, int index)
        {
            var where = "Statement #" + (index + 1);
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyFormatException(where + " must be an object, not " + element.ValueKind + ".");
            }

            var sid = ScalarOrNull(element, "Sid");
            if (sid != null)
            {
                where = "Statement '" + sid + "'";
            }

            var effectText = ScalarOrNull(element, "Effect");
            PolicyEffect effect;
            if (string.Equals(effectText, "Allow", StringComparison.OrdinalIgnoreCase))
            {
                effect = PolicyEffect.Allow;
            }
            else if (string.Equals(effectText, "Deny", StringComparison.OrdinalIgnoreCase))
            {
                effect = PolicyEffect.Deny;
            }
            else
            {
                throw new PolicyFormatException(where + " has " + (effectText == null ? "no 'Effect'" : "Effect '" + effectText + "'") + "; it must be 'Allow' or 'Deny'.");
            }

            var (actions, isNotAction) = Pair(element, "Action", "NotAction", where);
            if (actions == null)
            {
                throw new PolicyFormatException(where + " has neither 'Action' nor 'NotAction'.");
            }

            var (resources, isNotResource) = Pair(element, "Resource", "NotResource", where);

            var principalElement = Find(element, "Principal");
            var notPrincipalElement = Find(element, "NotPrincipal");
            if (principalElement != null && notPrincipalElement != null)
            {
                throw new PolicyFormatException(where + " has both 'Principal' and 'NotPrincipal'.");
            }

            var principal = principalElement ?? notPrincipalElement;
            var conditions = ParseConditions(Find(element, "Condition"), where);

            return new PolicyStatement(
                index,
                sid,
                effect,
                actions,
                isNotAction,
                resources,
                isNotResource,
                principal == null ? null : ParsePrincipal(principal.Value, where),
                notPrincipalElement != null,
                conditions);
        }

        private static (IReadOnlyList<string>? Values, bool IsNot) Pair(JsonElement element, string name, string notName, string where)
        {
            var positive = Find(element, name);
            var negative = Find(element, notName);
            if (positive != null && negative != null)
            {
                throw new PolicyFormatException(where + " has both '" + name + "' and '" + notName + "'.");
            }

            if (positive != null)
            {
                return (Names(positive.Value, where + " " + name), false);
            }

            return negative != null ? (Names(negative.Value, where + " " + notName), true) : (null, false);
        }

        private static PolicyPrincipal ParsePrincipal(JsonElement element, string where)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                var text = element.GetString();
                if (text == "*")
                {
                    return new PolicyPrincipal(true, new Dictionary<string, IReadOnlyList<string>>());
                }

                throw new PolicyFormatException(where + " has Principal '" + text + "'; a string principal must be '*' (use {\"AWS\": …} for accounts and ARNs).");
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyFormatException(where + " has a Principal that is neither '*' nor an object.");
            }

            var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in element.EnumerateObject())
            {
                values[property.Name] = Names(property.Value, where + " Principal " + property.Name);
            }

            if (values.Count == 0)
            {
                throw new PolicyFormatException(where + " has an empty Principal object.");
            }

            return new PolicyPrincipal(false, values);
        }

        private static IReadOnlyList<PolicyCondition> ParseConditions(JsonElement? element, string where)
        {
            if (element == null)
            {
                return Array.Empty<PolicyCondition>();
            }

            if (element.Value.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyFormatException(where + " has a 'Condition' that is not an object.");
            }

            var conditions = new List<PolicyCondition>();
            foreach (var op in element.Value.EnumerateObject())
            {
                if (op.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new PolicyFormatException(where + " condition '" + op.Name + "' must map keys to values.");
                }

                foreach (var key in op.Value.EnumerateObject())
                {
                    conditions.Add(new PolicyCondition(op.Name, key.Name, Strings(key.Value, where + " condition " + op.Name + " " + key.Name)));
                }
            }

            return conditions;
        }

        /// <summary>
        /// Actions, resources and principals: a string or a non-empty array of strings, as IAM's grammar has them. A number,
        /// a boolean or an empty list is not a policy IAM would accept, and must not be read as one that grants nothing.
        /// </summary>
        private static IReadOnlyList<string> Names(JsonElement element, string where)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                return new[] { element.GetString() ?? string.Empty };
            }

            if (element.ValueKind != JsonValueKind.Array)
            {
                throw new PolicyFormatException(where + " must be a string or an array of strings, not " + element.ValueKind + ".");
            }

            var names = new List<string>();
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw new PolicyFormatException(where + " must hold strings, not " + item.ValueKind + ".");
                }

                names.Add(item.GetString() ?? string.Empty);
            }

            if (names.Count == 0)
            {
                throw new PolicyFormatException(where + " is an empty list.");
            }

            return names;
        }

        /// <summary>A condition value: a string or an array; booleans and numbers keep their JSON text.</summary>
        private static IReadOnlyList<string> Strings(JsonElement element, string where)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return new[] { element.GetString() ?? string.Empty };
                case JsonValueKind.True:
                case JsonValueKind.False:
                case JsonValueKind.Number:
                    return new[] { element.GetRawText() };
                case JsonValueKind.Array:
                    var list = new List<string>();
                    foreach (var item in element.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object || item.ValueKind == JsonValueKind.Array || item.ValueKind == JsonValueKind.Null)
                        {
                            throw new PolicyFormatException(where + " must hold strings, not " + item.ValueKind + ".");
                        }

                        list.Add(item.ValueKind == JsonValueKind.String ? item.GetString() ?? string.Empty : item.GetRawText());
                    }

                    return list;
                default:
                    throw new PolicyFormatException(where + " must be a string or an array of strings, not " + element.ValueKind + ".");
            }
        }

        private static string? ScalarOrNull(JsonElement element, string name)
        {
            var found = Find(element, name);
            if (found == null)
            {
                return null;
            }

            return found.Value.ValueKind == JsonValueKind.String ? found.Value.GetString() : found.Value.GetRawText();
        }

        /// <summary>Element names are matched exactly first, then ignoring case (hand-made documents vary).</summary>
        private static JsonElement? Find(JsonElement element, string name)
        {
            if (element.TryGetProperty(name, out var value))
            {
                return value.ValueKind == JsonValueKind.Null ? (JsonElement?)null : value;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value.ValueKind == JsonValueKind.Null ? (JsonElement?)null : property.Value.Clone();
                }
            }

            return null;
        }
    }
}
