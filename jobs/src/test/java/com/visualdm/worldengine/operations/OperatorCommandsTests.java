package com.visualdm.worldengine.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.support.Cli;
import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.tick.TickPhase;
import com.visualdm.worldengine.tick.TickService;
import com.visualdm.worldengine.tick.WorldTickJobConfiguration;
import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldLock;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/** Every operator command on real executions, including what it refuses and with which exit code. */
class OperatorCommandsTests extends DatabaseTest {

    static final WorldName JOBS_WORLD = WorldName.of("operator_jobs");
    static final WorldName WORLD = WorldName.of("operator_executions");

    @Autowired
    WorldService worlds;

    @Autowired
    TickService ticks;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    WorldLock lock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConfigurableApplicationContext context;

    /** By name: other issues add more jobs. */
    @Autowired
    Job worldTick;

    @Test
    void jobsListAndRunWithTheirErrors() {
        TestWorlds.recreate(worlds, JOBS_WORLD, 8, WorldSize.TINY);
        int start = ticks.currentDay(JOBS_WORLD);

        Cli.Result list = cli("jobs", "list");
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out()).containsPattern("worldTick\\s+" + TickPhase.values().length + "\\s");
        assertThat(cli("jobs", "list", "--json").out()).contains("\"name\": \"worldTick\"").contains("advanceClockStep");

        Cli.Result run = cli("jobs", "run", "worldTick", "--world", JOBS_WORLD.value(), "days=2", "run=2026-01-31T03:00:00Z");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("day " + (start + 1)).contains("day " + (start + 2)).contains("COMPLETED");
        assertThat(ticks.currentDay(JOBS_WORLD)).isEqualTo(start + 2);
        Cli.Result again = cli("jobs", "run", "worldTick", "--world", JOBS_WORLD.value(), "days=2", "run=1769828400000");
        assertThat(again.exitCode()).as("the same run (the same instant in milliseconds) again: " + again.all()).isZero();
        assertThat(again.out()).contains("nothing changed");
        assertThat(ticks.currentDay(JOBS_WORLD)).isEqualTo(start + 2);

