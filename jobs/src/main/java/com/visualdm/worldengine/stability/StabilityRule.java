package com.visualdm.worldengine.stability;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.economy.EconomicConditions;
import com.visualdm.worldengine.economy.EconomyProperties;
import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.random.DeterministicIds;
import com.visualdm.worldengine.random.SeededRandom;
import com.visualdm.worldengine.tick.ChaosLevel;
import com.visualdm.worldengine.tick.GeneratedEvents;
import com.visualdm.worldengine.tick.TickContext;
import com.visualdm.worldengine.tick.TickPhase;
import com.visualdm.worldengine.tick.TickRule;

/**
 * Chaos and stability (docs/rules.md): each region's pressures, derived from the current state and kept with a
 * daily decay in {@code region_entities.properties.pressures}, give its chaos score; the world's score is that of
 * the regions' mean pressures, plus what events did to {@code chaos_level} directly (a decaying offset), and sets
 * {@code chaos_level} and {@code stability_index}. On a tick day a region may then get a chaos event.
 * {@link #recompute} does the same without decay and without events, so running it twice changes nothing more.
 */
@Component
class StabilityRule implements TickRule {

    private final JdbcClient jdbc;
    private final StabilityProperties properties;
    private final EconomyProperties economy;
    private final Chaos chaos;
    private final GeneratedEvents generatedEvents;

    StabilityRule(JdbcClient jdbc, StabilityProperties properties, EconomyProperties economy, GeneratedEvents generatedEvents) {
        this.jdbc = jdbc;
        this.generatedEvents = generatedEvents;
        this.properties = properties;
        this.economy = economy;
        this.chaos = new Chaos(properties);
    }

    @Override
    public TickPhase phase() {
        return TickPhase.STABILITY;
    }

    @Override
    public Map<String, Long> apply(TickContext context) {
        return compute(context, true);
    }

    Map<String, Long> recompute(TickContext context) {
        return compute(context, false);
    }

    private record Region(String id, String name, Map<Pressure, Double> pressures, double score) {
    }

