package com.visualdm.worldengine.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.support.WorldFingerprint;
import com.visualdm.worldengine.tick.DayResult;
import com.visualdm.worldengine.tick.TickService;
import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/**
 * Region resources beyond food, depletion and abundance events, moving inflation and the derived economy, each from
 * a hand-built state of a tiny world.
 */
class RegionResourceScenarioTests extends DatabaseTest {

    @Autowired
    TickService ticks;

    @Autowired
    WorldService worlds;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    @Qualifier(RecomputeEconomyJobConfiguration.JOB_NAME)
    Job recomputeEconomy;

    @Autowired
    JdbcClient jdbc;

    @Test
    void oreAndTimberAreProducedAndConsumedByTheRegionsPeopleEachDay() {
        WorldName world = TestWorlds.recreate(worlds, WorldName.of("resources_daily"), 61, WorldSize.TINY);
        String region = firstRegion(world);
        jdbc.sql("UPDATE %s SET resource_abundance = resource_abundance || '{\"ore\": 300, \"timber\": 500, \"population\": 2000}' WHERE id = :id::uuid"
                .formatted(world.qualified("region_entities"))).param("id", region).update();
        assertThat(ticks.tick(world, 1, result -> { }).get(0).completed()).isTrue();
        // 300 x (1 - 0.01) + 2000 x (0.011 - 0.01) = 299; 500 x 0.99 + 2000 x (0.012 - 0.01) = 499.
        // Population moves in the population phase, after the economy: the economy saw 2000.
        assertThat(resource(world, region, "ore")).isEqualTo(299);
        assertThat(resource(world, region, "timber")).isEqualTo(499);
    }