        assertRefused(cli("jobs", "run", "recomputeEverything", "--world", JOBS_WORLD.value()), 2, "unknown job 'recomputeEverything'");
        assertRefused(cli("jobs", "run", "worldTick", "--world", JOBS_WORLD.value(), "speed=2"), 2, "takes only the parameter 'days'");
        assertRefused(cli("jobs", "run", "worldTick", "--world", JOBS_WORLD.value(), "days=0"), 2, "'days' must be a whole number");
        assertRefused(cli("jobs", "run", "worldTick", "--world", JOBS_WORLD.value(), "run=yesterday"), 2, "run=yesterday");
        assertRefused(cli("jobs", "run", "worldTick"), 2, "--world");
        try (WorldLock.Held held = lock.acquire(JOBS_WORLD, "test")) {
            assertRefused(cli("jobs", "run", "worldTick", "--world", JOBS_WORLD.value()), 4, "is busy");
        }
        assertThat(ticks.currentDay(JOBS_WORLD)).isEqualTo(start + 2);
    }

    @Test
    void executionsListShowRestartStopAbandonRecoverAndPurge() throws InterruptedException {
        forgetExecutions(WORLD);
        TestWorlds.recreate(worlds, WORLD, 9, WorldSize.TINY);
        int start = ticks.currentDay(WORLD);
        assertThat(cli("tick", "--world", WORLD.value(), "--days", "2").exitCode()).isZero();

        Cli.Result list = cli("executions", "--world", WORLD.value(), "--job", "worldTick", "--status", "COMPLETED", "--since", "1h");
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out().lines().filter(line -> line.contains(WORLD.value()))).hasSize(2);
        assertThat(list.out()).contains("day=" + (start + 1)).contains("day=" + (start + 2));
        Cli.Result json = cli("executions", "--world", WORLD.value(), "--json");
        assertThat(json.out()).startsWith("[").contains("\"world\": \"" + WORLD.value() + "\"").contains("\"status\": \"COMPLETED\"");
        assertThat(cli("executions", "--world", WORLD.value(), "--status", "FAILED").out()).contains("No executions match");
        assertThat(cli("executions", "--world", WORLD.value(), "--since", LocalDateTime.now().plusDays(1).toLocalDate().toString())
                .out()).contains("No executions match");
        assertRefused(cli("executions", "--since", "last week"), 2, "neither an age (12h, 7d) nor a date");
        assertRefused(cli("executions", "--job", "nope"), 2, "unknown job 'nope'");
        assertRefused(cli("executions", "--status", "BROKEN"), 2, "BROKEN");

        long completed = lastExecution();
        Cli.Result show = cli("executions", "show", Long.toString(completed));
        assertThat(show.exitCode()).as(show.all()).isZero();
        assertThat(show.out()).contains("COMPLETED").contains("world = " + WORLD.value()).contains("day = " + (start + 2))
                .contains("advanceClockStep").contains("historyAndWorldVersionStep").contains("READ").contains("COMMIT");
        assertThat(cli("executions", "show", Long.toString(completed), "--json").out())
                .contains("\"steps\": [").contains("\"commit\": 1");
        assertRefused(cli("executions", "show", "987654321"), 2, "no job execution 987654321");
        assertRefused(cli("restart", "987654321"), 2, "no job execution 987654321");
        assertRefused(cli("restart", Long.toString(completed)), 2, "completed; there is nothing to restart");
        assertRefused(cli("stop", Long.toString(completed)), 2, "is not running (COMPLETED)");
        assertRefused(cli("abandon", Long.toString(completed)), 2, "completed; there is nothing to abandon");

        // A day whose process died: left STARTED, no progress for two hours.
        long dead = deadExecution(start + 3);
        assertThat(viewIds("stuck_executions")).contains(dead).doesNotContain(completed);
        assertThat(jdbc.sql("SELECT job_execution_id FROM engine.latest_executions WHERE job_name = 'worldTick' AND world = :world")
                .param("world", WORLD.value()).query(Long.class).list()).containsExactly(dead);
        try (WorldLock.Held held = lock.acquire(WORLD, "a live tick")) {
            Cli.Result busy = cli("recover", "--older-than", "30m");
            assertThat(busy.out()).contains("execution " + dead).contains("left alone");
            assertThat(status(dead)).isEqualTo(BatchStatus.STARTED);
        }
        assertRefused(cli("restart", Long.toString(dead)), 4, "is STARTED");
        assertThat(cli("recover", "--older-than", "3h").out()).doesNotContain("execution " + dead);
        Cli.Result recover = cli("recover", "--older-than", "30m");
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        assertThat(recover.out()).contains("execution " + dead).contains("marked FAILED");
        assertThat(status(dead)).isEqualTo(BatchStatus.FAILED);
        assertThat(viewIds("stuck_executions")).doesNotContain(dead);
        assertThat(viewIds("failed_executions")).contains(dead);
        Cli.Result restart = cli("restart", Long.toString(dead));
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertThat(ticks.currentDay(WORLD)).isEqualTo(start + 3);
        assertRefused(cli("restart", Long.toString(dead)), 2, "is not the last of its job instance");
        assertThat(jdbc.sql("SELECT count(*) FROM engine.step_throughput WHERE world = :world AND job_execution_id = :id")
                .param("world", WORLD.value()).param("id", completed).query(Long.class).single())
                .isEqualTo(TickPhase.values().length);
        assertThat(jdbc.sql("SELECT world_day FROM engine.tick_duration_trend WHERE world = :world ORDER BY world_day")
                .param("world", WORLD.value()).query(Integer.class).list()).containsExactly(start + 1, start + 2, start + 3);
        assertThat(jdbc.sql("SELECT previous_7_days_average_seconds IS NOT NULL FROM engine.tick_duration_trend WHERE world = :world AND world_day = :day")
                .param("world", WORLD.value()).param("day", start + 3).query(Boolean.class).single()).isTrue();

        long abandoned = deadExecution(start + 4);
        assertProgressReported();
        assertRefused(cli("abandon", Long.toString(abandoned)), 4, "stop it first");
        assertThat(cli("stop", Long.toString(abandoned)).exitCode()).isZero();
        // No step of it runs anywhere, so Spring Batch stops it at once.
        assertThat(status(abandoned)).isEqualTo(BatchStatus.STOPPED);
        Cli.Result abandon = cli("abandon", Long.toString(abandoned));
        assertThat(abandon.exitCode()).as(abandon.all()).isZero();
        assertThat(status(abandoned)).isEqualTo(BatchStatus.ABANDONED);
        assertRefused(cli("restart", Long.toString(abandoned)), 2, "abandoned and cannot be restarted");

        // Purge: instances that are over and old go; a failed one stays, however old.
        long failed = deadExecution(start + 5);
        cli("recover", "--older-than", "30m");
        jdbc.sql("""
                        UPDATE engine.batch_job_execution SET end_time = localtimestamp - INTERVAL '100 days'
                         WHERE job_execution_id IN (SELECT job_execution_id FROM engine.job_executions WHERE world = :world)
                        """).param("world", WORLD.value()).update();
        Cli.Result purge = cli("executions", "purge", "--older-than", "90d");
        assertThat(purge.exitCode()).as(purge.all()).isZero();
        assertThat(purge.out()).containsPattern("Purged \\d+ execution");
        assertThat(jdbc.sql("SELECT job_execution_id FROM engine.job_executions WHERE world = :world ORDER BY 1")
                .param("world", WORLD.value()).query(Long.class).list()).containsExactly(failed);
        assertThat(jdbc.sql("SELECT count(*) FROM engine.tick_log WHERE world_name = :world AND job_execution_id IS NULL")
                .param("world", WORLD.value()).query(Long.class).single()).as("the tick log keeps its rows").isPositive();
        assertRefused(cli("executions", "purge"), 2, "--older-than");
        assertRefused(cli("executions", "purge", "--older-than", "ninety days"), 2, "invalid duration");
    }

    /** While a job runs for the world, a line every interval: step, steps done of all, items, rate; and time left once known. */
    private void assertProgressReported() throws InterruptedException {
        StringWriter console = new StringWriter();
        try (RunProgress progress = new RunProgress(worldTick, WORLD, jobRepository, new PrintWriter(console, true),
                Duration.ofMillis(100))) {
            Thread.sleep(1000);
        }
        assertThat(console.toString()).contains("... worldTick: step starting (0 of " + TickPhase.values().length
                + " done), 0 items read, 0 written");
    }

    /** An earlier run of this test left executions of a world of the same name: they would be listed too. */
    private void forgetExecutions(WorldName world) {
        List<Long> ids = jdbc.sql("SELECT job_execution_id FROM engine.job_executions WHERE world = :world")
                .param("world", world.value()).query(Long.class).list();
        if (ids.isEmpty()) {
            return;
        }
        for (String sql : List.of(
                "DELETE FROM engine.batch_step_execution_context WHERE step_execution_id IN (SELECT step_execution_id FROM engine.batch_step_execution WHERE job_execution_id IN (:ids))",
                "DELETE FROM engine.batch_step_execution WHERE job_execution_id IN (:ids)",
                "DELETE FROM engine.batch_job_execution_context WHERE job_execution_id IN (:ids)",
                "DELETE FROM engine.batch_job_execution_params WHERE job_execution_id IN (:ids)",
                "DELETE FROM engine.batch_job_execution WHERE job_execution_id IN (:ids)")) {
            jdbc.sql(sql).param("ids", ids).update();
        }
    }

    /** A tick execution of that day as a killed process leaves it: STARTED, last updated two hours ago. */
    private long deadExecution(int day) {
        JobParameters parameters = WorldJobParameters.of(worlds.require(WORLD))
                .addLong(WorldTickJobConfiguration.DAY_PARAMETER, (long) day, true).toJobParameters();
        JobInstance instance = jobRepository.createJobInstance(WorldTickJobConfiguration.JOB_NAME, parameters);
        JobExecution execution = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        execution.setStatus(BatchStatus.STARTED);
        execution.setStartTime(LocalDateTime.now().minusHours(2));
        jobRepository.update(execution);
        jdbc.sql("UPDATE engine.batch_job_execution SET last_updated = localtimestamp - INTERVAL '2 hours' WHERE job_execution_id = :id")
                .param("id", execution.getId()).update();
        return execution.getId();
    }

    private List<Long> viewIds(String view) {
        return jdbc.sql("SELECT job_execution_id FROM engine." + view + " WHERE world = :world")
                .param("world", WORLD.value()).query(Long.class).list();
    }

    private BatchStatus status(long id) {
        return BatchStatus.valueOf(jdbc.sql("SELECT status FROM engine.batch_job_execution WHERE job_execution_id = :id")
                .param("id", id).query(String.class).single());
    }

    private long lastExecution() {
        List<Long> ids = jdbc.sql("SELECT max(job_execution_id) FROM engine.job_executions WHERE world = :world")
                .param("world", WORLD.value()).query(Long.class).list();
        return ids.get(0);
    }

    private Cli.Result cli(String... args) {
        return Cli.runIn(context, args);
    }

    private static void assertRefused(Cli.Result result, int exitCode, String message) {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(exitCode);
        assertThat(result.err()).contains(message);
    }
}
