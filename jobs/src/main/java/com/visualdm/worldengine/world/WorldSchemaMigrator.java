package com.visualdm.worldengine.world;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Applies {@code migrations/world} to a world's schema: at creation, and at every start to every registered
 * world, so an upgrade of the engine reaches all worlds. Each schema has its own Flyway history table.
 */
@Component
public class WorldSchemaMigrator implements ApplicationRunner {

    public static final String LOCATION = "classpath:migrations/world";
    private static final Logger log = LoggerFactory.getLogger(WorldSchemaMigrator.class);

    private final DataSource dataSource;
    private final WorldRegistry registry;

    public WorldSchemaMigrator(DataSource dataSource, WorldRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    public MigrateResult migrate(WorldName world) {
        return flyway(dataSource, world.schema()).migrate();
    }

    @Override
    public void run(ApplicationArguments arguments) {
        for (RegisteredWorld world : registry.all()) {
            if (world.state() == WorldState.READY) {
                MigrateResult result = migrate(world.name());
                if (result.migrationsExecuted > 0) {
                    log.info("World {}: applied {} migration(s), now at version {}", world.name(),
                            result.migrationsExecuted, result.targetSchemaVersion);
                }
            }
        }
    }

    /** The Flyway of one world schema; public so the migration tests configure it the same way. */
    public static Flyway flyway(DataSource dataSource, String schema) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(LOCATION)
                .load();
    }
}
