using System.IO.Hashing;
using System.Text;

namespace Winnow.Core.Records;

/// <summary>Stable ids: a source's own id wins; otherwise a hash of the content.</summary>
public static class RecordIds
{
    /// <summary>16 hex digits of XxHash64 over the UTF-8 bytes of <paramref name="content"/>.</summary>
    public static string ContentHash(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return XxHash64.HashToUInt64(bytes).ToString("x16");
    }

    /// <summary>The content hash of a record's shape-independent content plus its label(s) and spans (a record
    /// without spans hashes as it did before spans existed).</summary>
    public static string ContentHash(Record r)
    {
        var sb = new StringBuilder(r.ContentText);
        if (r.Label is not null) sb.Append('\u001f').Append(r.Label);
        foreach (var l in r.Labels) sb.Append('\u001e').Append(l);
        foreach (var s in r.Spans) sb.Append('\u001d').Append(s.Start).Append(':').Append(s.End).Append(':').Append(s.Label);
        return ContentHash(sb.ToString());
    }
}
