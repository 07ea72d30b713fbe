using System.Collections.Immutable;
using System.Text.Json;
using Winnow.Core.IO;
using Winnow.Core.Records;

namespace Winnow.Core.Formats;

/// <summary>
/// One source object (a JSON object, a CSV row, a Parquet row — all seen as a <see cref="JsonElement"/>)
/// → a <see cref="Record"/>, through a <see cref="FieldMapping"/>. Unmapped fields go to meta in source
/// order, keeping their JSON type. A Winnow-written object restores its <c>meta</c> and <c>provenance</c>.
/// The fine-tuning shapes are recognised by their keys: OpenAI chat (<c>messages</c>), ShareGPT
/// (<c>conversations</c> of <c>from</c>/<c>value</c>), Alpaca (<c>instruction</c>/<c>input</c>/<c>output</c>).
/// </summary>
internal static class RecordMapper
{
    /// <param name="borrowed">The root's document is disposed after this call: values kept in meta are copied out of it.</param>
    public static Record Map(JsonElement root, FieldMapping fields, SourceLocation loc, bool assignSource = true, bool borrowed = false)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw Error(loc, $"expected a JSON object, found {Describe(root.ValueKind)}");

        foreach (var required in fields.Required)
            if (!root.TryGetProperty(required, out var v) || v.ValueKind == JsonValueKind.Null)
                throw new InputException(loc.File, loc.Line, $"the mapped field is missing; the row has {Fields(root)}", required);

        // One pass over the properties (this is the hot path of reading): mapped fields are taken, the rest
        // are kept in source order as meta candidates.
        string? id = null, text = null, prompt = null, completion = null, label = null;
        var labels = ImmutableArray<string>.Empty;
        var spans = ImmutableArray<TextSpan>.Empty;
        var messages = ImmutableArray<ChatMessage>.Empty;
        var rest = t_rest ??= new List<KeyValuePair<string, JsonElement>>(8);
        rest.Clear();
        var seen = 0; // bits of the mapped fields met so far
        var utf8 = Utf8Names.Of(fields);
        foreach (var p in root.EnumerateObject())
        {
            // Field names are matched as UTF-8 (no string per key); only a key that goes to meta gets its string.
            var v = p.Value;
            var mapped = false;
            if (Is(p, utf8.Id)) { Once(ref seen, 1, fields.Id!, loc); id = NullIfEmpty(AsString(v, fields.Id!, loc)); mapped = true; }
            if (Is(p, utf8.Text)) { Once(ref seen, 2, fields.Text!, loc); text = AsString(v, fields.Text!, loc); mapped = true; }
            if (Is(p, utf8.Prompt)) { Once(ref seen, 4, fields.Prompt!, loc); prompt = AsString(v, fields.Prompt!, loc); mapped = true; }
            if (Is(p, utf8.Completion)) { Once(ref seen, 8, fields.Completion!, loc); completion = AsString(v, fields.Completion!, loc); mapped = true; }
            if (Is(p, utf8.Label)) { Once(ref seen, 16, fields.Label!, loc); label = NullIfEmpty(AsString(v, fields.Label!, loc)); mapped = true; }
            if (Is(p, utf8.Labels)) { Once(ref seen, 32, fields.Labels!, loc); labels = LabelList(v, fields.Labels!, loc); mapped = true; }
            if (Is(p, utf8.Spans)) { Once(ref seen, 128, fields.Spans!, loc); spans = SpanList(JsonInString(v, JsonValueKind.Array), fields.Spans!, loc); mapped = true; }
            if (Is(p, utf8.Messages))
            {
                var name = fields.Messages!;
                Once(ref seen, 64, name, loc);
                if (v.ValueKind != JsonValueKind.Null && !(v.ValueKind == JsonValueKind.String && v.ValueEquals("")))
                    messages = Messages(JsonInString(v, JsonValueKind.Array), name, "role", "content", null, loc);
                mapped = true;
            }
            if (!mapped) rest.Add(new(p.Name, v));
        }
        if (rest.Count > 1) CheckDistinct(rest, loc);

        if (messages.IsEmpty && Find(rest, "conversations") is var c and >= 0 && rest[c].Value.ValueKind == JsonValueKind.Array)
        {
            // ShareGPT: {"conversations":[{"from":"system|human|gpt","value":…}]}
            messages = Messages(rest[c].Value, "conversations", "from", "value", ShareGptRole, loc);
            rest.RemoveAt(c);
        }

