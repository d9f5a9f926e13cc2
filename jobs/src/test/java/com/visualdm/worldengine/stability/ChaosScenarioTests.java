package com.visualdm.worldengine.stability;

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

/** Rising pressures raise chaos and bring chaos events, within the cap per region. */
class ChaosScenarioTests extends DatabaseTest {

    @Autowired
    TickService ticks;

    @Autowired
    WorldService worlds;

    @Autowired
    JdbcClient jdbc;

    @Test
    void risingPressuresRaiseChaosAndProduceChaosEvents() {
        WorldName world = TestWorlds.recreate(worlds, WorldName.of("stability_chaos"), 61, WorldSize.TINY);
        ticks.tick(world, 1, day -> { });
        long calm = chaos(world);
        int start = ticks.currentDay(world);

        // Every faction at war with every other, the economy in bust, every region as dangerous as can be.
        jdbc.sql("""
                        UPDATE %s f SET relationships = (SELECT jsonb_object_agg(x.key, x.value || '{"tension": 90, "status": "war"}'::jsonb)
                                                           FROM jsonb_each(f.relationships) x)
                        """.formatted(world.qualified("faction_entities"))).update();
        jdbc.sql("UPDATE %s SET economic_conditions = economic_conditions || jsonb_build_object('phase', 'bust', 'phase_started_day', :day)"
                .formatted(world.qualified("world_state_entities"))).param("day", start).update();
        jdbc.sql("UPDATE %s SET danger_level = 10".formatted(world.qualified("region_entities"))).update();

        ticks.tick(world, 12, day -> { });

        assertThat(chaos(world)).as("chaos after the pressures rose, from %d", calm).isGreaterThan(calm + 20);
        assertThat(jdbc.sql("SELECT stability_index FROM %s".formatted(world.qualified("world_state_entities")))
                .query(Double.class).single()).isCloseTo(1 - chaos(world) / 100.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(jdbc.sql("SELECT count(*) FROM %s WHERE jsonb_exists(properties, 'chaos') AND world_day > :start"
                .formatted(world.qualified("event_entities"))).param("start", start).query(Long.class).single())
                .as("chaos events").isPositive();
        assertThat(jdbc.sql("""
                        SELECT coalesce(max(open), 0) FROM (
                            SELECT count(*) AS open FROM %s WHERE jsonb_exists(properties, 'chaos') AND current_status IN ('pending', 'active')
                             GROUP BY affected_regions) per_region
                        """.formatted(world.qualified("event_entities"))).query(Long.class).single())
                .as("open chaos events per region").isLessThanOrEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM %s WHERE event_type = 'chaos' AND world_day > :start"
                .formatted(world.qualified("history_entities"))).param("start", start).query(Long.class).single())
                .as("the crossing into a higher level is history").isPositive();
    }

    private long chaos(WorldName world) {
        return jdbc.sql("SELECT chaos_level FROM %s".formatted(world.qualified("world_state_entities"))).query(Long.class).single();
    }
}