    private Map<String, Long> compute(TickContext context, boolean day) {
        double phasePressure = properties.phasePressures().get(EconomicConditions.phase(jdbc, context).ordinal());
        StringBuilder stored = new StringBuilder();
        for (Pressure pressure : Pressure.values()) {
            stored.append(", CASE WHEN jsonb_typeof(r.properties->'pressures'->'%1$s') = 'number' THEN (r.properties->'pressures'->>'%1$s')::float8 ELSE 0 END"
                    .formatted(pressure.label()));
        }
        List<Region> regions = jdbc.sql("""
                        SELECT r.id::text, r.name, coalesce(conflict.at_war, false), coalesce(conflict.highest, 0), coalesce(conflict.mean, 0),
                               CASE WHEN jsonb_typeof(r.resource_abundance->'food') = 'number'
                                    THEN (r.resource_abundance->>'food')::float8 < :shortage ELSE false END,
                               coalesce(places.declining, 0), coalesce(r.danger_level, 1), environment.events
                               %1$s
                          FROM %2$s r
                          LEFT JOIN LATERAL (
                              SELECT bool_or(x.value->>'status' = 'war') AS at_war,
                                     max(GREATEST(0, (x.value->>'tension')::float8)) AS highest,
                                     avg(GREATEST(0, (x.value->>'tension')::float8)) AS mean
                                FROM %3$s f, jsonb_each(CASE WHEN jsonb_typeof(f.relationships) = 'object' THEN f.relationships ELSE '{}'::jsonb END) x
                               WHERE f.id = r.political_control AND jsonb_typeof(x.value) = 'object'
                                 AND jsonb_typeof(x.value->'tension') = 'number') conflict ON true
                          LEFT JOIN (SELECT region_id, avg(CASE WHEN current_state->>'state' IN ('declining', 'abandoned', 'ruins')
                                                                THEN 1 ELSE 0 END) AS declining
                                       FROM %4$s GROUP BY region_id) places ON places.region_id = r.id
                          LEFT JOIN LATERAL (
                              SELECT count(*) AS events FROM %5$s e
                               WHERE e.current_status = 'active' AND e.event_type IN ('natural', 'magical')
                                 AND jsonb_typeof(e.affected_regions) = 'array' AND e.affected_regions @> jsonb_build_array(r.id::text)) environment ON true
                         ORDER BY r.id
                        """.formatted(stored, context.table("region_entities"), context.table("faction_entities"),
                        context.table("poi_entities"), context.table("event_entities")))
                .param("shortage", economy.shortageThreshold())
                .query((rs, i) -> {
                    Map<Pressure, Double> derived = new EnumMap<>(Pressure.class);
                    derived.put(Pressure.FACTION_CONFLICT, rs.getBoolean(3) ? 1.0 : rs.getDouble(4) / 100);
                    derived.put(Pressure.ECONOMIC, phasePressure + (rs.getBoolean(6) ? properties.shortagePressure() : 0));
                    derived.put(Pressure.POPULATION, rs.getDouble(7));
                    derived.put(Pressure.DIPLOMATIC, rs.getDouble(5) / 100);
                    derived.put(Pressure.MILITARY, (rs.getInt(8) - 1) / 9.0);
                    derived.put(Pressure.ENVIRONMENTAL, rs.getLong(9) / (double) properties.environmentalEvents());
                    Map<Pressure, Double> before = new EnumMap<>(Pressure.class);
                    for (Pressure pressure : Pressure.values()) {
                        before.put(pressure, rs.getDouble(10 + pressure.ordinal()));
                    }
                    Map<Pressure, Double> kept = rounded(chaos.kept(derived, before, day));
                    return new Region(rs.getString(1), rs.getString(2), kept, chaos.score(kept));
                })
                .list();
        List<Object> rows = new ArrayList<>();
        Map<Pressure, Double> world = new EnumMap<>(Pressure.class);
        for (Region region : regions) {
            rows.add(region.id());
            rows.add(Json.raw(Json.obj("pressures", Json.raw(pressuresJson(region.pressures())), "chaos_score", decimal(region.score()))));
            region.pressures().forEach((pressure, value) -> world.merge(pressure, value / regions.size(), Double::sum));
        }
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("regions_pressured", (long) jdbc.sql("""
                        UPDATE %s r SET properties = coalesce(r.properties, '{}'::jsonb) || x.value
                          FROM jsonb_each(:rows::jsonb) x
                         WHERE r.id = x.key::uuid AND (r.properties->'pressures' IS DISTINCT FROM x.value->'pressures'
                                                       OR r.properties->'chaos_score' IS DISTINCT FROM x.value->'chaos_score')
                        """.formatted(context.table("region_entities")))
                .param("rows", Json.obj(rows.toArray())).update());
        summary.put("world_chaos_changed", worldChaos(context, rounded(world), day));
        if (day) {
            summary.put("chaos_events", chaosEvents(context, regions));
        }
        return summary;
    }

