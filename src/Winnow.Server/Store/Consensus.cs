namespace Winnow.Server.Store;

/// <summary>
/// The label an item ends with: a reviewer's or a bulk decision first; else the gold answer for a gold item;
/// else the strict majority of the active human labels (spans: all annotators gave the same set). A tie or
/// no label leaves it undecided.
/// </summary>
public static class Consensus
{
    public static (string? Label, string Status) Label(string? decided, string? decidedBy, string? reviewState, bool isGold, string? gold, IReadOnlyList<string?> votes)
    {
        if (decided is not null) return (decided, decidedBy ?? "review");
        if (reviewState == "rejected") return (null, "rejected");
        if (isGold && gold is not null) return (gold, "gold");
        var counts = votes.Where(v => v is not null).GroupBy(v => v!).Select(g => (g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ToList();
        if (counts.Count == 0) return (null, "unlabelled");
        if (counts.Count > 1 && counts[0].Count == counts[1].Count) return (null, "tie");
        return (counts[0].Key, "majority");
    }

    public static (IReadOnlyList<Span>? Spans, string Status) Spans(IReadOnlyList<Span>? decided, string? decidedBy, string? reviewState, IReadOnlyList<IReadOnlyList<Span>?> votes)
    {
        if (decided is not null) return (decided, decidedBy ?? "review");
        if (reviewState == "rejected") return (null, "rejected");
        var given = votes.Where(v => v is not null).ToList();
        if (given.Count == 0) return (null, "unlabelled");
        var first = StoreJson.Canonical(given[0]);
        return given.All(v => StoreJson.Canonical(v) == first) ? (given[0], "agreed") : (null, "disagree");
    }
}
