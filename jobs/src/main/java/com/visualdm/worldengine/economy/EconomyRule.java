package com.visualdm.worldengine.economy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.tick.TickContext;
import com.visualdm.worldengine.tick.TickPhase;
import com.visualdm.worldengine.tick.TickRule;

/**
 * The day's economy before trading: the economic cycle and inflation move on; each region produces, eats and loses
 * food, a large change of it in a day being a depletion or abundance (a history record); then the markets' prices
 * are set for the day.
 */
@Component
class EconomyRule implements TickRule {

    private final JdbcClient jdbc;
    private final EconomyProperties properties;
    private final EconomicCycle cycle;
    private final MarketPrices prices;

    EconomyRule(JdbcClient jdbc, EconomyProperties properties, MarketPrices prices) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.cycle = new EconomicCycle(properties);
        this.prices = prices;
    }

    @Override
    public TickPhase phase() {
        return TickPhase.ECONOMY;
    }

    @Override
    public Map<String, Long> apply(TickContext context) {
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("economic_phase_changes", advanceCycle(context));
        summary.put("resource_events", produceAndEatFood(context));
        summary.put("markets_repriced", prices.reindex(context));
        return summary;
    }

    private long advanceCycle(TickContext context) {
        String table = context.table("world_state_entities");
        EconomicCycle.State before = jdbc.sql("""
                        SELECT economic_conditions->>'phase' AS phase,
                               CASE WHEN jsonb_typeof(economic_conditions->'phase_started_day') = 'number'
                                    THEN (economic_conditions->>'phase_started_day')::numeric::int END AS started,
                               CASE WHEN jsonb_typeof(economic_conditions->'inflation_rate') = 'number'
                                    THEN (economic_conditions->>'inflation_rate')::numeric END AS inflation,
                               CASE WHEN jsonb_typeof(economic_conditions->'price_level') = 'number'
                                    THEN (economic_conditions->>'price_level')::numeric END AS level
                          FROM %s ORDER BY created_at, id LIMIT 1
                        """.formatted(table))
                .query((rs, i) -> new EconomicCycle.State(EconomicPhase.ofLabel(rs.getString("phase")),
                        rs.getObject("started") == null ? context.day() : rs.getInt("started"),
                        rs.getBigDecimal("inflation") == null ? BigDecimal.valueOf(properties.inflationRate()) : rs.getBigDecimal("inflation"),
                        rs.getBigDecimal("level") == null ? BigDecimal.ONE : rs.getBigDecimal("level")))
                .single();
        EconomicCycle.State after = cycle.advance(before, context.day());
        jdbc.sql("""
                        UPDATE %s SET economic_conditions = coalesce(economic_conditions, '{}'::jsonb)
                               || jsonb_build_object('phase', :phase, 'phase_started_day', :started,
                                                     'inflation_rate', :inflation, 'price_level', :level)
                        """.formatted(table))
                .param("phase", after.phase().label()).param("started", after.phaseStartedDay())
                .param("inflation", after.inflationRate()).param("level", after.priceLevel()).update();
        if (after.phase() == before.phase()) {
            return 0;
        }
        return jdbc.sql("""
                        INSERT INTO %s (id, event_name, event_description, event_date, world_day, event_type, significance_level)
                        VALUES (md5(:seed || ':economic-phase:' || :day)::uuid, :name, :description, :date::jsonb, :day,
                                'economic', :significance)
                        """.formatted(context.table("history_entities")))
                .param("seed", Long.toString(context.seed())).param("day", context.day())
                .param("name", "The economy enters " + after.phase().label())
                .param("description", "After " + (context.day() - before.phaseStartedDay()) + " days of "
                        + before.phase().label() + ", the economy enters " + after.phase().label() + ".")
                .param("date", context.date().toJson()).param("significance", properties.historySignificance())
                .update();
    }

    /** Food of every region with numeric food and population; a change over the threshold is a history record. */
    private long produceAndEatFood(TickContext context) {
        return jdbc.sql("""
                        WITH regions AS (
                            SELECT id, name, (resource_abundance->>'food')::numeric AS before,
                                   GREATEST(0, round((resource_abundance->>'food')::numeric * (1 - :spoilage)
                                       + (resource_abundance->>'population')::numeric * (:produced - :consumed)
                                       + CASE WHEN jsonb_typeof(resource_abundance->'farms') = 'number'
                                              THEN (resource_abundance->>'farms')::numeric ELSE 0 END * :perFarm)) AS after
                              FROM %1$s
                             WHERE jsonb_typeof(resource_abundance) = 'object'
                               AND jsonb_typeof(resource_abundance->'food') = 'number'
                               AND jsonb_typeof(resource_abundance->'population') = 'number'
                        ), changed AS (
                            UPDATE %1$s r SET resource_abundance = jsonb_set(r.resource_abundance, '{food}', to_jsonb(g.after))
                              FROM regions g WHERE r.id = g.id AND g.after <> g.before
                            RETURNING g.id, g.name, g.before, g.after
                        )
                        INSERT INTO %2$s (id, event_name, event_description, event_date, world_day, event_type,
                                          significance_level, locations)
                        SELECT md5(:seed || ':food:' || :day || ':' || c.id)::uuid,
                               CASE WHEN c.after < c.before THEN 'Food depleted in ' ELSE 'Food abundant in ' END || c.name,
                               'Food went from ' || c.before || ' to ' || c.after || ' in a day.',
                               :date::jsonb, :day, 'economic', :significance, jsonb_build_array(c.id::text)
                          FROM changed c
                         WHERE c.before > 0 AND abs(c.after - c.before) > :eventChange * c.before
                        """.formatted(context.table("region_entities"), context.table("history_entities")))
                .param("spoilage", BigDecimal.valueOf(properties.foodSpoilage()))
                .param("produced", BigDecimal.valueOf(properties.foodProducedPerHead()))
                .param("consumed", BigDecimal.valueOf(properties.foodConsumedPerHead()))
                .param("perFarm", BigDecimal.valueOf(properties.foodPerFarm()))
                .param("eventChange", BigDecimal.valueOf(properties.resourceEventChange()))
                .param("seed", Long.toString(context.seed())).param("day", context.day())
                .param("date", context.date().toJson()).param("significance", properties.historySignificance())
                .update();
    }
}
