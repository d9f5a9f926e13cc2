package com.visualdm.worldengine.world;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A world's clock: the world day of {@code world_state_entities."current_date"}. */
@Component
public class WorldClock {

    private final JdbcClient jdbc;

    public WorldClock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public int currentDay(WorldName world) {
        return find(world).orElseThrow(() -> new IllegalStateException("world '" + world + "' has no state row"));
    }

    /** The current day, if the world has its state row. */
    public Optional<Integer> find(WorldName world) {
        return jdbc.sql("SELECT %s.world_day_of(\"current_date\") FROM %s ORDER BY created_at, id LIMIT 1"
                        .formatted(WorldName.quote(world.schema()), world.qualified("world_state_entities")))
                .query(Integer.class).optional();
    }
}
