using Winnow.Core.Records;

namespace Winnow.Core.Steps;

/// <summary>
/// A per-record step whose work waits on a slow service (a chat model, an Apertium process, an embedding model): the
/// runner hands it a batch of records and awaits the outcomes, with up to <see cref="Concurrency"/> batches of a chunk
/// in flight at once (datatrove's inference runner: a concurrency limit over asynchronous requests). Outcomes come back
/// one per record, in the batch's order, and the runner writes them in input order whatever finishes first.
/// <para>
/// The contract that keeps a run byte-identical across runs, core counts and shardings (<c>--shards N</c>): a record's
/// outcome depends on the record and the step's options alone (randomness and request seeds keyed on the record's id
/// or origin), never on which other records share its batch, since batches are cut from chunks and shards cut chunks
/// differently. Thread-safe: batches run concurrently.
/// </para>
/// </summary>
public interface IBatchStep : IStep
{
    /// <summary>Records per call (one Apertium process pair, one embedding call, a group of chat requests).</summary>
    int BatchSize { get; }

    /// <summary>Batches of a chunk in flight at once (a step's services may limit further, e.g. one chat endpoint's concurrency).</summary>
    int Concurrency { get; }

    /// <param name="firstIndex">The position of <c>batch[0]</c> in the step's input stream (as <see cref="IRecordStep.Apply"/>'s index).</param>
    Task<BatchOutcome> ApplyAsync(IReadOnlyList<Record> batch, long firstIndex, CancellationToken cancellationToken);
}

/// <summary>
/// What a batch step did: one <see cref="Outcome"/> per record of the batch, in order, and counts the step owns (its
/// section of the report, e.g. <c>{"variants": {"made": 12, "kept": 9}}</c>, tokens of a chat model). The runner sums the
/// counts over batches, chunks and shards into the step's <c>details</c> in <c>manifest.json</c>: so they must be
/// deterministic (a function of the records), not what this particular run paid.
/// </summary>
public sealed record BatchOutcome(IReadOnlyList<Outcome> Outcomes, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>? Counts = null);
