package com.visualdm.worldengine.tick;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes effects of the vocabulary (docs/rules.md) into a world: reads them as numbers (the JSON stays in
 * PostgreSQL), lets {@link EffectPropagation} decide where they land, and writes only the changed values, one
 * column key at a time, so concurrent writes by the Visual DM application to other columns and keys are kept.
 */
@Component
class EffectWriter {

    private final JdbcClient jdbc;
    private final EffectPropagation propagation;

    EffectWriter(JdbcClient jdbc, TickProperties properties) {
        this.jdbc = jdbc;
        this.propagation = new EffectPropagation(properties.hopFactor(), properties.minimumStrength(),
                properties.maximumHops(), properties.referenceSeverity());
    }

    /**
     * The effects of the rows {@code dueSql} selects, flattened to numbers so the JSON stays in PostgreSQL. The
     * query gives, per row: id, severity, scope, affected regions and factions (JSON arrays), effects (object).
     */
    List<EffectPropagation.EffectValue> flatten(String dueSql, Map<String, Object> parameters) {
        return jdbc.sql("""
                        WITH due AS (%s), listed AS (
                            SELECT d.*, ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(d.regions_json) = 'array'
                                                     THEN d.regions_json ELSE '[]'::jsonb END)) AS regions,
                                        ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(d.factions_json) = 'array'
                                                     THEN d.factions_json ELSE '[]'::jsonb END)) AS factions
                              FROM due d WHERE jsonb_typeof(d.effects) = 'object'
                        )
                        SELECT l.id::text, coalesce(l.severity, 1), l.scope, l.regions, l.factions, e.key, NULL::text, (e.value #>> '{}')::float8
                          FROM listed l, jsonb_each(l.effects) e WHERE jsonb_typeof(e.value) = 'number'
                        UNION ALL
                        SELECT l.id::text, coalesce(l.severity, 1), l.scope, l.regions, l.factions, e.key, v.key, (v.value #>> '{}')::float8
                          FROM listed l, jsonb_each(l.effects) e, jsonb_each(e.value) v WHERE jsonb_typeof(e.value) = 'object'
                        ORDER BY 1, 6, 7, 8
                        """.formatted(dueSql))
                .params(parameters)
                .query((rs, i) -> new EffectPropagation.EffectValue(rs.getString(1), rs.getInt(2), rs.getString(3),
                        strings(rs.getArray(4)), strings(rs.getArray(5)), EffectVocabulary.ofKey(rs.getString(6)),
                        rs.getString(7), rs.getDouble(8)))
                .list();
    }

    /** Applies the effects where {@link EffectPropagation} says they land; returns what changed, as counts. */
    Map<String, Long> apply(TickContext context, List<EffectPropagation.EffectValue> effects) {
        EffectPropagation.Changes changes = propagation.changes(effects, routes(context));
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("effects_applied", (long) effects.size());
        long regions = 0;
        for (Map.Entry<String, Double> danger : changes.danger.entrySet()) {
            long delta = Math.round(danger.getValue());
            if (delta != 0) {
                regions += jdbc.sql("""
                                UPDATE %s SET danger_level = LEAST(10, GREATEST(1, coalesce(danger_level, 1) + :delta))
                                 WHERE id = :id::uuid AND danger_level IS DISTINCT FROM LEAST(10, GREATEST(1, coalesce(danger_level, 1) + :delta))
                                """.formatted(context.table("region_entities")))
                        .param("delta", delta).param("id", danger.getKey()).update();
            }
        }
        for (Map.Entry<String, Double> population : changes.population.entrySet()) {
            regions += adjustNumber(context, population.getKey(), "population",
                    "GREATEST(0, round(%s * (1 + :change)))", Math.max(-1, population.getValue()));
        }
        for (Map.Entry<String, SortedMap<String, Double>> resources : changes.resources.entrySet()) {
            for (Map.Entry<String, Double> resource : resources.getValue().entrySet()) {
                regions += adjustNumber(context, resources.getKey(), resource.getKey(),
                        "GREATEST(0, round(%s + :change))", resource.getValue());
            }
        }
        long markets = 0;
        for (Map.Entry<String, SortedMap<String, Double>> prices : changes.priceFactors.entrySet()) {
            for (Map.Entry<String, Double> factor : prices.getValue().entrySet()) {
                markets += jdbc.sql("""
                                UPDATE %s m
                                   SET price_modifiers = jsonb_set(coalesce(m.price_modifiers, '{}'::jsonb), ARRAY[:type],
                                           to_jsonb(round(CASE WHEN jsonb_typeof(m.price_modifiers->:type) = 'number'
                                                               THEN (m.price_modifiers->>:type)::numeric ELSE 1 END * :factor, 2)))
                                  FROM %s p
                                 WHERE p.id = m.location_poi AND p.region_id = :region::uuid
                                   AND (m.price_modifiers IS NULL OR jsonb_typeof(m.price_modifiers) = 'object')
                                """.formatted(context.table("market_entities"), context.table("poi_entities")))
                        .param("type", factor.getKey()).param("factor", BigDecimal.valueOf(factor.getValue()))
                        .param("region", prices.getKey()).update();
            }
        }
        SortedMap<String, Long> tension = new TreeMap<>();
        changes.tension.forEach((pair, change) -> tension.put(pair, Math.round(change)));
        changeTension(context, tension);
        long chaos = Math.round(changes.chaos);
        if (chaos != 0) {
            jdbc.sql("""
                            UPDATE %s SET chaos_level = LEAST(100, GREATEST(0, coalesce(chaos_level, 0) + :delta))
                             WHERE chaos_level IS DISTINCT FROM LEAST(100, GREATEST(0, coalesce(chaos_level, 0) + :delta))
                            """.formatted(context.table("world_state_entities")))
                    .param("delta", chaos).update();
        }
        summary.put("regions_changed", regions);
        summary.put("markets_repriced", markets);
        return summary;
    }

