package com.visualdm.worldengine.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Cli.run("drop", "--world", "upgrade_me", "--yes");
        assertThat(Cli.run("init", "--world", "upgrade_me", "--size", "tiny").exitCode()).isZero();

        // Put the world back to version 1, as if it had been created by an engine that knew only V1: undo V2 (the
        // triggers), V3 (the factions' gold), V4 (the archive tables and their views), V6 (archive format 2: its
        // functions and the views unpacking segments), V7 (format 3: the uuid dictionary), V8 (the function
        // that builds the views), V10 (the dictionary as an array) and V12 (a day's dates).
        jdbc.sql("DROP FUNCTION world_upgrade_me.touch_updated_at() CASCADE").update();
        jdbc.sql("UPDATE world_upgrade_me.faction_entities SET resources = resources - 'gold'").update();
        for (String table : List.of("trade_entities", "transaction_entities", "history_entities")) {
            jdbc.sql("DROP VIEW world_upgrade_me." + table + "_all").update();
            jdbc.sql("DROP VIEW world_upgrade_me." + table + "_archived").update();
            jdbc.sql("DROP TABLE world_upgrade_me." + table + "_archive").update();
        }
        jdbc.sql("DROP FUNCTION world_upgrade_me.archive_date_minute, world_upgrade_me.archive_date, world_upgrade_me.archive_uuid_member,"
                        + " world_upgrade_me.archive_rebuild_views, world_upgrade_me.archive_day_dates")
                .update();
        jdbc.sql("DROP VIEW world_upgrade_me.archive_uuid_array").update();
        jdbc.sql("DROP TABLE world_upgrade_me.archive_uuids").update();
        jdbc.sql("DELETE FROM world_upgrade_me.flyway_schema_history WHERE version <> '1'").update();
        assertThat(triggers(jdbc)).isZero();

        assertThat(Cli.run("worlds").exitCode()).isZero();

        assertThat(triggers(jdbc)).isEqualTo(17);
        assertThat(WorldSchemaMigrator.flyway(dataSource, "world_upgrade_me").info().pending())
                .as("no migration left to apply").isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM pg_views WHERE schemaname = 'world_upgrade_me' AND viewname LIKE '%\\_all'")
                .query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM pg_views WHERE schemaname = 'world_upgrade_me' AND viewname LIKE '%\\_archived'")
                .query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT to_regclass('world_upgrade_me.archive_uuids') IS NOT NULL").query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT to_regclass('world_upgrade_me.archive_uuid_array') IS NOT NULL").query(Boolean.class).single()).isTrue();
        // V3 gave the factions the gold their transactions add up to.
        assertThat(jdbc.sql("""
                SELECT count(*) FROM world_upgrade_me.faction_entities f
                 WHERE (f.resources->>'gold')::numeric IS DISTINCT FROM (
                       SELECT sum(CASE WHEN t.to_entity = f.id THEN t.amount ELSE -t.amount END)
                         FROM world_upgrade_me.transaction_entities t WHERE f.id IN (t.to_entity, t.from_entity))
                """).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM world_upgrade_me.faction_entities WHERE (resources->>'gold')::numeric > 0")
                .query(Long.class).single()).isPositive();
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
