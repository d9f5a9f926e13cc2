-- A world's id tells apart two worlds that had the same name one after the other (drop, then init again): jobs
-- are identified by it as well as by the name, so a new world's days are new job instances.
ALTER TABLE worlds ADD COLUMN id BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE worlds ADD CONSTRAINT worlds_id_key UNIQUE (id);

-- The world tick's journal: one row per world, world day and phase, written in the same transaction as the
-- phase's changes to the world. A phase that finds its row has already been applied and changes nothing, so a
-- day is applied exactly once whatever crashes and restarts happen in between.
CREATE TABLE tick_log (
    world_name       TEXT NOT NULL REFERENCES worlds (name) ON DELETE CASCADE,
    world_day        INTEGER NOT NULL,
    phase            TEXT NOT NULL,
    job_execution_id BIGINT REFERENCES batch_job_execution (job_execution_id) ON DELETE SET NULL,
    summary          JSONB NOT NULL DEFAULT '{}',
    applied_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (world_name, world_day, phase)
);

CREATE INDEX tick_log_job_execution_idx ON tick_log (job_execution_id);

-- Which events the lifecycle phase activated or resolved on which day, written in the same transaction as the
-- change: the consequence phase after it applies exactly those events' immediate and long-term effects.
CREATE TABLE tick_event_changes (
    world_name TEXT NOT NULL REFERENCES worlds (name) ON DELETE CASCADE,
    world_day  INTEGER NOT NULL,
    event_id   UUID NOT NULL,
    change     TEXT NOT NULL,
    PRIMARY KEY (world_name, world_day, event_id, change),
    CONSTRAINT tick_event_changes_change_known CHECK (change IN ('activated', 'resolved'))
);
