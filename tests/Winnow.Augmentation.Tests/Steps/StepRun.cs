using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using Winnow.Core.Formats;
using Winnow.Core.Recipes;
using Winnow.Core.Running;
using Winnow.Core.Services;
using Winnow.Core.Steps;

namespace Winnow.Augmentation.Tests.Steps;

/// <summary>A temporary folder with inputs and a recipe, run through the real runner with the augmentation steps registered.</summary>
internal sealed class StepRun : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("winnow-augment-steps-").FullName;

    public Func<IEmbeddingGenerator<string, Embedding<float>>>? Embeddings { get; init; }

    public StepRegistry Registry() => new StepRegistry { Services = new StepServices { Embeddings = Embeddings } }.AddCore().AddAugmentation();

    public string Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>An input of labelled texts, ids t0, t1, ….</summary>
    public void Input(IEnumerable<(string Text, string Label)> records) =>
        Write("in.jsonl", string.Concat(records.Select((r, i) =>
            $"{{\"id\":\"t{i}\",\"text\":{System.Text.Json.JsonSerializer.Serialize(r.Text)},\"label\":\"{r.Label}\"}}\n")));

    /// <summary>The <c>llm:</c> section for a scripted server, with a cache folder under this run and fast retries.</summary>
    public string Llm(string baseUrl, int concurrency = 4, double timeout = 5) =>
        $"llm: {{base_url: '{baseUrl}', model: scripted-model, concurrency: {concurrency}, timeout_seconds: {timeout.ToString(System.Globalization.CultureInfo.InvariantCulture)}, " +
        $"retry_delay_seconds: 0.01, max_retries: 6, cache: '{Path.Combine(Root, "cache")}', prices: {{prompt: 2.5, completion: 10}}}}\n";

    public Recipe Recipe(string yaml) => RecipeLoader.Parse(yaml, Write("recipe.yaml", yaml), Registry());

    public RunResult Run(string yaml, string output = "out", bool resume = false, int? stopAfter = null, int? cores = null) =>
        new Runner(Recipe(yaml), new RunOptions
        {
            OutputDirectory = Path.Combine(Root, output), Resume = resume, StopAfterChunks = stopAfter, MaxDegreeOfParallelism = cores,
        }).Run();

    public string Out(string output, string relative) => Path.Combine(Root, output, relative);

    public List<Record> Records(string output, string relative = "out.jsonl")
    {
        var path = Out(output, relative);
        return FormatRegistry.CreateReader(path, relative, new Winnow.Core.IO.InputSpec { Path = path, Format = "jsonl" }).Read().Select(i => i.Parse()).ToList();
    }

    public string[] Rejects(string output, string step) =>
        File.Exists(Out(output, $"rejects/{step}.jsonl")) ? File.ReadAllLines(Out(output, $"rejects/{step}.jsonl")) : [];

    public string Hash(string output, string relative) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Out(output, relative))));

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
