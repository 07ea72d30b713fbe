using System.Text;

namespace Winnow.Annotation.Crowd;

/// <summary>RFC 4180 CSV, as MTurk reads and writes it: comma, double quotes doubled inside quoted fields, CRLF or LF.</summary>
internal static class Csv
{
    public static string Field(string? value)
    {
        value ??= "";
        return value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
    }

    public static string Row(IEnumerable<string?> fields) => string.Join(",", fields.Select(Field));

    /// <summary>Rows with their starting line numbers (1-based). A quote left open at the end is an error at its line.</summary>
    public static IEnumerable<(long Line, List<string> Fields)> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var fields = new List<string>();
        var field = new StringBuilder();
        long line = 1, start = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    yield return (start, fields);
                    fields = [];
                    start = ++line;
                    break;
                default: field.Append(c); break;
            }
        }
        if (quoted) throw new Winnow.Core.InputException(path, start, "a quoted field is not closed");
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); yield return (start, fields); }
    }
}
