package com.visualdm.worldengine.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.visualdm.worldengine.partition.PartitionedTable;
import com.visualdm.worldengine.support.ChildProcess;
import com.visualdm.worldengine.support.Cli;
import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.FullHistory;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.system.BadInputException;
import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldLock;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/**
 * An archive run killed with SIGKILL at each stage (after a detach, in the middle of packing, after a
 * verification, just before a drop), then run again: every row is present exactly once, live or archived, the
 * full history's hash is unchanged, and the ledger ends with every partition dropped.
 */
class ArchiveCrashTests extends DatabaseTest {

    static final WorldName WORLD = WorldName.of("archive_crash");

    @Autowired
    WorldService worlds;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    ArchiveRestore restore;

    @Autowired
    WorldLock lock;

    @AfterAll
    static void removeWorld() {
        TestWorlds.removeDirectly(WORLD);
    }

    @Test
    void anArchiveRunKilledAtEachStageAndRunAgainLosesAndDuplicatesNothing() throws Exception {
        TestWorlds.recreatePartitioned(worlds, WORLD, 13, WorldSize.TINY);
        Map<PartitionedTable, String> history = histories();
        RegisteredWorld world = worlds.require(WORLD);

        for (HaltPoint point : Arrays.stream(HaltPoint.values()).filter(HaltPoint::inArchiveRun).toList()) {
            killWhenHalted(point, "archive", "run", "--world", WORLD.value());
            String stateAtKill = jdbc.sql("""
                            SELECT string_agg(DISTINCT state, ',') FROM engine.archive_ledger
                             WHERE world_id = :worldId AND state <> 'dropped'
                            """)
                    .param("worldId", world.id()).query(String.class).single();
            System.out.printf("ArchiveCrashTests: killed at %s, unfinished ledger states: %s%n", point, stateAtKill);
            assertThat(stateAtKill).as("the kill at %s leaves an archival unfinished", point).isNotNull();

            Cli.Result rerun = Cli.run("archive", "run", "--world", WORLD.value());
            assertThat(rerun.exitCode()).as(rerun.all()).isZero();
            assertThat(histories()).as("after a kill at %s and a rerun", point).isEqualTo(history);
            assertThat(jdbc.sql("SELECT count(*) FROM engine.archive_ledger WHERE world_id = :worldId AND state <> 'dropped'")
                    .param("worldId", world.id()).query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM pg_class WHERE relnamespace = to_regnamespace(:schema) AND relname LIKE '%\\_archiving'")
                    .param("schema", WORLD.schema()).query(Long.class).single()).as("no detached partition left").isZero();
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM engine.batch_job_execution e
                              JOIN engine.batch_job_instance i USING (job_instance_id)
                              JOIN engine.batch_job_execution_params p USING (job_execution_id)
                             WHERE i.job_name = :job AND p.parameter_name = 'world' AND p.parameter_value = :world
                               AND e.status IN ('STARTED', 'STARTING')
                            """)
                    .param("job", ArchiveWorldJobConfiguration.JOB_NAME).param("world", WORLD.value())
                    .query(Long.class).single()).as("the killed execution is marked failed by the rerun").isZero();

            // Back to live for the next kill point: everything archived is restored.
            for (PartitionedTable table : PartitionedTable.values()) {
                Integer first = jdbc.sql("SELECT min(world_day) FROM " + WORLD.qualified(table.archiveTable())).query(Integer.class).single();
                Integer last = jdbc.sql("SELECT max(world_day) FROM " + WORLD.qualified(table.archiveTable())).query(Integer.class).single();
                if (first != null) {
                    restore.restore(world, table, first, last);
                }
            }
            assertThat(histories()).isEqualTo(history);
        }
    }

    @Test
    void aRestoreKilledAfterStagingChangesNothingAndItsRerunRestoresEverything() throws Exception {
        TestWorlds.recreatePartitioned(worlds, WORLD, 17, WorldSize.TINY);
        Map<PartitionedTable, String> history = histories();
        assertThat(Cli.run("archive", "run", "--world", WORLD.value()).exitCode()).isZero();
        String archive = WORLD.qualified(PartitionedTable.TRANSACTIONS.archiveTable());
        int first = jdbc.sql("SELECT min(world_day) FROM " + archive).query(Integer.class).single();
        int last = jdbc.sql("SELECT max(world_day) FROM " + archive).query(Integer.class).single();
        long segments = jdbc.sql("SELECT count(*) FROM " + archive).query(Long.class).single();
        String[] restore = {"archive", "restore", "--world", WORLD.value(), "--table", "transaction_entities",
                "--from-day", Integer.toString(first), "--to-day", Integer.toString(last)};

        killWhenHalted(HaltPoint.RESTORE_STAGED, restore);
        assertThat(stagedTables()).as("the killed restore left its loaded children, unattached").isPositive();
        assertThat(histories()).as("staged children are invisible: every row once, still archived").isEqualTo(history);
        assertThat(jdbc.sql("SELECT count(*) FROM " + archive).query(Long.class).single()).isEqualTo(segments);

        Cli.Result rerun = Cli.run(restore);
        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(histories()).isEqualTo(history);
        assertThat(stagedTables()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM " + archive).query(Long.class).single()).isZero();
    }

    /** Runs the command in a child process halting at the point, kills it there (SIGKILL), waits for its lock to go. */
    private void killWhenHalted(HaltPoint point, String... command) throws Exception {
        Map<String, String> environment = new HashMap<>(ChildProcess.testDatabaseEnvironment());
        environment.put("WORLD_ENGINE_ARCHIVE_HALT_AT", point.name());
        ChildProcess child = ChildProcess.start(environment, command);
        try {
            assertThat(child.awaitOutput("archive halted at " + point, Duration.ofSeconds(90)))
                    .as("halt at %s: %s", point, child.output()).isTrue();
        } finally {
            child.kill();
        }
        awaitLockReleased();
    }

    private long stagedTables() {
        return jdbc.sql("SELECT count(*) FROM pg_class WHERE relnamespace = to_regnamespace(:schema) AND relname LIKE '%\\_restoring'")
                .param("schema", WORLD.schema()).query(Long.class).single();
    }

    private Map<PartitionedTable, String> histories() {
        return FullHistory.of(jdbc, transaction, WORLD);
    }

    private void awaitLockReleased() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (WorldLock.Held held = lock.acquire(WORLD, "test")) {
                return;
            } catch (BadInputException busy) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the killed archive run's lock on world '" + WORLD + "' was never released");
                }
                Thread.sleep(50);
            }
        }
    }
}
