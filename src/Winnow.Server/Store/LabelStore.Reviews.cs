using Dapper;

namespace Winnow.Server.Store;

public sealed partial class LabelStore
{
    /// <summary>
    /// A reviewer approves an item (with the label or spans it ends with; the consensus when none is given)
    /// or rejects it with a comment (the item stays undecided and shows as rejected). False when no such item.
    /// </summary>
    public Task<bool> ReviewAsync(long itemId, long reviewerId, bool approve, string? label, IReadOnlyList<Span>? spans, string? comment) =>
        Write(async (c, tx) =>
        {
            var item = await LoadQueueItem(c, tx, itemId);
            if (item is null) return false;
            if (approve && (label is not null || spans is not null) && Validate(item, label, spans) is { } error)
                throw new ArgumentException(error);
            var now = Now;
            await c.ExecuteAsync(
                "INSERT INTO reviews (item_id, reviewer_id, decision, label, spans, comment, created_at) VALUES (@itemId, @reviewerId, @decision, @label, @spans, @comment, @now)",
                new { itemId, reviewerId, decision = approve ? "approve" : "reject", label, spans = StoreJson.Spans(spans), comment, now }, tx);
            if (approve)
            {
                if (label is null && spans is null)
                {
                    var votes = (await c.QueryAsync<(string? Label, string? Spans)>(
                        "SELECT label, spans FROM annotations WHERE item_id = @itemId AND undone_at IS NULL ORDER BY id", new { itemId }, tx)).ToList();
                    if (item.ProjectKind == ProjectKinds.Spans)
                        spans = Consensus.Spans(null, null, null, votes.Select(v => StoreJson.Spans(v.Spans)).ToList()).Spans ?? StoreJson.Spans(votes.LastOrDefault().Spans);
                    else
                        label = Consensus.Label(null, null, null, false, null, votes.Select(v => v.Label).ToList()).Label
                            ?? item.Suggestions.FirstOrDefault()?.Label;
                }
                await c.ExecuteAsync(
                    "UPDATE items SET decided_label = @label, decided_spans = @spans, decided_by = 'review', review_state = 'approved' WHERE id = @itemId",
                    new { label, spans = StoreJson.Spans(spans), itemId }, tx);
            }
            else
            {
                await c.ExecuteAsync(
                    "UPDATE items SET decided_label = NULL, decided_spans = NULL, decided_by = NULL, review_state = 'rejected' WHERE id = @itemId",
                    new { itemId }, tx);
            }
            await Audit(c, tx, now, reviewerId, approve ? "review.approve" : "review.reject", itemId, comment);
            return true;
        });

    /// <summary>
    /// Labels every given item at once (a search's result): the label is recorded as this person's annotation
    /// (replacing their earlier one) and decides the item. Returns how many items were labelled.
    /// </summary>
    public Task<int> BulkLabelAsync(IReadOnlyList<long> itemIds, long userId, string label) =>
        Write(async (c, tx) =>
        {
            var now = Now;
            var n = 0;
            foreach (var itemId in itemIds.Distinct())
            {
                var item = await LoadQueueItem(c, tx, itemId);
                if (item is null) continue;
                if (Validate(item, label, null) is { } error) throw new ArgumentException(error);
                await c.ExecuteAsync("UPDATE annotations SET undone_at = @now WHERE item_id = @itemId AND annotator_id = @userId AND undone_at IS NULL",
                    new { now, itemId, userId }, tx);
                await InsertAnnotation(c, tx, itemId, userId, label, null, null, "bulk", null, now);
                await c.ExecuteAsync("UPDATE items SET decided_label = @label, decided_by = 'bulk', review_state = NULL WHERE id = @itemId", new { label, itemId }, tx);
                n++;
            }
            await Audit(c, tx, now, userId, "bulk.label", null, $"{label}: {n} items");
            return n;
        });

    /// <summary>The spans the named person gave the item (their active annotation), or null.</summary>
    public Task<IReadOnlyList<Span>?> SpansOfAsync(long itemId, string annotator) =>
        Read(async c => StoreJson.Spans(await c.ExecuteScalarAsync<string?>(
            "SELECT n.spans FROM annotations n JOIN annotators u ON u.id = n.annotator_id WHERE n.item_id = @itemId AND u.name = @annotator AND n.undone_at IS NULL AND n.spans IS NOT NULL",
            new { itemId, annotator })));

    public Task<IReadOnlyList<(string Reviewer, string Decision, string? Label, string? Comment, long At)>> ReviewsOfAsync(long itemId) =>
        Read<IReadOnlyList<(string, string, string?, string?, long)>>(async c => (await c.QueryAsync<(string, string, string?, string?, long)>(
            "SELECT u.name, r.decision, r.label, r.comment, r.created_at FROM reviews r JOIN annotators u ON u.id = r.reviewer_id WHERE r.item_id = @itemId ORDER BY r.id",
            new { itemId })).ToList());
}
