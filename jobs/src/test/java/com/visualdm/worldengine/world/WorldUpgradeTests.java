package com.visualdm.worldengine.world;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.visualdm.worldengine.support.Cli;
import com.visualdm.worldengine.support.TestDatabase;

/** An engine upgrade reaches every world: each start brings every registered world to the latest world migration. */
class WorldUpgradeTests {

    @Test
    void everyStartMigratesEveryRegisteredWorldToTheLatestVersion() {
        TestDatabase database = TestDatabase.get();
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        Cli.run("drop", "--world", "upgrade_me", "--yes");
        assertThat(Cli.run("init", "--world", "upgrade_me", "--size", "tiny").exitCode()).isZero();

        // Put the world's schema back to version 1, as if it had been created by an engine that knew only V1 (its
        // rows do not matter here).
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
        jdbc.sql("DROP SCHEMA world_upgrade_me CASCADE").update();
        org.flywaydb.core.Flyway.configure()
                .configuration(WorldSchemaMigrator.flyway(dataSource, "world_upgrade_me").getConfiguration())
                .target("1").load().migrate();
        assertThat(triggers(jdbc)).isZero();

        assertThat(Cli.run("worlds").exitCode()).isZero();

        assertThat(triggers(jdbc)).isEqualTo(17);
        assertThat(WorldSchemaMigrator.flyway(dataSource, "world_upgrade_me").info().pending())
                .as("no migration left to apply").isEmpty();
        assertThat(Cli.run("drop", "--world", "upgrade_me", "--yes").exitCode()).isZero();
    }

    private static long triggers(JdbcClient jdbc) {
        return jdbc.sql("""
                SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                 WHERE c.relnamespace = 'world_upgrade_me'::regnamespace AND t.tgname LIKE '%_touch_updated_at'
                   AND t.tgparentid = 0
                """).query(Long.class).single();
    }
}
