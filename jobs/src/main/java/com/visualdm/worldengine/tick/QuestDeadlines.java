package com.visualdm.worldengine.tick;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Quest deadlines ({@code time_limit.deadline_day}, docs/rules.md): the day after the deadline an active quest
 * fails and its {@code failure_consequences} (effects of the vocabulary, on the quest's region, at the quest's
 * difficulty as severity) apply; an available one is abandoned. Either enters history and changes the quest
 * giver's standing ({@code properties.standing}). A quest with a deadline that is not a whole world day or
 * consequences outside the vocabulary is rejected and left as it is.
 */
@Component
class QuestDeadlines implements TickRule {

    private static final String CONSEQUENCES = "failure_consequences";

    private final JdbcClient jdbc;
    private final RejectedRows rejected;
    private final EffectWriter effects;
    private final TickProperties properties;

    QuestDeadlines(JdbcClient jdbc, RejectedRows rejected, EffectWriter effects, TickProperties properties) {
        this.jdbc = jdbc;
        this.rejected = rejected;
        this.effects = effects;
        this.properties = properties;
    }

    @Override
    public TickPhase phase() {
        return TickPhase.QUEST_DEADLINES;
    }

    private record Expired(String id, String status) {
    }

    @Override
    public Map<String, Long> apply(TickContext context) {
        String open = "t.current_status IN ('active', 'available') AND t.time_limit->'deadline_day' IS NOT NULL";
        String consequencesProblem = EffectVocabulary.firstProblem("t", CONSEQUENCES);
        String deadline = "(CASE WHEN (t.time_limit->>'deadline_day') ~ '^[0-9]{1,9}$' THEN (t.time_limit->>'deadline_day')::int END)";
        String readable = deadline + " IS NOT NULL AND (t.current_status <> 'active' OR " + consequencesProblem + " IS NULL)";
        Map<String, Long> summary = new LinkedHashMap<>();
        // Consequences are read only when a quest fails, so only then can they make it unreadable.
        summary.put("quests_rejected", rejected.reject(context, "quest_entities", open,
                "CASE WHEN " + deadline + " IS NULL THEN 'malformed time_limit.deadline_day ' "
                        + "|| coalesce(t.time_limit->'deadline_day', 'null')::text "
                        + "WHEN t.current_status = 'active' AND " + deadline + " < " + context.day() + " THEN "
                        + consequencesProblem + " END"));
        List<Expired> expired = jdbc.sql("""
                        WITH expired AS (
                            UPDATE %1$s t
                               SET current_status = CASE t.current_status WHEN 'active' THEN 'failed' ELSE 'abandoned' END,
                                   completion_date = :date::jsonb
                             WHERE %2$s AND %3$s AND %6$s < :day
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
                        ), standing AS (
                            UPDATE %5$s c
                               SET properties = jsonb_set(CASE WHEN jsonb_typeof(c.properties) = 'object' THEN c.properties
                                                               ELSE '{}'::jsonb END, '{standing}',
                                       to_jsonb(CASE WHEN jsonb_typeof(c.properties->'standing') = 'number'
                                                     THEN (c.properties->>'standing')::numeric ELSE 0 END + g.change))
                              FROM (SELECT quest_giver, sum(CASE current_status WHEN 'failed' THEN :failedStanding
                                                                                ELSE :abandonedStanding END) AS change
                                      FROM expired WHERE quest_giver IS NOT NULL GROUP BY quest_giver) g
                             WHERE c.id = g.quest_giver
                               AND (c.properties IS NULL OR jsonb_typeof(c.properties) IN ('object', 'null'))
                            RETURNING 1
                        )
                        SELECT e.id::text, e.current_status FROM expired e ORDER BY e.id
                        """.formatted(context.table("quest_entities"), open, readable, context.table("history_entities"),
                        context.table("character_entities"), deadline))
                .param("date", context.date().toJson()).param("day", context.day())
                .param("seed", Long.toString(context.seed())).param("significance", properties.questHistorySignificance())
                .param("failedStanding", properties.failedQuestStanding())
                .param("abandonedStanding", properties.abandonedQuestStanding())
                .query((rs, i) -> new Expired(rs.getString(1), rs.getString(2))).list();
        summary.put("quests_failed", expired.stream().filter(quest -> quest.status().equals("failed")).count());
        summary.put("quests_abandoned", expired.stream().filter(quest -> quest.status().equals("abandoned")).count());

        List<String> failed = expired.stream().filter(quest -> quest.status().equals("failed")).map(Expired::id).toList();
        if (!failed.isEmpty()) {
            summary.putAll(effects.apply(context, effects.flatten("""
                            SELECT q.id, q.difficulty_level AS severity, 'local' AS scope,
                                   CASE WHEN q.location_region IS NULL THEN '[]'::jsonb
                                        ELSE jsonb_build_array(q.location_region) END AS regions_json,
                                   '[]'::jsonb AS factions_json, q.failure_consequences AS effects
                              FROM %s q WHERE q.id::text IN (:failed)""".formatted(context.table("quest_entities")),
                    Map.of("failed", failed))));
        }
        return summary;
    }
}
