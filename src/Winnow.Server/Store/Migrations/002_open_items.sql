-- Winnow label store, schema 2: the queue finds its next item through an index in queue order.
-- items.filled is 1 when k annotators hold the item (assigned >= the project's k); kept with assigned.
-- items_open holds only the items still open to the queue, in queue order, so /api/next reads the first
-- entry that fits instead of sorting every open item; items_gold finds the gold items (items_queue served both).

ALTER TABLE items ADD COLUMN filled INTEGER NOT NULL DEFAULT 0;
UPDATE items SET filled = CASE WHEN assigned >= (SELECT p.k FROM projects p WHERE p.id = items.project_id) THEN 1 ELSE 0 END;
DROP INDEX items_queue;
CREATE INDEX items_open ON items (project_id, priority, seq) WHERE filled = 0 AND is_gold = 0 AND decided_by IS NULL;
CREATE INDEX items_gold ON items (project_id, seq) WHERE is_gold = 1;
