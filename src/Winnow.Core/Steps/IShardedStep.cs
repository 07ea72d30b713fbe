namespace Winnow.Core.Steps;

/// <summary>
/// A whole-dataset step (or a sequential one, such as exact dedup) that runs across shards in three stages, as
/// datatrove's MinHash does (signatures → buckets → clusters → filter):
/// <list type="number">
/// <item><see cref="Summarise"/>, in every shard: one read of the shard's records, in order, writing what the plan
/// needs (hashes, band keys, counts per class): small next to the records.</item>
/// <item><see cref="Plan"/>, in one task: the summaries in shard order → the plan, a file.</item>
/// <item><see cref="Apply"/>, in every shard: the plan as a per-record step, called with each record's index in the
/// whole input (its shard's offset plus its index in the shard).</item>
/// </list>
/// The result must be the one <see cref="IDatasetStep.Plan"/> (or the sequential step) gives in one process: the
/// runner's tests compare the bytes. A step without this contract still runs sharded: one task plans it over every
/// shard's records and applies it (correct, but that task does the step's whole work).
/// </summary>
public interface IShardedStep : IStep
{
    void Summarise(IRecordSource shard, Stream summary, CancellationToken cancellationToken);

    void Plan(IReadOnlyList<ShardSummary> summaries, Stream plan, CancellationToken cancellationToken);

    IRecordStep Apply(Stream plan, CancellationToken cancellationToken);
}

/// <summary>One shard's summary for <see cref="IShardedStep.Plan"/>: the file, and how many records the shard had.</summary>
public sealed record ShardSummary(string Path, long Records);