        if (prompt is null && completion is null && messages.IsEmpty
            && Find(rest, "instruction") is var ins and >= 0 && rest[ins].Value.ValueKind == JsonValueKind.String
            && Find(rest, "output") is var outp and >= 0)
        {
            // Alpaca: prompt = instruction + "\n\n" + input (when non-empty); instruction/input stay in meta.
            var instruction = rest[ins].Value.GetString();
            var input = Find(rest, "input") is var inp and >= 0 ? AsString(rest[inp].Value, "input", loc) : null;
            prompt = string.IsNullOrEmpty(input) ? instruction : instruction + "\n\n" + input;
            completion = AsString(rest[outp].Value, "output", loc);
            rest.RemoveAt(outp);
        }

        if (text is null && prompt is null && completion is null && messages.IsEmpty)
            throw Error(loc, "the record has no content: none of text, messages, prompt or completion is present "
                + $"(looked for fields {Names(fields)})");

        if (!spans.IsEmpty)
        {
            spans = TextSpans.Sorted(spans);
            TextSpans.Validate(spans, text, loc);
        }

        Provenance? provenance = null;
        var meta = t_meta ??= new List<KeyValuePair<string, JsonElement>>(8);
        meta.Clear();
        foreach (var (name, value) in rest)
        {
            var v = name is "meta" or "provenance" ? JsonInString(value, JsonValueKind.Object) : value;
            if (name is "meta" or "provenance" && v.ValueKind == JsonValueKind.String && v.ValueEquals("")) continue; // an empty CSV cell
            if (name == "meta" && v.ValueKind == JsonValueKind.Object)
            {
                foreach (var m in v.EnumerateObject())
                    if (KeepInMeta(fields, m.Name)) meta.Add(new(m.Name, borrowed ? m.Value.Clone() : m.Value));
            }
            else if (name == "provenance" && v.ValueKind == JsonValueKind.Object)
                provenance = ReadProvenance(v, loc);
            else if (KeepInMeta(fields, name))
                meta.Add(new(name, borrowed ? v.Clone() : v));
        }
        rest.Clear(); // the elements must not outlive a borrowed document in this thread's list
        return Build(id, text, prompt, completion, label, labels, spans, messages, meta, provenance, assignSource, loc);
    }

    private static Record Build(string? id, string? text, string? prompt, string? completion, string? label,
        ImmutableArray<string> labels, ImmutableArray<TextSpan> spans, ImmutableArray<ChatMessage> messages,
        List<KeyValuePair<string, JsonElement>> meta, Provenance? provenance, bool assignSource, SourceLocation loc)
    {
        var record = new Record
        {
            Id = id ?? "",
            Text = text,
            Messages = messages,
            Prompt = prompt,
            Completion = completion,
            Label = label,
            Labels = labels,
            Spans = spans,
            Meta = meta.Count == 0 ? Meta.Empty : Meta.From(meta),   // a copy: the list is this thread's, reused
            Provenance = provenance ?? (assignSource ? Provenance.From(loc.ToString()) : Provenance.None),
        };
        return id is null ? record with { Id = RecordIds.ContentHash(record) } : record;
    }

    /// <summary>
    /// The common JSON line mapped in one pass of a reader, with no document: an object whose mapped fields hold strings,
    /// numbers, booleans or null (no labels list, spans or messages) and whose other keys (none of <c>meta</c>,
    /// <c>provenance</c>, <c>conversations</c>, <c>instruction</c>) go to meta. Anything else, and anything wrong, returns
    /// false: <see cref="Map"/> maps it from a document, and words the error. The same record as <see cref="Map"/>.
    /// </summary>
    public static bool TryMapLine(ReadOnlySpan<byte> json, FieldMapping fields, SourceLocation loc, bool assignSource, out Record? record)
    {
        record = null;
        if (fields.Required.Count > 0) return false;
        var utf8 = Utf8Names.Of(fields);
        string? id = null, text = null, prompt = null, completion = null, label = null;
        var seen = 0;
        var rest = t_rest ??= new List<KeyValuePair<string, JsonElement>>(8);
        rest.Clear();
        var kept = t_meta ??= new List<KeyValuePair<string, JsonElement>>(8);
        kept.Clear();
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = 0;   // the bits of the record fields this key maps to, as in Map
                if (Named(ref reader, utf8.Id)) field |= 1;
                if (Named(ref reader, utf8.Text)) field |= 2;
                if (Named(ref reader, utf8.Prompt)) field |= 4;
                if (Named(ref reader, utf8.Completion)) field |= 8;
                if (Named(ref reader, utf8.Label)) field |= 16;
                if (Named(ref reader, utf8.Labels) || Named(ref reader, utf8.Spans) || Named(ref reader, utf8.Messages)) return false;
                if (field == 0)
                {
                    if (reader.ValueTextEquals("meta"u8) || reader.ValueTextEquals("provenance"u8)
                        || reader.ValueTextEquals("conversations"u8) || reader.ValueTextEquals("instruction"u8)) return false;
                    var name = reader.GetString()!;
                    if (!reader.Read()) return false;
                    if (KeepInMeta(fields, name)) kept.Add(new(name, JsonElement.ParseValue(ref reader)));
                    else reader.Skip();
                    rest.Add(new(name, default));
                    continue;
                }
                if ((seen & field) != 0 || !reader.Read()) return false;   // a key twice: Map names it
                seen |= field;
                string? value;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String: value = reader.GetString(); break;
                    case JsonTokenType.Number: value = System.Text.Encoding.UTF8.GetString(reader.ValueSpan); break;   // its JSON text
                    case JsonTokenType.True: value = "true"; break;
                    case JsonTokenType.False: value = "false"; break;
                    case JsonTokenType.Null: value = null; break;
                    default: return false;   // an object or array: Map says what was expected
                }
                if ((field & 1) != 0) id = NullIfEmpty(value);
                if ((field & 2) != 0) text = value;
                if ((field & 4) != 0) prompt = value;
                if ((field & 8) != 0) completion = value;
                if ((field & 16) != 0) label = NullIfEmpty(value);
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false;   // what follows: Map's error
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;   // a lone surrogate escape in a string: Map names the field
        }
        if (text is null && prompt is null && completion is null) return false;
        if (Repeated(rest) is not null) return false;   // Map names it
        rest.Clear();
        record = Build(id, text, prompt, completion, label, ImmutableArray<string>.Empty, ImmutableArray<TextSpan>.Empty,
            ImmutableArray<ChatMessage>.Empty, kept, null, assignSource, loc);
        return true;
    }

    private static bool Named(ref Utf8JsonReader reader, byte[]? utf8Name) => utf8Name is not null && reader.ValueTextEquals(utf8Name);

    // Per-thread lists for the fields of the object being mapped: a record's meta is copied out of them.
    [ThreadStatic] private static List<KeyValuePair<string, JsonElement>>? t_rest;
    [ThreadStatic] private static List<KeyValuePair<string, JsonElement>>? t_meta;

    private static bool Is(JsonProperty p, byte[]? utf8Name) => utf8Name is not null && p.NameEquals(utf8Name);

    /// <summary>A mapping's source field names as UTF-8, kept per thread for the mapping last used (mappings are immutable).</summary>
    private sealed class Utf8Names
    {
        [ThreadStatic] private static Utf8Names? t_last;

        private readonly FieldMapping _fields;
        public readonly byte[]? Id, Text, Prompt, Completion, Label, Labels, Spans, Messages;

        private Utf8Names(FieldMapping f)
        {
            _fields = f;
            (Id, Text, Prompt, Completion) = (Bytes(f.Id), Bytes(f.Text), Bytes(f.Prompt), Bytes(f.Completion));
            (Label, Labels, Spans, Messages) = (Bytes(f.Label), Bytes(f.Labels), Bytes(f.Spans), Bytes(f.Messages));
        }

        public static Utf8Names Of(FieldMapping fields) =>
            t_last is { } last && ReferenceEquals(last._fields, fields) ? last : t_last = new Utf8Names(fields);

        private static byte[]? Bytes(string? name) => name is null ? null : System.Text.Encoding.UTF8.GetBytes(name);
    }

    /// <summary>A mapped key must appear once: which of two "text" values is meant cannot be told.</summary>
    private static void Once(ref int seen, int bit, string name, SourceLocation loc)
    {
        if ((seen & bit) != 0) throw Duplicate(name, loc);
        seen |= bit;
    }

    /// <summary>Unmapped keys go to meta, where a repeated key would write an object with two values for one name.</summary>
    private static void CheckDistinct(List<KeyValuePair<string, JsonElement>> rest, SourceLocation loc)
    {
        if (Repeated(rest) is { } key) throw Duplicate(key, loc);
    }

    /// <summary>The first key that appears a second time, or null.</summary>
    private static string? Repeated(List<KeyValuePair<string, JsonElement>> rest)
    {
        if (rest.Count <= 16)
        {
            for (var i = 1; i < rest.Count; i++)
                for (var j = 0; j < i; j++)
                    if (rest[i].Key == rest[j].Key) return rest[i].Key;
            return null;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in rest)
            if (!seen.Add(key)) return key;
        return null;
    }

    /// <summary>The row's keys, for an error: "fields a, b, c" (the first 20).</summary>
    private static string Fields(JsonElement root)
    {
        var names = root.EnumerateObject().Select(p => $"'{p.Name}'").ToList();
        return names.Count == 0 ? "no fields" : $"the fields {string.Join(", ", names.Take(20))}{(names.Count > 20 ? $" and {names.Count - 20} more" : "")}";
    }

    private static InputException Duplicate(string name, SourceLocation loc) =>
        new(loc.File, loc.Line, $"the key '{name}' appears twice in the object; keep one", name);

    /// <summary>
    /// A JSON value held in a string (a CSV cell written by Winnow's CSV writer: <c>meta</c>, <c>messages</c>,
    /// <c>provenance</c>) as the value itself, when it parses to <paramref name="kind"/>; else the string unchanged.
    /// </summary>
    private static JsonElement JsonInString(JsonElement v, JsonValueKind kind)
    {
        if (v.ValueKind != JsonValueKind.String) return v;
        var s = v.GetString()!;
        if (s.Length < 2 || s[0] != (kind == JsonValueKind.Object ? '{' : '[')) return v;
        try
        {
            var parsed = JsonElement.Parse(s);
            return parsed.ValueKind == kind ? parsed : v;
        }
        catch (JsonException)
        {
            return v;
        }
    }

    /// <summary>An empty id or label (an empty CSV cell) is no id or label.</summary>
    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static int Find(List<KeyValuePair<string, JsonElement>> props, string name)
    {
        for (var i = 0; i < props.Count; i++)
            if (props[i].Key == name) return i;
        return -1;
    }

    private static bool KeepInMeta(FieldMapping fields, string name) =>
        fields.Meta is null || fields.Meta.Contains(name);

    /// <summary>A string as is; a number or bool as its JSON text (a label 3 becomes "3"); null as null.</summary>
    private static string? AsString(JsonElement v, string field, SourceLocation loc) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => null,
        _ => throw new InputException(loc.File, loc.Line, $"expected a string, found {Describe(v.ValueKind)}", field),
    };

    /// <summary>An array of strings/numbers, or one string split on '|' (the CSV and Parquet writers join so).</summary>
    private static ImmutableArray<string> LabelList(JsonElement v, string field, SourceLocation loc)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Null:
                return ImmutableArray<string>.Empty;
            case JsonValueKind.String:
                var s = v.GetString()!;
                return s.Length == 0 ? ImmutableArray<string>.Empty : [.. s.Split('|')];
            case JsonValueKind.Array:
                var b = ImmutableArray.CreateBuilder<string>(v.GetArrayLength());
                foreach (var e in v.EnumerateArray())
                    b.Add(AsString(e, field, loc) ?? throw new InputException(loc.File, loc.Line, "a label is null", field));
                return b.MoveToImmutable();
            default:
                throw new InputException(loc.File, loc.Line, $"expected an array of labels, found {Describe(v.ValueKind)}", field);
        }
    }

    /// <summary>An array of <c>{start, end, label}</c> objects (an empty CSV cell or null: none).</summary>
    private static ImmutableArray<TextSpan> SpanList(JsonElement v, string field, SourceLocation loc)
    {
        if (v.ValueKind == JsonValueKind.Null || (v.ValueKind == JsonValueKind.String && v.ValueEquals(""))) return ImmutableArray<TextSpan>.Empty;
        if (v.ValueKind != JsonValueKind.Array)
            throw new InputException(loc.File, loc.Line, $"expected an array of spans ({{\"start\", \"end\", \"label\"}}), found {Describe(v.ValueKind)}", field);
        var b = ImmutableArray.CreateBuilder<TextSpan>(v.GetArrayLength());
        var i = 0;
        foreach (var e in v.EnumerateArray())
        {
            var at = $"{field}[{i++}]";
            if (e.ValueKind != JsonValueKind.Object)
                throw new InputException(loc.File, loc.Line, $"expected a span object, found {Describe(e.ValueKind)}", at);
            b.Add(new TextSpan(Offset(e, "start", at, loc), Offset(e, "end", at, loc),
                e.TryGetProperty("label", out var l) ? AsString(l, at + ".label", loc) ?? "" : ""));
        }
        return b.MoveToImmutable();
    }

    private static int Offset(JsonElement span, string key, string at, SourceLocation loc)
    {
        if (!span.TryGetProperty(key, out var v))
            throw new InputException(loc.File, loc.Line, $"the span has no '{key}'", at);
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n))
            throw new InputException(loc.File, loc.Line, $"expected a whole number of characters, found {(v.ValueKind == JsonValueKind.Number ? v.GetRawText() : Describe(v.ValueKind))}", at + "." + key);
        return n;
    }

    private static ImmutableArray<ChatMessage> Messages(
        JsonElement v, string field, string roleKey, string contentKey, Func<string, string?>? mapRole, SourceLocation loc)
    {
        if (v.ValueKind != JsonValueKind.Array)
            throw new InputException(loc.File, loc.Line, $"expected an array of messages, found {Describe(v.ValueKind)}", field);
        var b = ImmutableArray.CreateBuilder<ChatMessage>(v.GetArrayLength());
        var i = 0;
        foreach (var m in v.EnumerateArray())
        {
            var at = $"{field}[{i}]";
            if (m.ValueKind != JsonValueKind.Object)
                throw new InputException(loc.File, loc.Line, $"expected a message object, found {Describe(m.ValueKind)}", at);
            if (!m.TryGetProperty(roleKey, out var role) || role.ValueKind != JsonValueKind.String)
                throw new InputException(loc.File, loc.Line, $"the message has no '{roleKey}' string", at);
            var roleName = role.GetString()!;
            if (mapRole is not null)
                roleName = mapRole(roleName) ?? throw new InputException(loc.File, loc.Line,
                    $"unknown role '{roleName}' (valid: system, human, gpt, tool)", at + "." + roleKey);
            var content = m.TryGetProperty(contentKey, out var c) ? Content(c, at + "." + contentKey, loc) : "";
            b.Add(new ChatMessage(roleName, content));
            i++;
        }
        return b.MoveToImmutable();
    }

    /// <summary>A message's content: a string, null, or OpenAI content parts ([{type:"text", text}]) joined.</summary>
    private static string Content(JsonElement c, string field, SourceLocation loc)
    {
        if (c.ValueKind != JsonValueKind.Array) return AsString(c, field, loc) ?? "";
        var parts = new List<string>();
        foreach (var part in c.EnumerateArray())
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                parts.Add(t.GetString()!);
        return string.Join("", parts);
    }

    internal static string? ShareGptRole(string from) => from switch
    {
        "system" => "system",
        "human" or "user" => "user",
        "gpt" or "assistant" => "assistant",
        "tool" or "function_response" or "observation" => "tool",
        _ => null,
    };

    private static Provenance ReadProvenance(JsonElement p, SourceLocation loc)
    {
        string? source = p.TryGetProperty("source", out var s) ? AsString(s, "provenance.source", loc) : null;
        var steps = ImmutableArray<string>.Empty;
        if (p.TryGetProperty("steps", out var st) && st.ValueKind == JsonValueKind.Array)
            steps = [.. st.EnumerateArray().Select(e => AsString(e, "provenance.steps", loc) ?? "")];
        return new Provenance(source, steps);
    }

    private static string Names(FieldMapping f) =>
        string.Join(", ", new[] { f.Text, f.Messages, f.Prompt, f.Completion }.Where(n => n is not null).Select(n => $"'{n}'"));

    private static InputException Error(SourceLocation loc, string problem) => new(loc.File, loc.Line, problem);

    internal static string Describe(JsonValueKind k) => k switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
