package com.visualdm.worldengine.tick;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Events by their dates and {@code duration_type} (docs/rules.md): pending events whose start day has come
 * become active; active events resolve when their end date is reached, instant ones on their activation day,
 * short ones without an end date after {@code shortEventDays}; permanent ones never end by themselves.
 * Activations and resolutions of events of at least {@code eventHistorySeverity} enter history.
 *
 * <p>Only {@code current_status} of an event is changed, by set-based statements, so the Visual DM application's
 * own writes to other columns are never overwritten. Each change is journaled (engine.tick_event_changes) for the
 * consequence phase. Rows with an unknown duration type, a malformed end date or effects outside the vocabulary
 * are rejected (engine.rejected_rows) and left as they are.
 */
@Component
class EventLifecycle implements TickRule {

    private final JdbcClient jdbc;
    private final RejectedRows rejected;
    private final TickProperties properties;

    EventLifecycle(JdbcClient jdbc, RejectedRows rejected, TickProperties properties) {
        this.jdbc = jdbc;
        this.rejected = rejected;
        this.properties = properties;
    }

    @Override
    public TickPhase phase() {
        return TickPhase.EVENT_LIFECYCLE;
    }

    @Override
    public Map<String, Long> apply(TickContext context) {
        String events = context.table("event_entities");
        String readable = readable(context, "t");
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("events_rejected", rejected.reject(context, "event_entities",
                "t.current_status IN ('pending', 'active') AND t.world_day <= " + context.day(),
                """
                CASE WHEN t.duration_type IS NULL OR t.duration_type NOT IN ('instant', 'short', 'ongoing', 'permanent')
                     THEN 'unknown duration_type ' || coalesce(quote_literal(t.duration_type), 'NULL')
                     WHEN %s IS NOT NULL THEN %s
                     WHEN NOT %s THEN 'malformed end_date ' || t.end_date::text END""".formatted(
                        EffectVocabulary.firstProblem("t"), EffectVocabulary.firstProblem("t"), readable)));

        summary.put("events_activated", changeStatus(context, events, readable, "pending", "active",
                "t.world_day <= :day", "activated", " begins"));
        String endDay = GameDates.dayOrNull(context, "t.end_date");
        summary.put("events_resolved", changeStatus(context, events, readable, "active", "resolved",
                """
                (t.duration_type = 'instant'
                 OR (t.duration_type <> 'permanent' AND %1$s <= :day)
                 OR (t.duration_type = 'short' AND %1$s IS NULL AND t.world_day + :shortDays <= :day))"""
                        .formatted(endDay), "resolved", " ends"));
        return summary;
    }

    /** SQL: whether the event row {@code alias} can be read by the tick (else it is rejected and left alone). */
    static String readable(TickContext context, String alias) {
        return """
                (%1$s.duration_type IN ('instant', 'short', 'ongoing', 'permanent')
                 AND (%1$s.end_date IS NULL OR jsonb_typeof(%1$s.end_date) = 'null' OR %2$s)
                 AND %3$s IS NULL)""".formatted(alias, GameDates.isValid(context, alias + ".end_date"),
                EffectVocabulary.firstProblem(alias));
    }

    /** Moves the readable events matching {@code condition} from one status to another, with their history. */
    private long changeStatus(TickContext context, String events, String readable, String from, String to,
                              String condition, String change, String suffix) {
        return jdbc.sql("""
                        WITH changed AS (
                            UPDATE %1$s t SET current_status = :to
                             WHERE t.current_status = :from AND %2$s AND %3$s
                            RETURNING t.id, t.name, t.event_type, t.severity, t.affected_regions, t.instigators
                        ), recorded AS (
                            INSERT INTO %4$s (id, event_name, event_description, event_date, world_day, event_type,
                                              significance_level, participants, locations, related_events)
                            SELECT md5(:seed || ':event-' || :change || ':' || :day || ':' || c.id)::uuid,
                                   left(c.name || :suffix, 255), 'The event ' || c.name || ' was ' || :change || '.',
                                   :date::jsonb, :day, c.event_type, c.severity, coalesce(c.instigators, '[]'),
                                   coalesce(c.affected_regions, '[]'), jsonb_build_array(c.id)
                              FROM changed c
                             WHERE c.severity >= :threshold
                            RETURNING 1
                        ), journaled AS (
                            INSERT INTO engine.tick_event_changes (world_name, world_day, event_id, change)
                            SELECT :world, :day, c.id, :change FROM changed c
                            RETURNING 1
                        )
                        SELECT count(*) FROM changed
                        """.formatted(events, readable, condition, context.table("history_entities")))
                .param("world", context.world().value()).param("to", to).param("from", from).param("day", context.day())
                .param("shortDays", properties.shortEventDays())
                .param("seed", Long.toString(context.seed())).param("change", change).param("suffix", suffix)
                .param("date", context.date().toJson()).param("threshold", properties.eventHistorySeverity())
                .query(Long.class).single();
    }
}
