package com.visualdm.worldengine.economy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.tick.TickContext;

/**
 * Each market's price factor per item type, kept in {@code market_entities.properties.price_index} and used by the
 * day's trades, with the shortage severity of each short type in {@code properties.shortages}. Derived from the current state alone (modifiers, stock, people at the market, danger, region
 * resources, economic cycle), so recomputing it twice gives the same index.
 */
@Component
class MarketPrices {

    private final JdbcClient jdbc;
    private final EconomyProperties properties;
    private final Prices prices;

    MarketPrices(JdbcClient jdbc, EconomyProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.prices = new Prices(properties);
    }

    /** Recomputes every market's index and shortages; returns how many markets changed. */
    long reindex(TickContext context) {
        double cycle = properties.factor(EconomicConditions.phase(jdbc, context));
        double level = jdbc.sql("""
                        SELECT CASE WHEN jsonb_typeof(economic_conditions->'price_level') = 'number'
                                    THEN (economic_conditions->>'price_level')::float8 ELSE 1 END
                          FROM %s ORDER BY created_at, id LIMIT 1
                        """.formatted(context.table("world_state_entities")))
                .query(Double.class).single();
        Map<String, Map<String, BigDecimal>> index = new TreeMap<>();
        Map<String, Map<String, Integer>> shortages = new TreeMap<>();
        jdbc.sql("""
                        SELECT m.id::text AS market, t.item_type,
                               CASE WHEN jsonb_typeof(m.price_modifiers->t.item_type) = 'number'
                                    THEN (m.price_modifiers->>t.item_type)::float8 ELSE 1 END AS modifier,
                               coalesce(people.count, 0) AS buyers, coalesce(stock.units, 0) AS supply,
                               coalesce(r.danger_level, 1) AS danger,
                               CASE WHEN jsonb_typeof(r.resource_abundance->(:resources::jsonb->>t.item_type)) = 'number'
                                    THEN (r.resource_abundance->>(:resources::jsonb->>t.item_type))::float8 END AS resource
                          FROM %1$s m
                          JOIN %2$s p ON p.id = m.location_poi
                          JOIN %3$s r ON r.id = p.region_id
                         CROSS JOIN (SELECT DISTINCT item_type FROM %4$s WHERE item_type IS NOT NULL) t
                          LEFT JOIN (SELECT s.location_id, i.item_type, sum(s.quantity) AS units
                                       FROM %5$s s JOIN %4$s i ON i.id = s.item_id
                                      WHERE s.location_type = 'market' GROUP BY 1, 2) stock
                                 ON stock.location_id = m.id AND stock.item_type = t.item_type
                          LEFT JOIN (SELECT current_location, count(*) FROM %6$s WHERE current_status = 'alive'
                                      GROUP BY 1) people ON people.current_location = p.id
                         ORDER BY 1, 2
                        """.formatted(context.table("market_entities"), context.table("poi_entities"),
                        context.table("region_entities"), context.table("item_entities"),
                        context.table("item_instance_entities"), context.table("character_entities")))
                .param("resources", resourcesJson())
                .query((rs, i) -> {
                    Double resource = rs.getObject("resource") == null ? null : rs.getDouble("resource");
                    double factor = prices.factor(new Prices.Inputs(rs.getDouble("modifier"),
                            rs.getLong("buyers") * properties.demandPerBuyer(), rs.getLong("supply"), cycle,
                            rs.getInt("danger"), resource, level));
                    index.computeIfAbsent(rs.getString("market"), key -> new TreeMap<>())
                            .put(rs.getString("item_type"), BigDecimal.valueOf(factor).setScale(4, RoundingMode.HALF_EVEN));
                    Map<String, Integer> typeShortages = shortages.computeIfAbsent(rs.getString("market"), key -> new TreeMap<>());
                    int severity = prices.shortageSeverity(resource);
                    if (severity > 0) {
                        typeShortages.put(rs.getString("item_type"), severity);
                    }
                    return null;
                }).list();
        Map<String, Object> markets = new TreeMap<>();
        index.forEach((market, factors) -> {
            Map<String, Object> plain = new TreeMap<>();
            factors.forEach((type, factor) -> plain.put(type, Json.raw(factor.toPlainString())));
            markets.put(market, Json.raw(Json.obj("price_index", Json.raw(Json.obj(plain)),
                    "shortages", Json.raw(Json.obj(shortages.get(market))))));
        });
        return jdbc.sql("""
                        UPDATE %s m SET properties = coalesce(m.properties, '{}'::jsonb) || x.value
                          FROM jsonb_each(:index::jsonb) x
                         WHERE m.id = x.key::uuid AND (m.properties->'price_index' IS DISTINCT FROM x.value->'price_index'
                                                       OR m.properties->'shortages' IS DISTINCT FROM x.value->'shortages')
                        """.formatted(context.table("market_entities")))
                .param("index", Json.obj(markets)).update();
    }

    private static String resourcesJson() {
        return Json.obj(new TreeMap<>(Prices.RESOURCE_OF_TYPE));
    }
}
