package com.visualdm.worldengine.faction;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import com.visualdm.worldengine.tick.GeneratedEvents;
import com.visualdm.worldengine.tick.HistoryRecords;
import com.visualdm.worldengine.tick.TickContext;
import com.visualdm.worldengine.tick.TickPhase;
import com.visualdm.worldengine.tick.TickRule;

/**
 * The day of the factions (docs/rules.md): wars go on ({@link War}) and end with the loser's tribute; elsewhere
 * tension decays towards 0, and at {@code warTension} a war starts (a combat event and a history record) while at
 * {@code allianceTension} two factions ally; then influence over regions drifts and regions may change hands
 * ({@link RegionInfluence}). Wars and alliances are listed in
 * {@code world_state_entities.political_landscape}; tension and status sit in both factions' relationships.
 */
@Component
class FactionRule implements TickRule {

    static final String AT_WAR = "war";
    static final String ALLIED = "allied";
    static final String NEUTRAL = "neutral";

    private final JdbcClient jdbc;
    private final FactionProperties properties;
    private final Ledger ledger;
    private final HistoryRecords history;
    private final FactionStabilities stabilities;
    private final GeneratedEvents generatedEvents;
    private final RegionInfluence regionInfluence;

    FactionRule(JdbcClient jdbc, FactionProperties properties, Ledger ledger, HistoryRecords history,
                FactionStabilities stabilities, GeneratedEvents generatedEvents, RegionInfluence regionInfluence) {
        this.generatedEvents = generatedEvents;
        this.regionInfluence = regionInfluence;
        this.jdbc = jdbc;
        this.properties = properties;
        this.ledger = ledger;
        this.history = history;
        this.stabilities = stabilities;
    }

    @Override
    public TickPhase phase() {
        return TickPhase.FACTIONS;
    }

    private record Faction(String id, String name, long gold, long military, long food, List<String> regions) {
    }

    private record Relation(int tension, String status) {
    }

