using System.Data.Common;
using Dapper;

namespace Winnow.Server.Store;

public sealed partial class LabelStore
{
    /// <summary>
    /// The annotator's next item: the one already given to them and not finished (so a reload shows the same
    /// item), else a gold item when one is due, else the least confident item that fewer than k people hold.
    /// Taking an item is one conditional update (<c>assigned &lt; k</c>), so no item ever goes to more than k
    /// annotators, however many ask at once. Null when nothing is left for them.
    /// </summary>
    public Task<QueueItem?> NextAsync(Project project, long annotatorId) =>
        Write(async (c, tx) =>
        {
            // Round trips are most of a request's time on PostgreSQL: the usual path is five (lock and look;
            // claim; assign; audit and load; commit).
            long? open;
            long served = 0;
            await using (var grid = await c.QueryMultipleAsync(
                $"""
                {LockAnnotatorSql}
                {OpenAssignmentSql}
                {(project.GoldEvery > 0 ? ServedSql : "")}
                """, new { annotatorId, projectId = project.Id }, tx))
            {
                await grid.ReadAsync<long>();
                open = await grid.ReadSingleOrDefaultAsync<long?>();
                if (project.GoldEvery > 0) served = await grid.ReadSingleAsync<long>();
            }
            if (open is not null) return await LoadQueueItem(c, tx, open.Value);

            var now = Now;
            if (project.GoldEvery > 0 && (served + 1) % project.GoldEvery == 0)
            {
                var gold = await c.ExecuteScalarAsync<long?>(
                    """
                    SELECT i.id FROM items i WHERE i.project_id = @p AND i.is_gold = 1
                      AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator_id = @annotatorId)
                    ORDER BY i.seq LIMIT 1
                    """, new { p = project.Id, annotatorId }, tx);
                if (gold is not null && await Assign(c, tx, gold.Value, annotatorId, now, limit: null))
                    return await LoadQueueItem(c, tx, gold.Value);
            }

            // Take the first free candidate in one statement: a place on it (assigned < k) and, on PostgreSQL, its
            // row lock; a row another request holds is passed over (SKIP LOCKED), so 20 annotators do not queue up.
            for (var round = 0; round < 20; round++)
            {
                var id = await c.ExecuteScalarAsync<long?>(
                    $"""
                    UPDATE items SET assigned = assigned + 1, filled = CASE WHEN assigned + 1 >= @k THEN 1 ELSE 0 END
                    WHERE assigned < @k AND id = (
                      SELECT i.id FROM items i
                      WHERE i.project_id = @p AND i.filled = 0 AND i.is_gold = 0 AND i.decided_by IS NULL AND i.assigned < @k
                        AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator_id = @annotatorId)
                      ORDER BY i.priority, i.seq LIMIT 1{_dialect.SkipLocked})
                    RETURNING id
                    """, new { p = project.Id, k = project.K, annotatorId }, tx);
                if (id is null) return null;
                if (!await AddAssignment(c, tx, id.Value, annotatorId, now)) continue;
                return await LoadQueueItemAfter(c, tx, AuditSql,
                    new { itemId = id.Value, at = now, who = annotatorId, action = "assign", item = id.Value, detail = (string?)null });
            }
            return null;
        });

    private const string OpenAssignmentSql =
        """
        SELECT a.item_id FROM assignments a JOIN items i ON i.id = a.item_id
        WHERE a.annotator_id = @annotatorId AND a.state = 'open' AND i.project_id = @projectId
        ORDER BY a.assigned_at DESC, a.id DESC LIMIT 1;
        """;

    /// <summary>How many items the annotator finished in the project (gold items come every gold_every-th).</summary>
    private const string ServedSql =
        "SELECT COUNT(*) FROM assignments a JOIN items i ON i.id = a.item_id WHERE a.annotator_id = @annotatorId AND i.project_id = @projectId AND a.state = 'done';";

    /// <summary>Gives the item to the annotator if a place is free (<paramref name="limit"/> null: gold, no limit).</summary>
    private static async Task<bool> Assign(DbConnection c, DbTransaction tx, long itemId, long annotatorId, long now, int? limit)
    {
        var taken = await c.ExecuteAsync(
            limit is null ? "UPDATE items SET assigned = assigned + 1 WHERE id = @itemId"
                          : "UPDATE items SET assigned = assigned + 1, filled = CASE WHEN assigned + 1 >= @limit THEN 1 ELSE 0 END WHERE id = @itemId AND assigned < @limit",
            new { itemId, limit }, tx);
        return taken > 0 && await AddAssignment(c, tx, itemId, annotatorId, now);
    }

    /// <summary>Records the place taken on the item as the annotator's; gives it back when they hold it already.</summary>
    private static async Task<bool> AddAssignment(DbConnection c, DbTransaction tx, long itemId, long annotatorId, long now)
    {
        var inserted = await c.ExecuteAsync(
            "INSERT INTO assignments (item_id, annotator_id, state, assigned_at) VALUES (@itemId, @annotatorId, 'open', @now) ON CONFLICT (item_id, annotator_id) DO NOTHING",
            new { itemId, annotatorId, now }, tx);
        if (inserted == 1) return true;
        await c.ExecuteAsync($"UPDATE items SET assigned = assigned - 1, filled = {FilledAfterRelease} WHERE id = @itemId", new { itemId }, tx);
        return false;
    }

    /// <summary>items.filled once a place is given back (assigned - 1 against the project's k).</summary>
    private const string FilledAfterRelease = "CASE WHEN assigned - 1 >= (SELECT p.k FROM projects p WHERE p.id = items.project_id) THEN 1 ELSE 0 END";

    /// <summary>Requests of one annotator take turns (PostgreSQL; SQLite has one writer anyway): the first statement of a batch.</summary>
    private string LockAnnotatorSql => $"SELECT id FROM annotators WHERE id = @annotatorId{_dialect.ForUpdate};";

    private Task LockAnnotator(DbConnection c, DbTransaction tx, long annotatorId) =>
        _dialect.ForUpdate.Length == 0 ? Task.CompletedTask : c.ExecuteAsync(LockAnnotatorSql, new { annotatorId }, tx);

    /// <summary>The annotator passes on an item they hold: it goes back to the pool for someone else.</summary>
    public Task<bool> SkipAsync(long itemId, long annotatorId) =>
        Write(async (c, tx) =>
        {
            var now = Now;
            await using (var grid = await c.QueryMultipleAsync(
                $"""
                {LockAnnotatorSql}
                UPDATE assignments SET state = 'skipped', finished_at = @now
                WHERE item_id = @itemId AND annotator_id = @annotatorId AND state = 'open' RETURNING item_id;
                """, new { itemId, annotatorId, now }, tx))
            {
                await grid.ReadAsync<long>();
                if ((await grid.ReadAsync<long>()).AsList().Count == 0) return false;
            }
            await c.ExecuteAsync(
                $"""
                UPDATE items SET assigned = assigned - 1, filled = {FilledAfterRelease} WHERE id = @itemId AND is_gold = 0;
                {AuditSql}
                """, new { itemId, at = now, who = annotatorId, action = "skip", item = itemId, detail = (string?)null }, tx);
            return true;
        });

    /// <summary>The items an annotator holds now (for reviewers and admins: someone else's queue is not an annotator's business).</summary>
    public Task<IReadOnlyList<long>> OpenItemsAsync(long annotatorId) =>
        Read<IReadOnlyList<long>>(async c => (await c.QueryAsync<long>(
            "SELECT item_id FROM assignments WHERE annotator_id = @annotatorId AND state = 'open' ORDER BY assigned_at DESC", new { annotatorId })).ToList());
}
