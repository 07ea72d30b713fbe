using Winnow.Core.Recipes;
using Winnow.Core.Running;
using Winnow.Core.Steps;

namespace Winnow.Curation.Tests.Traps;

/// <summary>Issue #15, trap 4: <c>shuffle: true</c> spreads oversampled copies, and stays byte-identical whatever the chunking and cores.</summary>
public sealed class ShuffleTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("winnow-shuffle-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Run(string name, int chunk, bool shuffle, int? cores = null)
    {
        File.WriteAllLines(Path.Combine(_root, "data.jsonl"), Enumerable.Range(0, 600).Select(i => $"{{\"text\":\"message {i}\",\"label\":\"{(i % 10 == 0 ? "rare" : "common")}\"}}"));
        var yaml = $"""
            name: s
            chunk_size: {chunk}
            inputs:
              - path: data.jsonl
            steps:
              - balance: {"{"}strategy: oversample{"}"}
            outputs:
              - path: train.jsonl
                shuffle: {(shuffle ? "true" : "false")}
              - path: chat.jsonl
                format: openai-chat
                shuffle: {(shuffle ? "true" : "false")}
            """;
        var path = Path.Combine(_root, name + ".yaml");
        File.WriteAllText(path, yaml);
        var recipe = RecipeLoader.Parse(yaml, path, new StepRegistry().AddCore().AddCuration());
        var outDir = Path.Combine(_root, name);
        new Runner(recipe, new RunOptions { OutputDirectory = outDir, MaxDegreeOfParallelism = cores }).Run();
        return outDir;
    }

    [Fact]
    public void Shuffle_SameBytesForAnyChunkingAndCores()
    {
        var a = Run("a", 1000, shuffle: true);
        var b = Run("b", 7, shuffle: true, cores: 1);
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "train.jsonl")), File.ReadAllBytes(Path.Combine(b, "train.jsonl")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "chat.jsonl")), File.ReadAllBytes(Path.Combine(b, "chat.jsonl")));
    }

    [Fact]
    public void Shuffle_SpreadsCopies_KeepsEveryRecord()
    {
        var plain = File.ReadAllLines(Path.Combine(Run("plain", 1000, shuffle: false), "train.jsonl"));
        var shuffled = File.ReadAllLines(Path.Combine(Run("shuffled", 1000, shuffle: true), "train.jsonl"));
        Assert.Equal(plain.Order(StringComparer.Ordinal), shuffled.Order(StringComparer.Ordinal));
        // Unshuffled, each rare record is followed by its 8 copies; shuffled, a copy rarely sits next to its parent or sibling.
        static string Text(string line) => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!;
        static int SameTextNeighbours(string[] lines) => lines.Zip(lines.Skip(1)).Count(p => Text(p.First) == Text(p.Second));
        Assert.True(SameTextNeighbours(plain) > 400);
        Assert.True(SameTextNeighbours(shuffled) < 40, $"{SameTextNeighbours(shuffled)} neighbours with the same text");
    }
}
