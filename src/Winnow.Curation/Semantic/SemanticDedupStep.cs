using System.Globalization;
using Microsoft.Extensions.AI;
using Winnow.Core.Embeddings;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Curation.Semantic;

/// <summary>
/// <c>dedup.semantic</c>: embeds every record's content, clusters the vectors (seeded spherical k-means++), and
/// within each cluster, in input order, drops a record whose cosine similarity to a record kept before it is at
/// least <see cref="SemanticDedupOptions.Threshold"/> (reason <c>semantic_duplicate</c>; detail: the kept record's
/// id and the similarity). Kept records get <c>meta.sem_cluster</c>. Duplicates split across two clusters are
/// missed, as in SemDedup; <c>clusters: 1</c> makes the search exact.
/// </summary>
public sealed class SemanticDedupStep(
    SemanticDedupOptions options, StepContext context, IEmbeddingGenerator<string, Embedding<float>> generator) : IEmbeddingDatasetStep
{
    public string Name => "dedup.semantic";

    public bool EmbedsRecords => true;

    public IEmbeddingGenerator<string, Embedding<float>> Embedder() => generator;

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken) => Plan(input, generator, cancellationToken);

    public IRecordStep Plan(IRecordSource input, IEmbeddingGenerator<string, Embedding<float>> vectors, CancellationToken cancellationToken)
    {
        var data = EmbeddedDataset.Read(Name, input, vectors, options.MemoryMb, keepTexts: false, cancellationToken);
        var n = data.Count;
        var k = options.Clusters ?? Math.Max(1, (int)Math.Round(Math.Sqrt(n)));
        var cluster = KMeans.Cluster(data.Vectors, k, options.Iterations, context.StepSeed);
        var members = new List<int>[Math.Max(1, Math.Min(k, n))];
        for (var i = 0; i < members.Length; i++) members[i] = [];
        for (var i = 0; i < n; i++) members[cluster[i]].Add(i); // ascending input order
        var keptAs = new int[n];
        var similarity = new float[n];
        Array.Fill(keptAs, -1);
        var threshold = (float)options.Threshold;
        Parallel.For(0, members.Length, c =>
        {
            var kept = new List<int>();
            foreach (var i in members[c])
            {
                int best = -1;
                var bestSim = float.NegativeInfinity;
                foreach (var j in kept)
                {
                    var s = EmbeddingBatches.Dot(data.Vectors[i], data.Vectors[j]);
                    if (s > bestSim) { bestSim = s; best = j; }
                }
                if (best >= 0 && bestSim >= threshold) { keptAs[i] = best; similarity[i] = bestSim; }
                else kept.Add(i);
            }
        });
        return new SemanticDedupPlan(Name, cluster, keptAs, similarity, data.Ids);
    }
}

/// <summary>The plan of <see cref="SemanticDedupStep"/>, by input index. Memory: 12 bytes and an id per record.</summary>
internal sealed class SemanticDedupPlan(string name, int[] cluster, int[] keptAs, float[] similarity, IReadOnlyList<string> ids) : IRecordStep
{
    public string Name => name;

    public int Dropped => keptAs.Count(k => k >= 0);

    public Outcome Apply(Record record, long index)
    {
        if (index >= cluster.Length) return Outcome.Keep(record);
        var kept = keptAs[index];
        if (kept >= 0)
            return Outcome.Drop("semantic_duplicate", string.Create(CultureInfo.InvariantCulture,
                $"cosine {similarity[index]:0.000} to kept record {ids[kept]} (cluster {cluster[index]})"));
        return Outcome.Keep(record with { Meta = record.Meta.Set("sem_cluster", cluster[index]) });
    }
}
