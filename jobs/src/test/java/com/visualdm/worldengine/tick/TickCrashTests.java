package com.visualdm.worldengine.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.support.ChildProcess;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.support.Cli;
import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.TestDatabase;
import com.visualdm.worldengine.support.WorldFingerprint;
import com.visualdm.worldengine.system.BadInputException;
import com.visualdm.worldengine.world.WorldLock;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;
import com.visualdm.worldengine.world.WorldTables;
import com.visualdm.worldengine.world.generate.GenerationProgress;

/**
 * A tick killed with SIGKILL (no shutdown hook, no rollback by the client, like a crash or an OOM kill) and run
 * again leaves the world exactly as an uninterrupted tick does: every phase of every day applied once, every
 * day's job instance finally COMPLETED, and nothing left marked running.
 */
class TickCrashTests extends DatabaseTest {

    static final WorldName CRASHED = WorldName.of("tick_crash");
    static final WorldName REFERENCE = WorldName.of("tick_crash_reference");
    static final WorldName HALF_LAUNCHED = WorldName.of("tick_crash_launch");
    static final String SEED = "21";
    static final int DAYS = 12;

    /** Where each child is killed: once the day line of start + afterDays is printed, plus a delay. */
    record KillPoint(int afterDays, long delayMillis) {
    }

    static final List<KillPoint> KILL_POINTS = List.of(new KillPoint(2, 0), new KillPoint(5, 40), new KillPoint(8, 90));

    @Autowired
    TickService ticks;

    @Autowired
    WorldService worlds;

