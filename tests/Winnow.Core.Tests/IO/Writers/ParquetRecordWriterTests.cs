using Parquet;
using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Records;
using Winnow.Core.Tests.Formats;


namespace Winnow.Core.Tests.IO.Writers;

public sealed class ParquetRecordWriterTests
{
    [Fact]
    public void WriteThenRead_RecordsComeBackTheSame()
    {
        using var tmp = new TempDir();
        Record[] records =
        [
            RecordJsonTests.Full(),
            new Record { Id = "b", Text = "second", Label = "l", Provenance = Provenance.From("x.csv:2") },
            new Record { Id = "c", Messages = [new ChatMessage("user", "hi"), new ChatMessage("assistant", "yo")], Provenance = Provenance.From("z.jsonl:1") },
        ];
        var path = WriterTestKit.WriteFile(tmp, new OutputSpec { Path = "o.parquet" }, records);
        var back = TestFiles.ReadRecords(path);
        Assert.Equal(records.Length, back.Count);
        for (var i = 0; i < records.Length; i++)
            Assert.Equal(RecordJson.Serialize(records[i]), RecordJson.Serialize(back[i]));
    }

    [Fact]
    public void WriteAll_UsesFlatStringColumns()
    {
        using var tmp = new TempDir();
        var path = WriterTestKit.WriteFile(tmp, new OutputSpec { Path = "o.parquet" }, [new Record { Id = "a", Text = "t" }]);
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        Assert.Equal(["id", "text", "prompt", "completion", "label", "labels", "spans_json", "messages_json", "meta_json", "provenance_json"],
            reader.Schema.GetDataFields().Select(f => f.Name));
        Assert.All(reader.Schema.GetDataFields(), f => Assert.Contains(f.ClrType, new[] { typeof(string), typeof(ReadOnlyMemory<char>) }));
        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Fact]
    public void WriteAll_NoRecords_GivesAReadableEmptyFile()
    {
        using var tmp = new TempDir();
        var path = WriterTestKit.WriteFile(tmp, new OutputSpec { Path = "e.parquet" }, []);
        Assert.Empty(TestFiles.ReadRecords(path));
    }

    [Fact]
    public void Read_ForeignParquetWithTypedColumns_KeepsTypesInMeta()
    {
        using var tmp = new TempDir();
        var path = Path.Combine(tmp.Path, "typed.parquet");
        var data = new[] { new Row { Sentence = "good", Score = 0.9, Stars = 5, Ok = true }, new Row { Sentence = "bad", Score = 0.1, Stars = 1, Ok = false } };
        Parquet.Serialization.ParquetSerializer.SerializeAsync(data, path).GetAwaiter().GetResult();
        var records = TestFiles.ReadRecords(path, fields: new FieldMapping { Text = "Sentence", Label = "Stars" });
        Assert.Equal(["good", "bad"], records.Select(r => r.Text));
        Assert.Equal(["5", "1"], records.Select(r => r.Label));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, records[0].Meta["Score"].ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.True, records[0].Meta["Ok"].ValueKind);
        Assert.EndsWith("typed.parquet:2", records[1].Provenance.Source);
    }

    [Fact]
    public void Read_NotParquet_IsAnInputErrorNamingTheFile()
    {
        using var tmp = new TempDir();
        var path = tmp.File("fake.parquet", "text,label\na,b\n");
        var e = Assert.Throws<InputException>(() => TestFiles.ReadRecords(path));
        Assert.Contains("fake.parquet", e.Message);
        Assert.Contains("not a readable Parquet file", e.Message);
    }

    [Fact]
    public void Read_ListColumn_IsAnErrorNamingTheColumn()
    {
        using var tmp = new TempDir();
        var path = Path.Combine(tmp.Path, "list.parquet");
        Parquet.Serialization.ParquetSerializer.SerializeAsync(new[] { new ListRow { Text = "a", Tags = ["x"] } }, path).GetAwaiter().GetResult();
        var e = Assert.Throws<InputException>(() => TestFiles.ReadRecords(path));
        Assert.Contains("column 'Tags'", e.Message);
        Assert.Contains("only columns of primitive types", e.Message);
    }

    public sealed class ListRow
    {
        public string? Text { get; set; }
        public List<string> Tags { get; set; } = [];
    }

    public sealed class Row
    {
        public string? Sentence { get; set; }
        public double Score { get; set; }
        public int Stars { get; set; }
        public bool Ok { get; set; }
    }
}
