using System.Text;
using Winnow.Core.Records;

namespace Winnow.Core.IO.Writers;

/// <summary>
/// CoNLL with BIO tags, the inverse of the CoNLL reader: each record's text split into tokens at whitespace and
/// at every span boundary, one <c>token\ttag</c> line per token, a blank line after each record. A token that
/// starts a span is <c>B-type</c>, the following tokens inside it <c>I-type</c>, the rest <c>O</c>. Only the text and
/// its spans survive (CoNLL has no place for ids, labels or meta): a CoNLL file read and written again gives the
/// same tokens and tags.
/// </summary>
internal sealed class ConllWriter : IRecordWriter
{
    public string Format => "conll";

    public bool IsConcatenable => true;

    public ReadOnlyMemory<byte> Header => ReadOnlyMemory<byte>.Empty;

    public byte[] Serialize(Record record)
    {
        var text = record.Text ?? throw new WinnowException(
            $"record {record.Id}: conll writes a text and its spans; this record has no text (a chat or prompt/completion record)");
        var spans = record.Spans;
        var sb = new StringBuilder(text.Length * 2 + 16);
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            // A token runs to the next whitespace or span boundary.
            var end = i + 1;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && !IsBoundary(spans, end)) end++;
            sb.Append(text, i, end - i).Append('\t').Append(Tag(spans, i)).Append('\n');
            i = end;
        }
        if (sb.Length == 0) throw new WinnowException($"record {record.Id}: conll cannot write a record whose text has no token");
        sb.Append('\n');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public void WriteAll(Stream destination, IEnumerable<Record> records)
    {
        foreach (var r in records) destination.Write(Serialize(r));
    }

    private static bool IsBoundary(System.Collections.Immutable.ImmutableArray<TextSpan> spans, int at)
    {
        foreach (var s in spans)
            if (s.Start == at || s.End == at) return true;
        return false;
    }

    /// <summary>The tag of the token that starts at <paramref name="at"/>: the innermost (first listed) span covering it.</summary>
    private static string Tag(System.Collections.Immutable.ImmutableArray<TextSpan> spans, int at)
    {
        foreach (var s in spans)
            if (s.Start <= at && at < s.End) return (s.Start == at ? "B-" : "I-") + s.Label;
        return "O";
    }
}
