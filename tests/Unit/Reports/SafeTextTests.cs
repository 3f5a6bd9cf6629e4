using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using WASecurity.Checks;
using Xunit;

namespace WASecurity.Tests.Reports
{
    public sealed class SafeTextTests
    {
        // What importing the module does: findings and reports learn to read PowerShell's values.
        public SafeTextTests() => WASecurity.Cmdlets.PowerShellValues.Register();

        [Theory]
        [InlineData("\u0000", "\\x00")]
        [InlineData("\u0007", "\\x07")]
        [InlineData("\u001b[2J", "\\x1B[2J")]
        [InlineData("\u001f", "\\x1F")]
        [InlineData("\u007f", "\\x7F")]
        [InlineData("\u0080", "\\x80")]
        [InlineData("\u009b", "\\x9B")]
        [InlineData("\u009f", "\\x9F")]
        [InlineData("\u061c\u200e\u200f", "\\u061C\\u200E\\u200F")]
        [InlineData("\u202a\u202b\u202c\u202d\u202e", "\\u202A\\u202B\\u202C\\u202D\\u202E")]
        [InlineData("\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069")]
        [InlineData("\u2028\u2029", "\\u2028\\u2029")]
        [InlineData("\ufffe\uffff", "\\uFFFE\\uFFFF")]
        [InlineData("a\tb\r\nc\n", "a\\x09b\\x0D\\x0Ac\\x0A")]
        public void Line_escapes_every_control_bidi_and_xml_invalid_character(string text, string expected)
        {
            Assert.Equal(expected, SafeText.Line(text));
        }

        [Fact]
        public void Unpaired_surrogates_are_escaped_and_pairs_kept()
        {
            // Built at run time: test data attributes cannot carry an unpaired surrogate intact.
            var text = new string(new[] { '\ud800', 'x', '\udc00', '\ud83d', '\ude00', '\ud83d' });
            Assert.Equal("\\uD800x\\uDC00\ud83d\ude00\\uD83D", SafeText.Line(text));
        }

        [Theory]
        [InlineData("a\tb\r\nc\nd", "a\tb\r\nc\nd")]
        [InlineData("over\rwrite", "over\\x0Dwrite")]
        [InlineData("end\r", "end\\x0D")]
        [InlineData("\u001b]8;;http://x/\u001b\\link\u001b]8;;\u001b\\", "\\x1B]8;;http://x/\\x1B\\link\\x1B]8;;\\x1B\\")]
        public void Block_keeps_line_breaks_and_tabs_but_not_a_lone_carriage_return(string text, string expected)
        {
            Assert.Equal(expected, SafeText.Block(text));
        }

        [Theory]
        [InlineData("plain-ascii resource_id/42 = +@")]
        [InlineData("café naïve 東京 Ελληνικά עברית")]
        [InlineData("emoji \U0001F600 pair")]
        [InlineData("already escaped \\x1B[2J \\u202E")]
        [InlineData("")]
        public void Clean_text_comes_back_as_the_same_instance(string text)
        {
            Assert.Same(text, SafeText.Line(text));
            Assert.Same(text, SafeText.Block(text));
            Assert.True(SafeText.IsClean(text));
        }

        [Fact]
        public void Escaping_is_idempotent_and_null_stays_null()
        {
            var once = SafeText.Line("x\u001b[2J\u202e\u0000");
            Assert.Same(once, SafeText.Line(once));
            Assert.Null(SafeText.Line(null));
            Assert.Null(SafeText.Block(null));
        }

        [Fact]
        public void Values_are_escaped_recursively_and_clean_values_kept_as_they_are()
        {
            var clean = new OrderedDictionary { ["a"] = new object[] { "x", 1 }, ["b"] = true };
            Assert.Same(clean, SafeText.Value(clean));
            Assert.Equal(42, SafeText.Value(42));
            var date = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            Assert.Equal(date, SafeText.Value(date));

            var custom = new PSObject();
            custom.Properties.Add(new PSNoteProperty("Name\u001b", "v\u0007"));
            var value = new Hashtable
            {
                ["k\u202e"] = new List<object?> { "a\u001b", 2, new Dictionary<string, string> { ["n"] = "\u009b" } },
                ["custom"] = custom,
            };
            var escaped = Assert.IsType<OrderedDictionary>(SafeText.Value(value));
            var list = Assert.IsType<object?[]>(escaped["k\\u202E"]);
            Assert.Equal("a\\x1B", list[0]);
            Assert.Equal(2, list[1]);
            Assert.Equal("\\x9B", Assert.IsType<OrderedDictionary>(list[2])["n"]);
            Assert.Equal("v\\x07", Assert.IsType<OrderedDictionary>(escaped["custom"])["Name\\x1B"]);
        }

        [Fact]
        public void Evidence_keeps_its_order_and_escapes_keys_in_place()
        {
            var finding = new Finding()
                .With("first", 1)
                .With("tag\u001b", "v\u001b")
                .With("last", new[] { "x\u0007" });
            finding.Evidence["direct\u009b"] = "\u202e";
            finding.Evidence["tag\\x1B"] = "collides";

            var evidence = finding.Evidence;
            Assert.Equal(new object[] { "first", "tag\\x1B", "last", "direct\\x9B" }, new ArrayList(evidence.Keys).ToArray());
            Assert.Equal("collides", evidence["tag\\x1B"]);
            Assert.Equal("\\u202E", evidence["direct\\x9B"]);
            Assert.Equal(new object?[] { "x\\x07" }, evidence["last"]);

            // A raw key that escapes to a key already present keeps its value under a numbered key.
            var held = finding.Evidence;
            held["first\u0000"] = "a";
            held["first\\x00"] = "b";
            Assert.Equal(new object[] { "first", "tag\\x1B", "last", "direct\\x9B", "first\\x00#5", "first\\x00" }, new ArrayList(finding.Evidence.Keys).ToArray());
            Assert.Equal("a", finding.Evidence["first\\x00#5"]);
            Assert.Equal("b", finding.Evidence["first\\x00"]);
        }

        [Fact]
        public void Finding_texts_are_escaped_as_they_are_set_and_prose_keeps_its_line_breaks()
        {
            var finding = new Finding
            {
                ResourceId = "id\nfake line",
                Reason = "Line one.\nLine two\u001b[2J.",
                Remediation = "Run:\r\n  aws s3api ...",
                Justification = "ok\rspoof",
                ResourceArn = null,
                Cis = new[] { "3.0/1.1", "x\u0000" },
            };
            finding.Properties["Name\u001b"] = "v\u202e";

            Assert.Equal("id\\x0Afake line", finding.ResourceId);
            Assert.Equal("Line one.\nLine two\\x1B[2J.", finding.Reason);
            Assert.Equal("Run:\r\n  aws s3api ...", finding.Remediation);
            Assert.Equal("ok\\x0Dspoof", finding.Justification);
            Assert.Null(finding.ResourceArn);
            Assert.Equal(new[] { "3.0/1.1", "x\\x00" }, finding.Cis);
            Assert.Equal("v\\u202E", finding.Properties["Name\\x1B"]);
            Assert.True(finding.Properties.ContainsKey("Name\u001b"));
            Assert.Equal("id\\x0Afake line", finding.ToString().Split(' ', 3)[2]);
        }
    }
}