    @Autowired
    WorldLock lock;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void removeWorlds() {
        JdbcClient client = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                TestDatabase.get().url(), TestDatabase.get().user(), TestDatabase.get().password()));
        for (WorldName world : List.of(CRASHED, REFERENCE, HALF_LAUNCHED)) {
            client.sql("DROP SCHEMA IF EXISTS \"" + world.schema() + "\" CASCADE").update();
            client.sql("DELETE FROM engine.worlds WHERE name = :name").param("name", world.value()).update();
        }
    }

    @Test
    void aTickKilledAtSeveralMomentsAndRunAgainEndsExactlyLikeAnUninterruptedTick() throws Exception {
        remove(CRASHED);
        Cli.Result init = Cli.run("init", "--world", CRASHED.value(), "--size", "small", "--seed", SEED);
        assertThat(init.exitCode()).as(init.all()).isZero();
        long worldId = worlds.require(CRASHED).id();
        int start = ticks.currentDay(CRASHED);
        int target = start + DAYS;

        int interruptedDays = 0;
        for (KillPoint point : KILL_POINTS) {
            int left = daysLeft(CRASHED, target);
            Integer unfinished = unfinishedDay(CRASHED);
            ChildProcess child = ChildProcess.start(ChildProcess.testDatabaseEnvironment(),
                    "tick", "--world", CRASHED.value(), "--days", Integer.toString(left));
            try {
                assertThat(child.awaitOutput(dayLine(start + point.afterDays()), Duration.ofSeconds(120)))
                        .as("day %d in: %s", start + point.afterDays(), child.output()).isTrue();
                if (point.delayMillis() > 0) {
                    Thread.sleep(point.delayMillis());
                }
            } finally {
                child.kill();
            }
            String output = child.output();
            assertThat(output).as("the kill must land before the tick is done").doesNotContain(dayLine(target));
            if (unfinished != null) {
                assertThat(firstDayLine(output)).as("the day the previous kill interrupted is finished first: " + output)
                        .contains(dayLine(unfinished)).endsWith("(resumed)");
            }
            awaitLockReleased(CRASHED);
            String interrupted = interruptedLaunchOrDay(CRASHED);
            System.out.printf("TickCrashTests: killed after day %d + %d ms; clock at day %d; %s%n", start + point.afterDays(),
                    point.delayMillis(), ticks.currentDay(CRASHED) - start, interrupted == null ? "between days" : interrupted);
            if (interrupted != null) {
                interruptedDays++;
            }
        }
        assertThat(interruptedDays).as("at least one kill must land in the middle of a day").isPositive();

        Integer unfinished = unfinishedDay(CRASHED);
        int left = daysLeft(CRASHED, target);
        List<DayResult> rest = new ArrayList<>();
        Throwable failure = catchThrowable(() -> rest.addAll(ticks.tick(CRASHED, left, day -> { })));
        assertThat(failure == null ? null : failure.getMessage()).as("how the tick after the last kill fails").isNull();
        assertThat(rest).hasSize(left).allMatch(DayResult::completed);
        if (unfinished != null) {
            assertThat(rest.get(0).date().worldDay()).isEqualTo(unfinished);
            assertThat(rest.get(0).resumed()).isTrue();
        }
        assertThat(ticks.currentDay(CRASHED)).isEqualTo(target);

        // Every phase of every day exactly once.
        Map<Integer, Long> phasesPerDay = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT world_day, count(DISTINCT phase) FROM engine.tick_log
                         WHERE world_name = :world GROUP BY world_day ORDER BY world_day
                        """).param("world", CRASHED.value())
                .query((rs, i) -> phasesPerDay.put(rs.getInt(1), rs.getLong(2))).list();
        Map<Integer, Long> expectedPhases = new LinkedHashMap<>();
        IntStream.rangeClosed(start + 1, target).forEach(day -> expectedPhases.put(day, (long) TickPhase.values().length));
        assertThat(phasesPerDay).isEqualTo(expectedPhases);
        assertThat(count("SELECT count(*) FROM engine.tick_log WHERE world_name = '" + CRASHED.value() + "'"))
                .isEqualTo((long) DAYS * TickPhase.values().length);

        // Every day's job instance ended COMPLETED; the killed executions were recovered as FAILED.
        List<String> instances = jdbc.sql("""
                        SELECT d.parameter_value || ' ' || (
                                   SELECT e2.status FROM engine.batch_job_execution e2
                                    WHERE e2.job_instance_id = i.job_instance_id
                                    ORDER BY e2.job_execution_id DESC LIMIT 1)
                          FROM engine.batch_job_instance i
                          JOIN engine.batch_job_execution e ON e.job_instance_id = i.job_instance_id
                          JOIN engine.batch_job_execution_params w ON w.job_execution_id = e.job_execution_id
                                AND w.parameter_name = 'world' AND w.parameter_value = :world
                          JOIN engine.batch_job_execution_params id ON id.job_execution_id = e.job_execution_id
                                AND id.parameter_name = 'worldId' AND id.parameter_value = :worldId
                          JOIN engine.batch_job_execution_params d ON d.job_execution_id = e.job_execution_id
                                AND d.parameter_name = 'day'
                         WHERE i.job_name = :job
                         GROUP BY i.job_instance_id, d.parameter_value
                         ORDER BY d.parameter_value::int
                        """)
                .param("world", CRASHED.value()).param("worldId", Long.toString(worldId))
                .param("job", WorldTickJobConfiguration.JOB_NAME)
                .query(String.class).list();
        assertThat(instances).containsExactlyElementsOf(
                IntStream.rangeClosed(start + 1, target).mapToObj(day -> day + " COMPLETED").toList());
        List<String> unfinishedExecutions = jdbc.sql("""
                        SELECT e.job_execution_id || ' ' || e.status
                          FROM engine.batch_job_execution e
                          JOIN engine.batch_job_execution_params id ON id.job_execution_id = e.job_execution_id
                                AND id.parameter_name = 'worldId' AND id.parameter_value = :worldId
                         WHERE e.status <> 'COMPLETED' AND (e.status <> 'FAILED' OR e.end_time IS NULL)
                        """)
                .param("worldId", Long.toString(worldId)).query(String.class).list();
        assertThat(unfinishedExecutions).as("executions left running or unended").isEmpty();
        for (int day = start + 1; day <= target; day++) {
            JobInstance instance = jobRepository.getJobInstance(WorldTickJobConfiguration.JOB_NAME, ticks.parameters(CRASHED, day));
            assertThat(instance).as("job instance of day %d", day).isNotNull();
            JobExecution last = jobRepository.getLastJobExecution(instance);
            assertThat(last).as("an execution of day %d", day).isNotNull();
            assertThat(last.getStatus()).as("day %d", day).isEqualTo(BatchStatus.COMPLETED);
        }
        assertThat(jobRepository.getJobInstance(WorldTickJobConfiguration.JOB_NAME, ticks.parameters(CRASHED, target + 1)))
                .as("no day beyond the requested ones was started").isNull();

        // The same world, ticked without interruption.
        remove(REFERENCE);
        worlds.create(REFERENCE, Long.parseLong(SEED), WorldSize.SMALL, GenerationProgress.SILENT);
        List<DayResult> uninterrupted = ticks.tick(REFERENCE, DAYS, day -> { });
        assertThat(uninterrupted).hasSize(DAYS).allMatch(DayResult::completed);

        Map<String, String> crashed = WorldFingerprint.of(jdbc, CRASHED);
        Map<String, String> reference = WorldFingerprint.of(jdbc, REFERENCE);
        assertThat(crashed).hasSize(WorldTables.ALL.size());
        assertThat(count("SELECT count(*) FROM " + CRASHED.qualified("history_entities") + " WHERE world_day > " + start))
                .as("the twelve days wrote history, so the comparison covers the tick's work").isPositive();
        // world_state_entities names its world, so it is compared without that column.
        assertThat(withoutWorldState(crashed)).isEqualTo(withoutWorldState(reference));
        assertThat(worldStateWithoutName(CRASHED)).startsWith("1:").isEqualTo(worldStateWithoutName(REFERENCE));
        assertThat(tickLogSummaries(CRASHED)).hasSize(DAYS * TickPhase.values().length)
                .isEqualTo(tickLogSummaries(REFERENCE));
        assertThat(rejectedRows(CRASHED)).isEqualTo(rejectedRows(REFERENCE));
    }

    /**
     * The job launcher commits a day's job instance and its first execution in two transactions. A kill between
     * them (here made certain by holding the execution table while the child launches) leaves an instance
     * without any execution; the next tick must still be able to run that day.
     */
    @Test
    void aTickKilledWhileLaunchingADayLeavesAWorldTheNextTickCanAdvance() throws Exception {
        remove(HALF_LAUNCHED);
        worlds.create(HALF_LAUNCHED, Long.parseLong(SEED), WorldSize.TINY, GenerationProgress.SILENT);
        int start = ticks.currentDay(HALF_LAUNCHED);
        int day = start + 1;

        try (Connection holder = TestDatabase.get().connect()) {
            holder.setAutoCommit(false);
            int holderPid;
            try (Statement statement = holder.createStatement()) {
                // Reads go on; the child's first write of an execution row waits.
                statement.execute("LOCK TABLE engine.batch_job_execution IN EXCLUSIVE MODE");
                try (ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
                    pid.next();
                    holderPid = pid.getInt(1);
                }
            }
            ChildProcess child = ChildProcess.start(ChildProcess.testDatabaseEnvironment(),
                    "tick", "--world", HALF_LAUNCHED.value(), "--days", "1");
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (!(jobRepository.getJobInstance(WorldTickJobConfiguration.JOB_NAME, ticks.parameters(HALF_LAUNCHED, day)) != null
                        && executionInsertWaitsOn(holder, holderPid))) {
                    if (System.nanoTime() > deadline) {
                        fail("the child never reached the launch of day %d: %s%nsessions waiting on a lock:%n%s%nthe child's main thread:%n%s",
                                day, child.output(), waitingSessions(holder), mainThreadOf(child));
                    }
                    Thread.sleep(20);
                }
            } finally {
                // Killed while the table is still held: the execution row it was writing is never committed.
                child.kill();
            }
            holder.rollback();
        }
        awaitLockReleased(HALF_LAUNCHED);
        JobInstance instance = jobRepository.getJobInstance(WorldTickJobConfiguration.JOB_NAME, ticks.parameters(HALF_LAUNCHED, day));
        assertThat(instance).isNotNull();
        assertThat(jobRepository.getJobExecutions(instance)).as("what the kill left: an instance without execution").isEmpty();
        assertThat(ticks.currentDay(HALF_LAUNCHED)).isEqualTo(start);

        List<DayResult> again = new ArrayList<>();
        Throwable failure = catchThrowable(() -> again.addAll(ticks.tick(HALF_LAUNCHED, 2, result -> { })));
        assertThat(failure == null ? null : failure.getMessage()).as("how the next tick of the world fails").isNull();
        assertThat(again).hasSize(2).allMatch(DayResult::completed);
        assertThat(again.get(0).date().worldDay()).isEqualTo(day);
        assertThat(ticks.currentDay(HALF_LAUNCHED)).isEqualTo(start + 2);
        assertThat(count("SELECT count(*) FROM engine.tick_log WHERE world_name = '" + HALF_LAUNCHED.value() + "'"))
                .isEqualTo(2L * TickPhase.values().length);
    }

    /** The child's main thread as jstack shows it. */
    private static String mainThreadOf(ChildProcess child) throws Exception {
        Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                Long.toString(child.pid())).redirectErrorStream(true).start();
        String dump = new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int main = dump.indexOf("\"main\"");
        return main < 0 ? dump : dump.substring(main, Math.max(main, dump.indexOf("\n\n", main)));
    }

    /** Every session of the database that waits on a lock, with what blocks it: why a child got nowhere. */
    private static String waitingSessions(Connection holder) throws Exception {
        StringBuilder sessions = new StringBuilder();
        try (Statement statement = holder.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT pid, pg_blocking_pids(pid)::text, wait_event_type, wait_event, left(query, 300)
                       FROM pg_stat_activity
                      WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0
                     """)) {
            while (rows.next()) {
                sessions.append(String.format("  pid %d blocked by %s (%s %s): %s%n", rows.getInt(1), rows.getString(2),
                        rows.getString(3), rows.getString(4), rows.getString(5)));
            }
        }
        return sessions.isEmpty() ? "  none" : sessions.toString();
    }

    /**
     * Whether a session waits for the holder's lock on the execution table: only a write waits there, and the only
     * write the child makes next is its execution row. Found by its lock, not by its query text, which
     * pg_stat_activity may not have updated yet for a statement blocked before it starts (seen: the previous
     * statement's text).
     */
    private static boolean executionInsertWaitsOn(Connection holder, int holderPid) throws Exception {
        try (PreparedStatement waiting = holder.prepareStatement("""
                SELECT count(*) FROM pg_locks l
                 WHERE NOT l.granted AND l.relation = 'engine.batch_job_execution'::regclass
                   AND ? = ANY (pg_blocking_pids(l.pid))
                """)) {
            waiting.setInt(1, holderPid);
            try (ResultSet rows = waiting.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    /** Days a `tick --days N` must run to end at target: the interrupted day at the clock counts as one. */
    private int daysLeft(WorldName world, int target) {
        int clock = ticks.currentDay(world);
        return target - clock + (Integer.valueOf(clock).equals(unfinishedDay(world)) ? 1 : 0);
    }

    /** The day whose last execution did not complete (the clock's day or the next), or null. */
    private Integer unfinishedDay(WorldName world) {
        int clock = ticks.currentDay(world);
        for (int day : new int[] {clock, clock + 1}) {
            JobExecution last = jobRepository.getLastJobExecution(WorldTickJobConfiguration.JOB_NAME, ticks.parameters(world, day));
            if (last != null && last.getStatus() != BatchStatus.COMPLETED) {
                return day;
            }
        }
        return null;
    }

    /** What the kill interrupted: a day's job instance (at the clock or the next day) that did not complete, or null. */
    private String interruptedLaunchOrDay(WorldName world) {
        int clock = ticks.currentDay(world);
        for (int day : new int[] {clock, clock + 1}) {
            JobInstance instance = jobRepository.getJobInstance(WorldTickJobConfiguration.JOB_NAME, ticks.parameters(world, day));
            if (instance != null) {
                JobExecution last = jobRepository.getLastJobExecution(instance);
                if (last == null) {
                    return "day " + (day - clock) + " after the clock: job instance without execution";
                }
                if (last.getStatus() != BatchStatus.COMPLETED) {
                    return "day " + (day - clock) + " after the clock: execution " + last.getStatus() + ", steps "
                            + last.getStepExecutions().stream().map(step -> step.getStepName() + "=" + step.getStatus()).toList();
                }
            }
        }
        return null;
    }

    private static String dayLine(int day) {
        return "  day " + day + " ";
    }

    private static String firstDayLine(String output) {
        return output.lines().filter(line -> line.contains("  day ")).findFirst().orElse("");
    }

    /**
     * The killed process's lock session ends when its server backend notices the closed socket, which may take
     * a moment; the next process would otherwise be told the world is busy.
     */
    private void awaitLockReleased(WorldName world) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (WorldLock.Held held = lock.acquire(world, "test")) {
                return;
            } catch (BadInputException busy) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the lock of the killed tick on world '" + world + "' was never released");
                }
                Thread.sleep(50);
            }
        }
    }

    private static Map<String, String> withoutWorldState(Map<String, String> fingerprint) {
        Map<String, String> rest = new LinkedHashMap<>(fingerprint);
        rest.remove("world_state_entities");
        return rest;
    }

    private String worldStateWithoutName(WorldName world) {
        return jdbc.sql("""
                        SELECT count(*) || ':' || coalesce(md5(string_agg(
                                   (to_jsonb(t) - 'created_at' - 'updated_at' - 'world_name')::text, E'\\n' ORDER BY t.id)), '')
                          FROM "%s".world_state_entities t
                        """.formatted(world.schema()))
                .query(String.class).single();
    }

    private List<String> tickLogSummaries(WorldName world) {
        return jdbc.sql("SELECT world_day || ' ' || phase || ' ' || summary::text FROM engine.tick_log "
                        + "WHERE world_name = :world ORDER BY world_day, phase")
                .param("world", world.value()).query(String.class).list();
    }

    private List<String> rejectedRows(WorldName world) {
        return jdbc.sql("SELECT table_name || ' ' || row_id || ' ' || reason FROM engine.rejected_rows "
                        + "WHERE world_name = :world ORDER BY 1")
                .param("world", world.value()).query(String.class).list();
    }

    private void remove(WorldName world) {
        TestWorlds.remove(worlds, world);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
