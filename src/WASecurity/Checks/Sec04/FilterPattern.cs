using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace WASecurity.Checks.Sec04
{
    /// <summary>
    /// A CloudWatch Logs JSON filter pattern (<c>{ ($.eventName = X) || ($.eventName = Y) &amp;&amp; … }</c>) held as
    /// a disjunction of conjunctions of <see cref="FilterTerm"/>s, so that two patterns are compared by what they
    /// match rather than by how they are written. <c>&amp;&amp;</c> binds tighter than <c>||</c>; parentheses group.
    /// </summary>
    internal sealed class FilterPattern
    {
        // A pattern of a few dozen alternatives is normal; a product beyond this is not a monitoring filter.
        private const int MaxAlternatives = 4096;

        private FilterPattern(IReadOnlyList<IReadOnlyCollection<FilterTerm>> alternatives) => Alternatives = alternatives;

        /// <summary>The pattern in disjunctive normal form: it matches an event when all terms of any one alternative hold.</summary>
        public IReadOnlyList<IReadOnlyCollection<FilterTerm>> Alternatives { get; }

        /// <summary>Parses a JSON filter pattern; throws <see cref="FormatException"/> saying what is wrong.</summary>
        public static FilterPattern Parse(string text)
        {
            if (!TryParse(text, out var pattern, out var error))
            {
                throw new FormatException(error);
            }

            return pattern!;
        }

        /// <summary>Parses a JSON filter pattern; false (with the reason) for text patterns and malformed ones.</summary>
        public static bool TryParse(string? text, out FilterPattern? pattern, out string? error)
        {
            pattern = null;
            try
            {
                var parser = new Parser(Tokenize(text ?? string.Empty));
                var dnf = parser.ParsePattern();
                pattern = new FilterPattern(dnf.Select(c => (IReadOnlyCollection<FilterTerm>)c.ToList()).ToList());
                error = null;
                return true;
            }
            catch (FormatException e)
            {
                error = e.Message;
                return false;
            }
        }

        /// <summary>
        /// True when this pattern matches every event that <paramref name="required"/> matches: each alternative of
        /// the required pattern is at least as narrow as some alternative of this one (all of that alternative's
        /// terms are implied by the required alternative's terms). Extra alternatives here only widen the filter.
        /// </summary>
        public bool Covers(FilterPattern required) =>
            required.Alternatives.All(needed => Alternatives.Any(have => have.All(term => needed.Any(term.IsImpliedBy))));

        /// <summary>The required alternatives this pattern does not cover (what a filter is missing), for a finding's reason.</summary>
        public IReadOnlyList<IReadOnlyCollection<FilterTerm>> Uncovered(FilterPattern required) =>
            required.Alternatives.Where(needed => !Alternatives.Any(have => have.All(term => needed.Any(term.IsImpliedBy)))).ToList();

        public override string ToString() =>
            "{ " + string.Join(" || ", Alternatives.Select(a => "(" + string.Join(" && ", a) + ")")) + " }";

        private static List<Token> Tokenize(string text)
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }

                switch (c)
                {
                    case '{':
                    case '}':
                    case '(':
                    case ')':
                        tokens.Add(new Token(TokenKind.Punctuation, c.ToString()));
                        i++;
                        continue;
                    case '&':
                    case '|':
                        if (i + 1 >= text.Length || text[i + 1] != c)
                        {
                            throw new FormatException($"'{c}' at position {i + 1} is not '{c}{c}'.");
                        }

                        tokens.Add(new Token(TokenKind.Logical, new string(c, 2)));
                        i += 2;
                        continue;
                    case '=':
                    case '!':
                    case '<':
                    case '>':
                        var op = i + 1 < text.Length && text[i + 1] == '=' ? text.Substring(i, 2) : c.ToString();
                        if (op == "!")
                        {
                            throw new FormatException($"'!' at position {i + 1} is not '!='.");
                        }

                        tokens.Add(new Token(TokenKind.Comparison, op == "==" ? "=" : op));
                        i += op.Length;
                        continue;
                    case '"':
                        tokens.Add(new Token(TokenKind.Value, ReadQuoted(text, ref i)));
                        continue;
                }

                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && "{}()&|=!<>\"".IndexOf(text[i]) < 0)
                {
                    i++;
                }

                var word = text.Substring(start, i - start);
                tokens.Add(new Token(word.StartsWith("$", StringComparison.Ordinal) ? TokenKind.Selector : TokenKind.Word, word));
            }

            return tokens;
        }

        private static string ReadQuoted(string text, ref int i)
        {
            var builder = new StringBuilder();
            var start = i++;
            while (i < text.Length)
            {
                var c = text[i++];
                if (c == '\\' && i < text.Length)
                {
                    builder.Append(text[i++]);
                }
                else if (c == '"')
                {
                    return builder.ToString();
                }
                else
                {
                    builder.Append(c);
                }
            }

            throw new FormatException($"The quoted value starting at position {start + 1} is not closed.");
        }

        private enum TokenKind
        {
            Punctuation,
            Logical,
            Comparison,
            Selector,
            Word,
            Value,
        }

        private sealed class Token
        {
            public Token(TokenKind kind, string text)
            {
                Kind = kind;
                Text = text;
            }

            public TokenKind Kind { get; }

            public string Text { get; }

            public bool Is(TokenKind kind, string text) => Kind == kind && string.Equals(Text, text, StringComparison.Ordinal);

            public bool IsWord(string word) => Kind == TokenKind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Recursive descent straight into normal form: every rule returns its list of alternatives.</summary>
        private sealed class Parser
        {
            private readonly List<Token> _tokens;
            private int _position;

            public Parser(List<Token> tokens) => _tokens = tokens;

            private Token? Current => _position < _tokens.Count ? _tokens[_position] : null;

            public List<HashSet<FilterTerm>> ParsePattern()
            {
                if (Current == null || !Current.Is(TokenKind.Punctuation, "{"))
                {
                    throw new FormatException("It is not a JSON filter pattern (those are enclosed in '{ }').");
                }

                _position++;
                var result = ParseOr();
                Expect("}");
                if (Current != null)
                {
                    throw new FormatException($"Unexpected '{Current.Text}' after the closing '}}'.");
                }

                return result;
            }

            private List<HashSet<FilterTerm>> ParseOr()
            {
                var result = ParseAnd();
                while (Current != null && Current.Is(TokenKind.Logical, "||"))
                {
                    _position++;
                    result.AddRange(ParseAnd());
                    Limit(result.Count);
                }

                return result;
            }

            private List<HashSet<FilterTerm>> ParseAnd()
            {
                var result = ParsePrimary();
                while (Current != null && Current.Is(TokenKind.Logical, "&&"))
                {
                    _position++;
                    var right = ParsePrimary();
                    Limit(result.Count * right.Count);
                    result = result.SelectMany(l => right.Select(r => new HashSet<FilterTerm>(l.Concat(r)))).ToList();
                }

                return result;
            }

            private List<HashSet<FilterTerm>> ParsePrimary()
            {
                var token = Current ?? throw new FormatException("The pattern ends where a comparison was expected.");
                if (token.Is(TokenKind.Punctuation, "("))
                {
                    _position++;
                    var inner = ParseOr();
                    Expect(")");
                    return inner;
                }

                if (token.Kind != TokenKind.Selector)
                {
                    throw new FormatException($"Expected a '$.' selector, found '{token.Text}'.");
                }

                _position++;
                var selector = token.Text;
                var next = Current ?? throw new FormatException($"The comparison on {selector} has no operator.");
                FilterTerm term;
                if (next.IsWord("NOT"))
                {
                    _position++;
                    if (Current == null || !Current.IsWord("EXISTS"))
                    {
                        throw new FormatException($"Expected 'EXISTS' after 'NOT' on {selector}.");
                    }

                    _position++;
                    term = new FilterTerm(selector, "NOT EXISTS", null);
                }
                else if (next.IsWord("IS"))
                {
                    _position++;
                    var value = Current;
                    if (value == null || !(value.IsWord("NULL") || value.IsWord("TRUE") || value.IsWord("FALSE")))
                    {
                        throw new FormatException($"Expected NULL, TRUE or FALSE after 'IS' on {selector}.");
                    }

                    _position++;
                    term = new FilterTerm(selector, "IS", value.Text.ToUpperInvariant());
                }
                else if (next.Kind == TokenKind.Comparison)
                {
                    _position++;
                    var value = Current;
                    if (value == null || (value.Kind != TokenKind.Word && value.Kind != TokenKind.Value))
                    {
                        throw new FormatException($"The comparison {selector} {next.Text} has no value.");
                    }

                    _position++;
                    term = new FilterTerm(selector, next.Text, value.Text);
                }
                else
                {
                    throw new FormatException($"Expected an operator after {selector}, found '{next.Text}'.");
                }

                return new List<HashSet<FilterTerm>> { new HashSet<FilterTerm> { term } };
            }

            private void Expect(string punctuation)
            {
                if (Current == null || !Current.Is(TokenKind.Punctuation, punctuation))
                {
                    throw new FormatException($"Expected '{punctuation}', found {(Current == null ? "the end of the pattern" : "'" + Current.Text + "'")}.");
                }

                _position++;
            }

            private static void Limit(int count)
            {
                if (count > MaxAlternatives)
                {
                    throw new FormatException($"The pattern expands to more than {MaxAlternatives} alternatives.");
                }
            }
        }
    }
}
