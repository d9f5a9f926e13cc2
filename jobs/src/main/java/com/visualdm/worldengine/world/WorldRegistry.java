package com.visualdm.worldengine.world;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The engine's list of worlds ({@code engine.worlds}). */
@Component
public class WorldRegistry {

    private final JdbcClient jdbc;

    public WorldRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<RegisteredWorld> find(WorldName name) {
        return jdbc.sql("""
                        SELECT id, name, seed, size_preset, state, created_at
                          FROM engine.worlds
                         WHERE name = :name
                        """)
                .param("name", name.value())
                .query((rs, i) -> world(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class)))
                .optional();
    }

    public List<RegisteredWorld> all() {
        return jdbc.sql("SELECT id, name, seed, size_preset, state, created_at FROM engine.worlds ORDER BY name")
                .query((rs, i) -> world(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class)))
                .list();
    }

    /** Registers a world being created; false if the name is taken. */
    boolean insertCreating(WorldName name, long seed, WorldSize size) {
        return jdbc.sql("""
                        INSERT INTO engine.worlds (name, schema_name, seed, size_preset, state)
                        VALUES (:name, :schema, :seed, :size, :state)
                        ON CONFLICT (name) DO NOTHING
                        """)
                .param("state", WorldState.CREATING.label())
                .param("name", name.value())
                .param("schema", name.schema())
                .param("seed", seed)
                .param("size", size.label())
                .update() == 1;
    }

    void markReady(WorldName name) {
        jdbc.sql("UPDATE engine.worlds SET state = :state WHERE name = :name")
                .param("state", WorldState.READY.label()).param("name", name.value()).update();
    }

    void delete(WorldName name) {
        jdbc.sql("DELETE FROM engine.worlds WHERE name = :name").param("name", name.value()).update();
    }

    private static RegisteredWorld world(long id, String name, long seed, String size, String state,
                                         OffsetDateTime createdAt) {
        return new RegisteredWorld(id, WorldName.of(name), seed, WorldSize.ofLabel(size), WorldState.ofLabel(state), createdAt);
    }
}
