using System.Collections.Generic;
using WASecurity.Checks;

namespace WASecurity.Engine
{
    /// <summary>What an assessment reports as it goes; a host (the cmdlets) turns it into pipeline output and progress.</summary>
    internal interface IAssessmentObserver
    {
        /// <summary>The account and regions are known and the checks start: how many questions and checks will run.</summary>
        void OnStarted(WASecurity.Evidence.AccountContext account, IReadOnlyList<string> regions, int questions, int checks);

        /// <summary>One question is complete: its findings, attested and suppressed, and how many questions are done.</summary>
        void OnQuestionDone(QuestionDefinition question, IReadOnlyList<Finding> findings, int done, int total);

        /// <summary>Something the user should know that is not a finding (a stale suppression, for instance).</summary>
        void OnWarning(string message);
    }
}
