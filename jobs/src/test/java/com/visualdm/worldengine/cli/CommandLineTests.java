package com.visualdm.worldengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.visualdm.worldengine.support.Cli;
import com.visualdm.worldengine.support.Cli.Result;
import com.visualdm.worldengine.support.TestDatabase;

/** The command line as an operator meets it: help, the world commands, their errors and exit codes. */
class CommandLineTests {

    static JdbcClient jdbc;

    @BeforeAll
    static void connect() {
        TestDatabase database = TestDatabase.get();
        jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        Cli.run("drop", "--world", "cli_world", "--yes");
    }

    @Test
    void helpListsTheCommandsAndExitCodesWithoutTouchingTheDatabase() {
        Result help = Cli.runWith(Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/none"), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("init", "worlds", "drop", "demo", "bench", "Exit codes", "3   database unreachable");
        Result initHelp = Cli.run("init", "--help");
        assertThat(initHelp.exitCode()).isZero();
        assertThat(initHelp.out()).contains("--world=NAME", "--seed=N", "--size=SIZE", "tiny");
    }

    @Test
    void initListAndDropAWorld() {
        Result init = Cli.run("init", "--world", "cli_world", "--size", "tiny", "--seed", "5");
        assertThat(init.exitCode()).as(init.all()).isZero();
        assertThat(init.out()).contains("Created world 'cli_world'", "trade_entities");

        Result worlds = Cli.run("worlds");
        assertThat(worlds.exitCode()).isZero();
        assertThat(worlds.out()).containsPattern("cli_world\\s+tiny\\s+5\\s+ready\\s+1492-03-15\\s+536834");

        Result json = Cli.run("worlds", "--json");
        assertThat(json.out()).contains("\"name\": \"cli_world\"", "\"world_day\": 536834", "\"trade_entities\": ");

        Result again = Cli.run("init", "--world", "cli_world", "--size", "tiny");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("world 'cli_world' already exists");

        Result withoutYes = Cli.run("drop", "--world", "cli_world");
        assertThat(withoutYes.exitCode()).isEqualTo(2);
        assertThat(withoutYes.err()).contains("without --yes");
        assertThat(schemaExists("world_cli_world")).isTrue();

        Result drop = Cli.run("drop", "--world", "cli_world", "--yes");
        assertThat(drop.exitCode()).isZero();
        assertThat(schemaExists("world_cli_world")).isFalse();
        assertThat(registered("cli_world")).isFalse();
    }

    @Test
    void badWorldNamesAreRefusedNamingTheValueAndLeaveNothing() {
        for (String name : new String[] {"Bad", "1abc", "a-b", "a".repeat(41), "x; drop schema engine"}) {
            Result result = Cli.run("init", "--world", name, "--size", "tiny");
            assertThat(result.exitCode()).as(name).isEqualTo(2);
            assertThat(result.err()).as(name).contains("invalid world name '" + name + "'");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname ILIKE 'world_bad%' OR nspname LIKE 'world_1abc%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void unknownSizeAndUnknownWorldAreUsageErrors() {
        Result size = Cli.run("init", "--world", "cli_size", "--size", "huge");
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.err()).contains("unknown size 'huge'");
        assertThat(registered("cli_size")).isFalse();

        Result drop = Cli.run("drop", "--world", "cli_nowhere", "--yes");
        assertThat(drop.exitCode()).isEqualTo(2);
        assertThat(drop.err()).contains("no world named 'cli_nowhere'");

        Result missing = Cli.run("init");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--world=NAME'");
    }

    @Test
    void aFailedInitLeavesNoSchemaAndNoRegistryRow() {
        Result result = Cli.runWith(Map.of("world-engine.generation.workers", "0"),
                "init", "--world", "cli_failed", "--size", "tiny");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.err()).contains("world-engine.generation.workers");
        assertThat(schemaExists("world_cli_failed")).isFalse();
        assertThat(registered("cli_failed")).isFalse();
    }

    @Test
    void aSchemaThatIsNotAWorldIsNeverTouched() {
        jdbc.sql("DROP SCHEMA IF EXISTS world_cli_foreign CASCADE").update();
        jdbc.sql("CREATE SCHEMA world_cli_foreign").update();
        jdbc.sql("CREATE TABLE world_cli_foreign.precious (x int)").update();
        Result result = Cli.run("init", "--world", "cli_foreign", "--size", "tiny");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("schema world_cli_foreign already exists");
        assertThat(jdbc.sql("SELECT to_regclass('world_cli_foreign.precious') IS NOT NULL").query(Boolean.class).single()).isTrue();
        jdbc.sql("DROP SCHEMA world_cli_foreign CASCADE").update();
    }

    @Test
    void anUnreachableDatabaseIsExitCodeThreeAndThePasswordNeverShows() {
        Result result = Cli.runWith(Map.of(
                        "spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/nowhere?password=hunter2",
                        "spring.datasource.password", "hunter2"),
                "worlds");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("cannot connect to the database").doesNotContain("hunter2");
        assertThat(result.all().lines().count()).isLessThanOrEqualTo(2);
    }

    @Test
    void aDatabaseUrlThatIsNotPostgresqlIsABadInput() {
        Result result = Cli.runWith(Map.of("spring.datasource.url", "postgresql://127.0.0.1/x?password=hunter2"), "worlds");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("must be a PostgreSQL JDBC URL").doesNotContain("hunter2");
    }

    static boolean schemaExists(String schema) {
        return jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname = :schema").param("schema", schema)
                .query(Long.class).single() > 0;
    }

    static boolean registered(String world) {
        return jdbc.sql("SELECT count(*) FROM engine.worlds WHERE name = :name").param("name", world)
                .query(Long.class).single() > 0;
    }
}