    /** One numeric key of a region's resource_abundance; a non-numeric value there is left alone. */
    private long adjustNumber(TickContext context, String region, String key, String formula, double change) {
        String current = "(r.resource_abundance->>:key)::numeric";
        return jdbc.sql("""
                        UPDATE %1$s r
                           SET resource_abundance = jsonb_set(r.resource_abundance, ARRAY[:key], to_jsonb(%2$s))
                         WHERE r.id = :id::uuid AND jsonb_typeof(r.resource_abundance) = 'object'
                           AND jsonb_typeof(r.resource_abundance->:key) = 'number'
                           AND %2$s <> (r.resource_abundance->>:key)::numeric
                        """.formatted(context.table("region_entities"), formula.formatted(current)))
                .param("key", key).param("change", BigDecimal.valueOf(change)).param("id", region).update();
    }

    /** Tension changes by faction pair "a|b", written into both factions' relationships, each kept in −100…100. */
    void changeTension(TickContext context, SortedMap<String, Long> changes) {
        changes.forEach((key, delta) -> {
            String[] pair = key.split("\\|");
            if (delta != 0) {
                changeTension(context, pair[0], pair[1], delta);
                changeTension(context, pair[1], pair[0], delta);
            }
        });
    }

    private void changeTension(TickContext context, String faction, String other, long delta) {
        jdbc.sql("""
                        UPDATE %s f
                           SET relationships = jsonb_set(f.relationships, ARRAY[:other],
                                   coalesce(f.relationships->:other, '{}'::jsonb)
                                   || jsonb_build_object('tension', LEAST(100, GREATEST(-100,
                                          CASE WHEN jsonb_typeof(f.relationships->:other->'tension') = 'number'
                                               THEN (f.relationships->:other->>'tension')::numeric ELSE 0 END + :delta))))
                         WHERE f.id::text = :id AND jsonb_typeof(f.relationships) = 'object'
                           AND (f.relationships->:other IS NULL OR jsonb_typeof(f.relationships->:other) = 'object')
                        """.formatted(context.table("faction_entities")))
                .param("other", other).param("delta", delta).param("id", faction).update();
    }

    private SortedMap<String, List<String>> routes(TickContext context) {
        SortedMap<String, List<String>> routes = new TreeMap<>();
        jdbc.sql("""
                        SELECT r.id::text, route
                          FROM %s r
                          LEFT JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(r.trade_routes) = 'array'
                                                                          THEN r.trade_routes ELSE '[]'::jsonb END) route ON true
                         ORDER BY 1, 2
                        """.formatted(context.table("region_entities")))
                .query((rs, i) -> {
                    List<String> neighbours = routes.computeIfAbsent(rs.getString(1), id -> new ArrayList<>());
                    if (rs.getString(2) != null) {
                        neighbours.add(rs.getString(2));
                    }
                    return null;
                }).list();
        return routes;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
