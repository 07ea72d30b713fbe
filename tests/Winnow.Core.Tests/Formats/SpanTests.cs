using System.Collections.Immutable;
using System.Text;
using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Records;
using Winnow.Core.Tests.IO;

namespace Winnow.Core.Tests.Formats;

public sealed class SpanTests
{
    [Fact]
    public void ConllReader_Wnut17_JoinsTokensAndReadsEntities()
    {
        using var dir = new TempDir();
        var path = dir.File("a.conll", "@paulwalk\tO\nIt\tO\nis\tO\n.\tO\nEmpire\tB-location\nState\tI-location\nBuilding\tI-location\n=\tO\nESB\tB-location\n\n\nFrom\tO\nBob\tI-person\nSmith\tI-person\nand\tO\nAnn\tB-person\nLee\tB-person\n");
        var records = TestFiles.ReadRecords(path);

        Assert.Equal(2, records.Count);
        var first = records[0];
        Assert.Equal("@paulwalk It is . Empire State Building = ESB", first.Text);
        Assert.Equal(["Empire State Building", "ESB"], first.Spans.Select(s => s.Of(first.Text!)));
        Assert.All(first.Spans, s => Assert.Equal("location", s.Label));
        Assert.Equal($"{path}:1", first.Provenance.Source);
        // I- after O opens an entity (conlleval's IOB1 reading); B- after B- starts a second one.
        var second = records[1];
        Assert.Equal($"{path}:12", second.Provenance.Source);
        Assert.Equal(["Bob Smith", "Ann", "Lee"], second.Spans.Select(s => s.Of(second.Text!)));
    }

    [Fact]
    public void ConllWriter_WritesWhatTheReaderRead_ByteForByte()
    {
        var source = TestFiles.Data("wnut17/dev-head.conll");
        var records = TestFiles.ReadRecords(source);
        Assert.Equal(60, records.Count);
        Assert.Contains(records, r => r.Spans.Length > 0);

        var writer = FormatRegistry.CreateWriter(new OutputSpec { Path = "out.conll" });
        using var ms = new MemoryStream();
        writer.WriteAll(ms, records);
        Assert.Equal(File.ReadAllText(source).ReplaceLineEndings("\n"), Encoding.UTF8.GetString(ms.ToArray()));
    }

    [Fact]
    public void ConllWriter_SpanInsideAToken_SplitsTheToken()
    {
        var r = new Record { Id = "1", Text = "see #Empire now", Spans = [new TextSpan(5, 11, "location")] };
        var bytes = FormatRegistry.CreateWriter(new OutputSpec { Path = "x.conll" }).Serialize(r);
        Assert.Equal("see\tO\n#\tO\nEmpire\tB-location\nnow\tO\n\n", Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("Empire\tX-location\n", 1, "tag")]
    [InlineData("ok\tO\nEmpire\n", 2, "tag")]
    public void ConllReader_BadTag_NamesFileLineAndField(string content, int line, string field)
    {
        using var dir = new TempDir();
        var path = dir.File("bad.conll", content);
        var e = Assert.Throws<InputException>(() => TestFiles.ReadRecords(path));
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.EndsWith("bad.conll", e.File);
    }

    [Fact]
    public void RecordJson_Spans_RoundTrip()
    {
        var r = new Record { Id = "7", Text = "Ann met Bob", Spans = [new TextSpan(0, 3, "person"), new TextSpan(8, 11, "person")] };
        var json = RecordJson.Serialize(r);
        Assert.Contains("\"spans\":[{\"start\":0,\"end\":3,\"label\":\"person\"},{\"start\":8,\"end\":11,\"label\":\"person\"}]", Encoding.UTF8.GetString(json));
        var back = RecordJson.Deserialize(json);
        Assert.Equal(r.Spans.ToArray(), back.Spans.ToArray());
    }

    [Theory]
    [InlineData("""{"text":"abc","spans":[{"start":1,"end":9,"label":"x"}]}""", "spans[0].end", "past the end")]
    [InlineData("""{"text":"abc","spans":[{"start":2,"end":2,"label":"x"}]}""", "spans[0].end", "not after start")]
    [InlineData("""{"text":"abc","spans":[{"start":0,"end":1}]}""", "spans[0].label", "no label")]
    [InlineData("""{"text":"abc","spans":[{"start":"0","end":1,"label":"x"}]}""", "spans[0].start", "whole number")]
    [InlineData("""{"text":"abc","spans":{"start":0}}""", "spans", "array of spans")]
    [InlineData("""{"messages":[{"role":"user","content":"abc"}],"spans":[{"start":0,"end":1,"label":"x"}]}""", "spans", "need a text")]
    public void JsonReader_InvalidSpans_NameTheField(string line, string field, string problem)
    {
        using var dir = new TempDir();
        var path = dir.File("s.jsonl", "{\"text\":\"fine\"}\n" + line + "\n");
        var e = Assert.Throws<InputException>(() => TestFiles.ReadRecords(path));
        Assert.Equal(2, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void JsonReader_UnsortedSpans_AreSorted()
    {
        using var dir = new TempDir();
        var path = dir.File("s.jsonl", """{"text":"Ann met Bob","spans":[{"start":8,"end":11,"label":"person"},{"start":0,"end":3,"label":"person"}]}""" + "\n");
        var r = Assert.Single(TestFiles.ReadRecords(path));
        Assert.Equal([0, 8], r.Spans.Select(s => s.Start));
    }

    [Fact]
    public void MapContent_TextChanges_SpansFollowTheirText()
    {
        var r = new Record { Id = "1", Text = "  Ann   met\tBob  ", Spans = [new TextSpan(2, 5, "person"), new TextSpan(12, 15, "person")] };
        var mapped = r.MapContent(t => string.Join(' ', t.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("Ann met Bob", mapped.Text);
        Assert.Equal([new TextSpan(0, 3, "person"), new TextSpan(8, 11, "person")], mapped.Spans.ToArray());
        Assert.False(mapped.Meta.ContainsKey("spans_dropped"));
    }

    [Fact]
    public void MapContent_SpanTextGone_IsCountedNotSilentlyLost()
    {
        var r = new Record { Id = "1", Text = "call Ann now", Spans = [new TextSpan(5, 8, "person")] };
        var mapped = r.MapContent(t => t.Replace("Ann now", "soon")); // the span's own text maps to itself, which is gone
        Assert.Empty(mapped.Spans);
        Assert.Equal("1", mapped.Meta.GetString("spans_dropped"));
    }

    [Fact]
    public void ContentHash_DiffersBySpans_AndIsUnchangedWithoutThem()
    {
        var plain = new Record { Id = "", Text = "Ann" };
        var spanned = plain with { Spans = ImmutableArray.Create(new TextSpan(0, 3, "person")) };
        Assert.NotEqual(RecordIds.ContentHash(plain), RecordIds.ContentHash(spanned));
        Assert.Equal(RecordIds.ContentHash("Ann"), RecordIds.ContentHash(plain));
    }
}
