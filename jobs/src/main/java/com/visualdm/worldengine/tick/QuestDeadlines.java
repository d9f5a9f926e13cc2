package com.visualdm.worldengine.tick;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Quest deadlines ({@code time_limit.deadline_day}): the day after the deadline an active quest fails and an
 * available one is abandoned; either enters history. A quest with a deadline that is not a whole world day is
 * rejected and left as it is.
 */
@Component
class QuestDeadlines implements TickRule {

    private final JdbcClient jdbc;
    private final RejectedRows rejected;
    private final TickProperties properties;

    QuestDeadlines(JdbcClient jdbc, RejectedRows rejected, TickProperties properties) {
        this.jdbc = jdbc;
        this.rejected = rejected;
        this.properties = properties;
    }

    @Override
    public TickPhase phase() {
        return TickPhase.QUEST_DEADLINES;
    }

    @Override
    public Map<String, Long> apply(TickContext context) {
        String open = "t.current_status IN ('active', 'available') AND t.time_limit->'deadline_day' IS NOT NULL";
        String readable = "(t.time_limit->>'deadline_day') ~ '^[0-9]{1,9}$'";
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("quests_rejected", rejected.reject(context, "quest_entities", open,
                "CASE WHEN NOT " + readable + " THEN 'malformed time_limit.deadline_day ' "
                        + "|| coalesce(t.time_limit->'deadline_day', 'null')::text END"));
        jdbc.sql("""
                        WITH expired AS (
                            UPDATE %1$s t
                               SET current_status = CASE t.current_status WHEN 'active' THEN 'failed' ELSE 'abandoned' END,
                                   completion_date = :date::jsonb
                             WHERE %2$s AND %3$s AND (t.time_limit->>'deadline_day')::int < :day
                            RETURNING t.id, t.title, t.current_status, t.quest_giver, t.location_region
                        ), recorded AS (
                            INSERT INTO %4$s (id, event_name, event_description, event_date, world_day, event_type,
                                              significance_level, participants, locations, related_quests)
                            SELECT md5(:seed || ':quest-' || e.current_status || ':' || :day || ':' || e.id)::uuid,
                                   left(e.title || ' ' || e.current_status, 255),
                                   'The quest ' || e.title || ' was ' || e.current_status || ' past its deadline.',
                                   :date::jsonb, :day, 'quest', :significance,
                                   CASE WHEN e.quest_giver IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(e.quest_giver) END,
                                   CASE WHEN e.location_region IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(e.location_region) END,
                                   jsonb_build_array(e.id)
                              FROM expired e
                            RETURNING 1
                        )
                        SELECT count(*) FILTER (WHERE current_status = 'failed'),
                               count(*) FILTER (WHERE current_status = 'abandoned')
                          FROM expired
                        """.formatted(context.table("quest_entities"), open, readable, context.table("history_entities")))
                .param("date", context.date().toJson()).param("day", context.day())
                .param("seed", Long.toString(context.seed())).param("significance", properties.questHistorySignificance())
                .query((rs, i) -> {
                    summary.put("quests_failed", rs.getLong(1));
                    summary.put("quests_abandoned", rs.getLong(2));
                    return null;
                }).list();
        return summary;
    }
}
