-- 0001_init: the first schema of the gongkai store.
--
-- Conventions: times are TEXT in UTC, fixed width ("2006-01-02T15:04:05.000000000Z"),
-- so they sort as strings and read well in the sqlite3 shell; dates (as_of) are
-- "YYYY-MM-DD" ('' when absent); booleans are 0/1 INTEGERs.

-- One invocation of scan / audit / a scheduled audit of serve.
CREATE TABLE runs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    command      TEXT    NOT NULL,
    args         TEXT    NOT NULL DEFAULT '',
    as_of        TEXT    NOT NULL DEFAULT '',
    rules_hash   TEXT    NOT NULL DEFAULT '',
    started_at   TEXT    NOT NULL,
    finished_at  TEXT,
    status       TEXT    NOT NULL DEFAULT 'running'
                 CHECK (status IN ('running', 'ok', 'failed', 'interrupted')),
    err          TEXT    NOT NULL DEFAULT '',
    -- The process that owns a running run, so that MarkAbandoned in another process
    -- can tell a live run from one whose process was killed.
    owner_host   TEXT    NOT NULL DEFAULT '',
    owner_pid    INTEGER NOT NULL DEFAULT 0,
    owner_token  TEXT    NOT NULL DEFAULT '',
    heartbeat_at TEXT
);
CREATE INDEX runs_status ON runs (status) WHERE status = 'running';

-- An audited unit; identity is its normalised URL.
CREATE TABLE sites (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    url        TEXT NOT NULL UNIQUE,   -- normalised identity (lower-case scheme and host, path at least "/")
    name       TEXT NOT NULL,
    level      TEXT NOT NULL DEFAULT '',
    region     TEXT NOT NULL DEFAULT '',
    config     TEXT NOT NULL DEFAULT '{}', -- facts.Site as last configured, JSON
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One site audited within one run.
CREATE TABLE site_runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id        INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    site_id       INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    started_at    TEXT    NOT NULL,
    finished_at   TEXT,
    status        TEXT    NOT NULL DEFAULT 'running'
                  CHECK (status IN ('running', 'ok', 'failed', 'interrupted')),
    err           TEXT    NOT NULL DEFAULT '',
    pages         INTEGER NOT NULL DEFAULT 0,
    errors        INTEGER NOT NULL DEFAULT 0,
    -- The judgement (NULL judged_at: not judged yet).
    score         REAL    NOT NULL DEFAULT 0,
    grade         TEXT    NOT NULL DEFAULT '',
    veto          INTEGER NOT NULL DEFAULT 0,
    judged_at     TEXT,
    judged_rules  TEXT    NOT NULL DEFAULT '', -- rules hash the judgement was made with
    -- The interrupted site run this one continues (ResumeSite); each is resumed at most once.
    resumed_from  INTEGER REFERENCES site_runs (id) ON DELETE SET NULL
);
CREATE INDEX site_runs_run ON site_runs (run_id);
CREATE INDEX site_runs_site ON site_runs (site_id, status, id);
CREATE UNIQUE INDEX site_runs_resumed_from ON site_runs (resumed_from) WHERE resumed_from IS NOT NULL;

-- Extracted page facts, content-addressed: a page unchanged since an earlier run shares
-- its row. light is the page without Text, Tables and attachment Text; heavy holds those.
-- Both are JSON behind a one-byte codec tag (1 = raw DEFLATE).
CREATE TABLE page_facts (
    id     INTEGER PRIMARY KEY,
    digest BLOB    NOT NULL UNIQUE, -- sha256 of the uncompressed light and heavy JSON
    size   INTEGER NOT NULL,        -- uncompressed bytes
    light  BLOB    NOT NULL,
    heavy  BLOB    NOT NULL
);

