using Microsoft.Extensions.AI;
using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Curation.Semantic;

namespace Winnow.Curation.Enrich;

/// <summary>
/// <c>enrich</c> with <c>topics</c>: a whole-dataset step. Planning embeds the records (all, or a seeded sample),
/// clusters the vectors with <see cref="KMeans"/>, reads the clustered records again to weigh their words by
/// <see cref="ClassTfIdf"/>, and names each cluster by its heaviest words. The plan then does the per-record
/// enrichment and adds <c>meta.topic</c> (cluster id; −1: no topic) and <c>meta.topic_words</c> ("card_arrive_arrived").
/// Memory while planning: one vector per embedded record (<see cref="TopicOptions.MemoryMb"/>), the word counts per
/// cluster, and 4 bytes per record.
/// </summary>
internal sealed class TopicEnrichStep(
    EnrichOptions options, StepContext context, IEmbeddingGenerator<string, Embedding<float>> generator) : IEmbeddingDatasetStep
{
    private readonly TopicOptions _topics = options.Topics ?? throw new ArgumentException("topics are off", nameof(options));

    public string Name => "enrich";

    /// <summary>With a sample, only the sampled records are embedded: the shards do not embed ahead.</summary>
    public bool EmbedsRecords => _topics.Sample is null;

    public IEmbeddingGenerator<string, Embedding<float>> Embedder() => generator;

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken) => Plan(input, generator, cancellationToken);

    public IRecordStep Plan(IRecordSource input, IEmbeddingGenerator<string, Embedding<float>> vectors, CancellationToken cancellationToken)
    {
        var seed = _topics.Seed ?? context.StepSeed;
        var n = input.Count ?? input.Read(cancellationToken).LongCount();
        var sampled = _topics.Sample is { } size && size < n
            ? SampleMask(input.Read(cancellationToken).Select(r => RecordOrigin.Uniform(seed, r)).ToArray(), size)
            : null;
        IRecordSource clustered = sampled is null ? input : new MaskedSource(input, sampled, size: _topics.Sample!.Value);

        var data = EmbeddedDataset.Read(Name, clustered, vectors, _topics.MemoryMb, keepTexts: false, cancellationToken);
        var assignment = KMeans.Cluster(data.Vectors, _topics.K, _topics.Iterations, seed);
        var clusters = assignment.Length == 0 ? 0 : assignment.Max() + 1;
        var stopWords = TopicStopWords.Resolve(_topics.StopWords);
        var model = ClassTfIdf.Fit(
            clustered.Read(cancellationToken).Select((r, i) => (assignment[i], r.ContentText)), clusters, stopWords);
        var names = Enumerable.Range(0, clusters).Select(c => string.Join('_', model.TopWords(c, _topics.Words))).ToArray();

        // Topic of each input index; Unassigned marks records outside the sample (named by their words in Apply).
        var topic = new int[n];
        if (sampled is null) assignment.CopyTo(topic, 0);
        else
            for (long i = 0, j = 0; i < n; i++)
                topic[i] = sampled[i] ? assignment[j++] : TopicPlan.Unassigned;
        return new TopicPlan(new EnrichStep(options), topic, names, model, stopWords);
    }

    /// <summary>
    /// The <paramref name="size"/> records of lowest seeded priority (<see cref="RecordOrigin.Uniform"/>, ties by
    /// index): a uniform choice that depends on where each record came from, not on its position.
    /// </summary>
    internal static bool[] SampleMask(double[] priorities, int size)
    {
        var order = Enumerable.Range(0, priorities.Length).OrderBy(i => priorities[i]).ThenBy(i => i).Take(size);
        var mask = new bool[priorities.Length];
        foreach (var i in order) mask[i] = true;
        return mask;
    }

    /// <summary>The records of a source whose index is marked, in order.</summary>
    private sealed class MaskedSource(IRecordSource input, bool[] mask, int size) : IRecordSource
    {
        public long? Count => size;

        public IEnumerable<Record> Read(CancellationToken cancellationToken = default)
        {
            long i = 0;
            foreach (var record in input.Read(cancellationToken))
                if (i < mask.Length && mask[i++]) yield return record;
        }
    }
}

/// <summary>The plan of <see cref="TopicEnrichStep"/>: per-record enrichment plus the planned topic. Thread-safe.</summary>
internal sealed class TopicPlan(EnrichStep enrich, int[] topic, string[] names, ClassTfIdf model, IReadOnlySet<string> stopWords) : IRecordStep
{
    public const int Unassigned = -2;

    public string Name => enrich.Name;

    public Outcome Apply(Record record, long index)
    {
        var meta = enrich.Enrich(record);
        // Past the planned input (a record the plan never saw) or outside the sample: the words decide.
        var t = index < topic.Length && topic[index] != Unassigned ? topic[index] : model.Assign(record.ContentText, stopWords);
        meta = meta.Set("topic", t);
        if (t >= 0) meta = meta.Set("topic_words", names[t]);
        return Outcome.Keep(record with { Meta = meta });
    }
}
