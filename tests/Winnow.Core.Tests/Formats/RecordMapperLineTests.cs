using System.Text;
using System.Text.Json;
using Winnow.Core.Formats;
using Winnow.Core.IO;

namespace Winnow.Core.Tests.Formats;

/// <summary>The one-pass mapping of a plain line gives the record the document path gives, and leaves the rest to it.</summary>
public sealed class RecordMapperLineTests
{
    private static readonly SourceLocation At = new("in.jsonl", 7);

    public static TheoryData<string> Plain => new()
    {
        """{"id":"a1","text":"hello","label":"x"}""",
        """{"text":"no id: a content hash","source":"web","n":3}""",
        """{"id":"","text":"empty id","label":""}""",
        """{"id":12,"text":"numbers","label":3.50,"score":-1e3}""",
        """{"text":"bools","label":true,"flag":false,"none":null}""",
        """{"text":"esc \"q\" \\ \u00e9 \n tab\t","la\u0062el":"escaped key","m":"\u263a"}""",
        """{"text":"nested meta","tags":["a","b"],"obj":{"k":[1,{"z":null}]},"n":0}""",
        """{"prompt":"p","completion":"c","lang":"de"}""",
        """{"text":"ünïcödé ✓ 日本語","source":"x"}""",
        """  {"text":"spaces around"}   """,
        """{"text":null,"prompt":"only a prompt"}""",
    };

    [Theory]
    [MemberData(nameof(Plain))]
    public void PlainLine_MappedInOnePass_SameRecordAsTheDocument(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        Assert.True(RecordMapper.TryMapLine(bytes, FieldMapping.Default, At, true, out var fast));
        using var doc = JsonDocument.Parse(bytes);
        var expected = RecordMapper.Map(doc.RootElement, FieldMapping.Default, At);
        Assert.Equal(Encoding.UTF8.GetString(RecordJson.Serialize(expected)), Encoding.UTF8.GetString(RecordJson.Serialize(fast!)));
    }

    [Fact]
    public void MappedFields_AndAMetaList_SameRecordAsTheDocument()
    {
        var fields = FieldMapping.Default.With("text", "body").With("label", "intent") with { Meta = ["keep"] };
        var bytes = Encoding.UTF8.GetBytes("""{"body":"b","intent":7,"keep":{"a":1},"drop":"me","text":"not the text"}""");
        Assert.True(RecordMapper.TryMapLine(bytes, fields, At, false, out var fast));
        using var doc = JsonDocument.Parse(bytes);
        var expected = RecordMapper.Map(doc.RootElement, fields, At, assignSource: false);
        Assert.Equal(RecordJson.Serialize(expected), RecordJson.Serialize(fast!));
        Assert.Equal("b", fast!.Text);
        Assert.Equal(["keep"], fast.Meta.Keys);
    }

    public static TheoryData<string> Others => new()
    {
        """{"text":"a","text":"b"}""",                              // a key twice: the document path names it
        """{"text":"a","x":1,"x":2}""",
        "{\"text\":\"a\"," + string.Join(",", Enumerable.Range(0, 20).Select(i => $"\"k{i}\":{i}")) + ",\"k3\":0}",   // past 16 keys
        """{"text":["not","a","string"]}""",
        """{"id":"only an id"}""",                                  // no content
        """{"text":"a"} {"text":"b"}""",                            // two values
        """{"text":"a",}""",
        """["text"]""",
        """{"messages":[{"role":"user","content":"hi"}]}""",        // chat, spans, labels: the document path
        """{"text":"t","labels":["a","b"]}""",
        """{"text":"t","spans":[]}""",
        """{"text":"t","meta":{"a":1}}""",                          // a Winnow-written record
        """{"text":"t","provenance":{"source":"f:1"}}""",
        """{"conversations":[{"from":"human","value":"hi"}]}""",
        """{"instruction":"do","input":"","output":"done"}""",
    };

    [Theory]
    [MemberData(nameof(Others))]
    public void OtherLines_LeftToTheDocumentPath(string line) =>
        Assert.False(RecordMapper.TryMapLine(Encoding.UTF8.GetBytes(line), FieldMapping.Default, At, true, out _));

    [Fact]
    public void RequiredFields_LeftToTheDocumentPath()
    {
        var fields = FieldMapping.Default with { Required = new HashSet<string> { "text" } };
        Assert.False(RecordMapper.TryMapLine("""{"text":"a"}"""u8, fields, At, true, out _));
    }
}