    @Override
    public Map<String, Long> apply(TickContext context) {
        Map<String, Faction> factions = new TreeMap<>();
        jdbc.sql("""
                        SELECT id::text, name,
                               CASE WHEN jsonb_typeof(resources->'gold') = 'number' THEN round((resources->>'gold')::numeric * 100)::bigint ELSE 0 END,
                               CASE WHEN jsonb_typeof(resources->'military') = 'number' THEN (resources->>'military')::numeric::bigint ELSE 0 END,
                               CASE WHEN jsonb_typeof(resources->'food') = 'number' THEN (resources->>'food')::numeric::bigint ELSE 0 END,
                               ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(controlled_regions) = 'array'
                                                                           THEN controlled_regions ELSE '[]'::jsonb END) ORDER BY 1)
                          FROM %s ORDER BY id
                        """.formatted(context.table("faction_entities")))
                .query((rs, i) -> factions.put(rs.getString(1), new Faction(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), List.of((String[]) rs.getArray(6).getArray()))))
                .list();
        // Each unordered pair once, as the first faction (by id) sees it.
        Map<String, Relation> relations = new TreeMap<>();
        jdbc.sql("""
                        SELECT f.id::text, x.key,
                               CASE WHEN jsonb_typeof(x.value->'tension') = 'number' THEN round((x.value->>'tension')::numeric)::int ELSE 0 END,
                               coalesce(x.value->>'status', 'neutral')
                          FROM %s f, jsonb_each(CASE WHEN jsonb_typeof(f.relationships) = 'object' THEN f.relationships ELSE '{}'::jsonb END) x
                         WHERE jsonb_typeof(x.value) = 'object' AND f.id::text < x.key
                        """.formatted(context.table("faction_entities")))
                .query((rs, i) -> relations.put(rs.getString(1) + " " + rs.getString(2), new Relation(rs.getInt(3), rs.getString(4))))
                .list();
        Map<String, War> wars = new TreeMap<>();
        jdbc.sql("""
                        SELECT w->>'a', w->>'b', (w->>'started_day')::int, (w->>'ends_by_day')::int, (w->>'wins_a')::int, (w->>'wins_b')::int
                          FROM %s s, jsonb_array_elements(CASE WHEN jsonb_typeof(s.political_landscape->'wars') = 'array'
                                                               THEN s.political_landscape->'wars' ELSE '[]'::jsonb END) w
                         WHERE jsonb_typeof(w) = 'object'
                        """.formatted(context.table("world_state_entities")))
                .query((rs, i) -> wars.put(rs.getString(1) + " " + rs.getString(2), new War(rs.getString(1), rs.getString(2),
                        rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6))))
                .list();

        Map<String, Relation> changed = new TreeMap<>();
        Map<String, long[]> resources = new TreeMap<>(); // faction -> {military, food} change
        List<Ledger.Entry> tributes = new ArrayList<>();
        List<HistoryRecords.Entry> records = new ArrayList<>();
        List<String[]> declared = new ArrayList<>();
        Map<String, Double> influence = new TreeMap<>(); // "faction region" -> change
        long battles = 0;
        long ended = 0;
        for (Map.Entry<String, Relation> pair : relations.entrySet()) {
            String[] ids = pair.getKey().split(" ");
            Faction a = factions.get(ids[0]);
            Faction b = factions.get(ids[1]);
            if (a == null || b == null) {
                continue;
            }
            Relation relation = pair.getValue();
            SeededRandom random = random(context, "faction-day", a.id(), b.id());
            War war = wars.get(pair.getKey());
            if (war != null || AT_WAR.equals(relation.status())) {
                if (war == null) {
                    war = new War(a.id(), b.id(), context.day(), context.day() + properties.shortestWarDays(), 0, 0);
                }
                War.Day day = war.fight(random, context.day(), a.military(), b.military(), properties);
                battles += day.battle() ? 1 : 0;
                wars.put(pair.getKey(), day.war());
                if (day.ended()) {
                    ended++;
                    wars.remove(pair.getKey());
                    changed.put(pair.getKey(), new Relation(properties.postWarTension(), NEUTRAL));
                    endWar(context, day.war(), factions, resources, tributes, records, influence);
                }
                continue;
            }
            int tension = relation.tension();
            boolean decays = !ALLIED.equals(relation.status()) || context.day() % 2 == 0;
            if (decays) {
                tension = tension > 0 ? Math.max(0, tension - properties.tensionDecay())
                        : Math.min(0, tension + properties.tensionDecay());
            }
            String status = relation.status();
            if (tension >= properties.warTension()) {
                status = AT_WAR;
                int length = random.between(properties.shortestWarDays(), properties.longestWarDays());
                wars.put(pair.getKey(), new War(a.id(), b.id(), context.day(), context.day() + length, 0, 0));
                declared.add(new String[] {a.id(), b.id(), Integer.toString(context.day() + length)});
                records.add(record(context, "war", a, b, a.name() + " and " + b.name() + " go to war",
                        "Tension between " + a.name() + " and " + b.name() + " reached " + tension + "."));
            } else if (tension <= properties.allianceTension() && !ALLIED.equals(status)) {
                status = ALLIED;
                records.add(record(context, "alliance", a, b, a.name() + " and " + b.name() + " ally",
                        "Tension between " + a.name() + " and " + b.name() + " fell to " + tension + "."));
            } else if (ALLIED.equals(status) && tension >= properties.allianceEndTension()) {
                status = NEUTRAL;
            }
            if (tension != relation.tension() || !status.equals(relation.status())) {
                changed.put(pair.getKey(), new Relation(tension, status));
            }
        }
        writeRelations(context, changed);
        writeLandscape(context, wars, relations, changed);
        writeResources(context, resources, influence);
        ledger.record(context, tributes);
        declareWars(context, declared, factions);
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("wars_declared", (long) declared.size());
        summary.put("battles", battles);
        summary.put("wars_ended", ended);
        summary.put("faction_history_records", history.record(context, records));
        summary.put("factions_restabilised", stabilities.recompute(context));
        summary.putAll(regionInfluence.apply(context));
        return summary;
    }

    private void endWar(TickContext context, War war, Map<String, Faction> factions, Map<String, long[]> resources,
                        List<Ledger.Entry> tributes, List<HistoryRecords.Entry> records, Map<String, Double> influence) {
        Faction a = factions.get(war.a());
        Faction b = factions.get(war.b());
        String winnerId = war.winner();
        if (winnerId == null) {
            records.add(record(context, "peace", a, b, "Peace between " + a.name() + " and " + b.name(),
                    "The war ended undecided, " + war.winsA() + " battles to " + war.winsB() + "."));
            return;
        }
        Faction winner = factions.get(winnerId);
        Faction loser = factions.get(war.loser());
        double share = war.transferShare(properties);
        long gold = BigDecimal.valueOf(loser.gold()).multiply(BigDecimal.valueOf(share)).setScale(0, RoundingMode.DOWN).longValueExact();
        long military = (long) Math.floor(loser.military() * share);
        long food = (long) Math.floor(loser.food() * share);
        resources.computeIfAbsent(loser.id(), key -> new long[2]);
        resources.computeIfAbsent(winner.id(), key -> new long[2]);
        resources.get(loser.id())[0] -= military;
        resources.get(loser.id())[1] -= food;
        resources.get(winner.id())[0] += military;
        resources.get(winner.id())[1] += food;
        if (gold > 0) {
            UUID w = UUID.fromString(winner.id());
            UUID l = UUID.fromString(loser.id());
            tributes.add(new Ledger.Entry(DeterministicIds.uuid(context.seed(), "tribute", context.day(),
                    w.getMostSignificantBits(), w.getLeastSignificantBits(), l.getMostSignificantBits(), l.getLeastSignificantBits()),
                    TransactionKind.TRIBUTE, loser.id(), winner.id(), gold, "war tribute to " + winner.name(), null, 12, 0, null));
        }
        for (String region : loser.regions()) {
            influence.merge(winner.id() + " " + region, properties.warInfluence(), Double::sum);
            influence.merge(loser.id() + " " + region, -properties.warInfluence(), Double::sum);
        }
        records.add(record(context, "peace", winner, loser, winner.name() + " defeats " + loser.name(),
                "The war ended " + Math.max(war.winsA(), war.winsB()) + " battles to " + Math.min(war.winsA(), war.winsB())
                        + "; " + loser.name() + " gives up " + Math.round(share * 100) + " % of its gold, military and food."));
    }

    private HistoryRecords.Entry record(TickContext context, String type, Faction a, Faction b, String name, String description) {
        UUID x = UUID.fromString(a.id());
        UUID y = UUID.fromString(b.id());
        return new HistoryRecords.Entry(DeterministicIds.uuid(context.seed(), "faction-" + type, context.day(),
                x.getMostSignificantBits(), x.getLeastSignificantBits(), y.getMostSignificantBits(), y.getLeastSignificantBits()),
                name, description, type.equals("alliance") ? "political" : "military", properties.historySignificance(),
                List.of(a.id(), b.id()), List.of());
    }

    private void writeRelations(TickContext context, Map<String, Relation> changed) {
        List<Object> rows = new ArrayList<>();
        changed.forEach((pair, relation) -> {
            String[] ids = pair.split(" ");
            rows.add(Json.raw(Json.obj("faction", ids[0], "other", ids[1], "tension", relation.tension(), "status", relation.status())));
            rows.add(Json.raw(Json.obj("faction", ids[1], "other", ids[0], "tension", relation.tension(), "status", relation.status())));
        });
        jdbc.sql("""
                        UPDATE %1$s f SET relationships = f.relationships || x.merged
                          FROM (SELECT c.faction, jsonb_object_agg(c.other, CASE WHEN jsonb_typeof(g.relationships->c.other) = 'object'
                                           THEN g.relationships->c.other ELSE '{}'::jsonb END
                                       || jsonb_build_object('tension', c.tension, 'status', c.status)) AS merged
                                  FROM jsonb_to_recordset(:rows::jsonb) AS c(faction uuid, other text, tension int, status text)
                                  JOIN %1$s g ON g.id = c.faction
                                 GROUP BY c.faction) x
                         WHERE f.id = x.faction AND jsonb_typeof(f.relationships) = 'object'
                        """.formatted(context.table("faction_entities")))
                .param("rows", Json.arr(rows)).update();
    }

    /** The wars going on and the alliances, as political_landscape lists them. */
    private void writeLandscape(TickContext context, Map<String, War> wars, Map<String, Relation> relations,
                                Map<String, Relation> changed) {
        List<Object> warList = new ArrayList<>();
        wars.values().forEach(war -> warList.add(Json.raw(Json.obj("a", war.a(), "b", war.b(), "started_day", war.startedDay(),
                "ends_by_day", war.endsByDay(), "wins_a", war.winsA(), "wins_b", war.winsB()))));
        List<Object> alliances = new ArrayList<>();
        relations.forEach((pair, relation) -> {
            Relation now = changed.getOrDefault(pair, relation);
            if (ALLIED.equals(now.status())) {
                alliances.add(List.of(pair.split(" ")));
            }
        });
        jdbc.sql("""
                        UPDATE %s SET political_landscape = coalesce(political_landscape, '{}'::jsonb)
                               || jsonb_build_object('wars', :wars::jsonb, 'alliances', :alliances::jsonb)
                         WHERE political_landscape->'wars' IS DISTINCT FROM :wars::jsonb
                            OR political_landscape->'alliances' IS DISTINCT FROM :alliances::jsonb
                        """.formatted(context.table("world_state_entities")))
                .param("wars", Json.arr(warList)).param("alliances", Json.arr(alliances)).update();
    }

    private void writeResources(TickContext context, Map<String, long[]> resources, Map<String, Double> influence) {
        List<Object> rows = new ArrayList<>();
        resources.forEach((faction, change) -> rows.add(Json.raw(Json.obj("id", faction, "military", change[0], "food", change[1]))));
        jdbc.sql("""
                        UPDATE %s f SET resources = f.resources || jsonb_build_object(
                                   'military', GREATEST(0, CASE WHEN jsonb_typeof(f.resources->'military') = 'number'
                                                                THEN (f.resources->>'military')::numeric ELSE 0 END + x.military),
                                   'food', GREATEST(0, CASE WHEN jsonb_typeof(f.resources->'food') = 'number'
                                                            THEN (f.resources->>'food')::numeric ELSE 0 END + x.food))
                          FROM jsonb_to_recordset(:rows::jsonb) AS x(id uuid, military bigint, food bigint)
                         WHERE f.id = x.id AND jsonb_typeof(f.resources) = 'object'
                        """.formatted(context.table("faction_entities")))
                .param("rows", Json.arr(rows)).update();
        List<Object> shifts = new ArrayList<>();
        influence.forEach((key, change) -> {
            String[] ids = key.split(" ");
            shifts.add(Json.raw(Json.obj("id", ids[0], "region", ids[1],
                    "change", Json.raw(BigDecimal.valueOf(change).setScale(4, RoundingMode.HALF_EVEN).toPlainString()))));
        });
        jdbc.sql("""
                        UPDATE %s f SET influence_map = f.influence_map || x.merged
                          FROM (SELECT s.id, jsonb_object_agg(s.region, round(LEAST(1, GREATEST(0,
                                           CASE WHEN jsonb_typeof(g.influence_map->s.region) = 'number'
                                                THEN (g.influence_map->>s.region)::numeric ELSE 0 END + s.change)), 2)) AS merged
                                  FROM jsonb_to_recordset(:rows::jsonb) AS s(id uuid, region text, change numeric)
                                  JOIN %s g ON g.id = s.id GROUP BY s.id) x
                         WHERE f.id = x.id AND jsonb_typeof(f.influence_map) = 'object'
                        """.formatted(context.table("faction_entities"), context.table("faction_entities")))
                .param("rows", Json.arr(shifts)).update();
    }

    /** A declared war is a pending combat event from tomorrow to the war's last day, in both sides' regions. */
    private void declareWars(TickContext context, List<String[]> declared, Map<String, Faction> factions) {
        List<GeneratedEvents.Event> events = new ArrayList<>();
        for (String[] war : declared) {
            Faction a = factions.get(war[0]);
            Faction b = factions.get(war[1]);
            List<String> regions = new ArrayList<>(a.regions());
            regions.addAll(b.regions());
            UUID x = UUID.fromString(a.id());
            UUID y = UUID.fromString(b.id());
            events.add(new GeneratedEvents.Event(DeterministicIds.uuid(context.seed(), "war-event", context.day(),
                    x.getMostSignificantBits(), x.getLeastSignificantBits(), y.getMostSignificantBits(), y.getLeastSignificantBits()),
                    "War of " + a.name() + " and " + b.name(), "Tension became war.", "combat", "regional",
                    properties.warSeverity(), context.day() + 1, Integer.parseInt(war[2]), "ongoing", regions,
                    List.of(a.id(), b.id()), Json.obj("region_danger", 1), Json.obj("war", true)));
        }
        generatedEvents.insert(context, events);
    }

    private static SeededRandom random(TickContext context, String purpose, String a, String b) {
        UUID x = UUID.fromString(a);
        UUID y = UUID.fromString(b);
        return SeededRandom.of(context.seed(), purpose, context.day(), x.getMostSignificantBits(), x.getLeastSignificantBits(),
                y.getMostSignificantBits(), y.getLeastSignificantBits());
    }
}
