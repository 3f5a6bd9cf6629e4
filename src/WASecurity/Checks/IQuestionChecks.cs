using System.Collections.Generic;

namespace WASecurity.Checks
{
    /// <summary>The check logic of one question: evidence in, findings out.</summary>
    internal interface IQuestionChecks
    {
        IReadOnlyList<CheckImplementation> GetChecks();
    }
}
