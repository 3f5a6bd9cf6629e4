using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using WASecurity.Catalog;
using WASecurity.Settings;

namespace WASecurity.Cmdlets
{
    /// <summary>Lists the named thresholds, their defaults, and the values a settings file or table would put in force.</summary>
    [Cmdlet(VerbsCommon.Get, "WASSetting")]
    [OutputType(typeof(SettingInfo))]
    public sealed class GetWASSetting : PSCmdlet
    {
        /// <summary>Only settings whose name matches one of these patterns.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Overrides to resolve, as -Setting takes them.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Setting { get; set; }

        /// <summary>A settings .psd1 to resolve, as -SettingPath takes it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SettingPath { get; set; }

        protected override void EndProcessing()
        {
            AssessmentSettings resolved;
            try
            {
                var path = SettingPath == null ? null : GetUnresolvedProviderPathFromPSPath(SettingPath);
                resolved = CheckCatalog.CreateSettings(path == null ? null : SettingsFile.Read(path), PowerShellValues.Plain(Setting), path);
            }
            catch (Exception e) when (e is ArgumentException || e is System.IO.FileNotFoundException)
            {
                ThrowTerminatingError(SafeOutput.Error(e, ErrorIds.InvalidSetting, ErrorCategory.InvalidArgument, SettingPath));
                return;
            }

            var patterns = (Name ?? Array.Empty<string>()).Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToList();
            foreach (var question in CheckCatalog.Questions)
            {
                foreach (var definition in question.Settings.Where(d => patterns.Count == 0 || patterns.Any(p => p.IsMatch(d.Name))))
                {
                    WriteObject(new SettingInfo(definition, resolved.Values[definition.Name], question.Id));
                }
            }
        }
    }
}
