package com.visualdm.worldengine.faction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.tick.TickContext;

/** Keeps {@code faction_entities.properties.stability} equal to {@link FactionStability} of the leader's attributes. */
@Component
public class FactionStabilities {

    private final JdbcClient jdbc;

    public FactionStabilities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns how many factions' stability changed. */
    public long recompute(TickContext context) {
        Map<String, Map<String, Double>> attributes = new TreeMap<>();
        jdbc.sql("""
                        SELECT f.id::text, a.key, (a.value #>> '{}')::float8
                          FROM %s f LEFT JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(f.leadership->'hidden_attributes') = 'object'
                                                                     THEN f.leadership->'hidden_attributes' ELSE '{}'::jsonb END) a
                               ON jsonb_typeof(a.value) = 'number'
                         ORDER BY 1, 2
                        """.formatted(context.table("faction_entities")))
                .query((rs, i) -> {
                    Map<String, Double> hidden = attributes.computeIfAbsent(rs.getString(1), key -> new TreeMap<>());
                    if (rs.getString(2) != null) {
                        hidden.put(rs.getString(2), rs.getDouble(3));
                    }
                    return null;
                }).list();
        List<Object> stabilities = new ArrayList<>();
        attributes.forEach((faction, hidden) -> {
            stabilities.add(faction);
            stabilities.add(Json.raw(BigDecimal.valueOf(FactionStability.of(hidden)).setScale(3, RoundingMode.HALF_EVEN).toPlainString()));
        });
        return jdbc.sql("""
                        UPDATE %s f SET properties = coalesce(f.properties, '{}'::jsonb) || jsonb_build_object('stability', x.value)
                          FROM jsonb_each(:stabilities::jsonb) x
                         WHERE f.id = x.key::uuid AND f.properties->'stability' IS DISTINCT FROM x.value
                        """.formatted(context.table("faction_entities")))
                .param("stabilities", Json.obj(stabilities.toArray())).update();
    }
}
