using Dapper;

namespace Winnow.Server.Store;

/// <summary>An item as it leaves the store: the record as loaded, what people said and what it ends with.</summary>
public sealed record ExportedItem(
    string RecordJson, string? Label, IReadOnlyList<Span>? Spans, string Status, bool IsGold,
    IReadOnlyList<(string Annotator, string? Label, IReadOnlyList<Span>? Spans)> Votes, IReadOnlyList<(string Reviewer, string Decision, string? Comment)> Reviews)
{
    /// <summary>The id the record was loaded with.</summary>
    public string ExtId { get; init; } = "";
}

public sealed partial class LabelStore
{
    private sealed class ExportRow
    {
        public long Id { get; set; }
        public long Seq { get; set; }
        public string Ext_id { get; set; } = "";
        public string Record { get; set; } = "";
        public long Is_gold { get; set; }
        public string? Gold_label { get; set; }
        public string? Gold_spans { get; set; }
        public string? Decided_label { get; set; }
        public string? Decided_spans { get; set; }
        public string? Decided_by { get; set; }
        public string? Review_state { get; set; }
    }

    /// <summary>Every item of the project in load order (read in pages, so memory stays flat).</summary>
    public async IAsyncEnumerable<ExportedItem> ExportAsync(Project project)
    {
        long after = 0;
        while (true)
        {
            var page = await Read(async c =>
            {
                var rows = (await c.QueryAsync<ExportRow>(
                    """
                    SELECT id, seq, ext_id, record, is_gold, gold_label, gold_spans, decided_label, decided_spans, decided_by, review_state
                    FROM items WHERE project_id = @p AND seq > @after ORDER BY seq LIMIT 1000
                    """, new { p = project.Id, after })).ToList();
                var ids = rows.Select(r => r.Id).ToArray();
                var votes = ids.Length == 0 ? [] : (await c.QueryAsync<(long Item, string Name, string? Label, string? Spans)>(
                    $"SELECT n.item_id, u.name, n.label, n.spans FROM annotations n JOIN annotators u ON u.id = n.annotator_id WHERE n.undone_at IS NULL AND {_dialect.In("n.item_id", "ids")} ORDER BY n.id",
                    new { ids })).ToList();
                var reviews = ids.Length == 0 ? [] : (await c.QueryAsync<(long Item, string Name, string Decision, string? Comment)>(
                    $"SELECT r.item_id, u.name, r.decision, r.comment FROM reviews r JOIN annotators u ON u.id = r.reviewer_id WHERE {_dialect.In("r.item_id", "ids")} ORDER BY r.id",
                    new { ids })).ToList();
                return (rows, votes, reviews);
            }).ConfigureAwait(false);
            if (page.rows.Count == 0) yield break;
            var votesByItem = page.votes.ToLookup(v => v.Item);
            var reviewsByItem = page.reviews.ToLookup(r => r.Item);
            foreach (var r in page.rows)
            {
                var v = votesByItem[r.Id].Select(x => (x.Name, x.Label, StoreJson.Spans(x.Spans))).ToList();
                var (label, status) = Consensus.Label(r.Decided_label, r.Decided_by, r.Review_state, r.Is_gold != 0, r.Gold_label, v.Select(x => x.Label).ToList());
                var spans = project.IsSpans
                    ? (r.Is_gold != 0 && r.Decided_spans is null && r.Gold_spans is not null ? (StoreJson.Spans(r.Gold_spans), "gold")
                        : Consensus.Spans(StoreJson.Spans(r.Decided_spans), r.Decided_by, r.Review_state, v.Select(x => x.Item3).ToList()))
                    : (null, status);
                yield return new ExportedItem(r.Record, label, spans.Item1, project.IsSpans ? spans.Item2 : status, r.Is_gold != 0, v,
                    reviewsByItem[r.Id].Select(x => (x.Name, x.Decision, x.Comment)).ToList()) { ExtId = r.Ext_id };
            }
            after = page.rows[^1].Seq;
        }
    }
}
