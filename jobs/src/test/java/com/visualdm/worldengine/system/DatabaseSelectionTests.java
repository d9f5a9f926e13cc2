package com.visualdm.worldengine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.visualdm.worldengine.support.ChildProcess;
import com.visualdm.worldengine.support.TestDatabase;

/**
 * How a world-engine process finds its database, seen from outside: real child JVMs with nothing but the given
 * environment. WORLD_ENGINE_DB_* and Spring's SPRING_DATASOURCE_* select a server; without them the embedded
 * PostgreSQL keeps its data in WORLD_ENGINE_HOME, is stopped when the process exits, and is recovered when a
 * process is killed.
 *
 * <p>Each embedded scenario needs several JVM and PostgreSQL starts in a row. They run in the background from the
 * start of the class, each in its own home, so they overlap the tests on the test database; their tests wait for
 * them (last, so the others run meanwhile) and report their failures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseSelectionTests {

    static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);
    /** Lower-case letters and digits: world names of this run never meet those of an earlier one. */
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final String ENV_WORLD = "dbsel_env_" + RUN;
    static final String SPRING_WORLD = "dbsel_spring_" + RUN;

    static final String JVM_OPTIONS_NOTE = "Picked up JAVA_TOOL_OPTIONS:";

    static JdbcClient jdbc;
    static final List<Path> homes = new ArrayList<>();
    static ExecutorService background;
    static Future<?> persistence;
    static Future<?> recovery;

    @BeforeAll
    static void startTheEmbeddedScenarios() throws IOException {
        TestDatabase database = TestDatabase.get();
        jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        Path persistenceHome = newHome();
        Path recoveryHome = newHome();
        // One after the other: on a 2-core machine JVM starts gain little from running side by side, and the first
        // embedded start of a machine extracts the binaries.
        background = Executors.newSingleThreadExecutor();
        persistence = background.submit(() -> {
            worldsPersistInTheEmbeddedDatabaseAndItsServerStopsWithEachProcess(persistenceHome);
            return null;
        });
        recovery = background.submit(() -> {
            aServerLeftRunningByAKilledProcessIsRecoveredByTheNext(recoveryHome);
            return null;
        });
    }

    @AfterAll
    static void cleanUp() throws Exception {
        background.shutdown();
        background.awaitTermination(5, TimeUnit.MINUTES);
        for (Path home : homes) {
            stopServerLeftRunning(home);
            deleteRecursively(home);
        }
        boolean registryExists = jdbc.sql("SELECT to_regclass('engine.worlds') IS NOT NULL").query(Boolean.class).single();
        for (String world : List.of(ENV_WORLD, SPRING_WORLD)) {
            jdbc.sql("DROP SCHEMA IF EXISTS world_" + world + " CASCADE").update();
            if (registryExists) {
                jdbc.sql("DELETE FROM engine.worlds WHERE name = :name").param("name", world).update();
            }
        }
    }

    @Test
    @Order(1)
    void theWorldEngineDatabaseVariablesSelectTheDatabase() throws Exception {
        Map<String, String> environment = quickStart(ChildProcess.testDatabaseEnvironment());
        ChildProcess init = ChildProcess.start(environment, "init", "--world", ENV_WORLD, "--size", "tiny");
        assertThat(init.waitFor(CHILD_TIMEOUT)).as(init.output()).isZero();
        assertThat(registryState(ENV_WORLD)).isEqualTo("ready");

        ChildProcess worlds = ChildProcess.start(environment, "worlds");
        assertThat(worlds.waitFor(CHILD_TIMEOUT)).as(worlds.output()).isZero();
        assertThat(worlds.output()).containsPattern(ENV_WORLD + "\\s+tiny\\s+\\d+\\s+ready\\s+1492-03-15\\s+536834");
    }

    @Test
    @Order(2)
    void springsOwnDatasourceVariablesSelectTheDatabaseToo() throws Exception {
        TestDatabase database = TestDatabase.get();
        Map<String, String> environment = quickStart(Map.of(
                "SPRING_DATASOURCE_URL", database.url(),
                "SPRING_DATASOURCE_USERNAME", database.user(),
                "SPRING_DATASOURCE_PASSWORD", database.password(),
                "WORLD_ENGINE_HOME", database.home().toString()));
        ChildProcess init = ChildProcess.start(environment, "init", "--world", SPRING_WORLD, "--size", "tiny");
        assertThat(init.waitFor(CHILD_TIMEOUT)).as(init.output()).isZero();
        assertThat(init.output()).contains("Created world '" + SPRING_WORLD + "'");
        assertThat(registryState(SPRING_WORLD)).isEqualTo("ready");
    }

    @Test
    @Order(3)
    void anUnreachableDatabaseIsExitCodeThreeWithOneErrorLineAndNoPassword() throws Exception {
        String password = "pw-" + RUN + "-never-printed";
        ChildProcess worlds = ChildProcess.start(quickStart(Map.of(
                        "WORLD_ENGINE_DB_URL", "jdbc:postgresql://127.0.0.1:1/x?password=" + password,
                        "WORLD_ENGINE_DB_USER", "engine",
                        "WORLD_ENGINE_DB_PASSWORD", password,
                        "WORLD_ENGINE_HOME", TestDatabase.get().home().toString())),
                "worlds");
        assertThat(worlds.waitFor(CHILD_TIMEOUT)).as(worlds.output()).isEqualTo(3);
        List<String> lines = worlds.output().lines()
                .filter(line -> !line.isBlank() && !line.startsWith(JVM_OPTIONS_NOTE)).toList();
        assertThat(lines).as(worlds.output()).singleElement().asString()
                .startsWith("error: cannot connect to the database")
                .doesNotContain(password);
    }

    @Test
    @Order(4)
    void theEmbeddedDefaultKeepsWorldsBetweenRunsAndStopsItsServer() throws Throwable {
        finish(persistence);
    }

    @Test
    @Order(5)
    void theEmbeddedServerOfAKilledProcessIsRecoveredAndItsInitRedone() throws Throwable {
        finish(recovery);
    }

    /** No database configured: the embedded PostgreSQL in a fresh home, twice. */
    static void worldsPersistInTheEmbeddedDatabaseAndItsServerStopsWithEachProcess(Path home) throws Exception {
        Map<String, String> environment = quickStart(Map.of("WORLD_ENGINE_HOME", home.toString()));
        ChildProcess init = ChildProcess.start(environment, "init", "--world", "persist", "--size", "tiny");
        assertThat(init.waitFor(CHILD_TIMEOUT)).as(init.output()).isZero();
        assertThat(init.output()).contains("Created world 'persist'");
        assertThat(home.resolve("postgres-17/data/PG_VERSION")).exists();
        assertThat(postmasterPid(home)).as("no server left running after init").doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("embedded-password"))))
                .isEqualTo("rw-------");

        ChildProcess worlds = ChildProcess.start(environment, "worlds");
        assertThat(worlds.waitFor(CHILD_TIMEOUT)).as(worlds.output()).isZero();
        assertThat(worlds.output()).containsPattern("persist\\s+tiny\\s+\\d+\\s+ready\\s+1492-03-15\\s+536834");
        assertThat(postmasterPid(home)).as("no server left running after worlds").doesNotExist();
    }

    /** SIGKILL in the middle of an embedded init: the server and a world in state creating stay behind. */
    static void aServerLeftRunningByAKilledProcessIsRecoveredByTheNext(Path home) throws Exception {
        Map<String, String> environment = quickStart(Map.of("WORLD_ENGINE_HOME", home.toString()));
        ChildProcess killed = ChildProcess.start(environment, "init", "--world", "big", "--size", "small");
        assertThat(killed.awaitOutput("region_entities", CHILD_TIMEOUT)).as(killed.output()).isTrue();
        killed.awaitOutput("trade_entities", Duration.ofSeconds(1));
        killed.kill();
        assertThat(killed.output()).as("the kill must land in the middle of init").doesNotContain("Created world");
        assertThat(postmasterPid(home)).as("the killed process left its server running").exists();
        ProcessHandle orphan = ProcessHandle.of(serverPid(home)).orElseThrow();

        ChildProcess worlds = ChildProcess.start(environment, "worlds");
        assertThat(worlds.waitFor(CHILD_TIMEOUT)).as(worlds.output()).isZero();
        assertThat(worlds.output()).containsPattern("big\\s+small\\s+\\d+\\s+creating");
        assertThat(running(orphan.pid())).as("the orphaned server was stopped").isFalse();
        assertThat(postmasterPid(home)).as("the server that replaced it stopped too").doesNotExist();

        ChildProcess again = ChildProcess.start(environment, "init", "--world", "big", "--size", "tiny");
        assertThat(again.waitFor(CHILD_TIMEOUT)).as(again.output()).isZero();
        assertThat(again.output()).contains("removed the remains of an earlier init", "Created world 'big'");
        assertThat(postmasterPid(home)).doesNotExist();

        ChildProcess after = ChildProcess.start(environment, "worlds");
        assertThat(after.waitFor(CHILD_TIMEOUT)).as(after.output()).isZero();
        assertThat(after.output()).containsPattern("big\\s+tiny\\s+\\d+\\s+ready\\s+1492-03-15\\s+536834");
        assertThat(postmasterPid(home)).doesNotExist();
    }

    /**
     * The child JVM compiles with C1 only: about half the CPU of a start, which is most of what these tests spend,
     * and the same engine. The JVM says so in a first line of its own ({@link #JVM_OPTIONS_NOTE}), not the engine's.
     */
    private static Map<String, String> quickStart(Map<String, String> environment) {
        Map<String, String> withOptions = new HashMap<>(environment);
        withOptions.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");
        return withOptions;
    }

    private static void finish(Future<?> scenario) throws Throwable {
        try {
            scenario.get(10, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    private static String registryState(String world) {
        return jdbc.sql("SELECT state FROM engine.worlds WHERE name = :name").param("name", world)
                .query(String.class).optional().orElse("absent");
    }

    /**
     * Whether a process still runs. A stopped server that init (PID 1) has not reaped yet is a zombie; it counts
     * as stopped.
     */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String content = Files.readString(stat, StandardCharsets.UTF_8);
        return content.charAt(content.lastIndexOf(')') + 2) != 'Z';
    }

    private static Path postmasterPid(Path home) {
        return home.resolve("postgres-17/data/postmaster.pid");
    }

    private static long serverPid(Path home) throws IOException {
        return Long.parseLong(Files.readAllLines(postmasterPid(home), StandardCharsets.UTF_8).get(0).strip());
    }

    private static synchronized Path newHome() throws IOException {
        Path home = Files.createTempDirectory("world-engine-selection-home");
        homes.add(home);
        return home;
    }

    /** After a failed scenario: stop the server our child left running (fast shutdown of that one postmaster). */
    private static void stopServerLeftRunning(Path home) throws IOException, InterruptedException {
        Path pidFile = postmasterPid(home);
        if (!Files.exists(pidFile)) {
            return;
        }
        new ProcessBuilder("kill", "-INT", Long.toString(serverPid(home))).start().waitFor();
        for (int i = 0; i < 200 && Files.exists(pidFile); i++) {
            Thread.sleep(50);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
