package com.visualdm.worldengine.population;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.economy.Ledger;
import com.visualdm.worldengine.economy.TransactionKind;
import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.random.DeterministicIds;
import com.visualdm.worldengine.random.SeededRandom;
import com.visualdm.worldengine.tick.HistoryRecords;
import com.visualdm.worldengine.tick.TickContext;
import com.visualdm.worldengine.tick.TickPhase;
import com.visualdm.worldengine.tick.TickRule;

/**
 * The day's population: each region's population changes by {@link Growth}; each place's population follows its
 * region's rate, and its state moves by {@link PoiState}, with a history record. Fractions of a person are drawn
 * (the integer part, plus one with the fraction's chance), keyed by the region or place, so small places change too.
 */
@Component
class PopulationRule implements TickRule {

    private final JdbcClient jdbc;
    private final PopulationProperties properties;
    private final Growth growth;
    private final Ledger ledger;
    private final HistoryRecords history;

    PopulationRule(JdbcClient jdbc, PopulationProperties properties, Ledger ledger, HistoryRecords history) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.growth = new Growth(properties);
        this.ledger = ledger;
        this.history = history;
    }

    @Override
    public TickPhase phase() {
        return TickPhase.POPULATION;
    }

    private record Region(String id, String biome, long population, double food, String faction) {
    }

    private record Place(String id, String name, String region, PoiState state, long population, long capacity,
                         int since) {
    }

    @Override
    public Map<String, Long> apply(TickContext context) {
        Map<String, Region> regions = new TreeMap<>();
        jdbc.sql("""
                        SELECT id::text, biome_type, (resource_abundance->>'population')::numeric::bigint,
                               CASE WHEN jsonb_typeof(resource_abundance->'food') = 'number'
                                    THEN (resource_abundance->>'food')::float8 ELSE 0 END,
                               political_control::text
                          FROM %s
                         WHERE jsonb_typeof(resource_abundance) = 'object'
                           AND jsonb_typeof(resource_abundance->'population') = 'number'
                         ORDER BY id
                        """.formatted(context.table("region_entities")))
                .query((rs, i) -> regions.put(rs.getString(1), new Region(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getDouble(4), rs.getString(5))))
                .list();
        Map<String, Long> summary = new LinkedHashMap<>();
        List<Object> changes = new ArrayList<>();
        long changedRegions = 0;
        for (Region region : regions.values()) {
            long after = Math.max(0, region.population() + drawn(random(context, "population", region.id()),
                    region.population() * growth.dailyRate(region.biome(), region.food(), region.population())));
            if (after != region.population()) {
                changedRegions++;
                changes.add(region.id());
                changes.add(after);
            }
        }
        jdbc.sql("""
                        UPDATE %s r SET resource_abundance = jsonb_set(r.resource_abundance, '{population}', x.value)
                          FROM jsonb_each(:changes::jsonb) x WHERE r.id = x.key::uuid
                        """.formatted(context.table("region_entities")))
                .param("changes", Json.obj(changes.toArray())).update();
        summary.put("regions_population_changed", changedRegions);
        summary.putAll(places(context, regions));
        return summary;
    }

    private Map<String, Long> places(TickContext context, Map<String, Region> regions) {
        List<Place> places = jdbc.sql("""
                        SELECT id::text, name, region_id::text, current_state->>'state',
                               CASE WHEN jsonb_typeof(current_state->'population') = 'number'
                                    THEN (current_state->>'population')::numeric::bigint ELSE 0 END,
                               CASE WHEN jsonb_typeof(current_state->'capacity') = 'number'
                                    THEN (current_state->>'capacity')::numeric::bigint ELSE 0 END,
                               CASE WHEN jsonb_typeof(current_state->'state_since_day') = 'number'
                                    THEN (current_state->>'state_since_day')::numeric::int END
                          FROM %s
                         WHERE jsonb_typeof(current_state) = 'object' AND jsonb_typeof(current_state->'population') = 'number'
                         ORDER BY id
                        """.formatted(context.table("poi_entities")))
                .query((rs, i) -> new Place(rs.getString(1), rs.getString(2), rs.getString(3),
                        PoiState.ofLabel(rs.getString(4)), rs.getLong(5), rs.getLong(6),
                        rs.getObject(7) == null ? context.day() : rs.getInt(7)))
                .list();
        Map<String, Long> treasuries = new TreeMap<>();
        jdbc.sql("""
                        SELECT id::text, round((resources->>'gold')::numeric * 100)::bigint FROM %s
                         WHERE jsonb_typeof(resources->'gold') = 'number'
                        """.formatted(context.table("faction_entities")))
                .query((rs, i) -> treasuries.put(rs.getString(1), rs.getLong(2))).list();
        List<Object> rows = new ArrayList<>();
        List<Ledger.Entry> investments = new ArrayList<>();
        List<HistoryRecords.Entry> records = new ArrayList<>();
        for (Place place : places) {
            Region region = regions.get(place.region());
            double days = region == null ? Double.MAX_VALUE : growth.daysOfFood(region.food(), region.population());
            double rate = region == null ? 0 : growth.dailyRate(region.biome(), region.food(), region.population());
            long population = Math.max(0, place.population() + drawn(random(context, "place-population", place.id()),
                    place.population() * rate));
            if (place.state() == PoiState.REPOPULATING) {
                population += properties.settlersPerDay();
            }
            String faction = region == null ? null : region.faction();
            boolean invested = place.state() == PoiState.ABANDONED && faction != null
                    && treasuries.getOrDefault(faction, 0L) >= properties.investmentCents();
            PoiState next = place.state().next(population, place.capacity(), growth.poor(days), growth.rich(days),
                    context.day() - place.since(), invested, properties);
            if (next == PoiState.REPOPULATING && place.state() == PoiState.ABANDONED) {
                treasuries.merge(faction, -properties.investmentCents(), Long::sum);
                UUID poi = UUID.fromString(place.id());
                investments.add(new Ledger.Entry(DeterministicIds.uuid(context.seed(), "repopulation", context.day(),
                        poi.getMostSignificantBits(), poi.getLeastSignificantBits()), TransactionKind.BURN, faction, null,
                        properties.investmentCents(), "investment to repopulate " + place.name(), place.id(), 12, 0, null));
            }
            if (next != place.state()) {
                UUID poi = UUID.fromString(place.id());
                records.add(new HistoryRecords.Entry(DeterministicIds.uuid(context.seed(), "poi-state", context.day(),
                        poi.getMostSignificantBits(), poi.getLeastSignificantBits()),
                        place.name() + " is " + next.label(),
                        place.name() + " went from " + place.state().label() + " to " + next.label() + " with "
                                + population + " people.", "poi", properties.historySignificance(),
                        faction == null ? List.of() : List.of(faction), List.of(place.id())));
            }
            if (next != place.state() || population != place.population()) {
                rows.add(Json.raw(Json.obj("id", place.id(), "state", next.label(), "population", population,
                        "since", next != place.state() ? context.day() : place.since())));
            }
        }
        jdbc.sql("""
                        UPDATE %s p SET current_state = p.current_state || jsonb_build_object('state', x.state,
                                   'population', x.population, 'state_since_day', x.since)
                          FROM jsonb_to_recordset(:rows::jsonb) AS x(id uuid, state text, population bigint, since int)
                         WHERE p.id = x.id
                        """.formatted(context.table("poi_entities")))
                .param("rows", Json.arr(rows)).update();
        ledger.record(context, investments);
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("places_changed_state", history.record(context, records));
        summary.put("places_repopulated", (long) investments.size());
        return summary;
    }

    private static SeededRandom random(TickContext context, String purpose, String id) {
        UUID uuid = UUID.fromString(id);
        return SeededRandom.of(context.seed(), purpose, context.day(), uuid.getMostSignificantBits(),
                uuid.getLeastSignificantBits());
    }

    /** A change in whole people: the integer part, plus one more with the fraction's chance. */
    private static long drawn(SeededRandom random, double change) {
        long whole = (long) change;
        double fraction = Math.abs(change - whole);
        return whole + (random.chance(fraction) ? (change < 0 ? -1 : 1) : 0);
    }
}
