package com.visualdm.worldengine.partition;

import static com.visualdm.worldengine.partition.PartitionLayout.advanceClock;
import static com.visualdm.worldengine.partition.PartitionLayout.childNames;
import static com.visualdm.worldengine.partition.PartitionLayout.lastListedByPartman;
import static com.visualdm.worldengine.partition.PartitionLayout.registeredWithPartman;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.visualdm.worldengine.support.Cli;
import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.TestDatabase;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.support.WorldFingerprint;
import com.visualdm.worldengine.world.WorldClock;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/**
 * Partition maintenance on generated worlds, with pg_partman (where the extension is available, as in CI, the
 * test fails unless the sets were really registered with it) and without it: the same layout either way, every
 * row kept, rows in the default moved out, pg_partman's lock respected, health and growth recorded.
 */
class PartitionMaintenanceTests extends DatabaseTest {

    static final WorldName WITH_PARTMAN = WorldName.of("parts_partman");
    static final WorldName OWN = WorldName.of("parts_own");
    static final int INTERVAL = 30;
    static final int PREMAKE = 4;

    @Autowired
    WorldService worlds;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorldClock clock;

    @Autowired
    PartitionSets sets;

    static boolean partmanAvailable;

    @BeforeAll
    static void installPgPartmanWhereAvailable() throws Exception {
        try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
            var available = statement.executeQuery("SELECT count(*) > 0 FROM pg_available_extensions WHERE name = 'pg_partman'");
            available.next();
            partmanAvailable = available.getBoolean(1);
            if (partmanAvailable) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS partman");
                statement.execute("CREATE EXTENSION IF NOT EXISTS pg_partman SCHEMA partman");
            }
        }
    }

    @AfterAll
    static void removeWorlds() {
        try (var context = new SingleConnectionDataSource(
                TestDatabase.get().url(), TestDatabase.get().user(), TestDatabase.get().password(), true)) {
            JdbcClient client = JdbcClient.create(context);
            for (WorldName world : List.of(WITH_PARTMAN, OWN)) {
                client.sql("SELECT engine.unregister_from_partman(:schema)").param("schema", world.schema()).query(Integer.class).single();
                client.sql("DROP SCHEMA IF EXISTS \"" + world.schema() + "\" CASCADE").update();
                client.sql("DELETE FROM engine.worlds WHERE name = :name").param("name", world.value()).update();
            }
        }
    }

    @Test
    void withAndWithoutPgPartmanMaintenanceGivesTheSameLayoutAndKeepsEveryRow() {
        TestWorlds.recreate(worlds, WITH_PARTMAN, 5, WorldSize.TINY);
        TestWorlds.recreate(worlds, OWN, 5, WorldSize.TINY);
        Map<String, String> before = WorldFingerprint.of(jdbc, OWN);
        Map<String, String> beforeWithPartman = WorldFingerprint.of(jdbc, WITH_PARTMAN);

        Cli.Result own = Cli.runWith(Map.of("world-engine.partitioning.pg-partman", "never"),
                "partitions", "maintain", "--world", OWN.value());
        assertThat(own.exitCode()).as(own.all()).isZero();
        Cli.Result withPartman = Cli.run("partitions", "maintain", "--world", WITH_PARTMAN.value());
        assertThat(withPartman.exitCode()).as(withPartman.all()).isZero();

        assertThat(WorldFingerprint.of(jdbc, OWN)).as("every row kept, unchanged").isEqualTo(before);
        assertThat(WorldFingerprint.of(jdbc, WITH_PARTMAN)).isEqualTo(beforeWithPartman);
        assertThat(PartitionLayout.of(jdbc, WITH_PARTMAN)).as("the same children, bounds, indexes and constraints either way")
                .isEqualTo(PartitionLayout.of(jdbc, OWN));

        int today = clock.currentDay(OWN);
        for (PartitionedTable table : PartitionedTable.values()) {
            assertThat(rows(OWN, table.defaultPartition())).as("default of " + table).isZero();
            List<String> children = childNames(jdbc, OWN, table);
            int firstRow = jdbc.sql("SELECT min(world_day) FROM " + OWN.qualified(table.tableName())).query(Integer.class).single();
            int lower = firstRow - firstRow % INTERVAL;
            int last = today - today % INTERVAL + PREMAKE * INTERVAL;
            List<String> expected = new ArrayList<>();
            for (int day = lower; day <= last; day += INTERVAL) {
                expected.add(table.tableName() + "_p" + day);
            }
            assertThat(children).as("one child per interval from the oldest row to %d intervals past today", PREMAKE)
                    .isEqualTo(expected);
        }

        for (PartitionedTable table : PartitionedTable.values()) {
            // Children loaded from the default (indexes built by ATTACH) and premade ones (LIKE ... INCLUDING
            // INDEXES) carry the same indexes under the same names.
            assertThat(jdbc.sql("""
                            SELECT count(DISTINCT indexes) FROM (
                                SELECT string_agg(replace(replace(pg_get_indexdef(x.indexrelid), c.relname, 'C'), :schema, 'W'), '; '
                                                  ORDER BY pg_get_indexdef(x.indexrelid)) AS indexes
                                  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_index x ON x.indrelid = c.oid
                                 WHERE i.inhparent = to_regclass(:parent)
                                 GROUP BY c.relname) per_child
                            """)
                    .param("schema", OWN.schema()).param("parent", OWN.qualified(table.tableName()))
                    .query(Long.class).single()).as("index sets of the children of " + table).isEqualTo(1);
        }

        if (partmanAvailable) {
            assertThat(registeredWithPartman(jdbc, OWN)).as("pg-partman=never keeps the sets ours").isEmpty();
        }
        if (partmanAvailable) {
            assertThat(registeredWithPartman(jdbc, WITH_PARTMAN)).as("pg_partman is installed: the sets must be registered with it")
                    .containsExactlyInAnyOrder(WITH_PARTMAN.schema() + ".trade_entities",
                            WITH_PARTMAN.schema() + ".transaction_entities", WITH_PARTMAN.schema() + ".history_entities");
            for (PartitionedTable table : PartitionedTable.values()) {
                assertThat(jdbc.sql("SELECT partition_tablename FROM partman.show_partitions(:parent)")
                        .param("parent", WITH_PARTMAN.schema() + "." + table.tableName()).query(String.class).list())
                        .as("pg_partman lists the children").isEqualTo(childNames(jdbc, WITH_PARTMAN, table));
            }
            assertThat(Cli.run("partitions", "--world", WITH_PARTMAN.value()).out()).contains("trade_entities (pg_partman)");

            // pg_partman's own maintenance works on the sets, and ours still does after it.
            jdbc.sql("SELECT partman.run_maintenance(p_jobmon := false)").query().singleRow();
            advanceClock(jdbc, WITH_PARTMAN, 3 * INTERVAL);
            assertThat(Cli.run("partitions", "maintain", "--world", WITH_PARTMAN.value()).exitCode()).isZero();
            int later = clock.currentDay(WITH_PARTMAN);
            assertThat(lastListedByPartman(jdbc, WITH_PARTMAN, PartitionedTable.HISTORY))
                    .isEqualTo("history_entities_p" + (later - later % INTERVAL + PREMAKE * INTERVAL));
        } else {
            System.out.println("PartitionMaintenanceTests: pg_partman is not available on this server; only our own path ran");
        }
    }

    @Test
    void rowsLandingInTheDefaultAreMovedIntoChildrenAndHealthSaysSo() {
        TestWorlds.recreate(worlds, OWN, 6, WorldSize.TINY);
        Map<String, Object> never = Map.of("world-engine.partitioning.pg-partman", "never");
        assertThat(Cli.runWith(never, "partitions", "maintain", "--world", OWN.value()).exitCode()).isZero();
        int farAhead = clock.currentDay(OWN) + 400;
        jdbc.sql("""
                        INSERT INTO %s (event_name, event_date, world_day)
                        VALUES ('a prophecy', jsonb_build_object('year', :day / 360 + 1, 'month', :day %% 360 / 30 + 1,
                                'day', :day %% 30 + 1), :day)
                        """.formatted(OWN.qualified("history_entities")))
                .param("day", farAhead).update();
        assertThat(rows(OWN, "history_entities_default")).isEqualTo(1);
        sets.recordSizes(worlds.require(OWN));
        assertThat(health(OWN, "history_entities")).isEqualTo("rows in default");
        assertThat(Cli.run("partitions", "--world", OWN.value()).out()).contains("1 in the default partition");

        assertThat(Cli.runWith(never, "partitions", "maintain", "--world", OWN.value()).exitCode()).isZero();
        assertThat(rows(OWN, "history_entities_default")).isZero();
        assertThat(rows(OWN, "history_entities_p" + (farAhead - farAhead % INTERVAL))).isEqualTo(1);
        assertThat(health(OWN, "history_entities")).isEqualTo("ok");
        assertThat(jdbc.sql("SELECT rows_added FROM engine.data_growth WHERE world_name = :world AND table_name = 'history_entities' "
                        + "ORDER BY recorded_at DESC LIMIT 1").param("world", OWN.value()).query(Long.class).single())
                .as("growth between the two recordings").isZero();
    }

    @Test
    void maintenanceNeverRunsWhilePgPartmansMaintenanceHoldsItsLock() throws Exception {
        TestWorlds.recreate(worlds, OWN, 7, WorldSize.TINY);
        Map<String, Object> shortWait = Map.of("world-engine.partitioning.pg-partman", "never",
                "world-engine.partitioning.lock-timeout", "500ms");
        try (Connection partman = TestDatabase.get().connect(); Statement statement = partman.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(hashtext('pg_partman run_maintenance'))");
            Cli.Result blocked = Cli.runWith(shortWait, "partitions", "maintain", "--world", OWN.value());
            assertThat(blocked.exitCode()).as(blocked.all()).isEqualTo(1);
            assertThat(childNames(jdbc, OWN, PartitionedTable.TRADES)).as("nothing changed").isEmpty();
        }
        Cli.Result free = Cli.runWith(shortWait, "partitions", "maintain", "--world", OWN.value());
        assertThat(free.exitCode()).as(free.all()).isZero();
        assertThat(childNames(jdbc, OWN, PartitionedTable.TRADES)).isNotEmpty();
    }

    private long rows(WorldName world, String table) {
        return jdbc.sql("SELECT count(*) FROM " + world.qualified(table)).query(Long.class).single();
    }

    private String health(WorldName world, String table) {
        return jdbc.sql("SELECT health FROM engine.partition_health WHERE world_name = :world AND table_name = :table")
                .param("world", world.value()).param("table", table).query(String.class).single();
    }
}
