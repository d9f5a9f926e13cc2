package com.visualdm.worldengine.serve;

import java.util.OptionalDouble;
import java.util.function.Function;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldClock;

/** The gauges read from a world's state row: its day, chaos level and stability index. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class WorldStateMeasures {

    @Bean
    public WorldMeasure worldDay(WorldClock clock) {
        return measure("world.day", "the world day of the world's clock",
                world -> clock.find(world.name()).map(OptionalDouble::of).orElse(OptionalDouble.empty()));
    }

    @Bean
    public WorldMeasure worldChaosLevel(JdbcClient jdbc) {
        return measure(jdbc, "world.chaos.level", "chaos level of the world (0 to 100)", "chaos_level");
    }

    @Bean
    public WorldMeasure worldStabilityIndex(JdbcClient jdbc) {
        return measure(jdbc, "world.stability.index", "stability index of the world", "stability_index");
    }

    /** A column of the world's state row. */
    private static WorldMeasure measure(JdbcClient jdbc, String name, String description, String column) {
        return measure(name, description, world -> jdbc.sql("SELECT " + column + "::float8 FROM "
                        + world.name().qualified("world_state_entities") + " ORDER BY created_at, id LIMIT 1")
                .query(Double.class).optional().map(OptionalDouble::of).orElse(OptionalDouble.empty()));
    }

    private static WorldMeasure measure(String name, String description, Function<RegisteredWorld, OptionalDouble> value) {
        return new WorldMeasure() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public OptionalDouble measure(RegisteredWorld world) {
                return value.apply(world);
            }
        };
    }
}
