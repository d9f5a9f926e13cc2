package com.visualdm.worldengine.tick;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Moves the world's date to the new day (year, month and day only; the hour and minute stay). */
@Component
class ClockAdvance implements TickRule {

    static final String CHAOS_AT_START = "chaos_at_start";

    private final JdbcClient jdbc;

    ClockAdvance(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public TickPhase phase() {
        return TickPhase.ADVANCE_CLOCK;
    }

    @Override
    public Map<String, Long> apply(TickContext context) {
        var date = context.date();
        int moved = jdbc.sql("""
                        UPDATE %s
                           SET "current_date" = "current_date" || jsonb_build_object('year', :year, 'month', :month, 'day', :day)
                         WHERE %s = :previous
                        """.formatted(context.table("world_state_entities"), context.worldDayOf("\"current_date\"")))
                .param("year", date.year()).param("month", date.month()).param("day", date.day())
                .param("previous", context.day() - 1)
                .update();
        if (moved != 1) {
            throw new IllegalStateException("world '" + context.world() + "' is not at day " + (context.day() - 1)
                    + "; cannot advance it to day " + context.day());
        }
        // Chaos as the day starts, so the closing phase can tell whether the day moved it into another level.
        return Map.of(CHAOS_AT_START, jdbc.sql("SELECT coalesce(chaos_level, 0) FROM %s ORDER BY created_at, id LIMIT 1"
                .formatted(context.table("world_state_entities"))).query(Long.class).single());
    }
}
