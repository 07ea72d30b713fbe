using System.Data.Common;
using Dapper;

namespace Winnow.Server.Store;

public sealed partial class LabelStore
{
    /// <summary>
    /// Records an annotator's label (or spans) for an item the queue gave them, and finishes the assignment.
    /// A retry with the same request key returns the first answer (<see cref="AnnotateStatus.Repeated"/>) and
    /// counts nothing twice.
    /// </summary>
    public Task<AnnotateResult> AnnotateAsync(long itemId, long annotatorId, AnnotationInput input) =>
        Write(async (c, tx) =>
        {
            // One round trip reads what decides the answer (after the annotator's lock: their requests take turns),
            // one writes it, then the commit.
            long? previous;
            ItemRow? item;
            string? state;
            await using (var grid = await c.QueryMultipleAsync(
                $"""
                {LockAnnotatorSql}
                SELECT id FROM annotations WHERE annotator_id = @annotatorId AND request_key = @key;
                {QueueItemSql}
                SELECT state FROM assignments WHERE item_id = @itemId AND annotator_id = @annotatorId;
                """, new { annotatorId, key = input.RequestKey, itemId }, tx))
            {
                await grid.ReadAsync<long>();
                previous = await grid.ReadSingleOrDefaultAsync<long?>();
                item = await grid.ReadSingleOrDefaultAsync<ItemRow>();
                state = await grid.ReadSingleOrDefaultAsync<string?>();
            }
            if (previous is not null && input.RequestKey is not null) return new AnnotateResult(AnnotateStatus.Repeated, previous.Value);
            if (item is null) return new AnnotateResult(AnnotateStatus.NotFound, Error: "no such item");
            if (state is null or "skipped") return new AnnotateResult(AnnotateStatus.NotAssigned, Error: "this item is not in your queue");
            if (state == "done") return new AnnotateResult(AnnotateStatus.AlreadyAnnotated, Error: "you labelled this item already; undo first");
            if (Validate(item.ToQueueItem([]), input.Label, input.Spans) is { } error) return new AnnotateResult(AnnotateStatus.Invalid, Error: error);

            var now = Now;
            await using var written = await c.QueryMultipleAsync(
                $"""
                UPDATE assignments SET state = 'done', finished_at = @now WHERE item_id = @itemId AND annotator_id = @annotatorId;
                {AuditSql}
                {InsertAnnotationSql}
                """,
                new
                {
                    itemId, annotatorId, label = input.Label, spans = StoreJson.Spans(input.Spans), seconds = input.Seconds, source = "queue",
                    requestKey = input.RequestKey, now, at = now, who = annotatorId, action = "annotate", item = itemId,
                    detail = input.Label ?? StoreJson.Spans(input.Spans),
                }, tx);
            return new AnnotateResult(AnnotateStatus.Created, await written.ReadSingleAsync<long>());
        });

    private const string InsertAnnotationSql =
        """
        INSERT INTO annotations (item_id, annotator_id, label, spans, seconds, source, request_key, created_at)
        VALUES (@itemId, @annotatorId, @label, @spans, @seconds, @source, @requestKey, @now) RETURNING id;
        """;

    private static Task<long> InsertAnnotation(DbConnection c, DbTransaction tx, long itemId, long annotatorId, string? label, IReadOnlyList<Span>? spans,
        double? seconds, string source, string? requestKey, long now) =>
        c.ExecuteScalarAsync<long>(InsertAnnotationSql,
            new { itemId, annotatorId, label, spans = StoreJson.Spans(spans), seconds, source, requestKey, now }, tx);

    /// <summary>Why a label or span set does not fit the item; null when it does.</summary>
    internal static string? Validate(QueueItem item, string? label, IReadOnlyList<Span>? spans)
    {
        if (item.ProjectKind == ProjectKinds.Spans)
        {
            if (spans is null) return "a spans project needs spans (an empty list when the text has none)";
            foreach (var s in spans)
            {
                if (s.Start < 0 || s.End <= s.Start || s.End > item.Text.Length)
                    return $"span {s.Start}–{s.End} is outside the text (0–{item.Text.Length}) or empty";
                if (!item.Labels.Contains(s.Label)) return $"unknown entity type '{s.Label}'";
            }
            return null;
        }
        if (string.IsNullOrEmpty(label)) return "a label is required";
        return item.Labels.Count > 0 && !item.Labels.Contains(label) ? $"unknown label '{label}'" : null;
    }

    /// <summary>
    /// Takes back the annotator's latest label: it stays in the store, marked undone, and the item is theirs
    /// again (first in their queue). Returns the item's id, or null when there is nothing to undo.
    /// </summary>
    public Task<long?> UndoAsync(Project project, long annotatorId) =>
        Write(async (c, tx) =>
        {
            await LockAnnotator(c, tx, annotatorId);
            var rows = (await c.QueryAsync<(long Id, long ItemId)>(
                """
                SELECT n.id, n.item_id FROM annotations n JOIN items i ON i.id = n.item_id
                WHERE n.annotator_id = @annotatorId AND n.undone_at IS NULL AND n.source = 'queue' AND i.project_id = @p
                ORDER BY n.created_at DESC, n.id DESC LIMIT 1
                """, new { annotatorId, p = project.Id }, tx)).ToList();
            if (rows.Count == 0) return (long?)null;
            var latest = rows[0];
            var now = Now;
            await c.ExecuteAsync("UPDATE annotations SET undone_at = @now WHERE id = @id", new { now, id = latest.Id }, tx);
            await c.ExecuteAsync(
                "UPDATE assignments SET state = 'open', finished_at = NULL, assigned_at = @now WHERE item_id = @item AND annotator_id = @annotatorId",
                new { now, item = latest.ItemId, annotatorId }, tx);
            await Audit(c, tx, now, annotatorId, "undo", latest.ItemId, $"annotation #{latest.Id}");
            return latest.ItemId;
        });

    /// <summary>Counts of active annotations and of items held by more than k people: the load test's invariants.</summary>
    public Task<(long Annotations, long OverAssigned, long DuplicateActive)> InvariantsAsync(Project project) =>
        Read(async c =>
        {
            var annotations = await c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM annotations n JOIN items i ON i.id = n.item_id WHERE i.project_id = @p AND n.undone_at IS NULL", new { p = project.Id });
            var over = await c.ExecuteScalarAsync<long>(
                """
                SELECT COUNT(*) FROM items i WHERE i.project_id = @p AND i.is_gold = 0
                  AND (SELECT COUNT(*) FROM assignments a WHERE a.item_id = i.id AND a.state <> 'skipped') > @k
                """, new { p = project.Id, k = project.K });
            var duplicate = await c.ExecuteScalarAsync<long>(
                """
                SELECT COUNT(*) FROM (SELECT n.item_id, n.annotator_id FROM annotations n JOIN items i ON i.id = n.item_id
                  WHERE i.project_id = @p AND n.undone_at IS NULL GROUP BY n.item_id, n.annotator_id HAVING COUNT(*) > 1) d
                """, new { p = project.Id });
            return (annotations, over, duplicate);
        });
}

public sealed partial class LabelStore
{
    /// <summary>The ids of a project's active annotations (the kill-and-restart check: everything acknowledged is here).</summary>
    public Task<IReadOnlySet<long>> ActiveAnnotationIdsAsync(Project project) =>
        Read<IReadOnlySet<long>>(async c => (await c.QueryAsync<long>(
            "SELECT n.id FROM annotations n JOIN items i ON i.id = n.item_id WHERE i.project_id = @p AND n.undone_at IS NULL", new { p = project.Id })).ToHashSet());
}
