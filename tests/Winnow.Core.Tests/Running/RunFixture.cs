using System.Collections.Immutable;
using System.Security.Cryptography;
using Winnow.Core.Formats;
using Winnow.Core.Recipes;
using Winnow.Core.Records;
using Winnow.Core.Running;
using Winnow.Core.Steps;

namespace Winnow.Core.Tests.Running;

/// <summary>A temporary folder with a recipe, its inputs, and helpers to run it and read what it wrote.</summary>
internal sealed class RunFixture : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("winnow-run-").FullName;

    public static StepRegistry Registry() => new StepRegistry().AddCore()
        .Add<DropEveryOptions>("test.drop_every", "drops every n-th record", (o, _) => new DropEvery(o.N))
        .Add<DropEveryOptions>("test.first_seen", "drops a text seen before (sequential)", (_, _) => new FirstSeen())
        .Add<DropEveryOptions>("test.keep_last", "keeps the last n records (whole dataset)", (o, _) => new KeepLast(o.N))
        .Add<DropEveryOptions>("test.twin", "adds a copy of every n-th record", (o, _) => new Twin(o.N))
        .Add<DropEveryOptions>("test.slow_plan", "plans for n × 100 ms, then keeps everything (whole dataset)", (o, _) => new SlowPlan(o.N));

    public string Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A JSONL input of <paramref name="count"/> records; every 10th text repeats an earlier one.</summary>
    public string WriteJsonl(string relative, int count, string prefix = "record")
    {
        var lines = Enumerable.Range(0, count).Select(i =>
            $"{{\"text\":\"{prefix} {(i % 10 == 9 ? i - 5 : i)} with some words\",\"label\":\"l{i % 3}\",\"n\":{i}}}");
        return Write(relative, string.Join("\n", lines) + "\n");
    }

    public Recipe Recipe(string yaml) => RecipeLoader.Parse(yaml, Write("recipe.yaml", yaml), Registry());

    public RunResult Run(string yaml, string output = "out", int? cores = null, bool resume = false, int? stopAfter = null) =>
        new Runner(Recipe(yaml), new RunOptions
        {
            OutputDirectory = Path.Combine(Root, output),
            MaxDegreeOfParallelism = cores,
            Resume = resume,
            StopAfterChunks = stopAfter,
        }).Run();

    public string Out(string output, string relative) => Path.Combine(Root, output, relative);

    public List<Record> ReadRecords(string path) =>
        FormatRegistry.CreateReader(path, Path.GetFileName(path), new Winnow.Core.IO.InputSpec { Path = path, Format = "jsonl" })
            .Read().Select(i => i.Parse()).ToList();

    /// <summary>Every file under an output folder with its SHA-256, except run.json (timings).</summary>
    public SortedDictionary<string, string> Hashes(string output)
    {
        var dir = Path.Combine(Root, output);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(dir, file);
            if (rel == "run.json") continue;
            result[rel] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }
        return result;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

public sealed record DropEveryOptions
{
    public int N { get; init; } = 2;
}

internal sealed class DropEvery(int n) : IRecordStep
{
    public string Name => "test.drop_every";
    public Outcome Apply(Record record, long index) => index % n == n - 1 ? Outcome.Drop("every_nth", $"index {index}") : Outcome.Keep(record);
}

internal sealed class FirstSeen : ISequentialStep
{
    private readonly HashSet<string> _seen = [];
    public string Name => "test.first_seen";
    public Outcome Apply(Record record, long index) => _seen.Add(record.ContentText) ? Outcome.Keep(record) : Outcome.Drop("seen_before");
}

internal sealed class Twin(int n) : IRecordStep
{
    public string Name => "test.twin";
    public Outcome Apply(Record record, long index) => index % n == 0
        ? Outcome.KeepAndCreate(record, [record with { Id = record.Id + "-twin", Provenance = record.Provenance.With($"test.twin from {record.Id}") }])
        : Outcome.Keep(record);
}

internal sealed class KeepLast(int n) : IDatasetStep
{
    public string Name => "test.keep_last";
    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken)
    {
        var count = input.Read(cancellationToken).LongCount();
        return new Threshold(count - n);
    }

    private sealed class Threshold(long first) : IRecordStep
    {
        public string Name => "test.keep_last";
        public Outcome Apply(Record record, long index) => index >= first ? Outcome.Keep(record) : Outcome.Drop("not_last");
    }
}

internal sealed class SlowPlan(int tenthsOfASecond) : IDatasetStep
{
    public string Name => "test.slow_plan";
    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken)
    {
        Thread.Sleep(tenthsOfASecond * 100);
        return new Keep();
    }

    private sealed class Keep : IRecordStep
    {
        public string Name => "test.slow_plan";
        public Outcome Apply(Record record, long index) => Outcome.Keep(record);
    }
}
