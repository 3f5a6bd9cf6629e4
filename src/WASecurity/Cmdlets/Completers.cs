using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using WASecurity.Aws;
using WASecurity.Catalog;

namespace WASecurity.Cmdlets
{
    /// <summary>Tab completion of -CheckId: the ids of the checks the command runs, with their titles.</summary>
    public sealed class CheckIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var answering = CheckCatalog.Questions.Where(q => string.Equals(q.Cmdlet, commandName, StringComparison.OrdinalIgnoreCase)).ToList();
            var questions = answering.Count > 0 ? answering : CheckCatalog.Questions.ToList();
            return Completion.Matching(wordToComplete, questions.SelectMany(q => q.Checks).Select(c => (c.CheckId, c.Title)));
        }
    }

    /// <summary>Tab completion of -Question: SEC01 … SEC12, with the question.</summary>
    public sealed class QuestionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completion.Matching(wordToComplete, CheckCatalog.Questions.Select(q => (q.Id, q.Title)));
    }

    /// <summary>Tab completion of -Region: AWS's public region names.</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        internal static readonly string[] Regions =
        {
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1",
            "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2",
            "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7", "ca-central-1", "ca-west-1",
            "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
            "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-gov-east-1", "us-gov-west-1",
            "cn-north-1", "cn-northwest-1",
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completion.Matching(wordToComplete, Regions.Select(r => (r, r)));
    }

    /// <summary>Tab completion of -ProfileName: the profile names in the shared credentials and config files (names only).</summary>
    public sealed class ProfileNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var location = fakeBoundParameters["ProfileLocation"] as string;
            var store = new SharedProfileStore(location, Environment.GetEnvironmentVariable);
            var names = IniSections.Names(store.CredentialsFilePath, isConfigFile: false)
                .Concat(IniSections.Names(store.ConfigFilePath, isConfigFile: true))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(n => n, StringComparer.Ordinal);
            return Completion.Matching(wordToComplete, names.Select(n => (n, $"profile {n}")));
        }
    }

    internal static class Completion
    {
        public static IEnumerable<CompletionResult> Matching(string word, IEnumerable<(string Value, string Tip)> candidates)
        {
            var typed = (word ?? string.Empty).Trim('\'', '"');
            NamePattern pattern;
            try
            {
                pattern = new NamePattern(typed.IndexOfAny(new[] { '*', '?' }) >= 0 ? typed : typed + "*");
            }
            catch (ArgumentException)
            {
                return Array.Empty<CompletionResult>();
            }

            return candidates
                .Where(c => pattern.IsMatch(c.Value))
                .Select(c => new CompletionResult(c.Value, c.Value, CompletionResultType.ParameterValue, string.IsNullOrEmpty(c.Tip) ? c.Value : c.Tip))
                .ToList();
        }
    }
}
