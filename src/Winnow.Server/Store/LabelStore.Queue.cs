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
            await LockAnnotator(c, tx, annotatorId);
            var open = await OpenAssignment(c, tx, project.Id, annotatorId);
            if (open is not null) return await LoadQueueItem(c, tx, open.Value);

            var now = Now;
            if (project.GoldEvery > 0)
            {
                var served = await c.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM assignments a JOIN items i ON i.id = a.item_id WHERE a.annotator_id = @annotatorId AND i.project_id = @p AND a.state = 'done'",
                    new { annotatorId, p = project.Id }, tx);
                if ((served + 1) % project.GoldEvery == 0)
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
            }

            // The first free candidate; on PostgreSQL a row another request holds is passed over (SKIP LOCKED).
            for (var round = 0; round < 20; round++)
            {
                var candidates = (await c.QueryAsync<long>(
                    $"""
                    SELECT i.id FROM items i
                    WHERE i.project_id = @p AND i.filled = 0 AND i.is_gold = 0 AND i.decided_by IS NULL AND i.assigned < @k
                      AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator_id = @annotatorId)
                    ORDER BY i.priority, i.seq LIMIT 1{_dialect.SkipLocked}
                    """, new { p = project.Id, k = project.K, annotatorId }, tx)).ToList();
                if (candidates.Count == 0) return null;
                foreach (var id in candidates)
                    if (await Assign(c, tx, id, annotatorId, now, project.K))
                    {
                        await Audit(c, tx, now, annotatorId, "assign", id, null);
                        return await LoadQueueItem(c, tx, id);
                    }
            }
            return null;
        });

    /// <summary>Gives the item to the annotator if a place is free (<paramref name="limit"/> null: gold, no limit).</summary>
    private static async Task<bool> Assign(DbConnection c, DbTransaction tx, long itemId, long annotatorId, long now, int? limit)
    {
        var taken = await c.ExecuteAsync(
            limit is null ? "UPDATE items SET assigned = assigned + 1 WHERE id = @itemId"
                          : "UPDATE items SET assigned = assigned + 1, filled = CASE WHEN assigned + 1 >= @limit THEN 1 ELSE 0 END WHERE id = @itemId AND assigned < @limit",
            new { itemId, limit }, tx);
        if (taken == 0) return false;
        var inserted = await c.ExecuteAsync(
            "INSERT INTO assignments (item_id, annotator_id, state, assigned_at) VALUES (@itemId, @annotatorId, 'open', @now) ON CONFLICT (item_id, annotator_id) DO NOTHING",
            new { itemId, annotatorId, now }, tx);
        if (inserted == 1) return true;
        await c.ExecuteAsync($"UPDATE items SET assigned = assigned - 1, filled = {FilledAfterRelease} WHERE id = @itemId", new { itemId }, tx);
        return false;
    }

    /// <summary>items.filled once a place is given back (assigned - 1 against the project's k).</summary>
    private const string FilledAfterRelease = "CASE WHEN assigned - 1 >= (SELECT p.k FROM projects p WHERE p.id = items.project_id) THEN 1 ELSE 0 END";

    /// <summary>Requests of one annotator take turns (PostgreSQL; SQLite has one writer anyway).</summary>
    private Task LockAnnotator(DbConnection c, DbTransaction tx, long annotatorId) =>
        _dialect.ForUpdate.Length == 0 ? Task.CompletedTask
            : c.ExecuteAsync($"SELECT id FROM annotators WHERE id = @annotatorId{_dialect.ForUpdate}", new { annotatorId }, tx);

    private static Task<long?> OpenAssignment(DbConnection c, DbTransaction tx, long projectId, long annotatorId) =>
        c.ExecuteScalarAsync<long?>(
            """
            SELECT a.item_id FROM assignments a JOIN items i ON i.id = a.item_id
            WHERE a.annotator_id = @annotatorId AND a.state = 'open' AND i.project_id = @projectId
            ORDER BY a.assigned_at DESC, a.id DESC LIMIT 1
            """, new { annotatorId, projectId }, tx);

    /// <summary>The annotator passes on an item they hold: it goes back to the pool for someone else.</summary>
    public Task<bool> SkipAsync(long itemId, long annotatorId) =>
        Write(async (c, tx) =>
        {
            await LockAnnotator(c, tx, annotatorId);
            var now = Now;
            var n = await c.ExecuteAsync(
                "UPDATE assignments SET state = 'skipped', finished_at = @now WHERE item_id = @itemId AND annotator_id = @annotatorId AND state = 'open'",
                new { itemId, annotatorId, now }, tx);
            if (n == 0) return false;
            await c.ExecuteAsync($"UPDATE items SET assigned = assigned - 1, filled = {FilledAfterRelease} WHERE id = @itemId AND is_gold = 0", new { itemId }, tx);
            await Audit(c, tx, now, annotatorId, "skip", itemId, null);
            return true;
        });

    /// <summary>The items an annotator holds now (for reviewers and admins: someone else's queue is not an annotator's business).</summary>
    public Task<IReadOnlyList<long>> OpenItemsAsync(long annotatorId) =>
        Read<IReadOnlyList<long>>(async c => (await c.QueryAsync<long>(
            "SELECT item_id FROM assignments WHERE annotator_id = @annotatorId AND state = 'open' ORDER BY assigned_at DESC", new { annotatorId })).ToList());
}