    /**
     * Sets chaos_level and stability_index from the world's score and the events' offset; returns 1 if chaos_level
     * changed.
     */
    private long worldChaos(TickContext context, Map<Pressure, Double> pressures, boolean day) {
        String table = context.table("world_state_entities");
        Map<String, Object> state = jdbc.sql("""
                        SELECT coalesce(chaos_level, 0) AS chaos,
                               CASE WHEN jsonb_typeof(properties->'event_chaos') = 'number' THEN (properties->>'event_chaos')::float8 END AS offset_,
                               CASE WHEN jsonb_typeof(properties->'chaos_written') = 'number' THEN (properties->>'chaos_written')::int END AS written
                          FROM %s ORDER BY created_at, id LIMIT 1
                        """.formatted(table)).query().singleRow();
        double score = chaos.score(pressures);
        long now = ((Number) state.get("chaos")).longValue();
        double offset = state.get("written") == null || state.get("offset_") == null
                ? now - Math.round(100 * score) // first time: keep the world's chaos, let it drift to the pressures' score
                : ((Number) state.get("offset_")).doubleValue() * (day ? 1 - properties.decay() : 1)
                        + now - ((Number) state.get("written")).longValue();
        offset = BigDecimal.valueOf(offset).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
        long level = Math.max(0, Math.min(100, Math.round(100 * score + offset)));
        jdbc.sql("""
                        UPDATE %s SET chaos_level = :chaos, stability_index = :stability,
                               properties = coalesce(properties, '{}'::jsonb) || jsonb_build_object('pressures', :pressures::jsonb,
                                   'event_chaos', :offset, 'chaos_written', :chaos)
                        """.formatted(table))
                .param("chaos", level).param("stability", 1 - level / 100.0f)
                .param("pressures", pressuresJson(pressures)).param("offset", BigDecimal.valueOf(offset)).update();
        return level == now ? 0 : 1;
    }

    /** At most one new chaos event per region a day, by the region's level, within the cap and the cooldown. */
    private long chaosEvents(TickContext context, List<Region> regions) {
        Map<String, long[]> existing = new LinkedHashMap<>(); // region -> {open events, last start day}
        jdbc.sql("""
                        SELECT r.id::text, count(e.id) FILTER (WHERE e.current_status IN ('pending', 'active')), coalesce(max(e.world_day), -1)
                          FROM %s r LEFT JOIN %s e ON jsonb_exists(e.properties, 'chaos')
                                                  AND jsonb_typeof(e.affected_regions) = 'array'
                                                  AND e.affected_regions @> jsonb_build_array(r.id::text)
                         GROUP BY r.id
                        """.formatted(context.table("region_entities"), context.table("event_entities")))
                .query((rs, i) -> existing.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)})).list();
        List<GeneratedEvents.Event> events = new ArrayList<>();
        for (Region region : regions) {
            long[] open = existing.getOrDefault(region.id(), new long[] {0, -1});
            boolean cooling = open[1] >= 0 && context.day() + 1 - open[1] < properties.cooldownDays();
            UUID id = UUID.fromString(region.id());
            SeededRandom random = SeededRandom.of(context.seed(), "chaos-event", context.day(), id.getMostSignificantBits(),
                    id.getLeastSignificantBits());
            if (open[0] >= properties.maximumActiveEvents() || cooling || !random.chance(chaos.eventChance(region.score()))) {
                continue;
            }
            ChaosLevel level = ChaosLevel.of(Math.round(100 * region.score()));
            events.add(new GeneratedEvents.Event(DeterministicIds.uuid(context.seed(), "chaos-event", context.day(),
                    id.getMostSignificantBits(), id.getLeastSignificantBits()), "Unrest in " + region.name(),
                    "Chaos in the region is " + level.label() + ".", "social", "local", 1 + 2 * level.ordinal(),
                    context.day() + 1, context.day() + properties.eventDays(), "short", List.of(region.id()), List.of(),
                    Json.obj("region_danger", 1), Json.obj("chaos", level.label())));
        }
        return generatedEvents.insert(context, events);
    }

    private static Map<Pressure, Double> rounded(Map<Pressure, Double> pressures) {
        Map<Pressure, Double> rounded = new EnumMap<>(Pressure.class);
        pressures.forEach((pressure, value) -> rounded.put(pressure, BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).doubleValue()));
        return rounded;
    }

    private static String pressuresJson(Map<Pressure, Double> pressures) {
        List<Object> pairs = new ArrayList<>();
        pressures.forEach((pressure, value) -> {
            pairs.add(pressure.label());
            pairs.add(decimal(value));
        });
        return Json.obj(pairs.toArray());
    }

    private static Json.Raw decimal(double value) {
        return Json.raw(BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).toPlainString());
    }
}
