using System.Globalization;
using Microsoft.Extensions.AI;
using Winnow.Core;
using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Curation.Semantic;

namespace Winnow.Curation.Outliers;

/// <summary>
/// <c>filter.outliers</c>: one read of the input measures every record's length (and embedding, when asked),
/// then the plan drops or flags, in this order of precedence: <c>word_list</c> (a listed word), <c>length_outlier</c>
/// (outside the length fences; detail: the length and the fences) and <c>embedding_outlier</c> (detail: the cosine
/// distance to the class centroid and its z within the class).
/// </summary>
public sealed class OutlierStep(
    OutlierOptions options, StepContext context, Func<IEmbeddingGenerator<string, Embedding<float>>>? generator) : IEmbeddingDatasetStep
{
    private readonly WordList? _words = options.WordsFile is { } f ? WordList.Load(context.ResolvePath(f)) : null;

    internal OutlierOptions Options => options;

    public string Name => "filter.outliers";

    public bool EmbedsRecords => options.Embedding;

    public IEmbeddingGenerator<string, Embedding<float>> Embedder() =>
        generator?.Invoke() ?? throw new WinnowException("filter.outliers: embedding: true needs an embedding generator, and none is configured");

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken) =>
        PlanWith(input, options.Embedding ? Embedder() : null, cancellationToken);

    public IRecordStep Plan(IRecordSource input, IEmbeddingGenerator<string, Embedding<float>> vectors, CancellationToken cancellationToken) =>
        PlanWith(input, options.Embedding ? vectors : null, cancellationToken);

    private IRecordStep PlanWith(IRecordSource input, IEmbeddingGenerator<string, Embedding<float>>? embedder, CancellationToken cancellationToken)
    {
        var data = EmbeddedDataset.Read(Name, input, embedder, options.MemoryMb, keepTexts: true, cancellationToken);
        var lengths = data.Texts.Select(t => options.Unit == "chars" ? t.Length : CountWords(t)).ToArray();
        var fences = LengthFences.Compute(lengths, options.Length, options.IqrK, options.Z);
        double[]? distance = null, z = null;
        if (options.Embedding) (distance, z) = CentroidDistances.Compute(data.Vectors, data.Labels, options.MinClassSize);
        return new OutlierPlan(this, lengths, fences, distance, z);
    }

    internal static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) inWord = false;
            else if (!inWord) { inWord = true; count++; }
        }
        return count;
    }

    private sealed class OutlierPlan(OutlierStep step, int[] lengths, LengthFences? fences, double[]? distance, double[]? z) : IRecordStep
    {
        public string Name => step.Name;

        public Outcome Apply(Record record, long index)
        {
            var (reason, detail) = Judge(record, index);
            if (step.Options.Mode == "drop")
                return reason is null ? Outcome.Keep(record) : Outcome.Drop(reason, detail);
            var meta = record.Meta;
            if (z is not null && index < z.Length) meta = meta.Set("outlier_score", Math.Round(z[index], 3));
            if (reason is not null) meta = meta.Set("outlier", reason);
            return Outcome.Keep(record with { Meta = meta });
        }

        private (string? Reason, string? Detail) Judge(Record record, long index)
        {
            if (step._words?.Find(record.ContentText) is { } word) return ("word_list", $"contains \"{word}\"");
            if (index >= lengths.Length) return (null, null);
            if (fences is { } f && f.Outside(lengths[index]))
                return ("length_outlier", string.Create(CultureInfo.InvariantCulture,
                    $"{lengths[index]} {step.Options.Unit} outside [{f.Low:0.##}, {f.High:0.##}] ({f.Rule})"));
            if (z is not null && z[index] > step.Options.EmbeddingZ)
                return ("embedding_outlier", string.Create(CultureInfo.InvariantCulture,
                    $"cosine distance {distance![index]:0.000} to the {(record.Label is { } l ? $"'{l}'" : "global")} centroid, z {z[index]:0.00}"));
            return (null, null);
        }
    }
}
