package com.visualdm.worldengine.economy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.tick.TickContext;

/**
 * What the economy derives from the current state rather than from the day's flows: the cycle's price factor
 * ({@code economic_conditions.price_factor}), each region's shortages ({@code region_entities.properties.shortages},
 * resource to severity) and the markets' price indexes and shortages. Recomputing it twice changes nothing more.
 */
@Component
class DerivedEconomy {

    private final JdbcClient jdbc;
    private final EconomyProperties properties;
    private final MarketPrices prices;
    private final Prices rule;

    DerivedEconomy(JdbcClient jdbc, EconomyProperties properties, MarketPrices prices) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.prices = prices;
        this.rule = new Prices(properties);
    }

    Map<String, Long> recompute(TickContext context) {
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("price_factor_changed", priceFactor(context));
        summary.put("regions_short_changed", regionShortages(context));
        summary.put("markets_repriced", prices.reindex(context));
        return summary;
    }

    private long priceFactor(TickContext context) {
        double factor = properties.factor(EconomicConditions.phase(jdbc, context));
        return jdbc.sql("""
                        UPDATE %s SET economic_conditions = coalesce(economic_conditions, '{}'::jsonb)
                               || jsonb_build_object('price_factor', :factor::numeric)
                         WHERE economic_conditions->'price_factor' IS DISTINCT FROM to_jsonb(:factor::numeric)
                        """.formatted(context.table("world_state_entities")))
                .param("factor", Double.toString(factor)).update();
    }

    /** Each region's resources below the shortage threshold, with their severity (an empty object when none). */
    private long regionShortages(TickContext context) {
        Map<String, Map<String, Integer>> shortages = new TreeMap<>();
        for (RegionResource resource : properties.regionResources()) {
            jdbc.sql("""
                            SELECT id::text, CASE WHEN jsonb_typeof(resource_abundance->:resource) = 'number'
                                                  THEN (resource_abundance->>:resource)::float8 END
                              FROM %s
                            """.formatted(context.table("region_entities")))
                    .param("resource", resource.name())
                    .query((rs, i) -> {
                        Map<String, Integer> region = shortages.computeIfAbsent(rs.getString(1), key -> new TreeMap<>());
                        int severity = rule.shortageSeverity(rs.getObject(2) == null ? null : rs.getDouble(2));
                        if (severity > 0) {
                            region.put(resource.name(), severity);
                        }
                        return null;
                    }).list();
        }
        Map<String, Object> rows = new TreeMap<>();
        shortages.forEach((region, severities) -> rows.put(region, Json.raw(Json.obj(severities))));
        return jdbc.sql("""
                        UPDATE %s r SET properties = coalesce(r.properties, '{}'::jsonb) || jsonb_build_object('shortages', x.value)
                          FROM jsonb_each(:rows::jsonb) x
                         WHERE r.id = x.key::uuid AND r.properties->'shortages' IS DISTINCT FROM x.value
                        """.formatted(context.table("region_entities")))
                .param("rows", Json.obj(rows)).update();
    }
}
