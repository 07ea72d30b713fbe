using System.Security.Cryptography;
using System.Text;
using Winnow.Core.Recipes;
using Winnow.Core.Running;
using Winnow.Core.Running.Sharding;

namespace Winnow.Cli.Tests.Commands.ScaleOut;

/// <summary>A recipe with every kind of step a shard meets (per record, sequential, whole-dataset, export) over a
/// JSONL file big enough to cut, a second JSONL, a CSV (whole to one shard) and a malformed line skipped.</summary>
internal static class ScaleOutData
{
    private static readonly string[] Words = "card payment transfer refund balance account pin atm cash top up exchange rate fee declined pending".Split(' ');

    public const string FullRecipe = """
        name: scale
        seed: 7
        chunk_size: 97
        inputs:
          - path: a.jsonl
            on_error: skip
          - path: b.jsonl
          - path: c.csv
        steps:
          - normalize: {}
          - filter.length: {min_words: 3}
          - dedup.exact: {}
          - sample: {fraction: 0.9}
          - dedup.minhash: {threshold: 0.7}
          - balance: {strategy: cap, max_per_class: 150}
          - export: {path: mid.jsonl}
          - split: {train: 0.8, validation: 0.1, test: 0.1}
        outputs:
          - path: data.jsonl
          - path: "{split}/data.csv"
          - path: all.parquet
        """;

    /// <summary>One stage: per-record steps only (what the Slurm and local-process tests run, to stay quick).</summary>
    public const string OneStageRecipe = """
        name: quick
        seed: 3
        chunk_size: 50
        inputs:
          - path: a.jsonl
            on_error: skip
        steps:
          - normalize: {}
          - filter.length: {min_words: 3}
          - sample: {fraction: 0.8}
        outputs:
          - path: data.jsonl
          - path: "{split}/data.csv"
        """;

    public static string Write(TempFolder dir, string recipe)
    {
        var random = new Random(5);
        string Text(int i) => i % 9 == 4 ? $"repeat {i % 40} of the same words here" : string.Join(' ', Enumerable.Range(0, random.Next(2, 14)).Select(_ => Words[random.Next(Words.Length)]));
        var a = Enumerable.Range(0, 700).Select(i => i == 333 ? "{not json" : $"{{\"text\":\"{Text(i)}\",\"label\":\"l{i % 4}\"}}").ToArray();
        dir.WriteLines("a.jsonl", a);
        dir.WriteLines("b.jsonl", Enumerable.Range(0, 200).Select(i => $"{{\"id\":\"b{i}\",\"text\":\"{Text(i)}\",\"label\":\"l{i % 3}\"}}").ToArray());
        dir.WriteLines("c.csv", ["text,label", .. Enumerable.Range(0, 100).Select(i => $"\"{Text(i)}, and more\",l{i % 2}")]);
        return dir.Write("recipe.yaml", Encoding.UTF8.GetBytes(recipe));
    }

    public static Recipe Load(string path) => RecipeLoader.Load(path, Composition.Steps());

    /// <summary>Every stage of every shard, its plans and the merge, in this process, in order.</summary>
    public static RunResult RunSharded(string recipePath, string output, int shards)
    {
        var run = new ShardedRun(Load(recipePath), new RunOptions { OutputDirectory = output }, shards);
        for (var stage = 0; stage < run.Stages; stage++)
        {
            if (stage > 0) run.Plan(stage);
            for (var i = shards - 1; i >= 0; i--) run.RunTask(stage, i);   // any order: a shard's part does not depend on another's
        }
        return run.Merge();
    }

    /// <summary>Every file under a folder with its SHA-256, except run.json (timings).</summary>
    public static SortedDictionary<string, string> Hashes(string dir)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(dir, file);
            if (rel == "run.json") continue;
            result[rel] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }
        return result;
    }
}
