-- Scheduled world ticks: which fire advanced which world to which day. A fire is identified by its schedule's
-- run key (epoch milliseconds of the scheduled fire time, the same on every node and for the cron line doing the
-- same work), so a fire that reaches a world twice (two nodes, a Quartz recovery, Quartz and cron both) finishes
-- the days it started and never starts more.
CREATE TABLE tick_fires (
    world_id   BIGINT NOT NULL REFERENCES worlds (id) ON DELETE CASCADE,
    run        BIGINT NOT NULL,
    first_day  INTEGER NOT NULL,
    last_day   INTEGER NOT NULL,
    fired_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (world_id, run),
    CONSTRAINT tick_fires_days_ordered CHECK (last_day >= first_day)
);

-- Job history for operators (README, "Monitoring"). Spring Batch keeps timestamps without time zone in the
-- server's zone; durations are in seconds. The world of an execution is its identifying parameter 'world'.

-- One row per execution with its world and its duration: the base of the views below.
CREATE VIEW job_executions AS
SELECT e.job_execution_id,
       i.job_instance_id,
       i.job_name,
       w.parameter_value                                                  AS world,
       e.status,
       e.exit_code,
       e.exit_message,
       e.create_time,
       e.start_time,
       e.end_time,
       e.last_updated,
       extract(EPOCH FROM coalesce(e.end_time, localtimestamp) - e.start_time)::NUMERIC(12, 3) AS duration_seconds
  FROM batch_job_execution e
  JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
  LEFT JOIN batch_job_execution_params w ON w.job_execution_id = e.job_execution_id
                                        AND w.parameter_name = 'world';

-- The latest execution of every job for every world (world NULL for jobs without one).
CREATE VIEW latest_executions AS
SELECT DISTINCT ON (job_name, world) *
  FROM job_executions
 ORDER BY job_name, world, job_execution_id DESC;

-- Executions that failed, with the step that failed and its message, newest first.
CREATE VIEW failed_executions AS
SELECT x.job_execution_id, x.job_name, x.world, x.status, x.start_time, x.end_time, x.duration_seconds,
       s.step_name AS failed_step, coalesce(nullif(s.exit_message, ''), x.exit_message) AS exit_message
  FROM job_executions x
  LEFT JOIN LATERAL (
        SELECT step_name, exit_message FROM batch_step_execution
         WHERE job_execution_id = x.job_execution_id AND status IN ('FAILED', 'UNKNOWN')
         ORDER BY step_execution_id DESC LIMIT 1) s ON TRUE
 WHERE x.status IN ('FAILED', 'UNKNOWN')
 ORDER BY x.job_execution_id DESC;

-- Executions marked running whose last sign of progress (the execution's or any of its steps' last update) is
-- more than 15 minutes old: their process probably died. `world-engine recover` settles them.
CREATE VIEW stuck_executions AS
SELECT x.job_execution_id, x.job_name, x.world, x.status, x.start_time, p.last_progress,
       extract(EPOCH FROM localtimestamp - p.last_progress)::NUMERIC(12, 0) AS seconds_since_progress
  FROM job_executions x
  CROSS JOIN LATERAL (
        SELECT greatest(x.last_updated, max(s.last_updated)) AS last_progress
          FROM batch_step_execution s WHERE s.job_execution_id = x.job_execution_id) p
 WHERE x.status IN ('STARTING', 'STARTED', 'STOPPING')
   AND coalesce(p.last_progress, x.create_time) < localtimestamp - INTERVAL '15 minutes';

-- Every step execution with its counts, duration and items written per second.
CREATE VIEW step_throughput AS
SELECT s.step_execution_id, x.job_execution_id, x.job_name, x.world, s.step_name, s.status,
       s.read_count, s.write_count, s.filter_count,
       s.read_skip_count + s.process_skip_count + s.write_skip_count AS skip_count,
       s.commit_count, s.rollback_count, s.start_time, s.end_time,
       extract(EPOCH FROM s.end_time - s.start_time)::NUMERIC(12, 3) AS duration_seconds,
       CASE WHEN s.end_time > s.start_time
            THEN (s.write_count / extract(EPOCH FROM s.end_time - s.start_time))::NUMERIC(14, 1) END AS writes_per_second
  FROM batch_step_execution s
  JOIN job_executions x ON x.job_execution_id = s.job_execution_id;

-- Completed world days with how long their last execution took and the average of the 7 days before, per world.
CREATE VIEW tick_duration_trend AS
SELECT world, world_day, job_execution_id, end_time, duration_seconds,
       avg(duration_seconds) OVER (PARTITION BY world ORDER BY world_day ROWS BETWEEN 7 PRECEDING AND 1 PRECEDING)::NUMERIC(12, 3)
           AS previous_7_days_average_seconds
  FROM (SELECT x.world, d.parameter_value::INTEGER AS world_day, x.job_execution_id, x.end_time, x.duration_seconds
          FROM job_executions x
          JOIN batch_job_execution_params d ON d.job_execution_id = x.job_execution_id AND d.parameter_name = 'day'
         WHERE x.job_name = 'worldTick' AND x.status = 'COMPLETED') completed_days;
