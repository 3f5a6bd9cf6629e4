using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Lets a Finding parameter take findings that lost their type on the way: deserialized ones (from
    /// Start-Job, Invoke-Command or Import-Clixml) and those read with ConvertFrom-Json. An object without
    /// CheckId, Status and Severity is left alone, so binding fails with PowerShell's usual message.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class FindingTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (value is IList list && !(value is string))
            {
                return list.Cast<object?>().Select(Convert).ToArray();
            }

            return Convert(inputData);
        }

        internal static object? Convert(object? input)
        {
            if (!(input is PSObject ps) || ps.BaseObject is Finding)
            {
                return input is PSObject wrapped && wrapped.BaseObject is Finding finding ? finding : input;
            }

            return TryFromPSObject(ps, out var converted) ? converted : input;
        }

        internal static bool TryFromPSObject(PSObject ps, out Finding finding)
        {
            finding = new Finding();
            string? Text(string name) => ps.Properties[name]?.Value is object v ? LanguagePrimitives.ConvertTo<string>(v) : null;
            var checkId = Text(nameof(Finding.CheckId));
            var status = Text(nameof(Finding.Status));
            var severity = Text(nameof(Finding.Severity));
            if (checkId == null
                || !Enum.TryParse<FindingStatus>(status, true, out var parsedStatus)
                || !Enum.TryParse<Severity>(severity, true, out var parsedSeverity))
            {
                return false;
            }

            finding.CheckId = checkId;
            finding.Status = parsedStatus;
            finding.Severity = parsedSeverity;
            finding.Question = Text(nameof(Finding.Question)) ?? string.Empty;
            finding.Area = Text(nameof(Finding.Area)) ?? string.Empty;
            finding.Title = Text(nameof(Finding.Title)) ?? string.Empty;
            finding.AccountId = Text(nameof(Finding.AccountId)) ?? string.Empty;
            finding.Region = Text(nameof(Finding.Region)) ?? "global";
            finding.ResourceType = Text(nameof(Finding.ResourceType)) ?? string.Empty;
            finding.ResourceId = Text(nameof(Finding.ResourceId)) ?? string.Empty;
            finding.ResourceArn = Text(nameof(Finding.ResourceArn));
            finding.Reason = Text(nameof(Finding.Reason)) ?? string.Empty;
            finding.Remediation = Text(nameof(Finding.Remediation)) ?? string.Empty;
            finding.BestPractices = Strings(ps.Properties[nameof(Finding.BestPractices)]?.Value);
            finding.Cis = Strings(ps.Properties[nameof(Finding.Cis)]?.Value);
            finding.Suppressed = ps.Properties[nameof(Finding.Suppressed)]?.Value is object s && LanguagePrimitives.IsTrue(s);
            finding.Justification = Text(nameof(Finding.Justification));
            var timestamp = ps.Properties[nameof(Finding.Timestamp)]?.Value;
            finding.Timestamp = timestamp is PSObject tp ? Date(tp.BaseObject) : Date(timestamp);
            if (ToDictionary(ps.Properties[nameof(Finding.Evidence)]?.Value) is OrderedDictionary evidence)
            {
                finding.Evidence = evidence;
            }

            if (ToDictionary(ps.Properties[nameof(Finding.Properties)]?.Value) is OrderedDictionary properties)
            {
                foreach (DictionaryEntry entry in properties)
                {
                    finding.Properties[entry.Key.ToString()!] = entry.Value;
                }
            }

            return true;
        }

        private static DateTime Date(object? value) => value switch
        {
            DateTime d => Reports.FindingJson.ToUtc(d),
            string text when DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) => Reports.FindingJson.ToUtc(parsed),
            _ => default,
        };

        private static string[] Strings(object? value)
        {
            var raw = value is PSObject ps ? ps.BaseObject : value;
            return raw switch
            {
                null => Array.Empty<string>(),
                string s => new[] { s },
                IEnumerable sequence => sequence.Cast<object?>().Where(o => o != null).Select(o => LanguagePrimitives.ConvertTo<string>(o)).ToArray(),
                _ => new[] { LanguagePrimitives.ConvertTo<string>(raw) },
            };
        }

        private static OrderedDictionary? ToDictionary(object? value)
        {
            var raw = value is PSObject ps ? ps.BaseObject : value;
            if (raw is IDictionary dictionary)
            {
                var result = new OrderedDictionary(StringComparer.Ordinal);
                foreach (DictionaryEntry entry in dictionary)
                {
                    result[LanguagePrimitives.ConvertTo<string>(entry.Key)] = Plain(entry.Value);
                }

                return result;
            }

            if (value is PSObject custom && raw is PSCustomObject)
            {
                var result = new OrderedDictionary(StringComparer.Ordinal);
                foreach (var property in custom.Properties)
                {
                    result[property.Name] = Plain(property.Value);
                }

                return result;
            }

            return null;
        }

        // Nested values keep their JSON-like shape: objects become dictionaries, lists arrays.
        private static object? Plain(object? value)
        {
            var raw = value is PSObject ps ? ps.BaseObject : value;
            if (raw is string || raw == null)
            {
                return raw;
            }

            if (ToDictionary(value) is OrderedDictionary dictionary)
            {
                return dictionary;
            }

            if (raw is IEnumerable sequence)
            {
                return sequence.Cast<object?>().Select(Plain).ToArray();
            }

            return raw;
        }
    }
}