-- The pages a site run saw.
CREATE TABLE pages (
    site_run_id INTEGER NOT NULL REFERENCES site_runs (id) ON DELETE CASCADE,
    url         TEXT    NOT NULL,
    site_id     INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    facts_id    INTEGER NOT NULL REFERENCES page_facts (id),
    status      INTEGER NOT NULL,
    kind        TEXT    NOT NULL DEFAULT '',
    fetched_at  TEXT,
    PRIMARY KEY (site_run_id, url)
) WITHOUT ROWID;
CREATE INDEX pages_site_url ON pages (site_id, url, site_run_id);
CREATE INDEX pages_facts ON pages (facts_id);

CREATE TABLE link_checks (
    site_run_id INTEGER NOT NULL REFERENCES site_runs (id) ON DELETE CASCADE,
    url         TEXT    NOT NULL,
    from_url    TEXT    NOT NULL DEFAULT '',
    text        TEXT    NOT NULL DEFAULT '',
    status      INTEGER NOT NULL DEFAULT 0,
    err         TEXT    NOT NULL DEFAULT '',
    broken      INTEGER NOT NULL DEFAULT 0,
    blocked     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site_run_id, url)
) WITHOUT ROWID;

CREATE TABLE crawl_errors (
    id          INTEGER PRIMARY KEY,
    site_run_id INTEGER NOT NULL REFERENCES site_runs (id) ON DELETE CASCADE,
    url         TEXT    NOT NULL,
    stage       TEXT    NOT NULL DEFAULT '',
    status      INTEGER NOT NULL DEFAULT 0,
    err         TEXT    NOT NULL DEFAULT '',
    at          TEXT
);
CREATE INDEX crawl_errors_site_run ON crawl_errors (site_run_id, id);

-- Findings as judged for a site run: the open ones (new, persisting) and those of the
-- previous completed run that are gone (fixed). Identity across runs of a site:
-- (rule, url, key, ord); ord numbers repeats of one identity within a judgement.
CREATE TABLE findings (
    site_run_id       INTEGER NOT NULL REFERENCES site_runs (id) ON DELETE CASCADE,
    rule              TEXT    NOT NULL,
    url               TEXT    NOT NULL,
    key               TEXT    NOT NULL DEFAULT '',
    ord               INTEGER NOT NULL DEFAULT 0,
    seq               INTEGER NOT NULL,
    severity          TEXT    NOT NULL,
    title             TEXT    NOT NULL DEFAULT '',
    evidence          TEXT    NOT NULL DEFAULT '',
    basis             TEXT    NOT NULL DEFAULT '',
    status            TEXT    NOT NULL CHECK (status IN ('new', 'persisting', 'fixed')),
    first_run_id      INTEGER NOT NULL, -- no foreign keys: history outlives pruned runs
    first_site_run_id INTEGER NOT NULL,
    first_seen        TEXT    NOT NULL,
    last_seen         TEXT    NOT NULL,
    PRIMARY KEY (site_run_id, rule, url, key, ord)
) WITHOUT ROWID;

CREATE TABLE undetermined (
    site_run_id INTEGER NOT NULL REFERENCES site_runs (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    rule        TEXT    NOT NULL,
    url         TEXT    NOT NULL DEFAULT '',
    title       TEXT    NOT NULL DEFAULT '',
    reason      TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (site_run_id, seq)
) WITHOUT ROWID;

-- The crawl frontier of a site run, the crawler's on-disk queue and visited set:
-- queued -> fetching (claimed by NextURLs) -> done. id gives FIFO order.
CREATE TABLE frontier (
    id          INTEGER PRIMARY KEY,
    site_run_id INTEGER NOT NULL REFERENCES site_runs (id) ON DELETE CASCADE,
    url         TEXT    NOT NULL,
    depth       INTEGER NOT NULL DEFAULT 0,
    from_url    TEXT    NOT NULL DEFAULT '',
    meta        TEXT    NOT NULL DEFAULT '', -- opaque to the store (crawler context: column, list …)
    state       TEXT    NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'fetching', 'done')),
    UNIQUE (site_run_id, url)
);
CREATE INDEX frontier_state ON frontier (site_run_id, state, id);
