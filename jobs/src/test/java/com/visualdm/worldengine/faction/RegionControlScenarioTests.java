package com.visualdm.worldengine.faction;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.tick.TickService;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/** Influence over a region drifts with presence, and a faction that overtakes the controller takes the region and its tax. */
class RegionControlScenarioTests extends DatabaseTest {

    @Autowired
    TickService ticks;

    @Autowired
    WorldService worlds;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFactionWhoseInfluenceOvertakesTheControllersTakesTheRegionAndThenReceivesItsTax() {
        WorldName world = TestWorlds.recreate(worlds, WorldName.of("faction_control"), 71, WorldSize.TINY);
        String regions = world.qualified("region_entities");
        String factions = world.qualified("faction_entities");
        String region = jdbc.sql("""
                        SELECT r.id::text FROM %s r JOIN %s p ON p.region_id = r.id JOIN %s m ON m.location_poi = p.id
                         ORDER BY r.id LIMIT 1
                        """.formatted(regions, world.qualified("poi_entities"), world.qualified("market_entities")))
                .query(String.class).single();
        String ruler = jdbc.sql("SELECT political_control::text FROM %s WHERE id = :r::uuid".formatted(regions))
                .param("r", region).query(String.class).single();
        String challenger = jdbc.sql("SELECT id::text FROM %s WHERE id <> :f::uuid ORDER BY id LIMIT 1".formatted(factions))
                .param("f", ruler).query(String.class).single();
        setInfluence(world, ruler, region, "0.30");
        setInfluence(world, challenger, region, "0.90");
        jdbc.sql("UPDATE %s SET current_state = current_state || '{\"population\": 1000}'".formatted(world.qualified("poi_entities"))).update();

        int day = ticks.currentDay(world) + 1;
        assertThat(ticks.tick(world, 1, result -> { }).get(0).completed()).isTrue();

        // The challenger has no people and no headquarters there: its influence falls by the step; the ruler's moves
        // one step towards its presence; and still the challenger leads by more than 0.2.
        assertThat(influence(world, challenger, region)).isEqualByComparingTo("0.89");
        assertThat(influence(world, ruler, region)).isIn(new BigDecimal("0.29"), new BigDecimal("0.31"));
        assertThat(jdbc.sql("SELECT political_control::text FROM %s WHERE id = :r::uuid".formatted(regions))
                .param("r", region).query(String.class).single()).isEqualTo(challenger);
        assertThat(controlled(world, challenger)).contains(region);
        assertThat(controlled(world, ruler)).doesNotContain(region);
        assertThat(jdbc.sql("SELECT count(*) FROM %s WHERE world_day = :day AND event_type = 'political' AND locations @> to_jsonb(ARRAY[:r])"
                        .formatted(world.qualified("history_entities")))
                .param("day", day).param("r", region).query(Long.class).single()).as("a history record").isEqualTo(1);

        assertThat(ticks.tick(world, 1, result -> { }).get(0).completed()).isTrue();
        List<String> payees = jdbc.sql("""
                        SELECT DISTINCT x.to_entity::text FROM %s t JOIN %s m ON m.id = t.market_id JOIN %s p ON p.id = m.location_poi
                          JOIN %s x ON x.world_day = t.world_day AND x.properties->>'trade_id' = t.id::text AND x.transaction_type = 'tax'
                         WHERE t.world_day = :day AND p.region_id = :r::uuid
                        """.formatted(world.qualified("trade_entities"), world.qualified("market_entities"),
                        world.qualified("poi_entities"), world.qualified("transaction_entities")))
                .param("day", day + 1).param("r", region).query(String.class).list();
        assertThat(payees).as("the next day's taxes of the region").containsExactly(challenger);
        assertThat(jdbc.sql("SELECT political_control::text FROM %s WHERE id = :r::uuid".formatted(regions))
                .param("r", region).query(String.class).single()).as("the old ruler does not take it straight back").isEqualTo(challenger);
    }

    private void setInfluence(WorldName world, String faction, String region, String value) {
        jdbc.sql("UPDATE %s SET influence_map = influence_map || jsonb_build_object(:r, :v::numeric) WHERE id = :f::uuid"
                        .formatted(world.qualified("faction_entities")))
                .param("r", region).param("v", value).param("f", faction).update();
    }

    private BigDecimal influence(WorldName world, String faction, String region) {
        return jdbc.sql("SELECT (influence_map->>:r)::numeric FROM %s WHERE id = :f::uuid".formatted(world.qualified("faction_entities")))
                .param("r", region).param("f", faction).query(BigDecimal.class).single();
    }

    private List<String> controlled(WorldName world, String faction) {
        return jdbc.sql("SELECT jsonb_array_elements_text(controlled_regions) FROM %s WHERE id = :f::uuid"
                        .formatted(world.qualified("faction_entities")))
                .param("f", faction).query(String.class).list();
    }
}
