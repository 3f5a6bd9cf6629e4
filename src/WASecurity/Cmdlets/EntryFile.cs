using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using System.Text.Json;
using WASecurity.Reports;
using WASecurity.Suppressions;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Reads the entries of a suppression or attestation file: a .psd1 read as data (parsed, never run, like
    /// settings files) or a JSON file. Either holds one table with a list under <c>listName</c>
    /// (<c>@{ Suppressions = @( @{ … }, … ) }</c> / <c>{ "Suppressions": [ { … } ] }</c>) or the list itself.
    /// </summary>
    internal static class EntryFile
    {
        /// <summary>The suppressions in <paramref name="path"/>, expired ones apart as of <paramref name="now"/>.</summary>
        public static SuppressionSet Suppressions(string path, DateTimeOffset now) => SuppressionSet.From(Read(path, SuppressionSet.ListName), now);

        /// <summary>The attestations in <paramref name="path"/>, expired ones apart as of <paramref name="now"/>.</summary>
        public static AttestationSet Attestations(string path, DateTimeOffset now) => AttestationSet.From(Read(path, AttestationSet.ListName), now);

        public static IReadOnlyList<EntryRecord> Read(string path, string listName)
        {
            if (!File.Exists(path))
            {
                throw new EntryFileException(path, $"The {listName.ToLowerInvariant()} file '{path}' does not exist.", notFound: true);
            }

            var root = string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase)
                ? ReadJson(path)
                : ReadPsd1(path);

            if (root is IDictionary table)
            {
                var key = table.Keys.Cast<object>().FirstOrDefault(k => string.Equals(k?.ToString(), listName, StringComparison.OrdinalIgnoreCase));
                if (key == null || table.Count != 1)
                {
                    throw new EntryFileException(path, $"'{path}' must hold one table with a single key '{listName}' whose value is a list of entries.");
                }

                root = table[key];
            }

            var list = root is IEnumerable sequence && !(root is string) && !(root is IDictionary)
                ? sequence.Cast<object?>().ToList()
                : root is IDictionary ? new List<object?> { root } : null;
            if (list == null)
            {
                throw new EntryFileException(path, $"'{path}': '{listName}' must be a list of entries.");
            }

            return list.Select((item, i) => item is IDictionary entry
                    ? new EntryRecord(path, i + 1, entry)
                    : throw new EntryFileException(path, $"'{path}', entry {i + 1}: an entry must be a table of names and values."))
                .ToList();
        }

        private static object? ReadPsd1(string path)
        {
            var ast = Parser.ParseFile(path, out _, out var errors);
            if (errors.Length > 0)
            {
                throw new EntryFileException(path, $"'{path}' is not a valid .psd1: {errors[0].Message} (line {errors[0].Extent.StartLineNumber}).");
            }

            var statements = ast.EndBlock?.Statements;
            var expression = statements != null && statements.Count == 1 && statements[0] is PipelineAst pipeline
                ? pipeline.GetPureExpression()
                : null;
            if (expression == null || ast.BeginBlock != null || ast.ProcessBlock != null || ast.ParamBlock != null)
            {
                throw new EntryFileException(path, $"'{path}' must hold exactly one table or list of tables, and nothing else.");
            }

            try
            {
                return expression.SafeGetValue();
            }
            catch (InvalidOperationException e)
            {
                throw new EntryFileException(path, $"'{path}' may hold only literal values ({e.Message}).", inner: e);
            }
        }

        private static object? ReadJson(string path)
        {
            try
            {
                using (var stream = File.OpenRead(path))
                using (var document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }))
                {
                    return FindingJson.ToValue(document.RootElement);
                }
            }
            catch (JsonException e)
            {
                throw new EntryFileException(path, $"'{path}' is not valid JSON: {e.Message}", inner: e);
            }
        }
    }
}
