using System.Text.Json;

namespace Winnow.Core.IO.Readers;

/// <summary>
/// JSON may escape a lone UTF-16 surrogate (<c>"\ud800"</c>), which no Unicode string can hold; System.Text.Json
/// throws <see cref="InvalidOperationException"/> only when the string is read, deep in a step or a writer. A line
/// whose bytes hold a <c>\uD800</c>–<c>\uDFFF</c> escape has each of its strings and keys read once here, so a bad
/// one is an <see cref="InputException"/> naming the field (a reject under <c>on_error: skip</c>). Lines without
/// such an escape (almost all) cost one vectorised search.
/// </summary>
internal static class JsonSurrogates
{
    public static void Check(JsonElement root, ReadOnlySpan<byte> json, SourceLocation loc)
    {
        if (!HasSurrogateEscape(json)) return;
        Walk(root, "", loc);
    }

    internal static bool HasSurrogateEscape(ReadOnlySpan<byte> json)
    {
        var at = 0;
        while (true)
        {
            var i = json[at..].IndexOf("\\u"u8);
            if (i < 0) return false;
            at += i + 2;
            if (at + 1 < json.Length && json[at] is (byte)'d' or (byte)'D' && json[at + 1] is >= (byte)'8' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F')
                return true;
        }
    }

    private static void Walk(JsonElement e, string path, SourceLocation loc)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                Read(() => e.GetString(), path, loc);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray()) Walk(item, $"{path}[{i++}]", loc);
                break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    var name = Read(() => p.Name, path.Length == 0 ? "(a key)" : path + ".(a key)", loc);
                    Walk(p.Value, path.Length == 0 ? name : $"{path}.{name}", loc);
                }
                break;
        }
    }

    private static string Read(Func<string?> get, string path, SourceLocation loc)
    {
        try { return get() ?? ""; }
        catch (InvalidOperationException)
        {
            throw new InputException(loc.File, loc.Line,
                "the string has a lone surrogate escape (\\uD800–\\uDFFF without its pair), which is not valid Unicode; fix or remove it",
                path.Length == 0 ? null : path);
        }
    }
}
