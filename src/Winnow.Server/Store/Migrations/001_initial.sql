-- Winnow label store, schema 1. One schema for SQLite and PostgreSQL: {id} is the dialect's
-- auto-increment primary key; times are Unix milliseconds (BIGINT); flags are INTEGER 0/1; JSON is TEXT.

CREATE TABLE projects (
  id {id},
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,                    -- label | spans
  labels TEXT NOT NULL,                  -- JSON array: the label set (entity types for spans)
  k INTEGER NOT NULL,                    -- annotators per item
  gold_every INTEGER NOT NULL,           -- one gold item in every N served (0: none)
  created_at BIGINT NOT NULL
);

CREATE TABLE annotators (
  id {id},
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,                    -- annotator | reviewer | admin
  token_hash TEXT NOT NULL UNIQUE,       -- SHA-256 of the personal token, hex
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);

CREATE TABLE items (
  id {id},
  project_id BIGINT NOT NULL REFERENCES projects(id),
  seq BIGINT NOT NULL,                   -- load order
  ext_id TEXT NOT NULL,                  -- the record's id
  text TEXT NOT NULL,
  record TEXT NOT NULL,                  -- the record as loaded (canonical JSON), for export
  label_set TEXT NULL,                   -- JSON array overriding the project's labels
  original_label TEXT NULL,
  cluster TEXT NULL,                     -- meta.cluster or meta.topic, for search
  label_issue INTEGER NOT NULL DEFAULT 0,
  is_gold INTEGER NOT NULL DEFAULT 0,
  gold_label TEXT NULL,
  gold_spans TEXT NULL,
  priority DOUBLE PRECISION NOT NULL,    -- top suggestion's confidence (0 without one): least confident first
  assigned INTEGER NOT NULL DEFAULT 0,   -- open + done assignments; never above the project's k
  decided_label TEXT NULL,
  decided_spans TEXT NULL,
  decided_by TEXT NULL,                  -- review | bulk
  review_state TEXT NULL,                -- approved | rejected
  created_at BIGINT NOT NULL,
  UNIQUE (project_id, ext_id)
);
CREATE INDEX items_queue ON items (project_id, is_gold, assigned, priority, seq);

CREATE TABLE suggestions (
  id {id},
  item_id BIGINT NOT NULL REFERENCES items(id),
  label TEXT NULL,
  spans TEXT NULL,                       -- JSON [{start, end, label}]
  confidence DOUBLE PRECISION NULL,
  source TEXT NOT NULL                   -- model | rule | label_issue | …
);
CREATE INDEX suggestions_item ON suggestions (item_id);

CREATE TABLE assignments (
  id {id},
  item_id BIGINT NOT NULL REFERENCES items(id),
  annotator_id BIGINT NOT NULL REFERENCES annotators(id),
  state TEXT NOT NULL,                   -- open | done | skipped
  assigned_at BIGINT NOT NULL,
  finished_at BIGINT NULL,
  UNIQUE (item_id, annotator_id)
);
CREATE INDEX assignments_annotator ON assignments (annotator_id, state);

CREATE TABLE annotations (
  id {id},
  item_id BIGINT NOT NULL REFERENCES items(id),
  annotator_id BIGINT NOT NULL REFERENCES annotators(id),
  label TEXT NULL,
  spans TEXT NULL,
  seconds DOUBLE PRECISION NULL,         -- time spent, as the client measured it
  source TEXT NOT NULL,                  -- queue | bulk
  request_key TEXT NULL,                 -- the client's Idempotency-Key: a retry is not counted twice
  created_at BIGINT NOT NULL,
  undone_at BIGINT NULL
);
CREATE UNIQUE INDEX annotations_active ON annotations (item_id, annotator_id) WHERE undone_at IS NULL;
CREATE UNIQUE INDEX annotations_request ON annotations (annotator_id, request_key) WHERE request_key IS NOT NULL;
CREATE INDEX annotations_annotator ON annotations (annotator_id, created_at);

CREATE TABLE reviews (
  id {id},
  item_id BIGINT NOT NULL REFERENCES items(id),
  reviewer_id BIGINT NOT NULL REFERENCES annotators(id),
  decision TEXT NOT NULL,                -- approve | reject
  label TEXT NULL,
  spans TEXT NULL,
  comment TEXT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX reviews_item ON reviews (item_id);

CREATE TABLE audit (
  id {id},
  at BIGINT NOT NULL,
  annotator_id BIGINT NULL,
  action TEXT NOT NULL,
  item_id BIGINT NULL,
  detail TEXT NULL
);
