using Microsoft.Extensions.AI;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Annotation.Tests;

/// <summary>An embedding generator that serves fixed vectors by text (what the tests' synthetic clusters need).</summary>
internal sealed class FakeEmbeddings(IReadOnlyDictionary<string, float[]> vectors) : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(vectors[v]))));

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }

    /// <summary>
    /// <paramref name="perClass"/> points around each of <paramref name="classes"/> orthogonal unit directions in 16
    /// dimensions (Gaussian noise σ = 0.25, then scaled to unit length), named <c>c{k}-{i}</c>, labelled <c>class{k}</c>.
    /// </summary>
    public static (List<Record> Records, Dictionary<string, float[]> Vectors) Clusters(int classes, int perClass, int seed)
    {
        var random = new Random(seed);
        var records = new List<Record>();
        var vectors = new Dictionary<string, float[]>();
        for (var k = 0; k < classes; k++)
            for (var i = 0; i < perClass; i++)
            {
                var v = new float[16];
                for (var d = 0; d < 16; d++) v[d] = (float)(Gaussian(random) * 0.25) + (d == k ? 1f : 0f);
                Normalise(v);
                var text = $"c{k}-{i}";
                vectors[text] = v;
                records.Add(new Record { Id = text, Text = text, Label = $"class{k}" });
            }
        return (records, vectors);
    }

    /// <summary>Scales to unit length, as MiniLM's vectors are (cosine similarity is then the dot product).</summary>
    public static float[] Normalise(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(a => a * a));
        for (var d = 0; d < v.Length; d++) v[d] /= norm;
        return v;
    }

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}

/// <summary>Plans a whole-dataset step over a list and applies the plan in order, as the runner does.</summary>
internal static class StepHarness
{
    private sealed class ListSource(IReadOnlyList<Record> records) : IRecordSource
    {
        public long? Count => records.Count;
        public IEnumerable<Record> Read(CancellationToken cancellationToken = default) => records;
    }

    public static List<Record> Run(IDatasetStep step, IReadOnlyList<Record> records, List<string>? dropReasons = null) =>
        Run(step.Plan(new ListSource(records), default), records, dropReasons);

    public static List<Record> Run(IRecordStep plan, IReadOnlyList<Record> records, List<string>? dropReasons = null)
    {
        var output = new List<Record>();
        for (var i = 0; i < records.Count; i++)
        {
            var o = plan.Apply(records[i], i);
            if (o.Kept is { } k) output.Add(k);
            else dropReasons?.Add(o.DropReason!);
        }
        return output;
    }

    public static StepContext Context(string name) => new(name, 0, 42, Path.GetTempPath());
}
