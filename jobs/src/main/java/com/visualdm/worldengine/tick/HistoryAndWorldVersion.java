package com.visualdm.worldengine.tick;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The day's closing phase: a history record of significance {@code majorSignificance} or more bumps
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
}
