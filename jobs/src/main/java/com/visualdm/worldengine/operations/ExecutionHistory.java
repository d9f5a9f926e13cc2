package com.visualdm.worldengine.operations;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Job executions as operators look at them, over the {@code engine.job_executions} view; and their purge. */
@Component
public class ExecutionHistory {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public ExecutionHistory(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** One line of {@code executions}. */
    public record Row(long id, String job, String world, String status, String exitCode, LocalDateTime start,
                      LocalDateTime end, Double durationSeconds, String parameters) {
    }

    /** Which executions to list; null means any. */
    public record Filter(String world, String job, String status, LocalDateTime since, int limit) {
    }

    public List<Row> list(Filter filter) {
        return jdbc.sql("""
                        SELECT x.job_execution_id, x.job_name, x.world, x.status, x.exit_code, x.start_time, x.end_time,
                               x.duration_seconds::float8,
                               (SELECT string_agg(p.parameter_name || '=' || p.parameter_value, ' ' ORDER BY p.parameter_name)
                                  FROM engine.batch_job_execution_params p
                                 WHERE p.job_execution_id = x.job_execution_id) AS parameters
                          FROM engine.job_executions x
                         WHERE (CAST(:world AS TEXT) IS NULL OR x.world = :world)
                           AND (CAST(:job AS TEXT) IS NULL OR x.job_name = :job)
                           AND (CAST(:status AS TEXT) IS NULL OR x.status = :status)
                           AND (CAST(:since AS TIMESTAMP) IS NULL OR x.create_time >= :since)
                         ORDER BY x.job_execution_id DESC
                         LIMIT :limit
                        """)
                .param("world", filter.world()).param("job", filter.job()).param("status", filter.status())
                .param("since", filter.since()).param("limit", filter.limit())
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, LocalDateTime.class), rs.getObject(7, LocalDateTime.class),
                        rs.getObject(8) == null ? null : rs.getDouble(8), rs.getString(9)))
                .list();
    }

    /** Running executions whose last sign of progress is older than {@code quiet}: their process may be dead. */
    public List<Long> quietRunning(Duration quiet) {
        return jdbc.sql("""
                        SELECT x.job_execution_id
                          FROM engine.job_executions x
                         WHERE x.status IN ('STARTING', 'STARTED', 'STOPPING')
                           AND coalesce((SELECT greatest(x.last_updated, max(s.last_updated)) FROM engine.batch_step_execution s
                                          WHERE s.job_execution_id = x.job_execution_id), x.last_updated, x.create_time)
                               < localtimestamp - make_interval(secs => :seconds)
                         ORDER BY x.job_execution_id
                        """)
                .param("seconds", (double) quiet.toSeconds())
                .query(Long.class).list();
    }

    /**
     * Deletes the history of job instances that are over: their last execution COMPLETED or ABANDONED and every
     * execution ended more than {@code olderThan} ago. Failed and stopped instances stay, since they can still be
     * restarted. One transaction. Returns the number of executions deleted.
     */
    public int purge(Duration olderThan) {
        return transaction.execute(status -> purgeInTransaction(olderThan));
    }

    private int purgeInTransaction(Duration olderThan) {
        jdbc.sql("""
                        CREATE TEMPORARY TABLE purged ON COMMIT DROP AS
                        SELECT e.job_execution_id, e.job_instance_id
                          FROM engine.batch_job_execution e
                         WHERE e.job_instance_id IN (
                                SELECT i.job_instance_id
                                  FROM engine.batch_job_instance i
                                  JOIN engine.batch_job_execution x ON x.job_instance_id = i.job_instance_id
                                 GROUP BY i.job_instance_id
                                HAVING bool_and(x.end_time IS NOT NULL AND x.end_time < localtimestamp - make_interval(secs => :seconds))
                                   AND (array_agg(x.status ORDER BY x.job_execution_id DESC))[1] IN ('COMPLETED', 'ABANDONED'))
                        """)
                .param("seconds", (double) olderThan.toSeconds()).update();
        for (String sql : List.of(
                "DELETE FROM engine.batch_step_execution_context WHERE step_execution_id IN (SELECT step_execution_id FROM engine.batch_step_execution WHERE job_execution_id IN (SELECT job_execution_id FROM purged))",
                "DELETE FROM engine.batch_step_execution WHERE job_execution_id IN (SELECT job_execution_id FROM purged)",
                "DELETE FROM engine.batch_job_execution_context WHERE job_execution_id IN (SELECT job_execution_id FROM purged)",
                "DELETE FROM engine.batch_job_execution_params WHERE job_execution_id IN (SELECT job_execution_id FROM purged)")) {
            jdbc.sql(sql).update();
        }
        int executions = jdbc.sql("DELETE FROM engine.batch_job_execution WHERE job_execution_id IN (SELECT job_execution_id FROM purged)").update();
        jdbc.sql("DELETE FROM engine.batch_job_instance WHERE job_instance_id IN (SELECT job_instance_id FROM purged)").update();
        return executions;
    }
}
