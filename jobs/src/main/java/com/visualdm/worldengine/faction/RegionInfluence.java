package com.visualdm.worldengine.faction;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.random.DeterministicIds;
import com.visualdm.worldengine.tick.HistoryRecords;
import com.visualdm.worldengine.tick.TickContext;

/**
 * Each faction's influence over each region ({@code faction_entities.influence_map}) drifts towards its presence
 * there, and a region whose most influential faction leads its controller by the margin changes hands
 * ({@code region_entities.political_control} and both factions' {@code controlled_regions}), with a history record.
 */
@Component
class RegionInfluence {

    private final JdbcClient jdbc;
    private final FactionProperties properties;
    private final HistoryRecords history;
    private final Influence influence;

    RegionInfluence(JdbcClient jdbc, FactionProperties properties, HistoryRecords history) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.history = history;
        this.influence = new Influence(properties);
    }

    private record Region(String name, String controller, Map<String, BigDecimal> influence) {
    }

    /** Returns the influence entries changed and the regions that changed hands. */
    Map<String, Long> apply(TickContext context) {
        Map<String, Region> regions = new TreeMap<>();
        Map<String, String> factionNames = new TreeMap<>();
        List<Object> changed = new ArrayList<>();
        jdbc.sql("""
                        WITH people AS (
                            SELECT p.region_id, c.faction_memberships
                              FROM %1$s c JOIN %2$s p ON p.id = c.current_location
                             WHERE c.current_status = 'alive'
                        ), totals AS (
                            SELECT region_id, count(*) AS people FROM people GROUP BY region_id
                        ), members AS (
                            SELECT region_id, m->>'faction_id' AS faction, count(*) AS members
                              FROM people, jsonb_array_elements(CASE WHEN jsonb_typeof(faction_memberships) = 'array'
                                                                     THEN faction_memberships ELSE '[]'::jsonb END) m
                             WHERE jsonb_typeof(m->'faction_id') = 'string'
                             GROUP BY 1, 2
                        )
                        SELECT f.id::text, f.name, r.id::text, r.name, r.political_control::text,
                               CASE WHEN jsonb_typeof(f.properties->'stability') = 'number'
                                    THEN (f.properties->>'stability')::float8 ELSE :unknownStability END,
                               coalesce(m.members::float8 / t.people, 0),
                               EXISTS (SELECT 1 FROM %2$s h WHERE h.id = f.headquarters_poi AND h.region_id = r.id),
                               CASE WHEN jsonb_typeof(f.influence_map->(r.id::text)) = 'number'
                                    THEN (f.influence_map->>(r.id::text))::numeric ELSE 0 END
                          FROM %3$s f CROSS JOIN %4$s r
                          LEFT JOIN totals t ON t.region_id = r.id
                          LEFT JOIN members m ON m.region_id = r.id AND m.faction = f.id::text
                         WHERE jsonb_typeof(f.influence_map) = 'object'
                         ORDER BY 3, 1
                        """.formatted(context.table("character_entities"), context.table("poi_entities"),
                        context.table("faction_entities"), context.table("region_entities")))
                .param("unknownStability", properties.unknownStability())
                .query(rs -> {
                    String faction = rs.getString(1);
                    factionNames.put(faction, rs.getString(2));
                    BigDecimal before = rs.getBigDecimal(9);
                    BigDecimal after = influence.drift(before, influence.target(rs.getDouble(6), rs.getDouble(7), rs.getBoolean(8)));
                    if (after.compareTo(before) != 0) {
                        changed.add(Json.raw(Json.obj("id", faction, "region", rs.getString(3), "influence", Json.raw(after.toPlainString()))));
                    }
                    String name = rs.getString(4);
                    String controller = rs.getString(5);
                    regions.computeIfAbsent(rs.getString(3), key -> new Region(name, controller, new TreeMap<>()))
                            .influence().put(faction, after);
                });
        jdbc.sql("""
                        UPDATE %1$s f SET influence_map = f.influence_map || x.merged
                          FROM (SELECT s.id, jsonb_object_agg(s.region, s.influence) AS merged
                                  FROM jsonb_to_recordset(:rows::jsonb) AS s(id uuid, region text, influence numeric)
                                 GROUP BY s.id) x
                         WHERE f.id = x.id
                        """.formatted(context.table("faction_entities")))
                .param("rows", Json.arr(changed)).update();
        Map<String, String> handovers = new TreeMap<>();
        List<HistoryRecords.Entry> records = new ArrayList<>();
        regions.forEach((id, region) -> {
            String controller = influence.controller(region.controller(), region.influence());
            if (controller == null || controller.equals(region.controller())) {
                return;
            }
            handovers.put(id, controller);
            UUID key = UUID.fromString(id);
            String from = region.controller() == null ? "no one" : factionNames.get(region.controller());
            records.add(new HistoryRecords.Entry(DeterministicIds.uuid(context.seed(), "region-control", context.day(),
                    key.getMostSignificantBits(), key.getLeastSignificantBits()),
                    factionNames.get(controller) + " takes control of " + region.name(),
                    "Its influence of " + region.influence().get(controller).toPlainString() + " passed that of " + from + ".",
                    "political", properties.historySignificance(),
                    region.controller() == null ? List.of(controller) : List.of(controller, region.controller()), List.of(id)));
        });
        if (!handovers.isEmpty()) {
            jdbc.sql("""
                            WITH handed AS (
                                UPDATE %1$s r SET political_control = x.value::uuid
                                  FROM jsonb_each_text(:handovers::jsonb) x
                                 WHERE r.id = x.key::uuid
                                RETURNING r.id
                            )
                            UPDATE %2$s f SET controlled_regions = coalesce((
                                       SELECT jsonb_agg(r.id::text ORDER BY r.id) FROM %1$s r
                                        WHERE r.political_control = f.id AND r.id NOT IN (SELECT id FROM handed)
                                           OR r.id IN (SELECT x.key::uuid FROM jsonb_each_text(:handovers::jsonb) x WHERE x.value::uuid = f.id)),
                                   '[]'::jsonb)
                             WHERE f.id IN (SELECT x.value::uuid FROM jsonb_each_text(:handovers::jsonb) x)
                                OR jsonb_exists_any(f.controlled_regions, ARRAY(SELECT jsonb_object_keys(:handovers::jsonb)))
                            """.formatted(context.table("region_entities"), context.table("faction_entities")))
                    .param("handovers", Json.obj(handovers))
                    .update();
        }
        history.record(context, records);
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("influence_changed", (long) changed.size());
        summary.put("regions_changed_hands", (long) handovers.size());
        return summary;
    }
}
