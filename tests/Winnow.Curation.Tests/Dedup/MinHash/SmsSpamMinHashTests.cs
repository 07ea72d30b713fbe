using System.Runtime.CompilerServices;
using System.Text.Json;
using Winnow.Core.Recipes;
using Winnow.Core.Running;
using Winnow.Core.Steps;
using Xunit.Abstractions;

namespace Winnow.Curation.Tests.Dedup.MinHash;

/// <summary>The examples/sms_spam recipe on the real SMS Spam Collection: dedup.exact, then dedup.minhash.</summary>
public sealed class SmsSpamMinHashTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("winnow-sms-").FullName;

    [Fact]
    public void Run_ExampleRecipe_MinHashFindsNearDuplicatesBeyondExact()
    {
        var recipe = RecipeLoader.Load(Path.Combine(RepoRoot(), "examples", "sms_spam", "recipe.yaml"), new StepRegistry().AddCore().AddCuration());
        var result = new Runner(recipe, new RunOptions { OutputDirectory = _out }).Run();

        var exact = result.Manifest.Steps.Single(s => s.Name == "dedup.exact");
        var minhash = result.Manifest.Steps.Single(s => s.Name == "dedup.minhash");
        var rejects = File.ReadAllLines(Path.Combine(_out, minhash.Rejects!)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var kept = File.ReadAllLines(Path.Combine(_out, "data.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.TryGetProperty("meta", out var m) && m.TryGetProperty("dup_cluster", out _))
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("meta").GetProperty("dup_cluster").GetInt64());
        foreach (var r in rejects.Take(10)) output.WriteLine($"{r.GetProperty("text")} → {r.GetProperty("detail")}");

        // Normalisation (entities, spacing) makes 414 exact duplicates of the 403 raw ones; minhash then finds 79
        // more: the same words with other punctuation or case ("Ok..." / "Ok"), and spam templates that differ
        // in a phone number or a few words.
        Assert.Equal(5_574, result.Manifest.Inputs.Single().Records);
        Assert.Equal(414, exact.Dropped["exact_duplicate"]);
        Assert.Equal(5_574 - 414, minhash.In);
        Assert.Equal(79, minhash.Dropped["minhash_duplicate"]);
        Assert.Equal(79, rejects.Count);
        foreach (var r in rejects)
        {
            // "near duplicate of <id> (cluster <n>)": the named record was kept, in that cluster.
            var detail = r.GetProperty("detail").GetString()!;
            var id = detail.Split(' ')[3];
            Assert.True(kept.TryGetValue(id, out var cluster), detail);
            Assert.EndsWith($"(cluster {cluster})", detail);
        }
    }

    [Theory]
    [InlineData("{shards: 3}")]
    [InlineData("{shards: 7, memory_mb: 1, check_jaccard: false}")]
    public void Run_ExampleRecipeSharded_WritesTheUnshardedOutputByteForByte(string options)
    {
        // The runner hands dedup.minhash a spill file: each shard reads its own range of it (SpillSource.ReadRange).
        var path = Path.Combine(RepoRoot(), "examples", "sms_spam", "recipe.yaml");
        var yaml = File.ReadAllText(path);
        var unsharded = options.Contains("check_jaccard") ? yaml.Replace("dedup.minhash: {}", "dedup.minhash: {check_jaccard: false}") : yaml;
        var sharded = yaml.Replace("dedup.minhash: {}", $"dedup.minhash: {options}");
        Assert.NotEqual(yaml, sharded);

        string Run(string text, string folder)
        {
            var recipe = RecipeLoader.Parse(text, path, new StepRegistry().AddCore().AddCuration());
            new Runner(recipe, new RunOptions { OutputDirectory = Path.Combine(_out, folder) }).Run();
            return File.ReadAllText(Path.Combine(_out, folder, "data.jsonl"));
        }

        var one = Run(unsharded, "one");
        var many = Run(sharded, "many");

        Assert.Equal(one, many);
        Assert.Contains("dup_cluster", many);
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static string RepoRoot([CallerFilePath] string caller = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(caller)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Winnow.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root from " + caller);
    }
}
