package com.visualdm.worldengine.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.tick.TickService;
import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/** Scenarios of the economy, each from a hand-built state of a tiny world. */
class EconomyScenarioTests extends DatabaseTest {

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
    void aShortageOfFoodRaisesThePriceOfConsumablesAndTheDaysTradesPayThatPrice() throws Exception {
        WorldName world = TestWorlds.recreate(worlds, WorldName.of("economy_shortage"), 31, WorldSize.TINY);
        assertThat(jobOperator.start(recomputeEconomy, WorldJobParameters.run(worlds.require(world), 1)).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        String market = first(world, "SELECT id::text FROM %s ORDER BY id", "market_entities");
        String region = regionOf(world, market);
        double consumables = index(world, market, "consumable");
        double weapons = index(world, market, "weapon");

        // No food, no farms and nobody to grow any: the region stays short through the day's economy phase.
        jdbc.sql("UPDATE %s SET resource_abundance = resource_abundance || '{\"food\": 0, \"farms\": 0, \"population\": 0}' WHERE id = :id::uuid"
                .formatted(world.qualified("region_entities"))).param("id", region).update();
        assertThat(jobOperator.start(recomputeEconomy, WorldJobParameters.run(worlds.require(world), 2)).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(index(world, market, "consumable") / consumables).as("1 + 0.5 x severity 10").isCloseTo(6.0, within(0.01));
        assertThat(index(world, market, "weapon")).as("weapons are made of ore, not food").isEqualTo(weapons);

        int day = ticks.currentDay(world) + 1;
        jdbc.sql("UPDATE %s SET current_state = current_state || '{\"population\": 1000}'".formatted(world.qualified("poi_entities"))).update();
        assertThat(ticks.tick(world, 1, result -> { }).get(0).completed()).isTrue();
        assertThat(index(world, market, "consumable") / consumables).as("still short after the day's economy").isGreaterThan(5.0);
        List<Map<String, Object>> trades = jdbc.sql("""
                        SELECT (t.items_traded->0->>'unit_price')::numeric AS unit, i.base_value, i.item_type,
                               (m.properties->'price_index'->>i.item_type)::numeric AS factor
                          FROM %s t JOIN %s m ON m.id = t.market_id JOIN %s i ON i.id = (t.items_traded->0->>'item_id')::uuid
                         WHERE t.world_day = :day AND t.trade_type = 'purchase'
                        """.formatted(world.qualified("trade_entities"), world.qualified("market_entities"),
                        world.qualified("item_entities")))
                .param("day", day).query().listOfRows();
        assertThat(trades).as("the day's purchases").isNotEmpty();
        for (Map<String, Object> trade : trades) {
            BigDecimal expected = ((BigDecimal) trade.get("base_value")).multiply((BigDecimal) trade.get("factor"))
                    .setScale(2, RoundingMode.HALF_UP).max(new BigDecimal("0.01"));
            assertThat(((BigDecimal) trade.get("unit")).doubleValue()).as("price of %s", trade)
                    .isCloseTo(expected.doubleValue(), within(0.011));
        }
    }

    @Test
    void taxOfEveryTradeReachesTheFactionInControlOfTheMarketsRegion() {
        WorldName world = TestWorlds.recreate(worlds, WorldName.of("economy_tax"), 32, WorldSize.TINY);
        String market = first(world, "SELECT id::text FROM %s ORDER BY id", "market_entities");
        String region = regionOf(world, market);
        String newRuler = jdbc.sql("SELECT f.id::text FROM %s f, %s r WHERE r.id = :region::uuid AND f.id IS DISTINCT FROM r.political_control ORDER BY f.id LIMIT 1"
                        .formatted(world.qualified("faction_entities"), world.qualified("region_entities")))
                .param("region", region).query(String.class).single();
        jdbc.sql("UPDATE %s SET political_control = :faction::uuid WHERE id = :region::uuid".formatted(world.qualified("region_entities")))
                .param("faction", newRuler).param("region", region).update();
        jdbc.sql("UPDATE %s SET current_state = current_state || '{\"population\": 1000}'".formatted(world.qualified("poi_entities"))).update();
        BigDecimal before = gold(world, newRuler);
        int day = ticks.currentDay(world) + 1;
        assertThat(ticks.tick(world, 1, result -> { }).get(0).completed()).isTrue();

        List<Map<String, Object>> taxes = jdbc.sql("""
                        SELECT t.trade_value, t.tax_paid, m.tax_rate::numeric AS rate, x.to_entity::text AS payee,
                               x.from_entity = t.seller_id AS from_seller, x.amount
                          FROM %s t JOIN %s m ON m.id = t.market_id JOIN %s p ON p.id = m.location_poi
                          JOIN %s x ON x.world_day = t.world_day AND x.properties->>'trade_id' = t.id::text AND x.transaction_type = 'tax'
                         WHERE t.world_day = :day AND p.region_id = :region::uuid
                        """.formatted(world.qualified("trade_entities"), world.qualified("market_entities"),
                        world.qualified("poi_entities"), world.qualified("transaction_entities")))
                .param("day", day).param("region", region).query().listOfRows();
        assertThat(taxes).as("trades in the region").isNotEmpty();
        for (Map<String, Object> tax : taxes) {
            assertThat(tax.get("payee")).isEqualTo(newRuler);
            assertThat(tax.get("from_seller")).isEqualTo(true);
            assertThat((BigDecimal) tax.get("amount")).isEqualByComparingTo((BigDecimal) tax.get("tax_paid"))
                    .isEqualByComparingTo(((BigDecimal) tax.get("trade_value")).multiply((BigDecimal) tax.get("rate"))
                            .setScale(2, RoundingMode.HALF_EVEN));
        }
        BigDecimal received = jdbc.sql("""
                        SELECT coalesce(sum(CASE WHEN to_entity = :f::uuid THEN amount ELSE -amount END), 0) FROM %s
                         WHERE world_day = :day AND (to_entity = :f::uuid OR from_entity = :f::uuid)
                        """.formatted(world.qualified("transaction_entities")))
                .param("f", newRuler).param("day", day).query(BigDecimal.class).single();
        assertThat(received).isPositive();
        assertThat(gold(world, newRuler).subtract(before)).isEqualByComparingTo(received);
    }

    private String regionOf(WorldName world, String market) {
        return jdbc.sql("SELECT p.region_id::text FROM %s m JOIN %s p ON p.id = m.location_poi WHERE m.id = :m::uuid"
                        .formatted(world.qualified("market_entities"), world.qualified("poi_entities")))
                .param("m", market).query(String.class).single();
    }

    private double index(WorldName world, String market, String type) {
        return jdbc.sql("SELECT (properties->'price_index'->>:type)::float8 FROM %s WHERE id = :m::uuid"
                        .formatted(world.qualified("market_entities")))
                .param("type", type).param("m", market).query(Double.class).single();
    }

    private BigDecimal gold(WorldName world, String faction) {
        return jdbc.sql("SELECT (resources->>'gold')::numeric FROM %s WHERE id = :f::uuid".formatted(world.qualified("faction_entities")))
                .param("f", faction).query(BigDecimal.class).single();
    }

    private String first(WorldName world, String sql, String table) {
        return jdbc.sql(sql.formatted(world.qualified(table)) + " LIMIT 1").query(String.class).single();
    }
}
