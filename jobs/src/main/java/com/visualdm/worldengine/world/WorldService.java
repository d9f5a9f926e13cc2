package com.visualdm.worldengine.world;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.visualdm.worldengine.calendar.GameDate;
import com.visualdm.worldengine.system.BadInputException;
import com.visualdm.worldengine.world.generate.GenerationProgress;
import com.visualdm.worldengine.world.generate.WorldGenerator;

/** Creating, describing and dropping worlds. Each change holds the world's lock. */
@Component
public class WorldService {

    private final WorldRegistry registry;
    private final WorldLock lock;
    private final WorldSchemaMigrator migrator;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final WorldGenerator generator;
    private final int poolSize;

    public WorldService(WorldRegistry registry, WorldLock lock, WorldSchemaMigrator migrator, JdbcClient jdbc,
                        TransactionTemplate transaction, WorldGenerator generator, DataSource dataSource) {
        this.registry = registry;
        this.lock = lock;
        this.migrator = migrator;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.generator = generator;
        this.poolSize = dataSource instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : Integer.MAX_VALUE;
    }

    /** The outcome of {@code init}: rows written, and whether the remains of a killed earlier init were removed. */
    public record Created(long rows, boolean removedInterruptedInit) {
    }

    /**
     * Creates, migrates and fills a world. On any failure the schema and the registry row are removed again; a
     * process killed half-way leaves the world in state creating, which the next {@code init} of that name removes.
     */
    public Created create(WorldName name, long seed, WorldSize size, GenerationProgress progress) {
        if (generator.connectionsNeeded() >= poolSize) {
            throw new BadInputException("world-engine.generation.workers is too high for a pool of " + poolSize
                    + " connections: generation would need " + generator.connectionsNeeded()
                    + " (raise spring.datasource.hikari.maximum-pool-size or lower the workers)");
        }
        try (WorldLock.Held held = lock.acquire(name, "init")) {
            boolean removedInterrupted = false;
            Optional<RegisteredWorld> existing = registry.find(name);
            if (existing.isPresent()) {
                if (existing.get().state() == WorldState.READY) {
                    throw new BadInputException("world '" + name + "' already exists (drop it first with: world-engine drop --world "
                            + name + " --yes)");
                }
                // We hold the lock, so the init that left this row is dead.
                removeWorld(name);
                removedInterrupted = true;
            }
            boolean schemaExists = jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname = :schema")
                    .param("schema", name.schema()).query(Long.class).single() > 0;
            if (schemaExists) {
                throw new BadInputException("schema " + name.schema() + " already exists but is not a registered world; "
                        + "refusing to touch it (rename or drop it yourself)");
            }
            if (!registry.insertCreating(name, seed, size)) {
                throw new BadInputException("world '" + name + "' already exists");
            }
            try {
                migrator.migrate(name);
                long rows = generator.generate(name, seed, size, progress);
                registry.markReady(name);
                return new Created(rows, removedInterrupted);
            } catch (RuntimeException | Error e) {
                try {
                    removeWorld(name);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        }
    }

    public void drop(WorldName name) {
        try (WorldLock.Held held = lock.acquire(name, "drop")) {
            if (registry.find(name).isEmpty()) {
                throw new BadInputException("no world named '" + name + "'");
            }
            removeWorld(name);
        }
    }

    public RegisteredWorld require(WorldName name) {
        return registry.find(name).filter(world -> world.state() == WorldState.READY)
                .orElseThrow(() -> new BadInputException("no world named '" + name + "'"));
    }

    public Optional<RegisteredWorld> find(WorldName name) {
        return registry.find(name);
    }

    public List<WorldSummary> summaries() {
        return registry.all().stream().map(this::summary).toList();
    }

    public WorldSummary summary(RegisteredWorld world) {
        if (world.state() != WorldState.READY) {
            return new WorldSummary(world, null, Map.of());
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : WorldTables.ALL) {
            rows.put(table, jdbc.sql("SELECT count(*) FROM " + world.name().qualified(table)).query(Long.class).single());
        }
        GameDate date = jdbc.sql("""
                        SELECT ("current_date"->>'year')::int, ("current_date"->>'month')::int,
                               ("current_date"->>'day')::int, coalesce(("current_date"->>'hour')::int, 0),
                               coalesce(("current_date"->>'minute')::int, 0)
                          FROM %s
                         ORDER BY created_at, id
                         LIMIT 1
                        """.formatted(world.name().qualified("world_state_entities")))
                .query((rs, i) -> new GameDate(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)))
                .optional().orElse(null);
        return new WorldSummary(world, date, rows);
    }

    private void removeWorld(WorldName name) {
        transaction.executeWithoutResult(status -> {
            // pg_partman's run_maintenance() would fail on sets whose tables are gone (partitioning/).
            jdbc.sql("SELECT engine.unregister_from_partman(:schema)").param("schema", name.schema()).query(Integer.class).single();
            jdbc.sql("DROP SCHEMA IF EXISTS " + WorldName.quote(name.schema()) + " CASCADE").update();
            registry.delete(name);
        });
    }

}
