using System;
using System.Collections;
using System.Management.Automation;
using WASecurity.Catalog;
using WASecurity.Settings;

namespace WASecurity.Cmdlets
{
    /// <summary>The thresholds a cmdlet runs with: defaults, then -SettingPath, then -Setting, then the cmdlet's own parameters.</summary>
    internal static class CmdletSettings
    {
        public static AssessmentSettings Resolve(PSCmdlet cmdlet, Hashtable? setting, string? settingPath, IDictionary? parameterSettings)
        {
            IDictionary? fromFile = null;
            string? filePath = null;
            if (settingPath != null)
            {
                filePath = cmdlet.GetUnresolvedProviderPathFromPSPath(settingPath);
                fromFile = SettingsFile.Read(filePath);
            }

            IDictionary? fromCall = setting;
            if (parameterSettings != null && parameterSettings.Count > 0)
            {
                var merged = new Hashtable(StringComparer.OrdinalIgnoreCase);
                foreach (DictionaryEntry entry in (IDictionary?)setting ?? new Hashtable())
                {
                    merged[entry.Key] = entry.Value;
                }

                foreach (DictionaryEntry entry in parameterSettings)
                {
                    merged[entry.Key] = entry.Value;
                }

                fromCall = merged;
            }

            return CheckCatalog.CreateSettings(PowerShellValues.Plain(fromFile), PowerShellValues.Plain(fromCall), filePath);
        }
    }
}
