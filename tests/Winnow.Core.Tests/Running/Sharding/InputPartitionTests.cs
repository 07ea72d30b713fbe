using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Running;
using Winnow.Core.Running.Sharding;

namespace Winnow.Core.Tests.Running.Sharding;

public sealed class InputPartitionTests : IDisposable
{
    private readonly RunFixture _f = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(50)]
    public void For_EveryShardInOrder_ReadsEveryLineOnceWithItsLineNumber(int shards)
    {
        // Lines of very different lengths, a blank line and CRLF endings, so cuts fall anywhere.
        var lines = Enumerable.Range(0, 120).Select(i => i == 40 ? "" : $"{{\"text\":\"line {i} {new string('x', i * 7 % 90)}\"}}").ToList();
        _f.Write("a.jsonl", string.Join("\r\n", lines) + "\r\n");
        _f.Write("b.jsonl", "{\"text\":\"b1\"}\n{\"text\":\"b2\"}");   // no final newline
        _f.Write("c.csv", "text\nc1\nc2\n");
        var files = new[] { "a.jsonl", "b.jsonl", "c.csv" }
            .Select(f => new RecipeInputInfo(new InputSpec { Path = f, BaseDirectory = _f.Root }, Path.Combine(_f.Root, f), f, new Dictionary<string, string>()))
            .ToList();

        var seen = new List<string>();
        var wholeCsv = 0;
        for (var shard = 0; shard < shards; shard++)
            foreach (var slice in InputPartition.For(files, shard, shards))
            {
                var f = files[slice.Input];
                if (f.DisplayPath == "c.csv") { Assert.Null(slice.Range); wholeCsv++; }
                seen.AddRange(FormatRegistry.CreateReader(f.FullPath, f.DisplayPath, f.Spec, slice.Range).Read().Select(i => i.Location.ToString()));
            }

        var expected = files.SelectMany(f => FormatRegistry.CreateReader(f.FullPath, f.DisplayPath, f.Spec).Read().Select(i => i.Location.ToString())).ToList();
        Assert.Equal(expected, seen);
        Assert.Equal(1, wholeCsv);
        Assert.Contains("a.jsonl:120", seen);
        Assert.DoesNotContain("a.jsonl:41", seen);   // the blank line
    }

    [Fact]
    public void For_SevenShardsOfOneFile_CutsItIntoSevenNonEmptyParts()
    {
        _f.WriteJsonl("a.jsonl", 700);
        var file = new RecipeInputInfo(new InputSpec { Path = "a.jsonl", BaseDirectory = _f.Root }, Path.Combine(_f.Root, "a.jsonl"), "a.jsonl", new Dictionary<string, string>());
        var counts = Enumerable.Range(0, 7)
            .Select(s => InputPartition.For([file], s, 7).Sum(x => FormatRegistry.CreateReader(file.FullPath, "a.jsonl", file.Spec, x.Range).Read().Count()))
            .ToList();
        Assert.Equal(700, counts.Sum());
        Assert.All(counts, c => Assert.InRange(c, 80, 120));
    }

    public void Dispose() => _f.Dispose();
}
