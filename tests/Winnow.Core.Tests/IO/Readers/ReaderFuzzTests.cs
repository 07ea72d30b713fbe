using System.IO.Compression;
using System.Text;
using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Records;

namespace Winnow.Core.Tests.IO.Readers;

/// <summary>
/// Every reader (jsonl, json, csv, tsv, parquet, text, and .gz/.zst around a line format) fed malformed input:
/// random bytes, UTF-16 with a BOM, lone surrogates, raw control characters, 10,000-deep nesting, truncated
/// containers, 10,000 keys, duplicate keys, a 100 MB line. Each must end in records or in a
/// <see cref="WinnowException"/> that names the file (what the CLI prints without a stack trace); any other
/// exception is a crash a user would see as "Unhandled exception".
/// </summary>
public sealed class ReaderFuzzTests
{
    private static readonly string[] LineExtensions = [".jsonl", ".json", ".csv", ".tsv", ".txt", ".jsonl.gz", ".jsonl.zst", ".csv.gz"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var ext in LineExtensions)
            foreach (var input in Inputs.Keys)
                data.Add(ext, input);
        return data;
    }

    private static readonly Dictionary<string, Func<byte[]>> Inputs = new()
    {
        ["random_bytes"] = () => { var b = new byte[4096]; new Random(7).NextBytes(b); return b; },
        ["utf16_bom"] = () => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("{\"text\":\"hello\",\"label\":\"a\"}\ntext,label\n")],
        ["utf16_no_bom"] = () => Encoding.Unicode.GetBytes("{\"text\":\"hello there\",\"label\":\"a\"}\n{\"text\":\"again\"}\n"),
        ["lone_surrogate_escape"] = () => Encoding.UTF8.GetBytes("{\"text\": \"bad \\ud800 surrogate\", \"label\": \"a\"}\n"),
        ["lone_surrogate_in_meta"] = () => Encoding.UTF8.GetBytes("{\"text\": \"ok\", \"note\": {\"k\": [\"\\udfff\"]}}\n"),
        ["lone_surrogate_cesu_bytes"] = () => [.. "{\"text\": \"x"u8, 0xED, 0xA0, 0x80, .. "\"}\n"u8],
        ["raw_control_chars"] = () => [.. "{\"text\": \"a"u8, 0x01, 0x1B, 0x7F, .. "b\"}\ntext\na\u0001b\n"u8],
        ["deep_nesting"] = () => Encoding.UTF8.GetBytes("{\"text\":\"x\",\"m\":" + new string('[', 10_000) + new string(']', 10_000) + "}\n"),
        ["deep_nesting_root"] = () => Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000) + "\n"),
        ["many_keys"] = () => Encoding.UTF8.GetBytes("{\"text\":\"x\"," + string.Join(",", Enumerable.Range(0, 10_000).Select(i => $"\"k{i}\":{i}")) + "}\n"),
        ["duplicate_keys"] = () => Encoding.UTF8.GetBytes("{\"text\":\"first\",\"text\":\"second\",\"label\":\"a\",\"label\":\"b\"}\n"),
        ["nul_byte"] = () => [.. "{\"text\":\"a"u8, 0, .. "\"}\n"u8],
        ["only_bom"] = () => [0xEF, 0xBB, 0xBF],
        ["unterminated_quote"] = () => Encoding.UTF8.GetBytes("text,label\n\"open,a\nb,c\n"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Read_MalformedInput_RecordsOrClearError(string extension, string input)
    {
        using var tmp = new TempDir();
        var path = tmp.File("in" + extension, Wrap(extension, Inputs[input]()));
        var outcome = ReadAll(path);
        if (outcome.Error is { } error) Assert.Contains("in" + extension, error.Message);
    }

    [Theory]
    [InlineData(".jsonl")]
    [InlineData(".json")]
    [InlineData(".csv")]
    [InlineData(".txt")]
    public void Read_Utf16WithBom_SaysConvertToUtf8(string extension)
    {
        using var tmp = new TempDir();
        var path = tmp.File("in" + extension, Wrap(extension, Inputs["utf16_bom"]()));
        var error = ReadAll(path).Error;
        Assert.NotNull(error);
        Assert.Contains("UTF-16", error.Message);
        Assert.Contains("convert", error.Message);
        Assert.DoesNotContain("NUL", error.Message);
    }

    [Fact]
    public void Read_LoneSurrogateEscape_NamesFileLineAndField()
    {
        using var tmp = new TempDir();
        var path = tmp.File("s.jsonl", "{\"text\":\"fine\"}\n{\"text\": \"bad \\ud800 surrogate\"}\n");
        var error = ReadAll(path).Error;
        var input = Assert.IsType<InputException>(error);
        Assert.Equal(2, input.Line);
        Assert.Equal("text", input.Field);
        Assert.Contains("surrogate", input.Problem);
    }

    [Fact]
    public void Read_SurrogatePairEscape_DecodesTheCharacter()
    {
        using var tmp = new TempDir();
        var path = tmp.File("p.jsonl", "{\"text\": \"smile \\ud83d\\ude00\", \"m\": \"\\ud83d\\ude00\"}\n");
        var (records, error) = ReadAll(path);
        Assert.Null(error);
        Assert.Equal("smile 😀", Assert.Single(records).Text);
    }

    [Fact]
    public void Read_DuplicateKeys_IsAClearError()
    {
        using var tmp = new TempDir();
        var path = tmp.File("d.jsonl", "{\"text\":\"first\",\"text\":\"second\"}\n");
        var error = Assert.IsType<InputException>(ReadAll(path).Error);
        Assert.Contains("twice", error.Problem);
        Assert.Contains("text", error.Problem);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("random")]
    [InlineData("empty")]
    public void Read_BrokenParquet_ClearError(string how)
    {
        using var tmp = new TempDir();
        var good = tmp.File("good.parquet", [.. ParquetBytes()]);
        var bytes = File.ReadAllBytes(good);
        byte[] broken = how switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "random" => [.. Encoding.ASCII.GetBytes("PAR1"), .. RandomBytes(2048), .. Encoding.ASCII.GetBytes("PAR1")],
            _ => [],
        };
        var path = tmp.File("bad.parquet", broken);
        var error = ReadAll(path).Error;
        Assert.NotNull(error);
        Assert.Contains("bad.parquet", error.Message);
    }

    [Theory]
    [InlineData(".jsonl.gz")]
    [InlineData(".jsonl.zst")]
    [InlineData(".json.gz")]
    [InlineData(".txt.gz")]
    public void Read_TruncatedCompressedFile_ClearError(string extension)
    {
        using var tmp = new TempDir();
        var lines = string.Concat(Enumerable.Range(0, 5000).Select(i => $"{{\"text\":\"record number {i} with some words\"}}\n"));
        var whole = Wrap(extension, () => Encoding.UTF8.GetBytes(lines));
        var path = tmp.File("t" + extension, whole[..(whole.Length / 2)]);
        var error = ReadAll(path).Error;
        Assert.NotNull(error);
        Assert.Contains("t" + extension, error.Message);
    }

    [Fact]
    public void Read_HundredMegabyteLine_ReadsIt()
    {
        using var tmp = new TempDir();
        var path = Path.Combine(tmp.Path, "big.jsonl");
        const int size = 100 << 20;
        using (var f = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            f.Write("{\"text\":\""u8);
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)'a');
            for (var i = 0; i < size / block.Length; i++) f.Write(block);
            f.Write("\"}\n{\"text\":\"small\"}\n"u8);
        }
        var (records, error) = ReadAll(path);
        Assert.Null(error);
        Assert.Equal(2, records.Count);
        Assert.Equal(size, records[0].Text!.Length);
        Assert.Equal("small", records[1].Text);
    }

    /// <summary>Reads and parses everything as the runner does; an error other than a <see cref="WinnowException"/> fails the test.</summary>
    private static (List<Record> Records, WinnowException? Error) ReadAll(string path)
    {
        var records = new List<Record>();
        try
        {
            foreach (var item in FormatRegistry.ReadAll(new InputSpec { Path = path }))
            {
                records.Add(item.Parse());
                _ = item.Raw; // a reject entry reads it
            }
            foreach (var r in records) _ = RecordJson.Serialize(r); // and every record read can be written
            return (records, null);
        }
        catch (WinnowException e)
        {
            Assert.DoesNotContain("   at ", e.Message);
            return (records, e);
        }
    }

    private static byte[] Wrap(string extension, Func<byte[]> content) => Wrap(extension, content());

    private static byte[] Wrap(string extension, byte[] bytes)
    {
        if (extension.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var ms = new MemoryStream();
            using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(bytes);
            return ms.ToArray();
        }
        if (extension.EndsWith(".zst", StringComparison.Ordinal))
        {
            using var compressor = new ZstdSharp.Compressor();
            return compressor.Wrap(bytes).ToArray();
        }
        return bytes;
    }

    private static byte[] RandomBytes(int n)
    {
        var b = new byte[n];
        new Random(11).NextBytes(b);
        return b;
    }

    private static byte[] ParquetBytes()
    {
        using var tmp = new TempDir();
        var path = Path.Combine(tmp.Path, "x.parquet");
        var records = Enumerable.Range(0, 200).Select(i => new Record { Id = $"r{i}", Text = $"text {i}", Label = i % 2 == 0 ? "a" : "b" }).ToList();
        using (var f = File.Create(path)) FormatRegistry.CreateWriter(new OutputSpec { Path = "x.parquet" }).WriteAll(f, records);
        return File.ReadAllBytes(path);
    }
}
