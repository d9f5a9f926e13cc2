-- The engine's own tables: which worlds exist, and the input rows jobs refused.

CREATE TABLE worlds (
    name        TEXT PRIMARY KEY,
    schema_name TEXT NOT NULL UNIQUE,
    seed        BIGINT NOT NULL,
    size_preset TEXT NOT NULL,
    -- creating while `init` fills the world; a row left in creating by a killed process is cleaned up by the
    -- next `init` of that name (it holds the world's advisory lock while it works).
    state       TEXT NOT NULL DEFAULT 'creating',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT worlds_name_format CHECK (name ~ '^[a-z][a-z0-9_]{0,39}$'),
    CONSTRAINT worlds_schema_name_matches CHECK (schema_name = 'world_' || name),
    CONSTRAINT worlds_size_preset_known CHECK (size_preset IN ('tiny', 'small', 'medium', 'large')),
    CONSTRAINT worlds_state_known CHECK (state IN ('creating', 'ready'))
);

CREATE TABLE rejected_rows (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    world_name       TEXT NOT NULL REFERENCES worlds (name) ON DELETE CASCADE,
    table_name       TEXT NOT NULL,
    row_id           TEXT NOT NULL,
    reason           TEXT NOT NULL,
    job_execution_id BIGINT REFERENCES batch_job_execution (job_execution_id) ON DELETE SET NULL,
    rejected_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX rejected_rows_world_table_idx ON rejected_rows (world_name, table_name);
CREATE INDEX rejected_rows_job_execution_idx ON rejected_rows (job_execution_id);
