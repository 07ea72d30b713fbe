using System.Collections;
using System.Text.Json;

namespace Winnow.Core.Records;

/// <summary>
/// Free-form record metadata: an immutable, insertion-ordered map from field name to a JSON value.
/// Ordered so that writing a record is deterministic; small, so a linear scan beats hashing.
/// </summary>
public sealed class Meta : IReadOnlyDictionary<string, JsonElement>, IEquatable<Meta>
{
    public static readonly Meta Empty = new([]);

    private readonly KeyValuePair<string, JsonElement>[] _entries;

    private Meta(KeyValuePair<string, JsonElement>[] entries) => _entries = entries;

    /// <summary>Builds a map from entries; a later entry with the same key replaces an earlier one.</summary>
    public static Meta From(IEnumerable<KeyValuePair<string, JsonElement>> entries)
    {
        var list = entries as IReadOnlyList<KeyValuePair<string, JsonElement>> ?? entries.ToList();
        if (list.Count == 0) return Empty;
        var result = new KeyValuePair<string, JsonElement>[list.Count];
        var n = 0;
        Dictionary<string, int>? index = list.Count > 16 ? new(StringComparer.Ordinal) : null; // many keys: no quadratic search
        foreach (var (k, v) in list)
        {
            int i;
            if (index is not null) i = index.TryGetValue(k, out var at) ? at : index[k] = n;
            else for (i = 0; i < n && !string.Equals(result[i].Key, k, StringComparison.Ordinal); i++) { }
            result[i] = new(k, v);
            if (i == n) n++;
        }
        if (n < result.Length) Array.Resize(ref result, n);
        return new Meta(result);
    }

    /// <summary>The entries in order, for writers that walk them without an enumerator.</summary>
    internal ReadOnlySpan<KeyValuePair<string, JsonElement>> Entries => _entries;

    public int Count => _entries.Length;

    public JsonElement this[string key] =>
        TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"meta has no field '{key}'");

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<JsonElement> Values => _entries.Select(e => e.Value);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out JsonElement value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _entries[i].Value : default;
        return i >= 0;
    }

    /// <summary>The value as text: a JSON string's value, or the raw JSON of anything else; null when absent.</summary>
    public string? GetString(string key) =>
        TryGetValue(key, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => v.GetRawText(),
            }
            : null;

    public Meta Set(string key, JsonElement value)
    {
        var i = IndexOf(key);
        var copy = new KeyValuePair<string, JsonElement>[i >= 0 ? _entries.Length : _entries.Length + 1];
        _entries.CopyTo(copy, 0);
        copy[i >= 0 ? i : _entries.Length] = new(key, value);
        return new Meta(copy);
    }

    public Meta Set(string key, string value) => Set(key, JsonValue(value));

    public Meta Set(string key, long value) => Set(key, JsonValue(value));

    public Meta Set(string key, double value) => Set(key, JsonValue(value));

    public Meta Remove(string key)
    {
        var i = IndexOf(key);
        if (i < 0) return this;
        var copy = new KeyValuePair<string, JsonElement>[_entries.Length - 1];
        Array.Copy(_entries, 0, copy, 0, i);
        Array.Copy(_entries, i + 1, copy, i, _entries.Length - i - 1);
        return new Meta(copy);
    }

    /// <summary>A standalone JSON element for a .NET value (string, number, bool, null).</summary>
    public static JsonElement JsonValue<T>(T value) => JsonSerializer.SerializeToElement(value);

    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, JsonElement>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(Meta? other)
    {
        if (other is null || other.Count != Count) return false;
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i].Key != other._entries[i].Key) return false;
            if (!JsonElement.DeepEquals(_entries[i].Value, other._entries[i].Value)) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Meta);

    public override int GetHashCode() => _entries.Length;

    private int IndexOf(string key)
    {
        for (var i = 0; i < _entries.Length; i++)
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal)) return i;
        return -1;
    }
}