    @Test
    void oreAndTimberBelowTheThresholdRaiseThePricesOfTheGoodsMadeOfThemAndRecomputingTwiceChangesNothing() throws Exception {
        WorldName world = TestWorlds.recreate(worlds, WorldName.of("resources_shortage"), 62, WorldSize.TINY);
        setPhase(world, "stable");
        assertThat(recompute(world, 1).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String market = jdbc.sql("SELECT id::text FROM %s ORDER BY id LIMIT 1".formatted(world.qualified("market_entities")))
                .query(String.class).single();
        String region = jdbc.sql("SELECT p.region_id::text FROM %s m JOIN %s p ON p.id = m.location_poi WHERE m.id = :m::uuid"
                        .formatted(world.qualified("market_entities"), world.qualified("poi_entities")))
                .param("m", market).query(String.class).single();
        Map<String, Double> before = Map.of("weapon", index(world, market, "weapon"), "armor", index(world, market, "armor"),
                "tool", index(world, market, "tool"), "consumable", index(world, market, "consumable"));

        jdbc.sql("UPDATE %s SET resource_abundance = resource_abundance || '{\"ore\": 0, \"timber\": 5, \"food\": 5000}' WHERE id = :id::uuid"
                .formatted(world.qualified("region_entities"))).param("id", region).update();
        setPhase(world, "boom");
        assertThat(recompute(world, 2).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // Boom: every factor x 1.3; ore at 0: severity 10, x 6; timber at 5: severity 5, x 3.5.
        assertThat(index(world, market, "weapon") / before.get("weapon")).isCloseTo(6 * 1.3, withinPercentage(1));
        assertThat(index(world, market, "armor") / before.get("armor")).isCloseTo(6 * 1.3, withinPercentage(1));
        assertThat(index(world, market, "tool") / before.get("tool")).isCloseTo(3.5 * 1.3, withinPercentage(1));
        assertThat(index(world, market, "consumable") / before.get("consumable")).as("food is plentiful")
                .isCloseTo(1.3, withinPercentage(1));
        assertThat(json(world, "SELECT properties->'shortages' FROM %s WHERE id = :id::uuid", "region_entities", region))
                .isEqualTo("{\"ore\": 10, \"timber\": 5}");
        assertThat(json(world, "SELECT properties->'shortages' FROM %s WHERE id = :id::uuid", "market_entities", market))
                .isEqualTo("{\"tool\": 5, \"armor\": 10, \"weapon\": 10}");
        assertThat(jdbc.sql("SELECT economic_conditions->>'price_factor' FROM %s".formatted(world.qualified("world_state_entities")))
                .query(String.class).single()).isEqualTo("1.3");

        Map<String, String> once = WorldFingerprint.of(jdbc, world);
        JobExecution again = recompute(world, 3);
        assertThat(again.getStepExecutions()).allSatisfy(step -> assertThat(step.getWriteCount()).isZero());
        assertThat(WorldFingerprint.of(jdbc, world)).isEqualTo(once);
    }

    @Test
    void aFoodDropOverAFifthIsOneDepletionEventOnThatRegionEvenWhenTheDayFailsAndRunsAgain() {
        WorldName world = TestWorlds.recreate(worlds, WorldName.of("resources_depletion"), 63, WorldSize.TINY);
        String region = firstRegion(world);
        // No event takes or gives food meanwhile; people at every place, so that every day trades.
        jdbc.sql("UPDATE %s SET current_status = 'resolved'".formatted(world.qualified("event_entities"))).update();
        jdbc.sql("UPDATE %s SET current_state = current_state || '{\"population\": 1000}'".formatted(world.qualified("poi_entities"))).update();
        // Nobody and no farms: food only spoils, 10 % a day, under the threshold of an event.
        jdbc.sql("UPDATE %s SET resource_abundance = resource_abundance || '{\"food\": 1000, \"farms\": 0, \"population\": 0}' WHERE id = :id::uuid"
                .formatted(world.qualified("region_entities"))).param("id", region).update();
        assertThat(ticks.tick(world, 1, result -> { }).get(0).completed()).isTrue();
        assertThat(resource(world, region, "food")).isEqualTo(900);
        assertThat(depletions(world, region)).isEmpty();

        // Something (a famine, the application) takes most of the food before the next day's economy.
        jdbc.sql("UPDATE %s SET resource_abundance = resource_abundance || '{\"food\": 100}' WHERE id = :id::uuid"
                .formatted(world.qualified("region_entities"))).param("id", region).update();
        int day = ticks.currentDay(world) + 1;
        String markets = world.qualified("market_entities");
        jdbc.sql("CREATE FUNCTION " + WorldName.quote(world.schema()) + ".fail() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RAISE EXCEPTION ''injected''; END'").update();
        jdbc.sql("CREATE TRIGGER fail_economy BEFORE UPDATE ON " + markets + " FOR EACH ROW EXECUTE FUNCTION "
                + WorldName.quote(world.schema()) + ".fail()").update();
        DayResult failed = ticks.tick(world, 1, result -> { }).get(0);
        assertThat(failed.completed()).as("the economy step fails after writing its events").isFalse();
        assertThat(depletions(world, region)).as("rolled back with its step").isEmpty();

        jdbc.sql("DROP TRIGGER fail_economy ON " + markets).update();
        jdbc.sql("CREATE TRIGGER fail_trading BEFORE INSERT ON " + world.qualified("trade_entities")
                + " FOR EACH ROW EXECUTE FUNCTION " + WorldName.quote(world.schema()) + ".fail()").update();
        assertThat(ticks.tick(world, 1, result -> { }).get(0).completed()).as("now trading fails, after the economy committed").isFalse();
        assertThat(depletions(world, region)).hasSize(1);

        jdbc.sql("DROP TRIGGER fail_trading ON " + world.qualified("trade_entities")).update();
        assertThat(ticks.tick(world, 1, result -> { }).get(0).completed()).isTrue();
        assertThat(ticks.currentDay(world)).isEqualTo(day);
        List<Map<String, Object>> events = depletions(world, region);
        assertThat(events).as("one event, however often the day ran").hasSize(1);
        Map<String, Object> event = events.get(0);
        // 900 at yesterday's economy, 100 x 0.9 = 90 today: 90 % lost.
        assertThat(event).containsEntry("event_type", "economic").containsEntry("scope", "local")
                .containsEntry("severity", 9).containsEntry("current_status", "pending").containsEntry("world_day", day + 1)
                .containsEntry("name", "Food depleted in " + regionName(world, region));
        assertThat(event.get("affected_regions").toString()).isEqualTo("[\"" + region + "\"]");
        assertThat(event.get("properties").toString()).contains("\"resource\": \"food\"", "\"resource_event\": \"depletion\"",
                "\"before\": 900", "\"after\": 90");
        assertThat(jdbc.sql("SELECT count(*) FROM %s WHERE world_day = :day AND event_name = :name"
                        .formatted(world.qualified("history_entities")))
                .param("day", day).param("name", "Food depleted in " + regionName(world, region)).query(Long.class).single())
                .as("and one history record of the day").isEqualTo(1);

        assertThat(ticks.tick(world, 2, result -> { })).allMatch(DayResult::completed);
        assertThat(jdbc.sql("SELECT current_status FROM %s WHERE jsonb_typeof(properties->'resource_event') = 'string' AND affected_regions @> to_jsonb(ARRAY[:r])"
                        .formatted(world.qualified("event_entities"))).param("r", region).query(String.class).list())
                .as("the event lifecycle activates it the next day").contains("active");
    }

    @Test
    void inflationRisesInABoomAndFallsInABust() {
        WorldName world = TestWorlds.recreate(worlds, WorldName.of("resources_inflation"), 64, WorldSize.TINY);
        for (String phase : List.of("boom", "bust")) {
            int today = ticks.currentDay(world);
            jdbc.sql("UPDATE %s SET economic_conditions = economic_conditions || jsonb_build_object('phase', :phase, 'phase_started_day', :today, 'inflation_rate', 0.02)"
                    .formatted(world.qualified("world_state_entities"))).param("phase", phase).param("today", today).update();
            assertThat(ticks.tick(world, 1, result -> { }).get(0).completed()).isTrue();
            BigDecimal inflation = jdbc.sql("SELECT (economic_conditions->>'inflation_rate')::numeric FROM %s"
                    .formatted(world.qualified("world_state_entities"))).query(BigDecimal.class).single();
            assertThat(inflation).as(phase).isEqualByComparingTo(phase.equals("boom") ? "0.020083" : "0.019917");
        }
    }

    private void setPhase(WorldName world, String phase) {
        jdbc.sql("UPDATE %s SET economic_conditions = economic_conditions || jsonb_build_object('phase', :phase)"
                .formatted(world.qualified("world_state_entities"))).param("phase", phase).update();
    }

    private JobExecution recompute(WorldName world, long run) throws Exception {
        return jobOperator.start(recomputeEconomy, WorldJobParameters.run(worlds.require(world), run));
    }

    private List<Map<String, Object>> depletions(WorldName world, String region) {
        return jdbc.sql("""
                        SELECT name, event_type, scope, severity, current_status, world_day, affected_regions::text, properties::text
                          FROM %s WHERE properties->>'resource_event' = 'depletion' AND affected_regions @> to_jsonb(ARRAY[:r])
                        """.formatted(world.qualified("event_entities")))
                .param("r", region).query().listOfRows();
    }

    private String firstRegion(WorldName world) {
        return jdbc.sql("SELECT id::text FROM %s ORDER BY id LIMIT 1".formatted(world.qualified("region_entities")))
                .query(String.class).single();
    }

    private String regionName(WorldName world, String region) {
        return jdbc.sql("SELECT name FROM %s WHERE id = :id::uuid".formatted(world.qualified("region_entities")))
                .param("id", region).query(String.class).single();
    }

    private long resource(WorldName world, String region, String resource) {
        return jdbc.sql("SELECT (resource_abundance->>:resource)::numeric::bigint FROM %s WHERE id = :id::uuid"
                        .formatted(world.qualified("region_entities")))
                .param("resource", resource).param("id", region).query(Long.class).single();
    }

    private double index(WorldName world, String market, String type) {
        return jdbc.sql("SELECT (properties->'price_index'->>:type)::float8 FROM %s WHERE id = :m::uuid"
                        .formatted(world.qualified("market_entities")))
                .param("type", type).param("m", market).query(Double.class).single();
    }

    private String json(WorldName world, String sql, String table, String id) {
        return jdbc.sql(sql.formatted(world.qualified(table))).param("id", id).query(String.class).single();
    }
}
