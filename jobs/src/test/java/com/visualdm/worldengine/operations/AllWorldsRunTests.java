package com.visualdm.worldengine.operations;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.visualdm.worldengine.support.Cli;
import com.visualdm.worldengine.support.ScratchDatabase;
import com.visualdm.worldengine.support.TestDatabase;
import com.visualdm.worldengine.system.ExitCode;
import com.visualdm.worldengine.world.WorldLock;
import com.visualdm.worldengine.world.WorldName;

/**
 * {@code jobs run JOB --all-worlds} in a database of its own (on the shared test database it would run every test's
 * worlds): every ready world once, a world still being created left out, a busy world skipped without holding up
 * the others (exit 4), and the same run key later finishing exactly what was skipped.
 */
class AllWorldsRunTests {

    static final String DATABASE = "world_engine_test_all_worlds";
    static final WorldName ONE = WorldName.of("aw_one");
    static final WorldName TWO = WorldName.of("aw_two");
    static final WorldName HALF_MADE = WorldName.of("aw_half_made");
    static final String JOB = "recomputeStability";

    static ScratchDatabase database;
    static JdbcClient jdbc;

    @BeforeAll
    static void databaseWithTwoReadyWorldsAndOneHalfMade() throws Exception {
        database = ScratchDatabase.create(DATABASE);
        for (WorldName world : new WorldName[] {ONE, TWO}) {
            Cli.Result init = database.run("init", "--world", world.value(), "--size", "tiny", "--seed", "11");
            assertThat(init.exitCode()).as(init.all()).isZero();
        }
        jdbc = database.jdbc();
        // What an init killed early leaves: a registry row in state creating, and no schema to run a job on.
        jdbc.sql("""
                        INSERT INTO engine.worlds (name, schema_name, seed, size_preset, state)
                        VALUES (:name, :schema, 12, 'tiny', 'creating')
                        """)
                .param("name", HALF_MADE.value()).param("schema", HALF_MADE.schema()).update();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyReadyWorldRunsOnceABusyOneIsSkippedAndTheSameRunFinishesItLater() {
        String runKey = "run=2026-11-27T03:00:00Z";
        Cli.Result withOneBusy;
        WorldLock lock = new WorldLock(new DriverManagerDataSource(database.url(), TestDatabase.get().user(), TestDatabase.get().password()));
        try (WorldLock.Held held = lock.acquire(TWO, "a schedule's run")) {
            withOneBusy = database.run("jobs", "run", JOB, "--all-worlds", runKey);
        }
        assertThat(withOneBusy.exitCode()).as(withOneBusy.all()).isEqualTo(ExitCode.BUSY.code());
        assertThat(withOneBusy.out()).contains(JOB + " for world " + ONE + " (run ").contains("COMPLETED")
                .doesNotContain("world " + TWO + " (run").doesNotContain(HALF_MADE.value());
        assertThat(withOneBusy.err()).contains(TWO.value());
        assertThat(completedRuns(ONE)).isEqualTo(1);
        assertThat(completedRuns(TWO)).isZero();

        Cli.Result again = database.run("jobs", "run", JOB, "--all-worlds", runKey);
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains(JOB + " for world " + TWO + " (run ").doesNotContain(HALF_MADE.value());
        assertThat(completedRuns(ONE)).as("the same run key meets its completed instance").isEqualTo(1);
        assertThat(completedRuns(TWO)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM engine.job_executions WHERE world = :world")
                .param("world", HALF_MADE.value()).query(Long.class).single()).as("nothing ran on a world being created").isZero();
    }

    private static long completedRuns(WorldName world) {
        return jdbc.sql("SELECT count(*) FROM engine.job_executions WHERE job_name = :job AND world = :world AND status = 'COMPLETED'")
                .param("job", JOB).param("world", world.value()).query(Long.class).single();
    }
}
