package com.visualdm.worldengine.economy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.random.DeterministicIds;
import com.visualdm.worldengine.tick.GeneratedEvents;
import com.visualdm.worldengine.tick.HistoryRecords;
import com.visualdm.worldengine.tick.TickContext;
import com.visualdm.worldengine.tick.TickPhase;
import com.visualdm.worldengine.tick.TickRule;

/**
 * The day's economy before trading: the economic cycle and inflation move on; each region produces, consumes and
 * loses its resources (food, ore, timber), a large change in a day being a depletion or abundance event; then the
 * derived economy (price factor, shortages, market prices) is recomputed for the day.
 */
@Component
class EconomyRule implements TickRule {

    private final JdbcClient jdbc;
    private final EconomyProperties properties;
    private final EconomicCycle cycle;
    private final DerivedEconomy derived;
    private final HistoryRecords history;
    private final GeneratedEvents generatedEvents;

    EconomyRule(JdbcClient jdbc, EconomyProperties properties, DerivedEconomy derived, HistoryRecords history,
                GeneratedEvents generatedEvents) {
        this.jdbc = jdbc;
        this.history = history;
        this.generatedEvents = generatedEvents;
        this.properties = properties;
        this.cycle = new EconomicCycle(properties);
        this.derived = derived;
    }

    @Override
    public TickPhase phase() {
        return TickPhase.ECONOMY;
    }

    @Override
    public Map<String, Long> apply(TickContext context) {
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("economic_phase_changes", advanceCycle(context));
        summary.put("resource_events", produceAndConsume(context));
        summary.putAll(derived.recompute(context));
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

    /**
     * Every region resource of every region with a population moves by its rule. The amounts are also kept in
     * {@code properties.resource_levels}, so that the day's change counts what events took or gave since the
     * economy of the day before; a change over the threshold is a depletion or abundance: a history record, and a
     * pending event unless one of that kind is still open there.
     */
    private long produceAndConsume(TickContext context) {
        List<Object> rates = new ArrayList<>();
        for (RegionResource resource : properties.regionResources()) {
            rates.add(Json.raw(Json.obj("resource", resource.name(), "produced", decimal(resource.producedPerHead()),
                    "consumed", decimal(resource.consumedPerHead()), "site", resource.site(),
                    "per_site", decimal(resource.perSite()), "loss", decimal(resource.loss()))));
        }
        List<ResourceChange> changes = jdbc.sql("""
                        WITH rates AS (
                            SELECT * FROM jsonb_to_recordset(:rates::jsonb)
                                       AS k(resource text, produced numeric, consumed numeric, site text, per_site numeric, loss numeric)
                        ), amounts AS (
                            SELECT r.id, r.name, k.resource, (r.resource_abundance->>k.resource)::numeric AS stock,
                                   CASE WHEN jsonb_typeof(r.properties->'resource_levels'->k.resource) = 'number'
                                        THEN (r.properties->'resource_levels'->>k.resource)::numeric END AS level,
                                   GREATEST(0, round((r.resource_abundance->>k.resource)::numeric * (1 - k.loss)
                                       + (r.resource_abundance->>'population')::numeric * (k.produced - k.consumed)
                                       + CASE WHEN jsonb_typeof(r.resource_abundance->k.site) = 'number'
                                              THEN (r.resource_abundance->>k.site)::numeric ELSE 0 END * k.per_site)) AS after
                              FROM %1$s r CROSS JOIN rates k
                             WHERE jsonb_typeof(r.resource_abundance) = 'object'
                               AND jsonb_typeof(r.resource_abundance->k.resource) = 'number'
                               AND jsonb_typeof(r.resource_abundance->'population') = 'number'
                        ), updated AS (
                            UPDATE %1$s r SET resource_abundance = r.resource_abundance || x.amounts,
                                   properties = coalesce(r.properties, '{}'::jsonb) || jsonb_build_object('resource_levels', x.amounts)
                              FROM (SELECT id, jsonb_object_agg(resource, after) AS amounts,
                                           bool_or(after <> stock OR level IS DISTINCT FROM after) AS changed
                                      FROM amounts GROUP BY id) x
                             WHERE r.id = x.id AND x.changed
                        )
                        SELECT id::text, name, resource, coalesce(level, stock), after FROM amounts
                         WHERE after <> coalesce(level, stock) ORDER BY id, resource
                        """.formatted(context.table("region_entities")))
                .param("rates", Json.arr(rates))
                .query((rs, i) -> new ResourceChange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5)))
                .list().stream().filter(change -> change.isEvent(properties.resourceEventChange(), properties.resourceEventMinimum())).toList();
        if (changes.isEmpty()) {
            return 0;
        }
        Set<String> open = new HashSet<>(jdbc.sql("""
                        SELECT (affected_regions->>0) || ' ' || (properties->>'resource') || ' ' || (properties->>'resource_event')
                          FROM %s
                         WHERE current_status IN ('pending', 'active') AND jsonb_typeof(properties->'resource_event') = 'string'
                           AND jsonb_typeof(affected_regions) = 'array'
                        """.formatted(context.table("event_entities")))
                .query(String.class).list());
        List<HistoryRecords.Entry> records = new ArrayList<>();
        List<GeneratedEvents.Event> events = new ArrayList<>();
        for (ResourceChange change : changes) {
            UUID region = UUID.fromString(change.region());
            records.add(new HistoryRecords.Entry(DeterministicIds.uuid(context.seed(), "resource-history-" + change.resource(),
                    context.day(), region.getMostSignificantBits(), region.getLeastSignificantBits()), change.title(),
                    change.description(), "economic", properties.historySignificance(), List.of(), List.of(change.region())));
            if (open.contains(change.region() + " " + change.resource() + " " + change.label())) {
                continue;
            }
            events.add(new GeneratedEvents.Event(DeterministicIds.uuid(context.seed(), "resource-event-" + change.resource(),
                    context.day(), region.getMostSignificantBits(), region.getLeastSignificantBits()), change.title(),
                    change.description(), "economic", "local", change.severity(), context.day() + 1,
                    context.day() + properties.resourceEventDays(), "short", List.of(change.region()), List.of(), "{}",
                    Json.obj("resource_event", change.label(), "resource", change.resource(),
                            "before", Json.raw(change.before().toPlainString()), "after", Json.raw(change.after().toPlainString()))));
        }
        history.record(context, records);
        return generatedEvents.insert(context, events);
    }

    private static Json.Raw decimal(double value) {
        return Json.raw(BigDecimal.valueOf(value).toPlainString());
    }
}
