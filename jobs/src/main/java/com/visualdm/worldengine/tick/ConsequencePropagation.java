package com.visualdm.worldengine.tick;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.calendar.GameDate;
import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.random.SeededRandom;

/**
 * The day's event effects where they land: immediate effects of the events activated today, ongoing effects of
 * every active event, long-term consequences of the events resolved today (docs/rules.md), spread along the
 * region graph by {@link EffectPropagation} and written by {@link EffectWriter}. Events whose effects are
 * unreadable were rejected by the lifecycle phase and are skipped here too. Then the events activated today move
 * the tension between their factions by their type, and may start new pending events ({@link Cascade}).
 */
@Component
class ConsequencePropagation implements TickRule {

    private final EffectWriter effects;
    private final JdbcClient jdbc;
    private final TickProperties properties;

    ConsequencePropagation(EffectWriter effects, JdbcClient jdbc, TickProperties properties) {
        this.effects = effects;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public TickPhase phase() {
        return TickPhase.CONSEQUENCE_PROPAGATION;
    }

    @Override
    public Map<String, Long> apply(TickContext context) {
        String events = context.table("event_entities");
        String readable = EventLifecycle.readable(context, "e");
        String columns = "e.id, e.severity, e.scope, e.affected_regions AS regions_json, e.affected_factions AS factions_json";
        Map<String, Long> summary = new LinkedHashMap<>(effects.apply(context, effects.flatten("""
                        SELECT %3$s, e.immediate_effects AS effects
                          FROM %1$s e JOIN engine.tick_event_changes c
                            ON c.event_id = e.id AND c.world_name = :world AND c.world_day = :day AND c.change = 'activated'
                         WHERE %2$s
                        UNION ALL
                        SELECT %3$s, e.ongoing_effects FROM %1$s e WHERE e.current_status = 'active' AND %2$s
                        UNION ALL
                        SELECT %3$s, e.long_term_consequences
                          FROM %1$s e JOIN engine.tick_event_changes c
                            ON c.event_id = e.id AND c.world_name = :world AND c.world_day = :day AND c.change = 'resolved'
                         WHERE %2$s""".formatted(events, readable, columns),
                Map.of("world", context.world().value(), "day", context.day()))));
        summary.put("event_tension_changes", eventTension(context));
        summary.put("cascades_started", startCascades(context));
        return summary;
    }

    /**
     * Each two distinct factions of an event activated today move by the tension of its type (combat, betrayal,
     * festival, alliance), on top of any {@code faction_tension} effect the event carries; summed per pair.
     */
    private long eventTension(TickContext context) {
        SortedMap<String, Long> changes = new TreeMap<>();
        jdbc.sql("""
                        SELECT e.event_type,
                               ARRAY(SELECT DISTINCT f FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(e.affected_factions) = 'array'
                                            THEN e.affected_factions ELSE '[]'::jsonb END) f ORDER BY 1)
                          FROM %s e JOIN engine.tick_event_changes c
                            ON c.event_id = e.id AND c.world_name = :world AND c.world_day = :day AND c.change = 'activated'
                         WHERE e.event_type IN (:types)
                         ORDER BY e.id
                        """.formatted(context.table("event_entities")))
                .param("world", context.world().value()).param("day", context.day())
                .param("types", List.copyOf(properties.eventTension().keySet()))
                .query((rs, i) -> {
                    long delta = properties.eventTension().get(rs.getString(1));
                    String[] factions = (String[]) rs.getArray(2).getArray();
                    for (int a = 0; a < factions.length; a++) {
                        for (int b = a + 1; b < factions.length; b++) {
                            changes.merge(factions[a] + "|" + factions[b], delta, Long::sum);
                        }
                    }
                    return null;
                }).list();
        effects.changeTension(context, changes);
        return changes.size();
    }

    private record Source(String id, String name, String type, int severity, int depth, List<String> regions,
                          String factions) {
    }

    private long startCascades(TickContext context) {
        List<Source> sources = jdbc.sql("""
                        SELECT e.id::text, e.name, e.event_type, coalesce(e.severity, 1),
                               CASE WHEN (e.properties->>'cascade_depth') ~ '^[0-9]{1,6}$'
                                    THEN (e.properties->>'cascade_depth')::int ELSE 0 END,
                               ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(e.affected_regions) = 'array'
                                            THEN e.affected_regions ELSE '[]'::jsonb END) ORDER BY 1),
                               CASE WHEN jsonb_typeof(e.affected_factions) = 'array' THEN e.affected_factions
                                    ELSE '[]'::jsonb END::text
                          FROM %s e JOIN engine.tick_event_changes c
                            ON c.event_id = e.id AND c.world_name = :world AND c.world_day = :day AND c.change = 'activated'
                         WHERE e.event_type IN ('economic', 'political', 'social')
                           -- An abundance is good news, no collapse: it starts no unrest.
                           AND e.properties->>'resource_event' IS DISTINCT FROM 'abundance'
                         ORDER BY e.id
                        """.formatted(context.table("event_entities")))
                .param("world", context.world().value()).param("day", context.day())
                .query((rs, i) -> new Source(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                        List.of((String[]) rs.getArray(6).getArray()), rs.getString(7)))
                .list();
        long started = 0;
        for (Source source : sources) {
            UUID id = UUID.fromString(source.id());
            List<Cascade.Spawn> spawns = Cascade.spawns(source.type(), source.severity(), source.depth(),
                    properties.maximumCascadeDepth(), properties.maximumCascadesPerEvent(),
                    SeededRandom.of(context.seed(), "cascade", context.day(), id.getMostSignificantBits(),
                            id.getLeastSignificantBits()));
            for (int n = 0; n < spawns.size(); n++) {
                List<String> regions = source.regions();
                if (spawns.get(n).cascade().toConnectedRegion) {
                    regions = connectedRegion(context, source, id, n);
                    if (regions.isEmpty()) {
                        continue;
                    }
                }
                started += insertCascade(context, source, spawns.get(n), n, regions);
            }
        }
        return started;
    }

    /** A region joined by a trade route to the source's first region, chosen by the seeded generator. */
    private List<String> connectedRegion(TickContext context, Source source, UUID id, int n) {
        if (source.regions().isEmpty()) {
            return List.of();
        }
        List<String> neighbours = jdbc.sql("""
                        SELECT route FROM %s r, jsonb_array_elements_text(CASE WHEN jsonb_typeof(r.trade_routes) = 'array'
                                                THEN r.trade_routes ELSE '[]'::jsonb END) route
                         WHERE r.id::text = :region ORDER BY 1
                        """.formatted(context.table("region_entities")))
                .param("region", source.regions().get(0)).query(String.class).list();
        if (neighbours.isEmpty()) {
            return List.of();
        }
        SeededRandom random = SeededRandom.of(context.seed(), "cascade-region", context.day(),
                id.getMostSignificantBits(), id.getLeastSignificantBits(), n);
        return List.of(neighbours.get(random.nextInt(neighbours.size())));
    }

    /** "Social unrest after X", not "Social unrest after Political upheaval after X": name the first cause. */
    private static String rootName(String name) {
        int after = name.lastIndexOf(" after ");
        return after < 0 ? name : name.substring(after + " after ".length());
    }

    private int insertCascade(TickContext context, Source source, Cascade.Spawn spawn, int n, List<String> regions) {
        int start = context.day() + spawn.delayDays();
        String effectsOfType = switch (spawn.cascade().targetType) {
            case "economic" -> "{\"resources\": {\"food\": -10}, \"price_modifier\": {\"consumable\": 1.1}}";
            case "political" -> "{\"faction_tension\": 5}";
            default -> "{\"chaos\": 2}";
        };
        return jdbc.sql("""
                        INSERT INTO %s (id, name, description, event_type, scope, severity, start_date, end_date,
                                        duration_type, affected_regions, affected_factions, immediate_effects,
                                        instigators, current_status, properties)
                        VALUES (md5(:seed || ':cascade:' || :day || ':' || :source || ':' || :n)::uuid,
                                left(:name, 255), :description, :type, 'regional', :severity, :start::jsonb, :end::jsonb,
                                'short', :regions::jsonb, :factions::jsonb, :effects::jsonb,
                                jsonb_build_array(:source), 'pending',
                                jsonb_build_object('cascade_depth', :depth, 'cascade_source', :source))
                        ON CONFLICT (id) DO NOTHING
                        """.formatted(context.table("event_entities")))
                .param("seed", Long.toString(context.seed())).param("day", context.day()).param("source", source.id())
                .param("n", n).param("name", spawn.cascade().targetNoun() + " after " + rootName(source.name()))
                .param("description", "Started by " + source.name() + ".")
                .param("type", spawn.cascade().targetType).param("severity", spawn.severity())
                .param("start", GameDate.ofWorldDay(start).toJson())
                .param("end", GameDate.ofWorldDay(start + properties.shortEventDays()).toJson())
                .param("regions", Json.arr(regions)).param("factions", source.factions())
                .param("effects", effectsOfType).param("depth", source.depth() + 1)
                .update();
    }
}
