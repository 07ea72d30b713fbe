using Microsoft.Extensions.AI;

namespace Winnow.Core.Steps;

/// <summary>
/// A whole-dataset step whose planning embeds every record's content (<see cref="Records.Record.ContentText"/>):
/// <c>dedup.semantic</c>, <c>filter.outliers</c> with <c>embedding: true</c>, <c>filter.relevance</c>, <c>enrich</c>
/// with topics. In a sharded run each shard embeds its own records at the end of the stage before (a file of vectors
/// per shard, <see cref="Embeddings.ShardVectors"/>), and the one task that plans reads the vectors instead of
/// embedding the whole dataset. Vectors do not depend on the batch a text was embedded in, so the plan is the one
/// <see cref="IDatasetStep.Plan"/> makes in one process.
/// </summary>
public interface IEmbeddingDatasetStep : IDatasetStep
{
    /// <summary>Whether this instance's options embed the records at all (false: nothing to embed ahead).</summary>
    bool EmbedsRecords { get; }

    /// <summary>The generator <see cref="IDatasetStep.Plan"/> embeds with (created on the first call).</summary>
    IEmbeddingGenerator<string, Embedding<float>> Embedder();

    /// <summary>
    /// <see cref="IDatasetStep.Plan"/> with every embedding taken from <paramref name="vectors"/> instead of
    /// <see cref="Embedder"/>: the same plan, given the same vectors.
    /// </summary>
    IRecordStep Plan(IRecordSource input, IEmbeddingGenerator<string, Embedding<float>> vectors, CancellationToken cancellationToken);
}
