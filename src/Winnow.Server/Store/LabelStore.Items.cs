using Dapper;

namespace Winnow.Server.Store;

public sealed partial class LabelStore
{
    /// <summary>
    /// Adds items to a project in batches (one transaction each). An item whose id the project holds already
    /// is left as it is and counted in <c>Existing</c>, so loading the same file twice adds nothing.
    /// </summary>
    public async Task<(long Added, long Existing)> AddItemsAsync(Project project, IEnumerable<NewItem> items, int batchSize = 500)
    {
        long added = 0, existing = 0;
        foreach (var batch in items.Chunk(batchSize))
        {
            var (a, e) = await Write(async (c, tx) =>
            {
                long a = 0, e = 0;
                var seq = await c.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(seq), 0) FROM items WHERE project_id = @p", new { p = project.Id }, tx);
                foreach (var item in batch)
                {
                    var id = await c.ExecuteScalarAsync<long?>(
                        """
                        INSERT INTO items (project_id, seq, ext_id, text, record, label_set, original_label, cluster, label_issue, is_gold,
                                           gold_label, gold_spans, priority, assigned, created_at)
                        VALUES (@p, @seq, @ext, @text, @record, @labelSet, @original, @cluster, @issue, @gold, @goldLabel, @goldSpans, @priority, 0, @now)
                        ON CONFLICT (project_id, ext_id) DO NOTHING RETURNING id
                        """,
                        new
                        {
                            p = project.Id, seq = ++seq, ext = item.ExtId, text = item.Text, record = item.RecordJson,
                            labelSet = item.LabelSet is null ? null : StoreJson.Labels(item.LabelSet), original = item.OriginalLabel,
                            cluster = item.Cluster, issue = item.LabelIssue ? 1 : 0, gold = item.IsGold ? 1 : 0, goldLabel = item.GoldLabel,
                            goldSpans = StoreJson.Spans(item.GoldSpans), priority = Priority(item), now = Now,
                        }, tx);
                    if (id is null) { e++; continue; }
                    a++;
                    foreach (var s in item.Suggestions)
                        await c.ExecuteAsync(
                            "INSERT INTO suggestions (item_id, label, spans, confidence, source) VALUES (@id, @label, @spans, @confidence, @source)",
                            new { id, label = s.Label, spans = StoreJson.Spans(s.Spans), confidence = s.Confidence, source = s.Source }, tx);
                }
                if (a > 0) await Audit(c, tx, Now, null, "items.load", null, $"{project.Name}: {a} added");
                return (a, e);
            }).ConfigureAwait(false);
            added += a;
            existing += e;
        }
        return (added, existing);
    }

    /// <summary>Queue order: the top suggestion's confidence, lowest first; an item without a suggestion (or flagged as a label issue) comes first.</summary>
    private static double Priority(NewItem item)
    {
        if (item.LabelIssue) return 0;
        var top = item.Suggestions.Where(s => s.Confidence is not null).Select(s => s.Confidence!.Value).DefaultIfEmpty(0).Max();
        return top;
    }

    private sealed class ItemRow
    {
        public long Id { get; set; }
        public long Project_id { get; set; }
        public string Ext_id { get; set; } = "";
        public string Text { get; set; } = "";
        public string? Label_set { get; set; }
        public long Label_issue { get; set; }
        public long Is_gold { get; set; }
        public string? Gold_label { get; set; }
        public string Project_name { get; set; } = "";
        public string Project_kind { get; set; } = "";
        public string Project_labels { get; set; } = "";

        /// <summary>Gold items look like any other item: the annotator must not be able to tell.</summary>
        public QueueItem ToQueueItem(IReadOnlyList<Suggestion> suggestions) =>
            new(Id, Ext_id, Text, StoreJson.Labels(Label_set ?? Project_labels), suggestions, Label_issue != 0, Project_kind, Project_name);
    }

    private sealed class SuggestionRow
    {
        public long Item_id { get; set; }
        public string? Label { get; set; }
        public string? Spans { get; set; }
        public double? Confidence { get; set; }
        public string Source { get; set; } = "";
        public Suggestion ToSuggestion() => new(Label, Confidence, Source, StoreJson.Spans(Spans));
    }

    /// <summary>The item <c>@itemId</c> with its project's name, kind and labels (one row, or none).</summary>
    private const string QueueItemSql =
        """
        SELECT i.id, i.project_id, i.ext_id, i.text, i.label_set, i.label_issue, i.is_gold, i.gold_label,
               p.name AS project_name, p.kind AS project_kind, p.labels AS project_labels
        FROM items i JOIN projects p ON p.id = i.project_id WHERE i.id = @itemId;
        """;

    private const string SuggestionsSql =
        "SELECT item_id, label, spans, confidence, source FROM suggestions WHERE item_id = @itemId ORDER BY COALESCE(confidence, -1) DESC, id;";

    /// <summary>An item as the queue shows it (suggestions, no other annotator's labels), or null.</summary>
    public Task<QueueItem?> ItemAsync(long id) => Read(c => LoadQueueItem(c, null, id));

    private static Task<QueueItem?> LoadQueueItem(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, long id) =>
        LoadQueueItemAfter(c, tx, "", new { itemId = id });

    /// <summary>
    /// Runs <paramref name="before"/> (statements that return no rows, e.g. an audit line) and loads the item
    /// <c>@itemId</c> of <paramref name="args"/> with its suggestions: one round trip to the database.
    /// </summary>
    private static async Task<QueueItem?> LoadQueueItemAfter(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, string before, object args)
    {
        await using var grid = await c.QueryMultipleAsync(before + QueueItemSql + SuggestionsSql, args, tx);
        var row = await grid.ReadSingleOrDefaultAsync<ItemRow>();
        var suggestions = (await grid.ReadAsync<SuggestionRow>()).Select(r => r.ToSuggestion()).ToList();
        return row?.ToQueueItem(suggestions);
    }
}
