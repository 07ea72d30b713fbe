using System.Collections.Immutable;
using System.Text;
using Winnow.Core.Records;

namespace Winnow.Core.IO.Readers;

/// <summary>
/// CoNLL token-per-line files with BIO tags (WNUT 2017, CoNLL-2003): one token per line, its tag in the last
/// column (columns split by tabs, or by spaces when a line has no tab), a blank line between sentences,
/// <c>-DOCSTART-</c> lines skipped. Each sentence becomes a record whose text is its tokens joined by single
/// spaces and whose <see cref="Record.Spans"/> are its entities: <c>B-type</c> opens one, <c>I-type</c> continues
/// an open entity of the same type (and, as conlleval reads IOB1, opens one otherwise), <c>O</c> is outside.
/// A record's line is the line of its first token; its id is a content hash.
/// </summary>
internal sealed class ConllReader(string fullPath, string displayPath) : IRecordReader
{
    public IEnumerable<SourceItem> Read(CancellationToken cancellationToken = default)
    {
        using var stream = InputStreams.Open(fullPath, displayPath);
        var lines = new List<(ReadOnlyMemory<byte> Line, long Number)>();
        foreach (var (line, number) in new LineReader(stream, displayPath).ReadLines(cancellationToken))
        {
            if (LineReader.IsBlank(line.Span))
            {
                if (lines.Count > 0) yield return new SentenceItem(displayPath, [.. lines]);
                lines.Clear();
                continue;
            }
            if (line.Span.StartsWith("-DOCSTART-"u8)) continue;
            lines.Add((line, number));
        }
        if (lines.Count > 0) yield return new SentenceItem(displayPath, [.. lines]);
    }

    private sealed class SentenceItem(string file, (ReadOnlyMemory<byte> Line, long Number)[] lines)
        : SourceItem(new SourceLocation(file, lines[0].Number))
    {
        public override Record Parse()
        {
            var text = new StringBuilder();
            var spans = ImmutableArray.CreateBuilder<TextSpan>();
            int openStart = -1, openEnd = -1;
            string? openType = null;
            void Close()
            {
                if (openType is not null) spans.Add(new TextSpan(openStart, openEnd, openType));
                openType = null;
            }

            foreach (var (bytes, number) in lines)
            {
                var loc = new SourceLocation(Location.File, number);
                var line = Utf8Checks.Decode(bytes.Span, loc);
                var columns = line.Contains('\t') ? line.Split('\t') : line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length < 2)
                    throw new InputException(loc.File, loc.Line, $"expected a token and its tag separated by a tab, found '{Cut(line)}'", "tag");
                var token = columns[0].Trim();
                var tag = columns[^1].Trim();
                if (token.Length == 0) throw new InputException(loc.File, loc.Line, "the token is empty", "token");

                if (text.Length > 0) text.Append(' ');
                var start = text.Length;
                text.Append(token);
                var end = text.Length;

                if (tag == "O") { Close(); continue; }
                if (tag.Length < 3 || tag[1] != '-' || (tag[0] != 'B' && tag[0] != 'I'))
                    throw new InputException(loc.File, loc.Line, $"'{Cut(tag)}' is not a BIO tag (O, B-type or I-type)", "tag");
                var type = tag[2..];
                if (tag[0] == 'I' && openType == type) { openEnd = end; continue; }
                Close();
                (openStart, openEnd, openType) = (start, end, type);
            }
            Close();
            var r = new Record
            {
                Id = "",
                Text = text.ToString(),
                Spans = spans.ToImmutable(),
                Provenance = Provenance.From(Location.ToString()),
            };
            return r with { Id = RecordIds.ContentHash(r) };
        }

        public override string Raw => string.Join('\n', lines.Select(l => Utf8Checks.Lossy(l.Line.Span)));

        private static string Cut(string s) => s.Length <= 60 ? s : s[..60] + "…";
    }
}
