using System;
using System.Collections.Generic;
using WASecurity.Settings;

namespace WASecurity.Checks
{
    /// <summary>One classic Well-Architected security question with its checks, settings and cmdlet.</summary>
    public sealed class QuestionDefinition
    {
        internal QuestionDefinition(
            string id,
            string title,
            string area,
            string cmdlet,
            IReadOnlyList<CheckDefinition> checks,
            IReadOnlyList<SettingDefinition> settings,
            Func<IQuestionChecks> createChecks)
        {
            Id = id;
            Title = title;
            Area = area;
            Cmdlet = cmdlet;
            Checks = checks;
            Settings = settings;
            CreateChecks = createChecks;
            foreach (var check in checks)
            {
                check.Area = area;
            }
        }

        /// <summary>SEC01 … SEC12.</summary>
        public string Id { get; }

        public string Title { get; }

        public string Area { get; }

        /// <summary>The cmdlet that answers the question.</summary>
        public string Cmdlet { get; }

        public IReadOnlyList<CheckDefinition> Checks { get; }

        public IReadOnlyList<SettingDefinition> Settings { get; }

        internal Func<IQuestionChecks> CreateChecks { get; }

        public override string ToString() => Id;
    }
}
