using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Curation.Balance;

/// <summary>
/// One of <c>balance</c>'s <c>fill</c> generators: an augmenter step built from its own options, as the recipe would
/// build it as a step, run on chosen parents rather than on the stream. A generator that must read its input first
/// (dedup against the input, EDA's count) is planned once over <c>balance</c>'s whole input. Its outcomes come back in
/// the parents' order; its counts (variants made and kept, drops by reason, chat tokens) are summed.
/// </summary>
internal sealed class FillGenerator
{
    private readonly IRecordStep _plan;

    private FillGenerator(string name, IRecordStep plan) => (Name, _plan) = (name, plan);

    public string Name { get; }

    public static FillGenerator Prepare(IStep step, IRecordSource input, CancellationToken cancellationToken) => new(step.Name, step switch
    {
        IDatasetStep d => d.Plan(input, cancellationToken),
        IRecordStep r => r,
        _ => throw new InvalidOperationException($"balance: fill step {step.Name} is neither a per-record nor a whole-dataset step"),
    });

    /// <summary>The generator's outcome for each parent, in order (its variants are <see cref="Outcome.Created"/>), and its counts.</summary>
    public async Task<(Outcome[] Outcomes, Dictionary<string, Dictionary<string, long>> Counts)> RunAsync(
        IReadOnlyList<(long Index, Record Record)> parents, CancellationToken cancellationToken)
    {
        var outcomes = new Outcome[parents.Count];
        var counts = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        if (_plan is not IBatchStep batches)
        {
            for (var i = 0; i < parents.Count; i++) outcomes[i] = _plan.Apply(parents[i].Record, parents[i].Index);
            return (outcomes, counts);
        }
        // A batch step's outcome depends on the record alone (its contract), so how the parents are cut does not matter.
        var size = Math.Max(1, batches.BatchSize);
        var starts = Enumerable.Range(0, (parents.Count + size - 1) / size).Select(b => b * size).ToList();
        var results = new BatchOutcome[starts.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, starts.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, batches.Concurrency), CancellationToken = cancellationToken },
            async (b, ct) =>
            {
                var slice = parents.Skip(starts[b]).Take(size).ToList();
                results[b] = await batches.ApplyAsync(slice.Select(p => p.Record).ToList(), slice[0].Index, ct);
            });
        for (var b = 0; b < results.Length; b++)
        {
            for (var i = 0; i < results[b].Outcomes.Count; i++) outcomes[starts[b] + i] = results[b].Outcomes[i];
            foreach (var (table, rows) in results[b].Counts ?? new Dictionary<string, IReadOnlyDictionary<string, long>>())
            {
                if (!counts.TryGetValue(table, out var sum)) counts[table] = sum = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (k, v) in rows) sum[k] = sum.GetValueOrDefault(k) + v;
            }
        }
        return (outcomes, counts);
    }
}
