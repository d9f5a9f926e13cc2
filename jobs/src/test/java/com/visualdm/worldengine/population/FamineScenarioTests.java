package com.visualdm.worldengine.population;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.tick.TickService;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/** A region without food starves and its small places decline; a well-fed region grows. */
class FamineScenarioTests extends DatabaseTest {

    @Autowired
    TickService ticks;

    @Autowired
    WorldService worlds;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPopulationWithNoFoodDeclinesAndItsSmallPlacesDeclineWhileAFedOneGrows() {
        WorldName world = TestWorlds.recreate(worlds, WorldName.of("population_famine"), 41, WorldSize.TINY);
        String regions = world.qualified("region_entities");
        String hungry = jdbc.sql("SELECT id::text FROM %s ORDER BY id LIMIT 1".formatted(regions)).query(String.class).single();
        String fed = jdbc.sql("SELECT id::text FROM %s ORDER BY id OFFSET 1 LIMIT 1".formatted(regions)).query(String.class).single();
        jdbc.sql("UPDATE %s SET resource_abundance = resource_abundance || '{\"food\": 0, \"farms\": 0, \"population\": 100000}' WHERE id = :id::uuid"
                .formatted(regions)).param("id", hungry).update();
        jdbc.sql("UPDATE %s SET resource_abundance = resource_abundance || '{\"food\": 1000000, \"population\": 100000}' WHERE id = :id::uuid"
                .formatted(regions)).param("id", fed).update();
        String place = jdbc.sql("SELECT id::text FROM %s WHERE region_id = :r::uuid ORDER BY id LIMIT 1"
                .formatted(world.qualified("poi_entities"))).param("r", hungry).query(String.class).single();
        jdbc.sql("UPDATE %s SET current_state = current_state || '{\"state\": \"active\", \"population\": 20, \"capacity\": 100}' WHERE id = :id::uuid"
                .formatted(world.qualified("poi_entities"))).param("id", place).update();
        int day = ticks.currentDay(world) + 1;

        assertThat(ticks.tick(world, 1, result -> { }).get(0).completed()).isTrue();

        // 100000 people growing 0.02 x food for the day: days of food (2000 + 0) / 8000 is under half a day.
        assertThat(population(world, hungry)).as("0.2 %% of them starve").isBetween(99_790L, 99_810L);
        assertThat(population(world, fed)).as("fed and growing").isGreaterThan(100_000L);
        assertThat(jdbc.sql("SELECT current_state->>'state' FROM %s WHERE id = :id::uuid".formatted(world.qualified("poi_entities")))
                .param("id", place).query(String.class).single()).isEqualTo("declining");
        assertThat(jdbc.sql("SELECT count(*) FROM %s WHERE world_day = :day AND event_type = 'poi' AND locations @> to_jsonb(ARRAY[:id])"
                        .formatted(world.qualified("history_entities")))
                .param("day", day).param("id", place).query(Long.class).single()).as("history of the change").isEqualTo(1);
    }

    private long population(WorldName world, String region) {
        return jdbc.sql("SELECT (resource_abundance->>'population')::bigint FROM %s WHERE id = :id::uuid"
                .formatted(world.qualified("region_entities"))).param("id", region).query(Long.class).single();
    }
}
