package com.visualdm.worldengine.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.visualdm.worldengine.support.TestDatabase;
import com.visualdm.worldengine.world.WorldSchemaMigrator;

/**
 * Every migration, engine and world, applies both on an empty database and on one at the previous version, and
 * a step-by-step upgrade ends with exactly the schema of a one-shot migration.
 */
class MigrationTests {

    static final String ENGINE_LOCATION = "classpath:migrations/engine";

    @Test
    void engineMigrationsApplyOnEmptyAndOnPreviousVersion() throws Exception {
        DriverManagerDataSource oneShot = database("we_migration_engine_all");
        engineFlyway(oneShot, null).migrate();
        String expected = signature(oneShot, "engine");

        List<MigrationVersion> versions = versions(engineFlyway(oneShot, null));
        assertThat(versions).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < versions.size(); i++) {
            DriverManagerDataSource stepwise = database("we_migration_engine_step");
            if (i > 0) {
                engineFlyway(stepwise, versions.get(i - 1)).migrate();
            }
            assertThat(engineFlyway(stepwise, versions.get(i)).migrate().success).as("engine " + versions.get(i)).isTrue();
            engineFlyway(stepwise, null).migrate();
            assertThat(signature(stepwise, "engine")).as("upgrade through " + versions.get(i)).isEqualTo(expected);
        }
    }

    @Test
    void worldMigrationsApplyOnEmptyAndOnPreviousVersion() throws Exception {
        DriverManagerDataSource oneShot = database("we_migration_world_all");
        WorldSchemaMigrator.flyway(oneShot, "world_m").migrate();
        String expected = signature(oneShot, "world_m");

        List<MigrationVersion> versions = versions(WorldSchemaMigrator.flyway(oneShot, "world_m"));
        assertThat(versions).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 0; i < versions.size(); i++) {
            DriverManagerDataSource stepwise = database("we_migration_world_step");
            if (i > 0) {
                worldFlyway(stepwise, versions.get(i - 1)).migrate();
            }
            assertThat(worldFlyway(stepwise, versions.get(i)).migrate().success).as("world " + versions.get(i)).isTrue();
            WorldSchemaMigrator.flyway(stepwise, "world_m").migrate();
            assertThat(signature(stepwise, "world_m")).as("upgrade through " + versions.get(i)).isEqualTo(expected);
        }
    }

    @Test
    void engineSchemaHasTheBatch6SequenceForeignKeyIndexesAndQuartzTables() throws Exception {
        DriverManagerDataSource dataSource = database("we_migration_engine_content");
        engineFlyway(dataSource, null).migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        assertThat(jdbc.sql("SELECT to_regclass('engine.batch_job_instance_seq') IS NOT NULL").query(Boolean.class).single())
                .isTrue();
        assertThat(jdbc.sql("SELECT to_regclass('engine.batch_job_seq') IS NULL").query(Boolean.class).single()).isTrue();
        // Every foreign key of the job repository is the leading column of some index.
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM pg_constraint c
                         WHERE c.contype = 'f' AND c.connamespace = 'engine'::regnamespace
                           AND c.conrelid::regclass::text LIKE 'engine.batch_%'
                           AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid
                                              AND i.indkey[0] = c.conkey[1])
                        """).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'engine' AND tablename LIKE 'qrtz_%'")
                .query(Long.class).single()).isEqualTo(11);
        assertThat(jdbc.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'engine' AND tablename IN ('worlds', 'rejected_rows')")
                .query(Long.class).single()).isEqualTo(2);
    }

    private static Flyway engineFlyway(DriverManagerDataSource dataSource, MigrationVersion target) {
        var configuration = Flyway.configure().dataSource(dataSource).schemas("engine").defaultSchema("engine")
                .createSchemas(true).locations(ENGINE_LOCATION);
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private static Flyway worldFlyway(DriverManagerDataSource dataSource, MigrationVersion target) {
        return Flyway.configure().configuration(WorldSchemaMigrator.flyway(dataSource, "world_m").getConfiguration())
                .target(target).load();
    }

    private static List<MigrationVersion> versions(Flyway flyway) {
        return Arrays.stream(flyway.info().all()).map(MigrationInfo::getVersion).toList();
    }

    private static DriverManagerDataSource database(String name) throws Exception {
        TestDatabase database = TestDatabase.get();
        return new DriverManagerDataSource(database.freshDatabase(name), database.user(), database.password());
    }

    /** Tables, columns, constraints, indexes, functions and triggers of a schema, as one comparable text. */
    static String signature(DriverManagerDataSource dataSource, String schema) {
        return String.join("\n", JdbcClient.create(dataSource).sql("""
                        SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                               || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                               || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                          LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                         WHERE c.relnamespace = to_regnamespace(:schema) AND a.attnum > 0 AND NOT a.attisdropped
                           AND c.relkind IN ('r', 'p') AND c.relname <> 'flyway_schema_history'
                        UNION ALL
                        SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                          FROM pg_constraint WHERE connamespace = to_regnamespace(:schema)
                        UNION ALL
                        SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = :schema
                           AND tablename <> 'flyway_schema_history'
                        UNION ALL
                        SELECT 'function ' || p.oid::regprocedure || ' ' || md5(p.prosrc)
                          FROM pg_proc p WHERE p.pronamespace = to_regnamespace(:schema)
                        UNION ALL
                        SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname FROM pg_trigger t
                          JOIN pg_class c ON c.oid = t.tgrelid
                         WHERE c.relnamespace = to_regnamespace(:schema) AND NOT t.tgisinternal
                        UNION ALL
                        SELECT 'sequence ' || sequencename FROM pg_sequences WHERE schemaname = :schema
                        ORDER BY 1
                        """).param("schema", schema).query(String.class).list());
    }
}
