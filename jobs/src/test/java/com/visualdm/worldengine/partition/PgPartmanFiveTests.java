package com.visualdm.worldengine.partition;

import static com.visualdm.worldengine.partition.PartitionLayout.advanceClock;
import static com.visualdm.worldengine.partition.PartitionLayout.childNames;
import static com.visualdm.worldengine.partition.PartitionLayout.lastListedByPartman;
import static com.visualdm.worldengine.partition.PartitionLayout.registeredWithPartman;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.support.Cli;
import com.visualdm.worldengine.support.ScratchDatabase;
import com.visualdm.worldengine.support.TestDatabase;
import com.visualdm.worldengine.world.WorldName;

/**
 * The pg_partman 5.x path (create_parent's other argument order, p_type 'range'), in a database of its own, since
 * a database holds one version of an extension. Runs where a 5.x version is available to CREATE EXTENSION: CI
 * installs pg_partman 5's SQL beside Debian's 4.7 (.ci/run), so there it always runs; elsewhere it is skipped.
 */
class PgPartmanFiveTests {

    static final String DATABASE = "world_engine_test_partman5";
    static final WorldName WITH_PARTMAN = WorldName.of("p5_partman");
    static final WorldName OWN = WorldName.of("p5_own");
    static final int INTERVAL = 30;
    static final int PREMAKE = 4;

    static String version;
    static ScratchDatabase database;
    static JdbcClient jdbc;

    @BeforeAll
    static void databaseWithPgPartmanFive() throws Exception {
        try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
            var available = statement.executeQuery("""
                    SELECT max(version) FROM pg_available_extension_versions
                     WHERE name = 'pg_partman' AND version ~ '^5\\.'
                    """);
            available.next();
            version = available.getString(1);
        }
        Assumptions.assumeTrue(version != null, "pg_partman 5.x is not available on this server");
        database = ScratchDatabase.create(DATABASE);
        jdbc = database.jdbc();
        jdbc.sql("CREATE SCHEMA partman").update();
        // The version is read from the server's catalog, not from input; a literal because DDL takes no parameters.
        jdbc.sql("CREATE EXTENSION pg_partman VERSION '" + version.replace("'", "''") + "' SCHEMA partman").update();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void pgPartmanFiveAdoptsTheSetsMaintainsThemAndGetsOutOfTheArchivesWay() {
        assertThat(jdbc.sql("SELECT extversion FROM pg_extension WHERE extname = 'pg_partman'").query(String.class).single())
                .startsWith("5.");
        for (WorldName world : new WorldName[] {WITH_PARTMAN, OWN}) {
            Cli.Result init = database.run("init", "--world", world.value(), "--size", "tiny", "--seed", "5");
            assertThat(init.exitCode()).as(init.all()).isZero();
        }
        Cli.Result own = database.run(Map.of("world-engine.partitioning.pg-partman", "never"), "partitions", "maintain", "--world", OWN.value());
        assertThat(own.exitCode()).as(own.all()).isZero();
        Cli.Result adopted = database.run("partitions", "maintain", "--world", WITH_PARTMAN.value());
        assertThat(adopted.exitCode()).as(adopted.all()).isZero();

        assertThat(PartitionLayout.of(jdbc, WITH_PARTMAN)).as("the same layout with pg_partman 5 as without it")
                .isEqualTo(PartitionLayout.of(jdbc, OWN));
        assertThat(registeredWithPartman(jdbc, OWN)).isEmpty();
        assertThat(registeredWithPartman(jdbc, WITH_PARTMAN)).containsExactlyInAnyOrder(
                WITH_PARTMAN.schema() + ".trade_entities", WITH_PARTMAN.schema() + ".transaction_entities",
                WITH_PARTMAN.schema() + ".history_entities");
        assertThat(jdbc.sql("SELECT DISTINCT partition_interval || ' ' || premake FROM partman.part_config")
                .query(String.class).list()).as("registered with our interval and premake").containsExactly(INTERVAL + " " + PREMAKE);
        for (PartitionedTable table : PartitionedTable.values()) {
            assertThat(jdbc.sql("SELECT partition_tablename FROM partman.show_partitions(:parent)")
                    .param("parent", WITH_PARTMAN.schema() + "." + table.tableName()).query(String.class).list())
                    .as("pg_partman 5 lists the children of " + table).isEqualTo(childNames(jdbc, WITH_PARTMAN, table));
        }

        jdbc.sql("SELECT partman.run_maintenance(p_jobmon := false)").query().singleRow();
        advanceClock(jdbc, WITH_PARTMAN, 3 * INTERVAL);
        assertThat(database.run("partitions", "maintain", "--world", WITH_PARTMAN.value()).exitCode()).isZero();
        int later = jdbc.sql("SELECT %s.world_day_of(\"current_date\") FROM %s".formatted(
                WorldName.quote(WITH_PARTMAN.schema()), WITH_PARTMAN.qualified("world_state_entities"))).query(Integer.class).single();
        assertThat(lastListedByPartman(jdbc, WITH_PARTMAN, PartitionedTable.HISTORY))
                .isEqualTo("history_entities_p" + (later - later % INTERVAL + PREMAKE * INTERVAL));

        // Archiving detaches and drops children pg_partman knows of; its maintenance carries on without them.
        int childrenBefore = childNames(jdbc, WITH_PARTMAN, PartitionedTable.TRADES).size();
        Cli.Result archived = database.run("archive", "run", "--world", WITH_PARTMAN.value());
        assertThat(archived.exitCode()).as(archived.all()).isZero();
        assertThat(childNames(jdbc, WITH_PARTMAN, PartitionedTable.TRADES)).hasSizeLessThan(childrenBefore);
        jdbc.sql("SELECT partman.run_maintenance(p_jobmon := false)").query().singleRow();
        assertThat(jdbc.sql("SELECT partition_tablename FROM partman.show_partitions(:parent)")
                .param("parent", WITH_PARTMAN.schema() + ".trade_entities").query(String.class).list())
                .as("pg_partman does not bring archived children back")
                .isEqualTo(childNames(jdbc, WITH_PARTMAN, PartitionedTable.TRADES));
    }
}
