using System.Collections.Immutable;
using Winnow.Core.Records;

namespace Winnow.Core.Steps;

/// <summary>
/// A batch step applied only where its condition holds: the matching records of a batch go to it as one smaller batch
/// (numbered among themselves by <paramref name="rank"/>, which maps a stream index to the inner step's index); the
/// others pass through kept.
/// </summary>
internal sealed class ScopedBatchStep(IBatchStep inner, Func<Record, long, bool> matches, Func<long, long> rank) : IBatchStep, IRecordStep
{
    public ScopedBatchStep(IBatchStep inner, RecordCondition condition) : this(inner, (r, _) => condition.Matches(r), i => i) { }

    public string Name => inner.Name;

    public int BatchSize => inner.BatchSize;

    public int Concurrency => inner.Concurrency;

    public async Task<BatchOutcome> ApplyAsync(IReadOnlyList<Record> batch, long firstIndex, CancellationToken cancellationToken)
    {
        var positions = new List<int>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
            if (matches(batch[i], firstIndex + i)) positions.Add(i);
        var outcomes = batch.Select(Outcome.Keep).ToArray();
        if (positions.Count == 0) return new BatchOutcome(outcomes);
        // Matching records of one batch are consecutive among the matching ones: the first one's rank numbers them all.
        var inner1 = await inner.ApplyAsync(positions.Select(i => batch[i]).ToList(), rank(firstIndex + positions[0]), cancellationToken);
        for (var k = 0; k < positions.Count; k++) outcomes[positions[k]] = inner1.Outcomes[k];
        return inner1 with { Outcomes = outcomes };
    }

    Outcome IRecordStep.Apply(Record record, long index) => throw BatchPlans.NotPerRecord(Name);
}

/// <summary>Helpers for whole-dataset steps whose plan runs in batches (the plan is an <see cref="IBatchStep"/>).</summary>
public static class BatchPlans
{
    /// <summary>
    /// <see cref="IDatasetStep.Plan"/> returns an <see cref="IRecordStep"/>; a plan that runs in batches implements both, and
    /// the runner prefers <see cref="IBatchStep"/>. Its per-record <c>Apply</c> is never called: it throws this.
    /// </summary>
    public static InvalidOperationException NotPerRecord(string step) => new($"step {step} runs in batches (IBatchStep), not one record at a time");

    /// <summary>An empty list of rejected records (for outcomes built by hand).</summary>
    public static readonly ImmutableArray<RejectedRecord> NoRejects = ImmutableArray<RejectedRecord>.Empty;
}
