package com.visualdm.worldengine.tick;

import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The day's event effects where they land: immediate effects of the events activated today, ongoing effects of
 * every active event, long-term consequences of the events resolved today (docs/rules.md), spread along the
 * region graph by {@link EffectPropagation} and written by {@link EffectWriter}. Events whose effects are
 * unreadable were rejected by the lifecycle phase and are skipped here too.
 */
@Component
class ConsequencePropagation implements TickRule {

    private final EffectWriter effects;

    ConsequencePropagation(EffectWriter effects) {
        this.effects = effects;
    }

    @Override
    public TickPhase phase() {
        return TickPhase.CONSEQUENCE_PROPAGATION;
    }

    @Override
    public Map<String, Long> apply(TickContext context) {
        String events = context.table("event_entities");
        String readable = EffectVocabulary.firstProblem("e") + " IS NULL";
        String columns = "e.id, e.severity, e.scope, e.affected_regions AS regions_json, e.affected_factions AS factions_json";
        return effects.apply(context, effects.flatten("""
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
                Map.of("world", context.world().value(), "day", context.day())));
    }
}
