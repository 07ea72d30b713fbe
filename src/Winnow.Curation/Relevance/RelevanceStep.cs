using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Winnow.Core;
using Winnow.Core.Embeddings;
using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Curation.Relevance;

/// <summary>
/// <c>filter.relevance</c>: keeps what belongs to the domain. The score of a record is its cosine similarity to the
/// nearest reference (exemplars, class centroids, the description), written to <c>meta.relevance</c>; below the
/// threshold it drops with <c>irrelevant</c>. A deny keyword drops (<c>denied_keyword</c>), an allow keyword keeps,
/// before any score. A whole-dataset step: it embeds its input once while planning (4 bytes × 384 per record).
/// </summary>
internal sealed class RelevanceStep(RelevanceOptions options, StepContext context, Func<IEmbeddingGenerator<string, Embedding<float>>>? generator) : IEmbeddingDatasetStep
{
    private readonly RelevanceOptions _options = Exists(options, context);
    private readonly Regex? _allow = Words(options.Allow);
    private readonly Regex? _deny = Words(options.Deny);

    public string Name => "filter.relevance";

    public bool EmbedsRecords => _options.NeedsEmbeddings;

    public IEmbeddingGenerator<string, Embedding<float>> Embedder() =>
        generator?.Invoke() ?? throw new WinnowException("filter.relevance needs an embedding generator, and none is configured");

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken) =>
        _options.NeedsEmbeddings ? Plan(input, Embedder(), cancellationToken) : new Decide(this, null);

    /// <summary>Exemplars and the description are embedded through <paramref name="embedder"/> too.</summary>
    public IRecordStep Plan(IRecordSource input, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        if (!_options.NeedsEmbeddings) return new Decide(this, null);

        var records = input.Read(cancellationToken).Select(r => (r.ContentText, r.Label)).ToList();
        var vectors = new float[records.Count][];
        EmbeddingBatches.EmbedAll(embedder, records.Select(r => r.ContentText), (i, v) => vectors[i] = v.ToArray(), cancellationToken);

        var references = new List<float[]>();
        if (_options.Exemplars is { } file)
        {
            var spec = new InputSpec { Path = file, BaseDirectory = context.BaseDirectory };
            var texts = FormatRegistry.ReadAll(spec, cancellationToken).Select(i => i.Parse().ContentText).ToList();
            if (texts.Count == 0) throw new WinnowException($"filter.relevance: exemplars file {file} has no records");
            references.AddRange(EmbeddingBatches.EmbedAll(embedder, texts, cancellationToken));
        }
        if (_options.Description is { } description) references.AddRange(EmbeddingBatches.EmbedAll(embedder, [description], cancellationToken));
        if (_options.ClassCentroids)
            foreach (var group in records.Select((r, i) => (r.Label, i)).Where(x => x.Label is not null).GroupBy(x => x.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
                references.Add(Normalised(Mean(group.Select(x => vectors[x.i]))));
        if (references.Count == 0)
            throw new WinnowException("filter.relevance: class_centroids found no labelled record to build a reference from");

        var scores = new float[records.Count];
        Parallel.For(0, records.Count, i => scores[i] = references.Max(r => EmbeddingBatches.Dot(vectors[i], r)));
        return new Decide(this, scores);
    }

    private sealed class Decide(RelevanceStep step, float[]? scores) : IRecordStep
    {
        public string Name => "filter.relevance";

        public Outcome Apply(Record record, long index)
        {
            var text = record.ContentText;
            var flag = step._options.Mode == "flag";
            if (step._deny?.Match(text) is { Success: true } denied)
                return flag ? Outcome.Keep(Mark(record, null, true)) : Outcome.Drop("denied_keyword", denied.Value);
            var score = scores?[index];
            if (step._allow?.IsMatch(text) == true) return Outcome.Keep(Mark(record, score, false));
            if (score is { } s && s < step._options.Threshold)
                return flag ? Outcome.Keep(Mark(record, s, true)) : Outcome.Drop("irrelevant", $"similarity {s:0.000} < {step._options.Threshold}");
            return Outcome.Keep(Mark(record, score, flag ? false : null));
        }

        private static Record Mark(Record record, float? score, bool? irrelevant)
        {
            var meta = record.Meta;
            if (score is { } s) meta = meta.Set("relevance", Math.Round(s, 4));
            if (irrelevant is { } flagged) meta = meta.Set("irrelevant", Meta.JsonValue(flagged));
            return record with { Meta = meta };
        }
    }

    private static Regex? Words(IReadOnlyList<string> words) => words.Count == 0
        ? null
        : new Regex(@"\b(?:" + string.Join('|', words.Select(Regex.Escape)) + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static float[] Mean(IEnumerable<float[]> vectors)
    {
        float[]? sum = null;
        var n = 0;
        foreach (var v in vectors)
        {
            sum ??= new float[v.Length];
            for (var i = 0; i < v.Length; i++) sum[i] += v[i];
            n++;
        }
        for (var i = 0; i < sum!.Length; i++) sum[i] /= n;
        return sum;
    }

    private static float[] Normalised(float[] v)
    {
        var norm = MathF.Sqrt(EmbeddingBatches.Dot(v, v));
        if (norm > 0) for (var i = 0; i < v.Length; i++) v[i] /= norm;
        return v;
    }

    /// <summary>A missing exemplars file is refused when the step is built, not after the whole input is embedded.</summary>
    private static RelevanceOptions Exists(RelevanceOptions options, StepContext context)
    {
        if (options.Exemplars is { } file && !File.Exists(context.ResolvePath(file)) && !Directory.Exists(context.ResolvePath(file)) && !file.Contains('*'))
            throw new WinnowException($"filter.relevance: exemplars file '{file}' does not exist (looked for {context.ResolvePath(file)})");
        return options;
    }
}
