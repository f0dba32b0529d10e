/**
 * The archive's SQLite schema, as an ordered list of migrations keyed by PRAGMA user_version, so
 * an archive written by an older version opens and upgrades in place.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    portal TEXT NOT NULL,
    title TEXT NOT NULL,
    year INTEGER NOT NULL,
    region_code TEXT NOT NULL,
    region_name TEXT NOT NULL,
    issuer TEXT NOT NULL,
    published TEXT,
    text TEXT NOT NULL,
    encoding TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    folder TEXT NOT NULL
  );
  CREATE INDEX reports_region_year ON reports (region_code, year);
  CREATE INDEX reports_year ON reports (year);
  CREATE TABLE report_images (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    url TEXT NOT NULL,
    file TEXT NOT NULL,
    ref TEXT NOT NULL,
    alt TEXT,
    stored INTEGER NOT NULL,
    PRIMARY KEY (report_id, position)
  );
  -- Trigram FTS finds Chinese substrings of 3+ characters (two-character words: reports_bigram,
  -- a later migration).
  CREATE VIRTUAL TABLE reports_fts USING fts5(title, text, content='reports', content_rowid='id', tokenize='trigram');
  CREATE TRIGGER reports_ai AFTER INSERT ON reports BEGIN
    INSERT INTO reports_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
  END;
  CREATE TRIGGER reports_ad AFTER DELETE ON reports BEGIN
    INSERT INTO reports_fts (reports_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  END;
  CREATE TRIGGER reports_au AFTER UPDATE ON reports BEGIN
    INSERT INTO reports_fts (reports_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO reports_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
  END;
  `,
  `
  -- What reprocessing needs to redo a report offline, and the spam audit trail.
  ALTER TABLE reports ADD COLUMN final_url TEXT;
  ALTER TABLE reports ADD COLUMN content_type TEXT;
  ALTER TABLE reports ADD COLUMN listing_title TEXT;
  ALTER TABLE reports ADD COLUMN listing_date TEXT;
  -- Hash of everything filed (text, metadata, spam findings): tells "nothing to do" from "refile".
  ALTER TABLE reports ADD COLUMN record_hash TEXT;
  CREATE TABLE report_spam (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    found TEXT NOT NULL,
    replacement TEXT NOT NULL,
    location TEXT NOT NULL,
    PRIMARY KEY (report_id, position)
  );
  CREATE INDEX report_spam_kind ON report_spam (kind);
  CREATE TABLE portals (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    region TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  `
  -- Statistics: tables as grids (JSON), figures on the national template keys, and the sums checked.
  ALTER TABLE reports ADD COLUMN template TEXT;
  CREATE TABLE report_tables (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    rows_json TEXT NOT NULL,
    images_json TEXT,
    PRIMARY KEY (report_id, position)
  );
  CREATE TABLE report_figures (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value REAL NOT NULL,
    uncertain INTEGER NOT NULL,
    PRIMARY KEY (report_id, key)
  );
  CREATE INDEX report_figures_key ON report_figures (key);
  CREATE TABLE report_checks (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    rule TEXT NOT NULL,
    ok INTEGER NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (report_id, position)
  );
  `,
  `
  -- Nightly and backfill runs (issue 5).
  -- A report's row is always its newest version; when a refetched page's clean text changes, the
  -- version it replaces moves here (its files under versions/<url key>/v<N>/).
  ALTER TABLE reports ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE reports ADD COLUMN raw_hash TEXT;
  ALTER TABLE reports ADD COLUMN etag TEXT;
  ALTER TABLE reports ADD COLUMN last_modified TEXT;
  CREATE TABLE report_versions (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    folder TEXT NOT NULL,
    superseded_at TEXT NOT NULL,
    PRIMARY KEY (report_id, version)
  );
  -- Every link seen on a portal's listing pages, recorded when a run finishes: the nightly crawl
  -- stops paging at the first page with nothing unseen, and retries report links never archived.
  CREATE TABLE listing_links (
    portal TEXT NOT NULL,
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    is_report INTEGER NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    -- A report link a backfill left for another year range: not "pending" for nightly runs.
    deferred INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (portal, url)
  );
  -- HTTP validators of listing pages, for conditional requests.
  CREATE TABLE http_validators (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT NOT NULL
  );
  -- What a crawl learnt about a portal: the report column found from its homepage, and whether its
  -- listing needs a browser.
  CREATE TABLE portal_state (
    portal TEXT PRIMARY KEY,
    column_url TEXT,
    column_reason TEXT,
    render TEXT,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    options_json TEXT NOT NULL,
    portals_json TEXT,
    requests INTEGER,
    error TEXT
  );
  `,
  `
  -- What the browser gave on a script-built listing (one row per start URL): the served page's
  -- hash, how many report links the browser found, and the listing API learned while rendering,
  -- so later runs ask the API directly, or skip a listing where the browser found nothing.
  CREATE TABLE listing_memory (
    portal TEXT NOT NULL,
    start_url TEXT NOT NULL,
    static_hash TEXT,
    browser_found INTEGER,
    api_json TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (portal, start_url)
  );
  `,
  `
  -- Spam findings' audit trail (issue 9): why a string was judged spam and why this replacement,
  -- and how clearly the replacement won among the candidates (NULL where no choice was made).
  ALTER TABLE report_spam ADD COLUMN evidence TEXT;
  ALTER TABLE report_spam ADD COLUMN confidence REAL;
  `,
  `
  -- Reports published as files (issue 10): where the text came from, the raw file's name in the
  -- report's folder (page.html for pages, page.pdf for a report that is a file), and every file
  -- the page offered, kept byte for byte under attachments/ (file is relative to the folder).
  ALTER TABLE reports ADD COLUMN text_source TEXT;
  ALTER TABLE reports ADD COLUMN raw_file TEXT;
  CREATE TABLE report_attachments (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    url TEXT NOT NULL,
    file TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    pages INTEGER,
    role TEXT NOT NULL,
    error TEXT,
    PRIMARY KEY (report_id, position)
  );
  `,
  `
  -- Every failure of a run (issue 11), one row per URL: its class (timeout, http_4xx, …, see
  -- src/errors.ts FAILURE_CLASSES), the stage it failed at and the error, for xxgk runs --failures.
  CREATE TABLE run_failures (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    portal TEXT NOT NULL,
    url TEXT NOT NULL,
    class TEXT NOT NULL,
    stage TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX run_failures_by_run ON run_failures (run_id, class, portal);
  `,
  `
  -- Two-character Chinese words (复议, 诉讼), which the trigram index cannot find, from an index of
  -- character pairs (archive/cjk-bigrams.ts): the text is tokenised by xxgk_bigrams(), a function
  -- every connection of ours registers. Contentless: the text is in reports already.
  CREATE VIRTUAL TABLE reports_bigram USING fts5(body, content='', contentless_delete=1);
  INSERT INTO reports_bigram (rowid, body) SELECT id, xxgk_bigrams(title || ' ' || text) FROM reports;
  CREATE TRIGGER reports_bigram_ai AFTER INSERT ON reports BEGIN
    INSERT INTO reports_bigram (rowid, body) VALUES (new.id, xxgk_bigrams(new.title || ' ' || new.text));
  END;
  CREATE TRIGGER reports_bigram_ad AFTER DELETE ON reports BEGIN
    DELETE FROM reports_bigram WHERE rowid = old.id;
  END;
  CREATE TRIGGER reports_bigram_au AFTER UPDATE OF title, text ON reports BEGIN
    DELETE FROM reports_bigram WHERE rowid = old.id;
    INSERT INTO reports_bigram (rowid, body) VALUES (new.id, xxgk_bigrams(new.title || ' ' || new.text));
  END;
  `,
  `
  -- The catalogue by region and year (issue 12): the region tree, a region's years, coverage and
  -- region filters read this index alone, not the reports' rows, each a page or more with its text.
  -- It starts with region_code, year, so it also does the work of the index it replaces.
  CREATE INDEX reports_catalogue ON reports (region_code, year, issuer, region_name, published);
  DROP INDEX reports_region_year;
  -- Newest first (year, then date published) is this index read backwards: a search sorted by
  -- date stops at the page it shows instead of sorting every report that matches. With region and
  -- issuer in it, a year narrowed further by region or issuer kind is answered from it alone.
  CREATE INDEX reports_year_published ON reports (year, published, region_code, issuer, region_name);
  DROP INDEX reports_year;
  -- One figure across reports reads its key's stretch of this index and nothing else of the
  -- figures (value and doubt included).
  DROP INDEX report_figures_key;
  CREATE INDEX report_figures_key ON report_figures (key, report_id, value, uncertain);
  -- How many of a report's checks hold, kept beside them: a figure shown for thousands of reports
  -- shows each one's result without counting ~40 checks each.
  CREATE TABLE report_check_counts (
    report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    checks INTEGER NOT NULL,
    failed INTEGER NOT NULL
  );
  INSERT INTO report_check_counts (report_id, checks, failed) SELECT report_id, count(*), sum(ok = 0) FROM report_checks GROUP BY report_id;
  `,
];
