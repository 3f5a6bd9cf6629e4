using System;
using System.Collections;
using System.Collections.Generic;

namespace WASecurity
{
    /// <summary>
    /// A dictionary sorted by key whose keys and values pass <see cref="SafeText"/> as they are stored: the
    /// <see cref="Finding.Properties"/> of a finding, which the cmdlets expose as properties of the emitted object.
    /// It is a non-generic <see cref="IDictionary"/> too, so PowerShell serializes it (Export-Clixml, jobs,
    /// remoting) as the dictionary it is.
    /// </summary>
    internal sealed class SafeValueDictionary : IDictionary<string, object?>, IDictionary
    {
        private readonly SortedDictionary<string, object?> _inner = new SortedDictionary<string, object?>(StringComparer.Ordinal);

        public object? this[string key]
        {
            get => _inner[SafeKey(key)];
            set => _inner[SafeKey(key)] = SafeText.Value(value);
        }

        public ICollection<string> Keys => _inner.Keys;

        public ICollection<object?> Values => _inner.Values;

        public int Count => _inner.Count;

        public bool IsReadOnly => false;

        public void Add(string key, object? value) => _inner.Add(SafeKey(key), SafeText.Value(value));

        public void Add(KeyValuePair<string, object?> item) => Add(item.Key, item.Value);

        public void Clear() => _inner.Clear();

        public bool Contains(KeyValuePair<string, object?> item) =>
            _inner.TryGetValue(SafeKey(item.Key), out var value) && Equals(value, item.Value);

        public bool ContainsKey(string key) => _inner.ContainsKey(SafeKey(key));

        public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, object?>>)_inner).CopyTo(array, arrayIndex);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _inner.GetEnumerator();

        public bool Remove(string key) => _inner.Remove(SafeKey(key));

        public bool Remove(KeyValuePair<string, object?> item) => Contains(item) && _inner.Remove(SafeKey(item.Key));

        public bool TryGetValue(string key, out object? value) => _inner.TryGetValue(SafeKey(key), out value);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        ICollection IDictionary.Keys => _inner.Keys;

        ICollection IDictionary.Values => _inner.Values;

        bool IDictionary.IsFixedSize => false;

        bool ICollection.IsSynchronized => false;

        object ICollection.SyncRoot => ((ICollection)_inner).SyncRoot;

        object? IDictionary.this[object key]
        {
            get => key is string name && TryGetValue(name, out var value) ? value : null;
            set => this[KeyOf(key)] = value;
        }

        void IDictionary.Add(object key, object? value) => Add(KeyOf(key), value);

        bool IDictionary.Contains(object key) => key is string name && ContainsKey(name);

        IDictionaryEnumerator IDictionary.GetEnumerator() => ((IDictionary)_inner).GetEnumerator();

        void IDictionary.Remove(object key)
        {
            if (key is string name)
            {
                Remove(name);
            }
        }

        void ICollection.CopyTo(Array array, int index) => ((ICollection)_inner).CopyTo(array, index);

        private static string KeyOf(object key) => key as string ?? throw new ArgumentException("Property names are strings.", nameof(key));

        private static string SafeKey(string key) => SafeText.Line(key ?? throw new ArgumentNullException(nameof(key)))!;
    }
}
