package com.visualdm.worldengine.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.visualdm.worldengine.support.ChildProcess;
import com.visualdm.worldengine.support.Cli;
import com.visualdm.worldengine.support.Cli.Result;
import com.visualdm.worldengine.support.TestDatabase;
import com.visualdm.worldengine.support.WorldFingerprint;

/**
 * An init killed half-way (SIGKILL: no shutdown hook, no cleanup) leaves its world in state creating; the next
 * init of that name removes the remains and builds exactly the world an uninterrupted init builds.
 */
class InterruptedInitTests {

    static final WorldName CRASHED = WorldName.of("crash_interrupted");
    static final WorldName REFERENCE = WorldName.of("crash_reference");
    static final String SEED = "11";

    static JdbcClient jdbc;

    @BeforeAll
    static void connect() {
        TestDatabase database = TestDatabase.get();
        jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        remove(CRASHED);
        remove(REFERENCE);
    }

    @AfterAll
    static void removeWorlds() {
        remove(CRASHED);
        remove(REFERENCE);
    }

    @Test
    void aKilledInitIsRemovedByTheNextInitWhichBuildsTheSameWorldAsAnUninterruptedOne() throws Exception {
        // The world an uninterrupted init builds, made in this JVM while the child JVM starts.
        CompletableFuture<Result> reference = CompletableFuture.supplyAsync(
                () -> Cli.run("init", "--world", REFERENCE.value(), "--size", "small", "--seed", SEED));
        ChildProcess child = ChildProcess.start(ChildProcess.testDatabaseEnvironment(),
                "init", "--world", CRASHED.value(), "--size", "small", "--seed", SEED);
        // region_entities is printed after the registry row is inserted and the first table is loaded.
        assertThat(child.awaitOutput("region_entities", Duration.ofSeconds(120))).as(child.output()).isTrue();
        Thread.sleep(1000);
        child.kill();
        assertThat(child.output()).as("the kill must land in the middle of init").doesNotContain("Created world");

        assertThat(state(CRASHED)).isEqualTo("creating");
        assertThat(count("SELECT count(*) FROM world_crash_interrupted.region_entities"))
                .as("the killed init left part of its world behind").isPositive();
        awaitLockReleased(CRASHED);
        Result uninterrupted = reference.join();
        assertThat(uninterrupted.exitCode()).as(uninterrupted.all()).isZero();
        assertThat(uninterrupted.out()).doesNotContain("removed the remains");

        Result again = Cli.run("init", "--world", CRASHED.value(), "--size", "small", "--seed", SEED);
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("removed the remains of an earlier init", "Created world 'crash_interrupted'");
        assertThat(state(CRASHED)).isEqualTo("ready");

        Map<String, String> rebuilt = WorldFingerprint.of(jdbc, CRASHED);
        Map<String, String> expected = WorldFingerprint.of(jdbc, REFERENCE);
        assertThat(rebuilt).hasSize(WorldTables.ALL.size());
        assertThat(rebuilt.get("trade_entities")).doesNotStartWith("0:");
        // world_state_entities names its world, so it is compared without that column below.
        assertThat(withoutWorldState(rebuilt)).isEqualTo(withoutWorldState(expected));
        assertThat(worldStateWithoutName(CRASHED)).startsWith("1:").isEqualTo(worldStateWithoutName(REFERENCE));
        assertThat(jdbc.sql("SELECT world_name FROM world_crash_interrupted.world_state_entities")
                .query(String.class).single()).isEqualTo(CRASHED.value());
    }

    private static Map<String, String> withoutWorldState(Map<String, String> fingerprint) {
        Map<String, String> rest = new LinkedHashMap<>(fingerprint);
        rest.remove("world_state_entities");
        return rest;
    }

    private static String worldStateWithoutName(WorldName world) {
        return jdbc.sql("""
                        SELECT count(*) || ':' || coalesce(md5(string_agg(
                                   (to_jsonb(t) - 'created_at' - 'updated_at' - 'world_name')::text, E'\\n' ORDER BY t.id)), '')
                          FROM "%s".world_state_entities t
                        """.formatted(world.schema()))
                .query(String.class).single();
    }

    /**
     * The killed process's lock session ends when its server backend notices the closed socket, which may take a
     * moment; an operator's next init comes later than the test's would.
     */
    private static void awaitLockReleased(WorldName world) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            boolean held = count("""
                    SELECT count(*) FROM pg_locks
                     WHERE locktype = 'advisory' AND classid = %d AND objid = hashtext('%s')::bigint & 4294967295
                       AND objsubid = 2
                    """.formatted(WorldLock.LOCK_CLASS, world.value())) > 0;
            if (!held) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the lock of the killed init on world '" + world + "' was never released");
    }

    private static String state(WorldName world) {
        return jdbc.sql("SELECT state FROM engine.worlds WHERE name = :name").param("name", world.value())
                .query(String.class).optional().orElse("absent");
    }

    private static long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static void remove(WorldName world) {
        jdbc.sql("DROP SCHEMA IF EXISTS \"" + world.schema() + "\" CASCADE").update();
        // A fresh test database has no registry until the engine has started once.
        if (jdbc.sql("SELECT to_regclass('engine.worlds') IS NOT NULL").query(Boolean.class).single()) {
            jdbc.sql("DELETE FROM engine.worlds WHERE name = :name").param("name", world.value()).update();
        }
    }
}
