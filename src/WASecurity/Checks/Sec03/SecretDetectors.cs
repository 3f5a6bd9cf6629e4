using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace WASecurity.Checks.Sec03
{
    /// <summary>One likely secret: what kind, and where it sits. It never holds the secret's value.</summary>
    internal sealed class SecretHit
    {
        public SecretHit(string kind, string location)
        {
            Kind = kind;
            Location = location;
        }

        /// <summary>What it looks like: "AWS access key id", "private key", "password", …</summary>
        public string Kind { get; }

        /// <summary>Where: "line 12", "variable DB_PASSWORD", "output ApiToken".</summary>
        public string Location { get; }

        public override string ToString() => $"{Kind} ({Location})";
    }

    /// <summary>
    /// Finds secrets written into configuration that anyone with read access to it can see (user data, environment
    /// variables, stack outputs). Well-defined detectors only, so a finding can be trusted:
    /// <list type="bullet">
    /// <item>the shapes AWS and common providers give their credentials (AWS access key ids, a 40-character secret
    /// key next to its name, PEM private keys, GitHub, Slack, Stripe and Google API tokens, Slack webhooks);</item>
    /// <item>a password inside a URL (<c>scheme://user:password@host</c>);</item>
    /// <item>a value assigned to a secret-like name (password, secret, token, api key, …): for password names any
    /// literal of 6 characters or more, for the others a high-entropy value of 16 characters or more.</item>
    /// </list>
    /// References to a secret store (<c>{{resolve:secretsmanager:…}}</c>, ARNs, <c>${VAR}</c>, SSM parameter names)
    /// are not secrets. Text is scanned line by line: its first 20,000 lines and 1 MiB.
    /// </summary>
    internal static class SecretDetectors
    {
        private const int MaxLines = 20000;
        private const int MaxLength = 1024 * 1024;

        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

        private static readonly (string Kind, Regex Pattern)[] Shapes =
        {
            ("AWS access key id", Rx(@"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z0-9])")),
            ("private key", Rx(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")),
            ("GitHub token", Rx(@"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})(?![A-Za-z0-9_])")),
            ("Slack token", Rx(@"(?<![A-Za-z0-9])xox[abposr]-[0-9A-Za-z-]{10,}")),
            ("Slack webhook", Rx(@"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,}")),
            ("Stripe live key", Rx(@"(?<![A-Za-z0-9])(?:sk|rk)_live_[0-9A-Za-z]{20,}")),
            ("Google API key", Rx(@"(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])")),
        };

        /// <summary><c>aws_secret_access_key = …</c>, <c>SecretAccessKey: …</c>: the name makes a 40-character value a secret key.</summary>
        private static readonly Regex AwsSecretKey = Rx(@"(?i)(?:aws_?)?secret_?access_?key[""']?\s*[:=]\s*[""']?(?<value>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])");

        private static readonly Regex UrlPassword = Rx(@"[A-Za-z][A-Za-z0-9+.-]{1,15}://[^\s/:@]{1,64}:(?<value>[^\s@/]{3,128})@[A-Za-z0-9.-]+");

        /// <summary>
        /// <c>NAME=value</c>, <c>NAME: value</c>, <c>"name": "value"</c>, <c>--name value</c>, <c>export NAME=value</c>.
        /// </summary>
        private static readonly Regex Assignment = Rx(
            @"(?:^|[\s;,{(""'])(?:export\s+|set\s+|--)?[""']?(?<name>[A-Za-z_][A-Za-z0-9_.-]{1,63})[""']?\s*(?:[:=]|\s(?=[""']))\s*(?<quote>[""']?)(?<value>[^\s""';,}]{1,512})\k<quote>");

        private static readonly Regex PasswordName = Rx(@"(?i)(?:pass(?:word|wd|phrase)?|pwd)(?:$|[_.-])|(?:^|[_.-])(?:pass(?:word|wd|phrase)?|pwd)");

        private static readonly Regex SecretName = Rx(@"(?i)secret|token|api_?key|apikey|access_?key|private_?key|client_?secret|auth_?key|credential|signing_?key|encryption_?key");

        /// <summary>Values that point at a secret instead of holding it, or say that none is set.</summary>
        private static readonly Regex Reference = Rx(
            @"(?i)^(?:\$\{?|\$\(|\{\{|%|<|arn:|/aws/reference/|ssm:|secretsmanager:|resolve:|\*+$|x+$|null$|none$|true$|false$|yes$|no$|changeit$|required$|optional$|env:|file:|vault:|https?://)");

        private static readonly Regex LineSplit = Rx(@"\r\n|\r|\n");

        /// <summary>Scans free text (user data) line by line; each hit is located by its line number.</summary>
        public static IReadOnlyList<SecretHit> ScanText(string? text)
        {
            var hits = new List<SecretHit>();
            if (string.IsNullOrEmpty(text))
            {
                return hits;
            }

            var lines = LineSplit.Split(text!.Length > MaxLength ? text.Substring(0, MaxLength) : text);
            for (var i = 0; i < lines.Length && i < MaxLines; i++)
            {
                var line = lines[i];
                foreach (var kind in KindsInLine(line))
                {
                    hits.Add(new SecretHit(kind, $"line {i + 1}"));
                }
            }

            return hits;
        }

        /// <summary>Scans one named value (an environment variable, a stack output): the name is the context.</summary>
        public static IReadOnlyList<SecretHit> ScanValue(string name, string? value, string where)
        {
            var hits = new List<SecretHit>();
            if (string.IsNullOrEmpty(value))
            {
                return hits;
            }

            var text = value!.Length > MaxLength ? value.Substring(0, MaxLength) : value;
            var kinds = new HashSet<string>(KindsInLine(text), StringComparer.Ordinal);
            var named = NamedKind(name, text.Trim());
            if (named != null && kinds.Count == 0)
            {
                kinds.Add(named);
            }

            hits.AddRange(kinds.Select(kind => new SecretHit(kind, $"{where} {name}")));
            return hits;
        }

        /// <summary>A summary for a finding's reason: "an AWS access key id (line 3) and a password (line 7)".</summary>
        public static string Describe(IReadOnlyList<SecretHit> hits)
        {
            var parts = hits.Take(5).Select(h => $"{Article(h.Kind)} {h.Kind} ({h.Location})").ToList();
            var text = parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[parts.Count - 1];
            return hits.Count > 5 ? $"{text}, and {hits.Count - 5} more" : text;
        }

        /// <summary>Shannon entropy of the text in bits per character.</summary>
        internal static double Entropy(string text)
        {
            if (text.Length == 0)
            {
                return 0;
            }

            return text.GroupBy(c => c)
                .Select(g => (double)g.Count() / text.Length)
                .Sum(p => -p * Math.Log(p, 2));
        }

        private static IEnumerable<string> KindsInLine(string line)
        {
            var kinds = new List<string>();
            foreach (var (kind, pattern) in Shapes)
            {
                if (pattern.IsMatch(line))
                {
                    kinds.Add(kind);
                }
            }

            if (AwsSecretKey.IsMatch(line))
            {
                kinds.Add("AWS secret access key");
            }

            foreach (Match url in UrlPassword.Matches(line))
            {
                if (!Reference.IsMatch(url.Groups["value"].Value))
                {
                    kinds.Add("password in a URL");
                    break;
                }
            }

            if (kinds.Count == 0)
            {
                foreach (Match assignment in Assignment.Matches(line))
                {
                    var named = NamedKind(assignment.Groups["name"].Value, assignment.Groups["value"].Value);
                    if (named != null)
                    {
                        kinds.Add(named);
                        break;
                    }
                }
            }

            return kinds.Distinct(StringComparer.Ordinal);
        }

        /// <summary>What a value under this name is, when the name says it is secret and the value looks like one.</summary>
        private static string? NamedKind(string name, string value)
        {
            if (value.Length == 0 || Reference.IsMatch(value) || IsBareName(value))
            {
                return null;
            }

            if (PasswordName.IsMatch(name))
            {
                return value.Length >= 6 ? "password" : null;
            }

            if (SecretName.IsMatch(name) && value.Length >= 16 && Entropy(value) >= 3.5 && ClassCount(value) >= 2)
            {
                return "high-entropy secret";
            }

            return null;
        }

        /// <summary>
        /// An identifier that names where the secret is (<c>DB_PASSWORD=db_password_param</c>, <c>/prod/db/password</c>):
        /// lower-case words and separators only, one of them saying what it names.
        /// </summary>
        private static bool IsBareName(string value) =>
            value.All(c => char.IsLower(c) || c == '_' || c == '-' || c == '.' || c == '/') && NamingWord.IsMatch(value);

        private static readonly Regex NamingWord = Rx("pass|secret|token|key|param|name|arn|path");

        private static int ClassCount(string value) =>
            (value.Any(char.IsUpper) ? 1 : 0) + (value.Any(char.IsLower) ? 1 : 0) + (value.Any(char.IsDigit) ? 1 : 0) + (value.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);

        private static string Article(string kind) => "aeiouAEIOU".IndexOf(kind[0]) >= 0 ? "an" : "a";

        private static Regex Rx(string pattern) => new Regex(pattern, RegexOptions.CultureInvariant, Timeout);
    }
}
