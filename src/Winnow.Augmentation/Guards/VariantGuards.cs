using System.Collections.Immutable;

namespace Winnow.Augmentation.Guards;

/// <summary>Per augmenter: variants made, kept, and dropped by reason (what the report shows).</summary>
public sealed class GuardCounts
{
    private long _made, _kept;
    private readonly Dictionary<string, long> _dropped = new(StringComparer.Ordinal);

    public long Made => Interlocked.Read(ref _made);
    public long Kept => Interlocked.Read(ref _kept);

    public IReadOnlyDictionary<string, long> Dropped
    {
        get { lock (_dropped) return new Dictionary<string, long>(_dropped, StringComparer.Ordinal); }
    }

    internal void Add(int made, int kept, IEnumerable<string> reasons)
    {
        Interlocked.Add(ref _made, made);
        Interlocked.Add(ref _kept, kept);
        lock (_dropped)
            foreach (var r in reasons) _dropped[r] = _dropped.GetValueOrDefault(r) + 1;
    }
}

/// <summary>
/// Guards applied in order to the variants of a batch of augmenter results (cheap ones first: dedup, then
/// embeddings, then a classifier); a variant a guard drops is not shown to the next. Dropped variants move from
/// <see cref="AugmentResult.Created"/> to <see cref="AugmentResult.Rejected"/> with the guard's reason.
/// </summary>
public sealed class VariantGuards(IReadOnlyList<IVariantGuard> guards)
{
    public GuardCounts Counts { get; } = new();

    public async Task<IReadOnlyList<AugmentResult>> ApplyAsync(IReadOnlyList<AugmentResult> results, CancellationToken cancellationToken = default)
    {
        // (result index, variant index) of every variant still standing.
        var standing = new List<(int R, int V)>();
        for (var r = 0; r < results.Count; r++)
            for (var v = 0; v < results[r].Created.Length; v++) standing.Add((r, v));
        var made = standing.Count;
        var drops = new Dictionary<(int, int), GuardDrop>();
        foreach (var guard in guards)
        {
            if (standing.Count == 0) break;
            var pairs = standing.Select(s => (Variants.Source(results[s.R].Parent) ?? "", results[s.R].Created[s.V])).ToList();
            var verdicts = await guard.CheckAsync(pairs, cancellationToken);
            var next = new List<(int, int)>(standing.Count);
            for (var i = 0; i < standing.Count; i++)
                if (verdicts[i] is { } drop) drops[standing[i]] = drop;
                else next.Add(standing[i]);
            standing = next;
        }
        Counts.Add(made, standing.Count, drops.Values.Select(d => d.Reason));
        if (drops.Count == 0) return results;
        var output = new AugmentResult[results.Count];
        for (var r = 0; r < results.Count; r++)
        {
            var kept = ImmutableArray.CreateBuilder<Winnow.Core.Records.Record>();
            var rejected = results[r].Rejected.ToBuilder();
            for (var v = 0; v < results[r].Created.Length; v++)
                if (drops.TryGetValue((r, v), out var drop)) rejected.Add(new RejectedVariant(results[r].Created[v], drop.Reason, drop.Detail));
                else kept.Add(results[r].Created[v]);
            output[r] = results[r] with { Created = kept.ToImmutable(), Rejected = rejected.ToImmutable() };
        }
        return output;
    }
}
