package com.visualdm.worldengine.support;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;
import com.visualdm.worldengine.world.generate.GenerationProgress;

/** Worlds for tests: made afresh each time, whatever an earlier run left behind. */
public final class TestWorlds {

    private TestWorlds() {
    }

    public static WorldName recreate(WorldService worlds, WorldName name, long seed, WorldSize size) {
        remove(worlds, name);
        worlds.create(name, seed, size, GenerationProgress.SILENT);
        return name;
    }

    /** A world made afresh whose partition sets are made by the engine's own SQL (not pg_partman), by a maintenance run. */
    public static WorldName recreatePartitioned(WorldService worlds, WorldName name, long seed, WorldSize size) {
        recreate(worlds, name, seed, size);
        Cli.Result maintain = Cli.runWith(Map.of("world-engine.partitioning.pg-partman", "never"),
                "partitions", "maintain", "--world", name.value());
        if (maintain.exitCode() != 0) {
            throw new AssertionError("maintenance of world '" + name + "' failed: " + maintain.all());
        }
        return name;
    }

    /** Drops a world's schema and registration without the engine's beans (for an {@code @AfterAll}). */
    public static void removeDirectly(WorldName name) {
        JdbcClient client = JdbcClient.create(new DriverManagerDataSource(
                TestDatabase.get().url(), TestDatabase.get().user(), TestDatabase.get().password()));
        client.sql("DROP SCHEMA IF EXISTS \"" + name.schema() + "\" CASCADE").update();
        client.sql("DELETE FROM engine.worlds WHERE name = :name").param("name", name.value()).update();
    }

    public static void remove(WorldService worlds, WorldName name) {
        if (worlds.find(name).isPresent()) {
            worlds.drop(name);
        }
    }
}
