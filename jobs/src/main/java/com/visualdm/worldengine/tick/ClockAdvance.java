package com.visualdm.worldengine.tick;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Moves the world's date to the new day (year, month and day only; the hour and minute stay). */
@Component
class ClockAdvance implements TickRule {

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
        return Map.of();
    }
}
