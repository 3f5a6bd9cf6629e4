using System;
using System.Collections.Generic;
using System.Linq;

namespace WASecurity.Policies
{
    /// <summary>
    /// One statement of a policy document. Exactly one of <c>Action</c>/<c>NotAction</c> is present; <c>Resource</c>
    /// and <c>NotResource</c> are optional (trust and other resource policies often omit them, which means "this
    /// resource"); <c>Principal</c>/<c>NotPrincipal</c> appear only in resource policies.
    /// </summary>
    public sealed class PolicyStatement
    {
        internal PolicyStatement(
            int index,
            string? sid,
            PolicyEffect effect,
            IReadOnlyList<string> actions,
            bool isNotAction,
            IReadOnlyList<string>? resources,
            bool isNotResource,
            PolicyPrincipal? principal,
            bool isNotPrincipal,
            IReadOnlyList<PolicyCondition> conditions)
        {
            Index = index;
            Sid = sid;
            Effect = effect;
            Actions = actions;
            IsNotAction = isNotAction;
            Resources = resources;
            IsNotResource = isNotResource;
            Principal = principal;
            IsNotPrincipal = isNotPrincipal;
            Conditions = conditions;
        }

        /// <summary>Zero-based position in the document (statements without a Sid are named by it).</summary>
        public int Index { get; }

        public string? Sid { get; }

        public PolicyEffect Effect { get; }

        /// <summary>The <c>Action</c> values, or the <c>NotAction</c> values when <see cref="IsNotAction"/>.</summary>
        public IReadOnlyList<string> Actions { get; }

        public bool IsNotAction { get; }

        /// <summary>The <c>Resource</c> (or <c>NotResource</c>) values; null when the statement has neither.</summary>
        public IReadOnlyList<string>? Resources { get; }

        public bool IsNotResource { get; }

        /// <summary>The <c>Principal</c> (or <c>NotPrincipal</c>) element; null when absent (identity policies).</summary>
        public PolicyPrincipal? Principal { get; }

        public bool IsNotPrincipal { get; }

        public IReadOnlyList<PolicyCondition> Conditions { get; }

        public bool HasConditions => Conditions.Count > 0;

        /// <summary>A short name for explanations: the Sid, or the 1-based position.</summary>
        public string DisplayName => string.IsNullOrEmpty(Sid) ? "statement #" + (Index + 1) : "statement '" + Sid + "'";

        /// <summary>True when the statement's Action/NotAction covers <paramref name="action"/> (case-insensitive).</summary>
        public bool MatchesAction(string action)
        {
            var listed = Actions.Any(pattern => WildcardPattern.IsMatch(pattern, action, ignoreCase: true));
            return IsNotAction ? !listed : listed;
        }

        /// <summary>
        /// Whether the statement's Resource/NotResource covers <paramref name="resource"/> (case-sensitive):
        /// True, False, or Unknown when only a policy variable the context does not know makes it match.
        /// </summary>
        public ConditionOutcome MatchesResource(string resource, RequestContext? context = null)
        {
            if (Resources == null)
            {
                return ConditionOutcome.True;
            }

            context ??= RequestContext.Empty;
            var exact = false;
            var widened = false;
            foreach (var pattern in Resources)
            {
                var substituted = PolicyVariables.Substitute(pattern, context);
                if (substituted != null)
                {
                    exact |= WildcardPattern.IsMatch(substituted, resource, ignoreCase: false);
                }
                else
                {
                    widened |= WildcardPattern.IsMatch(PolicyVariables.Widen(pattern, context), resource, ignoreCase: false);
                }
            }

            if (!IsNotResource)
            {
                return exact ? ConditionOutcome.True : widened ? ConditionOutcome.Unknown : ConditionOutcome.False;
            }

            // NotResource: applies when no listed pattern matches; a variable pattern that might match leaves it open.
            return exact ? ConditionOutcome.False : widened ? ConditionOutcome.Unknown : ConditionOutcome.True;
        }

        /// <summary>ANDs the statement's conditions.</summary>
        public ConditionOutcome EvaluateConditions(RequestContext? context = null)
        {
            context ??= RequestContext.Empty;
            var outcome = ConditionOutcome.True;
            foreach (var condition in Conditions)
            {
                var result = condition.Evaluate(context);
                if (result == ConditionOutcome.False)
                {
                    return ConditionOutcome.False;
                }

                if (result == ConditionOutcome.Unknown)
                {
                    outcome = ConditionOutcome.Unknown;
                }
            }

            return outcome;
        }

        public override string ToString()
            => DisplayName + ": " + Effect + " " + (IsNotAction ? "NotAction " : string.Empty) + string.Join(",", Actions)
               + (Resources == null ? string.Empty : " on " + (IsNotResource ? "NotResource " : string.Empty) + string.Join(",", Resources));
    }
}
