using System;
using System.Collections.Generic;

namespace WASecurity.Aws
{
    /// <summary>
    /// What the AWS Query protocol's XML does not say but the AWS CLI's JSON shows: which elements are lists even
    /// when empty, which leaves are numbers, which maps hold numbers, and which strings are URL-encoded JSON
    /// documents (IAM policies) the CLI prints as objects. Booleans need no hint: Query services spell them
    /// <c>true</c>/<c>false</c> and the CLI prints them as JSON booleans — except where a string field happens to
    /// hold that text (an IAM user named "true"), which <see cref="Texts"/> names.
    /// </summary>
    internal sealed class QueryShape
    {
        public static readonly QueryShape Empty = new QueryShape();

        public QueryShape(
            IEnumerable<string>? lists = null,
            IEnumerable<string>? numbers = null,
            IEnumerable<string>? maps = null,
            IEnumerable<string>? documents = null,
            IEnumerable<string>? texts = null,
            IEnumerable<string>? members = null)
        {
            Lists = new HashSet<string>(lists ?? Array.Empty<string>(), StringComparer.Ordinal);
            Numbers = new HashSet<string>(numbers ?? Array.Empty<string>(), StringComparer.Ordinal);
            Maps = new HashSet<string>(maps ?? Array.Empty<string>(), StringComparer.Ordinal);
            Documents = new HashSet<string>(documents ?? Array.Empty<string>(), StringComparer.Ordinal);
            Texts = new HashSet<string>(texts ?? Array.Empty<string>(), StringComparer.Ordinal);
            Members = new HashSet<string>(members ?? Array.Empty<string>(), StringComparer.Ordinal);
        }

        /// <summary>Element names that are lists (so an empty element becomes <c>[]</c>, not <c>""</c>).</summary>
        public ISet<string> Lists { get; }

        /// <summary>Leaf names printed as numbers; for a map name, its values are numbers.</summary>
        public ISet<string> Numbers { get; }

        /// <summary>Element names that are maps (so an empty element becomes <c>{}</c>).</summary>
        public ISet<string> Maps { get; }

        /// <summary>Leaves holding a URL-encoded JSON document (policy documents).</summary>
        public ISet<string> Documents { get; }

        /// <summary>
        /// Leaves (or lists of leaves) that are strings in the API model, so "true" or "false" stays text: names,
        /// paths, descriptions, tag values.
        /// </summary>
        public ISet<string> Texts { get; }

        /// <summary>
        /// Names of list items other than <c>member</c>/<c>item</c>: RDS wraps each list entry in an element named after
        /// its type (<c>&lt;DBInstances&gt;&lt;DBInstance&gt;</c>, <c>&lt;TagList&gt;&lt;Tag&gt;</c>), which reads as a structure without this.
        /// </summary>
        public ISet<string> Members { get; }

        /// <summary>This shape plus another's hints (a service's common hints plus one operation's).</summary>
        public QueryShape With(QueryShape other)
        {
            var merged = new QueryShape(Lists, Numbers, Maps, Documents, Texts, Members);
            merged.Lists.UnionWith(other.Lists);
            merged.Numbers.UnionWith(other.Numbers);
            merged.Maps.UnionWith(other.Maps);
            merged.Documents.UnionWith(other.Documents);
            merged.Texts.UnionWith(other.Texts);
            merged.Members.UnionWith(other.Members);
            return merged;
        }
    }
}
