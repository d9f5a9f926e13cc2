package com.visualdm.worldengine.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.schedule.Schedules;
import com.visualdm.worldengine.support.ChildProcess;
import com.visualdm.worldengine.support.Cli;
import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.QuartzStore;
import com.visualdm.worldengine.support.TestDatabase;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.tick.TickPhase;
import com.visualdm.worldengine.tick.TickService;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/**
 * Two real {@code serve} processes on the test database, shared by three scenarios run in order (child JVMs are
 * slow to start):
 * <ol>
 * <li>a schedule firing every 2 seconds: every fire runs on exactly one node (each run key appears in exactly one
 * node's log, once) and advances the world by exactly the days its schedule gives (2), recorded under its run key;</li>
 * <li>the node running a fire is killed (SIGKILL) in the middle of a day, held there by a row lock the test
 * takes on the world's state: the other node gets Quartz's recovery fire with the same run key, recovers the dead
 * execution and restarts it, and the day completes, once;</li>
 * <li>the remaining node gets SIGTERM in the middle of a day: it exits, the execution ends STOPPED, and
 * {@code restart ID} completes it.</li>
 * </ol>
 */
class ServeClusterTests extends DatabaseTest {

    static final WorldName STEADY = WorldName.of("serve_steady");
    static final WorldName HELD = WorldName.of("serve_held");
    static final String METRICS_PASSWORD = "test-only-" + System.nanoTime();
    static final Pattern FIRED = Pattern.compile("schedule (\\S+) fired \\(run (\\d+)(, recovering)?\\)");

    @Autowired
    WorldService worlds;

    @Autowired
    TickService ticks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Schedules schedules;

    @Autowired
    DataSource dataSource;

    @Autowired
    ConfigurableApplicationContext context;

    final List<ChildProcess> nodes = new ArrayList<>();
    final List<Path> homes = new ArrayList<>();

