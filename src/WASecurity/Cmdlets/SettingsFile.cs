using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace WASecurity.Cmdlets
{
    /// <summary>Reads a settings .psd1 as data: only literal values, nothing in it is executed.</summary>
    internal static class SettingsFile
    {
        public static IDictionary Read(string path)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Settings file '{path}' does not exist.", path);
            }

            var ast = Parser.ParseFile(path, out _, out var errors);
            if (errors.Length > 0)
            {
                throw new ArgumentException($"Settings file '{path}' is not a valid .psd1: {errors[0].Message} (line {errors[0].Extent.StartLineNumber}).");
            }

            var table = ast.Find(a => a is HashtableAst, false) as HashtableAst;
            if (table == null || ast.EndBlock == null || ast.EndBlock.Statements.Count != 1)
            {
                throw new ArgumentException($"Settings file '{path}' must hold exactly one hashtable: @{{ RootUsageWindowDays = 30 }}.");
            }

            try
            {
                return (IDictionary)table.SafeGetValue();
            }
            catch (InvalidOperationException e)
            {
                throw new ArgumentException($"Settings file '{path}' may hold only literal values ({e.Message}).", e);
            }
        }

        public static bool IsEmpty(IDictionary? table) => table == null || table.Keys.Cast<object>().Any() == false;
    }
}
