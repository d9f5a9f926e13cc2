package com.visualdm.worldengine.tick;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The day's closing phase: when chaos moved into another level (docs/rules.md) a history record says so; a
 * history record of significance {@code majorSignificance} or more bumps
 * {@code world_version} and sets {@code last_major_event} (the game date, as a timestamp); {@code global_events}
 * and each region's {@code regional_events} are brought in step with the active events. Columns are written only
 * when their value changes.
 */
@Component
class HistoryAndWorldVersion implements TickRule {

    private final JdbcClient jdbc;
    private final TickProperties properties;

    HistoryAndWorldVersion(JdbcClient jdbc, TickProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public TickPhase phase() {
        return TickPhase.HISTORY_AND_WORLD_VERSION;
    }

    @Override
    public Map<String, Long> apply(TickContext context) {
        Map<String, Long> summary = new LinkedHashMap<>();
        long chaos = jdbc.sql("SELECT coalesce(chaos_level, 0) FROM %s ORDER BY created_at, id LIMIT 1"
                        .formatted(context.table("world_state_entities"))).query(Long.class).single();
        recordChaosCrossing(context, chaos);
        summary.put("history_records", jdbc.sql("SELECT count(*) FROM %s WHERE world_day = :day"
                        .formatted(context.table("history_entities")))
                .param("day", context.day()).query(Long.class).single());
        var date = context.date();
        summary.put("world_version_bumps", (long) jdbc.sql("""
                        UPDATE %s
                           SET world_version = coalesce(world_version, 1) + 1,
                               last_major_event = make_timestamp(:year, :month, :dayOfMonth, 0, 0, 0)
                         WHERE EXISTS (SELECT 1 FROM %s h WHERE h.world_day = :day AND h.significance_level >= :major)
                        """.formatted(context.table("world_state_entities"), context.table("history_entities")))
                .param("year", date.year()).param("month", date.month()).param("dayOfMonth", date.day())
                .param("day", context.day()).param("major", properties.majorSignificance())
                .update());
        jdbc.sql("""
                        UPDATE %1$s w SET global_events = active.ids
                          FROM (SELECT coalesce(jsonb_agg(e.id ORDER BY e.id), '[]'::jsonb) AS ids
                                  FROM %2$s e WHERE e.current_status = 'active' AND e.scope = 'global') active
                         WHERE w.global_events IS DISTINCT FROM active.ids
                        """.formatted(context.table("world_state_entities"), context.table("event_entities")))
                .update();
        jdbc.sql("""
                        UPDATE %1$s r SET regional_events = active.ids
                          FROM (SELECT r2.id,
                                       coalesce(jsonb_agg(e.id ORDER BY e.id) FILTER (WHERE e.id IS NOT NULL), '[]'::jsonb) AS ids
                                  FROM %1$s r2
                                  LEFT JOIN %2$s e ON e.current_status = 'active' AND e.scope IN ('local', 'regional')
                                                  AND jsonb_typeof(e.affected_regions) = 'array'
                                                  AND e.affected_regions @> jsonb_build_array(r2.id::text)
                                 GROUP BY r2.id) active
                         WHERE active.id = r.id AND r.regional_events IS DISTINCT FROM active.ids
                        """.formatted(context.table("region_entities"), context.table("event_entities")))
                .update();
        return summary;
    }

    /** A history record when the day moved chaos into another level (as the clock phase saw it at the start). */
    private void recordChaosCrossing(TickContext context, long chaos) {
        List<Long> before = jdbc.sql("""
                        SELECT (summary->>:key)::bigint FROM engine.tick_log
                         WHERE world_name = :world AND world_day = :day AND phase = :phase AND jsonb_exists(summary, :key)
                        """)
                .param("key", ClockAdvance.CHAOS_AT_START).param("world", context.world().value())
                .param("day", context.day()).param("phase", TickPhase.ADVANCE_CLOCK.name())
                .query(Long.class).list();
        if (before.isEmpty() || ChaosLevel.of(before.get(0)) == ChaosLevel.of(chaos)) {
            return;
        }
        ChaosLevel from = ChaosLevel.of(before.get(0));
        ChaosLevel to = ChaosLevel.of(chaos);
        String direction = to.compareTo(from) > 0 ? "rises" : "falls";
        String level = to.label();
        jdbc.sql("""
                        INSERT INTO %s (id, event_name, event_description, event_date, world_day, event_type, significance_level)
                        VALUES (md5(:seed || ':chaos:' || :day)::uuid, :name, :description, :date::jsonb, :day, 'chaos', :significance)
                        """.formatted(context.table("history_entities")))
                .param("seed", Long.toString(context.seed())).param("day", context.day())
                .param("name", "Chaos " + direction + " to " + level)
                .param("description", "The world's chaos " + direction + " from " + before.get(0) + " to " + chaos
                        + ": it is now " + level + ".")
                .param("date", context.date().toJson()).param("significance", properties.chaosHistorySignificance())
                .update();
    }
}