    @AfterAll
    static void removeWorlds() {
        JdbcClient client = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                TestDatabase.get().url(), TestDatabase.get().user(), TestDatabase.get().password()));
        client.sql("DELETE FROM engine.qrtz_fired_triggers").update();
        for (WorldName world : List.of(STEADY, HELD)) {
            client.sql("DROP SCHEMA IF EXISTS \"" + world.schema() + "\" CASCADE").update();
            client.sql("DELETE FROM engine.worlds WHERE name = :name").param("name", world.value()).update();
        }
    }

    @Test
    void twoNodesFireOnceRecoverAKilledNodesRunAndStopCleanlyOnSigterm() throws Exception {
        // What an earlier run left in the store (a paused schedule stays paused across restarts) is cleared.
        QuartzStore.reattach(dataSource);
        schedules.load(List.of());
        TestWorlds.recreate(worlds, STEADY, 5, WorldSize.TINY);
        TestWorlds.recreate(worlds, HELD, 6, WorldSize.TINY);
        int steadyStart = ticks.currentDay(STEADY);
        Path directory = Files.createTempDirectory("serve-cluster-schedules");
        Files.writeString(directory.resolve("steady-tick.yml"), """
                job: worldTick
                world: serve_steady
                cron: "0/2 * * * * ?"
                misfire: skip
                parameters:
                  days: 2
                """);
        // Never fires by itself: the test triggers it.
        Files.writeString(directory.resolve("held-tick.yml"), """
                job: worldTick
                world: serve_held
                cron: "0 0 0 1 1 ? 2099"
                """);
        try {
            startNode(directory);
            startNode(directory);
            for (ChildProcess node : nodes) {
                assertThat(node.awaitOutput("serving 2 schedule(s)", Duration.ofSeconds(90))).as(node.output()).isTrue();
            }
            lap("two nodes up");

            // 1. Each fire once, on one node (the first node up may have fired before the second was).
            awaitDay(STEADY, steadyStart + 4, Duration.ofSeconds(30));
            assertThat(Cli.runIn(context, "schedules", "pause", "steady-tick").exitCode()).isZero();
            // A fire a node had already taken when the pause came still runs: let it.
            Thread.sleep(2500);
            awaitNoRunningTick(STEADY);
            List<Fire> steadyFires = fires().stream().filter(fire -> fire.schedule().equals("steady-tick")).toList();
            int advanced = ticks.currentDay(STEADY) - steadyStart;
            assertThat(advanced).as("each fire advances the world by its 'days: 2'").isEqualTo(2 * steadyFires.size());
            assertThat(steadyFires.stream().map(Fire::run).distinct().count()).as("each run on one node, once")
                    .isEqualTo(steadyFires.size());
            assertThat(steadyFires).allMatch(fire -> fire.run() % 2000 == 0, "run keys are the scheduled 2-second marks");
            long worldId = worlds.require(STEADY).id();
            assertThat(jdbc.sql("""
                            SELECT run FROM engine.tick_fires
                             WHERE world_id = :world AND last_day = first_day + 1 AND first_day > :start
                             ORDER BY run
                            """).param("world", worldId).param("start", steadyStart).query(Long.class).list())
                    .as("two days per fire, recorded under the fire's run key")
                    .containsExactlyElementsOf(steadyFires.stream().map(Fire::run).sorted().toList());
            assertThat(jdbc.sql("""
                            SELECT count(DISTINCT e.job_instance_id) FROM engine.job_executions e
                              JOIN engine.batch_job_execution_params id ON id.job_execution_id = e.job_execution_id
                                   AND id.parameter_name = 'worldId' AND id.parameter_value = :world
                             WHERE e.job_name = 'worldTick' AND e.world = :name AND e.status = 'COMPLETED'
                            """).param("world", Long.toString(worldId)).param("name", STEADY.value())
                    .query(Long.class).single()).as("one worldTick instance per day").isEqualTo(advanced);
            assertThat(jdbc.sql("SELECT count(*) FROM engine.tick_log WHERE world_name = :name AND world_day > :start")
                    .param("name", STEADY.value()).param("start", steadyStart).query(Long.class).single())
                    .isEqualTo((long) advanced * TickPhase.values().length);

            // Spring Batch's meters appear once a node has run a job.
            assertMetrics(nodes.get(steadyFires.get(0).node()));
            lap("fires once");
            // 2. Kill the node in the middle of a day; the other recovers and restarts it.
            int heldStart = ticks.currentDay(HELD);
            long killedRun;
            try (Connection holder = TestDatabase.get().connect()) {
                holdWorldState(holder, HELD);
                assertThat(Cli.runIn(context, "schedules", "trigger", "held-tick").exitCode()).isZero();
                long execution = awaitRunningTick(HELD);
                Fire fire = awaitFire("held-tick");
                killedRun = fire.run();
                ChildProcess runner = nodes.get(fire.node());
                runner.kill();
                nodes.remove(fire.node());
                homes.remove(fire.node());
                holder.rollback();
                awaitStatuses(HELD, heldStart + 1, List.of("FAILED", "COMPLETED"), Duration.ofSeconds(60));
            }
            assertThat(fires()).as("the survivor's recovery fire carries the killed fire's run key")
                    .anyMatch(fire -> fire.schedule().equals("held-tick") && fire.run() == killedRun && fire.recovering());
            assertThat(ticks.currentDay(HELD)).isEqualTo(heldStart + 1);

            lap("killed node recovered");
            // 3. SIGTERM in the middle of a day: STOPPED, then restartable.
            ChildProcess survivor = nodes.get(0);
            try (Connection holder = TestDatabase.get().connect()) {
                holdWorldState(holder, HELD);
                assertThat(Cli.runIn(context, "schedules", "trigger", "held-tick").exitCode()).isZero();
                long execution = awaitRunningTick(HELD);
                new ProcessBuilder("kill", "-TERM", Long.toString(survivor.pid())).start().waitFor();
                Thread.sleep(1000);
                holder.rollback();
                assertThat(survivor.waitFor(Duration.ofSeconds(60))).as(survivor.output()).isEqualTo(143);
                assertThat(statuses(HELD, heldStart + 2)).containsExactly("STOPPED");
                Cli.Result restart = Cli.runIn(context, "restart", Long.toString(execution));
                assertThat(restart.exitCode()).as(restart.all()).isZero();
                assertThat(restart.out()).contains("COMPLETED");
            }
            assertThat(statuses(HELD, heldStart + 2)).containsExactly("STOPPED", "COMPLETED");
            assertThat(ticks.currentDay(HELD)).isEqualTo(heldStart + 2);
            lap("stopped on SIGTERM and restarted");
        } finally {
            for (ChildProcess node : nodes) {
                node.kill();
            }
        }
    }

    private final long started = System.nanoTime();

    private void lap(String what) {
        System.out.printf("ServeClusterTests: %s after %.1f s%n", what, (System.nanoTime() - started) / 1e9);
    }

    private void startNode(Path schedules) throws IOException {
        Path home = Files.createTempDirectory("serve-node");
        Map<String, String> environment = new HashMap<>(ChildProcess.testDatabaseEnvironment());
        environment.put("WORLD_ENGINE_HOME", home.toString());
        environment.put("WORLD_ENGINE_SCHEDULES", schedules.toString());
        environment.put("WORLD_ENGINE_SERVE_PORT", "0");
        // Fast failure detection and pick-up of triggers stored by other processes, for a short test.
        environment.put("WORLD_ENGINE_METRICS_USER", "prometheus");
        environment.put("WORLD_ENGINE_METRICS_PASSWORD", METRICS_PASSWORD);
        environment.put("SPRING_APPLICATION_JSON", """
                {"spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval": "1000",
                 "spring.quartz.properties.org.quartz.scheduler.idleWaitTime": "1000",
                 "world-engine.serve.metrics.world-refresh": "500ms"}""");
        nodes.add(ChildProcess.start(environment, "serve"));
        homes.add(home);
    }

    /**
     * Health for anyone (database and scheduler included); metrics only with the credentials from the environment:
     * Spring Batch's meters and the per-world gauges.
     */
    private void assertMetrics(ChildProcess node) throws Exception {
        Matcher port = Pattern.compile("health on port (\\d+)").matcher(node.output());
        assertThat(port.find()).as(node.output()).isTrue();
        String base = "http://127.0.0.1:" + port.group(1) + "/actuator/";
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"db\":{\"status\":\"UP\"").contains("\"scheduler\":{\"status\":\"UP\"");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("metrics without credentials").isEqualTo(401);
        String credentials = Base64.getEncoder().encodeToString(("prometheus:" + METRICS_PASSWORD).getBytes());
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "prometheus"))
                .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("spring_batch_job_seconds_count{")
                .containsPattern("world_day\\{world=\"serve_steady\"} \\d+")
                .contains("world_chaos_level{world=\"serve_steady\"}")
                .contains("world_stability_index{world=\"serve_steady\"}")
                .contains("world_rows_archived{world=\"serve_steady\"} 0.0");
    }

    record Fire(int node, String schedule, long run, boolean recovering) {
    }

    private List<Fire> fires() throws IOException {
        List<Fire> fires = new ArrayList<>();
        for (int node = 0; node < homes.size(); node++) {
            Path log = homes.get(node).resolve("logs/world-engine.log");
            if (!Files.exists(log)) {
                continue;
            }
            Matcher matcher = FIRED.matcher(Files.readString(log));
            while (matcher.find()) {
                fires.add(new Fire(node, matcher.group(1), Long.parseLong(matcher.group(2)), matcher.group(3) != null));
            }
        }
        return fires;
    }

    private Fire awaitFire(String schedule) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (Fire fire : fires()) {
                if (fire.schedule().equals(schedule)) {
                    return fire;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no node logged a fire of " + schedule);
    }

    /** Locks the world's state row, so the tick's first phase waits, inside its step, until the test lets go. */
    private static void holdWorldState(Connection holder, WorldName world) throws Exception {
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
            statement.execute("SELECT 1 FROM " + world.qualified("world_state_entities") + " FOR UPDATE");
        }
    }

    private long awaitRunningTick(WorldName world) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> running = jdbc.sql("""
                            SELECT e.job_execution_id FROM engine.job_executions e
                              JOIN engine.batch_step_execution s ON s.job_execution_id = e.job_execution_id
                              JOIN engine.batch_job_execution_params id ON id.job_execution_id = e.job_execution_id
                                   AND id.parameter_name = 'worldId' AND id.parameter_value = :world
                             WHERE e.status = 'STARTED' AND s.status = 'STARTED'
                            """).param("world", Long.toString(worlds.require(world).id())).query(Long.class).list();
            if (!running.isEmpty()) {
                return running.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no tick of " + world + " started");
    }

    private void awaitNoRunningTick(WorldName world) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jdbc.sql("SELECT count(*) FROM engine.job_executions WHERE world = :world AND status IN ('STARTING', 'STARTED')")
                .param("world", world.value()).query(Long.class).single() > 0) {
            assertThat(System.nanoTime()).as("ticks still running").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private void awaitDay(WorldName world, int day, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ticks.currentDay(world) < day) {
            assertThat(System.nanoTime()).as("world %s reaching day %d; nodes: %s", world, day,
                    nodes.stream().map(ChildProcess::output).toList()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Waits until the executions of the world's tick of that day have these statuses (the killed one, recovered, then its restart). */
    private void awaitStatuses(WorldName world, int day, List<String> expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!statuses(world, day).equals(expected)) {
            assertThat(System.nanoTime()).as("executions of %s day %d: %s; nodes: %s", world, day, statuses(world, day),
                    nodes.stream().map(ChildProcess::output).toList()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The statuses of the executions of the world's tick of that day, in order. */
    private List<String> statuses(WorldName world, int day) {
        return jdbc.sql("""
                        SELECT e.status FROM engine.job_executions e
                          JOIN engine.batch_job_execution_params d ON d.job_execution_id = e.job_execution_id
                               AND d.parameter_name = 'day' AND d.parameter_value = :day
                          JOIN engine.batch_job_execution_params id ON id.job_execution_id = e.job_execution_id
                               AND id.parameter_name = 'worldId' AND id.parameter_value = :world
                         WHERE e.job_name = 'worldTick'
                         ORDER BY e.job_execution_id
                        """).param("day", Integer.toString(day)).param("world", Long.toString(worlds.require(world).id()))
                .query(String.class).list();
    }
}
