package com.visualdm.worldengine.serve;

import java.util.OptionalDouble;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldName;

/** The gauges read from a world's state row: its day, chaos level and stability index. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class WorldStateMeasures {

    @Bean
    public WorldMeasure worldDay(JdbcClient jdbc) {
        return measure(jdbc, "world.day", "the world day of the world's clock",
                "%s.world_day_of(\"current_date\")");
    }

    @Bean
    public WorldMeasure worldChaosLevel(JdbcClient jdbc) {
        return measure(jdbc, "world.chaos.level", "chaos level of the world (0 to 100)", "chaos_level");
    }

    @Bean
    public WorldMeasure worldStabilityIndex(JdbcClient jdbc) {
        return measure(jdbc, "world.stability.index", "stability index of the world", "stability_index");
    }

    /** {@code expression} over the world's state row; {@code %s} in it stands for the world's schema. */
    private static WorldMeasure measure(JdbcClient jdbc, String name, String description, String expression) {
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
                String sql = "SELECT (" + expression.formatted(WorldName.quote(world.schema())) + ")::float8 FROM "
                        + world.name().qualified("world_state_entities") + " ORDER BY created_at, id LIMIT 1";
                return jdbc.sql(sql).query(Double.class).optional()
                        .map(OptionalDouble::of).orElse(OptionalDouble.empty());
            }
        };
    }
}
