-- The archive's journal: one row per child partition being archived, moving planned -> detached -> packed ->
-- verified -> dropped, one transaction per step (ArchiveState). A rerun resumes every row not yet dropped.
-- world_id, not a reference to engine.worlds: the ledger outlives a dropped world as its record.
CREATE TABLE archive_ledger (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    world_id       BIGINT NOT NULL,
    world_name     TEXT NOT NULL,
    table_name     TEXT NOT NULL,
    partition_name TEXT NOT NULL,
    from_day       INTEGER NOT NULL,  -- inclusive
    to_day         INTEGER NOT NULL,  -- exclusive, as the partition bound
    state          TEXT NOT NULL,
    row_count      BIGINT,            -- of the detached partition
    row_hash       NUMERIC,           -- order-independent hash of its rows (ArchiveSql.HASH)
    bytes_before   BIGINT,            -- heap, TOAST and indexes of the partition
    segments       INTEGER,
    bytes_after    BIGINT,            -- of its archive segments
    job_execution_id BIGINT,
    planned_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT archive_ledger_state_known CHECK (state IN ('planned', 'detached', 'packed', 'verified', 'dropped'))
);

-- One unfinished archival per partition at a time.
CREATE UNIQUE INDEX archive_ledger_unfinished_key ON archive_ledger (world_id, table_name, partition_name)
    WHERE state <> 'dropped';
CREATE INDEX archive_ledger_world_idx ON archive_ledger (world_id, table_name, from_day);

-- Rows put back from the archive by `archive restore`, verified like an archival.
CREATE TABLE archive_restores (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    world_id    BIGINT NOT NULL,
    world_name  TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    from_day    INTEGER NOT NULL,  -- inclusive
    to_day      INTEGER NOT NULL,  -- inclusive, as given
    row_count   BIGINT NOT NULL,
    row_hash    NUMERIC NOT NULL,
    restored_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Sizes of each world's partitioned tables, recorded by every partitionMaintenance run: the history behind
-- the views below.
CREATE TABLE partition_sizes (
    recorded_at      TIMESTAMPTZ NOT NULL,
    world_id         BIGINT NOT NULL,
    world_name       TEXT NOT NULL,
    table_name       TEXT NOT NULL,
    world_day        INTEGER NOT NULL,  -- the world's clock when recorded
    managed_by       TEXT NOT NULL,     -- pg_partman or world-engine
    children         INTEGER NOT NULL,
    premade_days     INTEGER NOT NULL,  -- days between the clock and the end of the newest child
    live_rows        BIGINT NOT NULL,
    default_rows     BIGINT NOT NULL,
    table_bytes      BIGINT NOT NULL,   -- heap and TOAST of the live partitions
    index_bytes      BIGINT NOT NULL,
    archive_segments BIGINT NOT NULL,
    archive_rows     BIGINT NOT NULL,
    archive_bytes    BIGINT NOT NULL,   -- archive table with its TOAST and indexes
    PRIMARY KEY (world_id, table_name, recorded_at)
);

-- The latest recording per world and table, with a verdict: 'rows in default' (maintenance could not place
-- them), 'no premade children' (the clock has caught up with the newest child), else 'ok'.
CREATE VIEW partition_health AS
SELECT DISTINCT ON (s.world_id, s.table_name)
       s.world_name, s.table_name, s.recorded_at, s.world_day, s.managed_by, s.children, s.premade_days,
       s.live_rows, s.default_rows, s.archive_rows,
       CASE WHEN s.default_rows > 0 THEN 'rows in default'
            WHEN s.premade_days <= 0 THEN 'no premade children'
            ELSE 'ok' END AS health
  FROM partition_sizes s
  JOIN worlds w ON w.id = s.world_id
 ORDER BY s.world_id, s.table_name, s.recorded_at DESC;

-- Growth of each world's partitioned tables between consecutive recordings.
CREATE VIEW data_growth AS
SELECT s.world_name, s.table_name, s.recorded_at, s.world_day,
       s.live_rows, s.archive_rows, s.table_bytes + s.index_bytes AS live_bytes, s.archive_bytes,
       s.live_rows + s.archive_rows
           - lag(s.live_rows + s.archive_rows) OVER w AS rows_added,
       s.table_bytes + s.index_bytes + s.archive_bytes
           - lag(s.table_bytes + s.index_bytes + s.archive_bytes) OVER w AS bytes_added,
       s.world_day - lag(s.world_day) OVER w AS world_days_passed
  FROM partition_sizes s
WINDOW w AS (PARTITION BY s.world_id, s.table_name ORDER BY s.recorded_at);
