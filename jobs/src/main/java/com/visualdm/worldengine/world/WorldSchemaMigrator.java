package com.visualdm.worldengine.world;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.system.BadInputException;

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
    private final WorldLock lock;

    public WorldSchemaMigrator(DataSource dataSource, WorldRegistry registry, WorldLock lock) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.lock = lock;
    }

    /** Creates and migrates the schema of a world being created; the caller holds the world's lock. */
    public MigrateResult migrate(WorldName world) {
        return flyway(dataSource, world.schema()).migrate();
    }

    /**
     * Brings every ready world up to date, each under its lock (a world busy elsewhere is left for the next start)
     * and never creating a schema. A world that fails to migrate is reported and does not stop the others.
     */
    @Override
    public void run(ApplicationArguments arguments) {
        for (RegisteredWorld world : registry.all()) {
            if (world.state() != WorldState.READY) {
                continue;
            }
            Flyway flyway = Flyway.configure().configuration(flyway(dataSource, world.schema()).getConfiguration())
                    .createSchemas(false).load();
            if (flyway.info().pending().length == 0) {
                continue; // the usual case: nothing to do, and no lock taken that a tick starting now would meet
            }
            try (WorldLock.Held held = lock.acquire(world.name(), "schema migration")) {
                MigrateResult result = flyway.migrate();
                if (result.migrationsExecuted > 0) {
                    log.info("World {}: applied {} migration(s), now at version {}", world.name(),
                            result.migrationsExecuted, result.targetSchemaVersion);
                }
            } catch (BadInputException busy) {
                log.info("World {} is busy; its schema is migrated at a later start", world.name());
            } catch (RuntimeException e) {
                log.error("World {} could not be migrated", world.name(), e);
                System.err.println("warning: world '" + world.name() + "' could not be migrated to the latest schema: "
                        + e.getMessage().replaceAll("\\s+", " "));
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
