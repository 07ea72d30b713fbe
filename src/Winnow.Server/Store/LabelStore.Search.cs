using System.Data.Common;
using System.Text;
using Dapper;

namespace Winnow.Server.Store;

public sealed partial class LabelStore
{
    private sealed class SummaryRow
    {
        public long Id { get; set; }
        public string Ext_id { get; set; } = "";
        public string Text { get; set; } = "";
        public long Label_issue { get; set; }
        public string? Cluster { get; set; }
        public string? Decided_label { get; set; }
        public string? Decided_by { get; set; }
        public string? Review_state { get; set; }
        public long Is_gold { get; set; }
        public string? Gold_label { get; set; }
    }

    private const string SummaryColumns = "i.id, i.ext_id, i.text, i.label_issue, i.cluster, i.decided_label, i.decided_by, i.review_state, i.is_gold, i.gold_label";

    /// <summary>Items of a project that match every given filter, in load order (at most <see cref="SearchQuery.Limit"/>).</summary>
    public Task<IReadOnlyList<ItemSummary>> SearchAsync(Project project, SearchQuery q) =>
        Read(async c =>
        {
            var sql = new StringBuilder($"SELECT {SummaryColumns} FROM items i WHERE i.project_id = @p");
            var args = new DynamicParameters(new { p = project.Id, limit = Math.Clamp(q.Limit, 1, 5000) });
            if (!string.IsNullOrWhiteSpace(q.Text))
            {
                sql.Append($" AND i.text {_dialect.ILike} @text ESCAPE '\\'");
                args.Add("text", "%" + q.Text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
            }
            if (!string.IsNullOrEmpty(q.Label))
            {
                sql.Append(" AND (i.decided_label = @label OR i.original_label = @label OR EXISTS (SELECT 1 FROM annotations n WHERE n.item_id = i.id AND n.undone_at IS NULL AND n.label = @label))");
                args.Add("label", q.Label);
            }
            if (!string.IsNullOrEmpty(q.Suggestion))
            {
                sql.Append(" AND (SELECT s.label FROM suggestions s WHERE s.item_id = i.id ORDER BY COALESCE(s.confidence, -1) DESC, s.id LIMIT 1) = @suggestion");
                args.Add("suggestion", q.Suggestion);
            }
            if (q.MinConfidence is not null)
            {
                sql.Append(" AND (SELECT MAX(s.confidence) FROM suggestions s WHERE s.item_id = i.id) >= @min");
                args.Add("min", q.MinConfidence.Value);
            }
            if (q.MaxConfidence is not null)
            {
                sql.Append(" AND (SELECT MAX(s.confidence) FROM suggestions s WHERE s.item_id = i.id) <= @max");
                args.Add("max", q.MaxConfidence.Value);
            }
            if (q.LabelIssue is not null)
            {
                sql.Append(" AND i.label_issue = @issue");
                args.Add("issue", q.LabelIssue.Value ? 1 : 0);
            }
            if (!string.IsNullOrEmpty(q.Cluster))
            {
                sql.Append(" AND i.cluster = @cluster");
                args.Add("cluster", q.Cluster);
            }
            sql.Append(" ORDER BY i.seq LIMIT @limit");
            var rows = (await c.QueryAsync<SummaryRow>(sql.ToString(), args)).ToList();
            return await Summaries(c, rows);
        });

    /// <summary>
    /// What needs a reviewer: items whose annotators disagree, whose label disagrees with the model's top
    /// suggestion, or that were flagged as label issues; not yet reviewed, or rejected before.
    /// </summary>
    public Task<IReadOnlyList<(ItemSummary Item, string Reason)>> ReviewQueueAsync(Project project, int limit = 200) =>
        Read<IReadOnlyList<(ItemSummary, string)>>(async c =>
        {
            var rows = (await c.QueryAsync<SummaryRow>(
                $"""
                SELECT {SummaryColumns} FROM items i
                WHERE i.project_id = @p AND (i.review_state IS NULL OR i.review_state = 'rejected') AND i.decided_by IS NULL
                  AND (i.label_issue = 1 OR EXISTS (SELECT 1 FROM annotations n WHERE n.item_id = i.id AND n.undone_at IS NULL))
                ORDER BY i.seq LIMIT 5000
                """, new { p = project.Id })).ToList();
            var result = new List<(ItemSummary, string)>();
            foreach (var s in await Summaries(c, rows))
            {
                // Spans: one canonical string per annotator's set, so "disagree" means different sets.
                var labels = project.IsSpans ? s.SpanVotes.Select(v => StoreJson.Canonical(v.Spans)).Distinct().ToList()
                    : s.Votes.Select(v => v.Label).Where(l => l is not null).Select(l => l!).Distinct().ToList();
                var model = project.IsSpans ? s.TopSpans is null ? null : StoreJson.Canonical(s.TopSpans) : s.TopSuggestion;
                var reason = s.ReviewState == "rejected" ? "rejected before"
                    : labels.Count > 1 ? "annotators disagree"
                    : labels.Count == 1 && model is not null && labels[0] != model ? "disagrees with the model"
                    : s.LabelIssue ? "label issue" : null;
                if (reason is not null) result.Add((s, reason));
                if (result.Count >= limit) break;
            }
            return result;
        });

    private async Task<IReadOnlyList<ItemSummary>> Summaries(DbConnection c, List<SummaryRow> rows)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToArray();
        var votes = new Dictionary<long, List<(string Name, string? Label, string? Spans)>>();
        var tops = new Dictionary<long, (string? Label, double? Confidence, string? Spans)>();
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var v in await c.QueryAsync<(long Item, string Name, string? Label, string? Spans)>(
                $"SELECT n.item_id, u.name, n.label, n.spans FROM annotations n JOIN annotators u ON u.id = n.annotator_id WHERE n.undone_at IS NULL AND {_dialect.In("n.item_id", "chunk")} ORDER BY n.id",
                new { chunk }))
                (votes.TryGetValue(v.Item, out var list) ? list : votes[v.Item] = []).Add((v.Name, v.Label, v.Spans));
            foreach (var s in await c.QueryAsync<(long Item, string? Label, double? Confidence, string? Spans)>(
                $"SELECT item_id, label, confidence, spans FROM suggestions WHERE {_dialect.In("item_id", "chunk")} ORDER BY COALESCE(confidence, -1) DESC, id", new { chunk }))
                tops.TryAdd(s.Item, (s.Label, s.Confidence, s.Spans));
        }
        return rows.Select(r =>
        {
            var v = votes.TryGetValue(r.Id, out var list) ? list : [];
            var top = tops.TryGetValue(r.Id, out var t) ? t : default;
            var decided = Consensus.Label(r.Decided_label, r.Decided_by, r.Review_state, r.Is_gold != 0, r.Gold_label, v.Select(x => x.Label).ToList());
            return new ItemSummary(r.Id, r.Ext_id, r.Text, top.Label, top.Confidence, r.Label_issue != 0, r.Cluster, v.Select(x => (x.Name, x.Label)).ToList(),
                decided.Label, decided.Status, r.Review_state, r.Is_gold != 0)
            {
                SpanVotes = v.Where(x => x.Spans is not null).Select(x => (x.Name, StoreJson.Spans(x.Spans)!)).ToList(),
                TopSpans = StoreJson.Spans(top.Spans),
            };
        }).ToList();
    }
}
