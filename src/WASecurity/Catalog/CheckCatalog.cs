using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Checks.Sec01;
using WASecurity.Checks.Sec02;
using WASecurity.Checks.Sec03;
using WASecurity.Checks.Sec04;
using WASecurity.Checks.Sec05;
using WASecurity.Checks.Sec06;
using WASecurity.Checks.Sec07;
using WASecurity.Checks.Sec08;
using WASecurity.Checks.Sec09;
using WASecurity.Checks.Sec10;
using WASecurity.Checks.Sec11;
using WASecurity.Checks.Sec12;
using WASecurity.Checks;
using WASecurity.Settings;

namespace WASecurity.Catalog
{
    /// <summary>Every question and check the module implements, in question order.</summary>
    public static class CheckCatalog
    {
        private static readonly Lazy<IReadOnlyList<QuestionDefinition>> LazyQuestions =
            new Lazy<IReadOnlyList<QuestionDefinition>>(Build);

        public static IReadOnlyList<QuestionDefinition> Questions => LazyQuestions.Value;

        public static IEnumerable<CheckDefinition> Checks => Questions.SelectMany(q => q.Checks);

        public static QuestionDefinition GetQuestion(string id) =>
            Questions.FirstOrDefault(q => string.Equals(q.Id, id, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown question '{id}'. Known: {string.Join(", ", Questions.Select(q => q.Id))}.", nameof(id));

        public static bool TryGetQuestion(string id, out QuestionDefinition question)
        {
            question = Questions.FirstOrDefault(q => string.Equals(q.Id, id, StringComparison.OrdinalIgnoreCase))!;
            return question != null;
        }

        /// <summary>Every setting a check reads, from the questions that declare them.</summary>
        public static IEnumerable<SettingDefinition> SettingDefinitions => Questions.SelectMany(q => q.Settings);

        /// <summary>Every setting at its default.</summary>
        public static AssessmentSettings DefaultSettings => CreateSettings(null, null);

        /// <summary>The catalog's settings from defaults, a file's table and a call's table (see <see cref="AssessmentSettings.Create"/>).</summary>
        public static AssessmentSettings CreateSettings(IDictionary? fromFile, IDictionary? fromCall, string? fileName = null) =>
            AssessmentSettings.Create(SettingDefinitions, fromFile, fromCall, fileName);

        public static CheckDefinition GetCheck(string checkId) =>
            Checks.FirstOrDefault(c => string.Equals(c.CheckId, checkId, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown check '{checkId}'.", nameof(checkId));

        // One line per implemented question; each question's metadata lives in its own Catalog/SecNN*.cs file.
        private static IReadOnlyList<QuestionDefinition> Build() => new[]
        {
            Sec01Catalog.Question,
            Sec02Catalog.Question,
            Sec03Catalog.Question,
            Sec04Catalog.Question,
            Sec05Catalog.Question,
            Sec06Catalog.Question,
            Sec07Catalog.Question,
            Sec08Catalog.Question,
            Sec09Catalog.Question,
            Sec10Catalog.Question,
            Sec11Catalog.Question,
            Sec12Catalog.Question,
        };
    }
}
