package com.visualdm.worldengine.tick;

/**
 * SQL for reading the JSONB game dates of rows the Visual DM application may have written badly. A date is
 * valid when year, month and day are whole numbers of the calendar; the CASE keeps the casts from ever seeing
 * anything else (a failing cast would abort the whole statement instead of rejecting one row).
 */
final class GameDates {

    private GameDates() {
    }

    /** True when the JSONB date in {@code column} is a valid game date. */
    static String isValid(TickContext context, String column) {
        return """
                (CASE WHEN jsonb_typeof(%1$s) = 'object'
                           AND (%1$s->>'year') ~ '^[0-9]{1,6}$' AND (%1$s->>'month') ~ '^[0-9]{1,2}$'
                           AND (%1$s->>'day') ~ '^[0-9]{1,2}$'
                      THEN %2$s IS NOT NULL ELSE false END)""".formatted(column, context.worldDayOf(column));
    }

    /** The world day of the date in {@code column}, or NULL when it is not a valid date. */
    static String dayOrNull(TickContext context, String column) {
        return "(CASE WHEN " + isValid(context, column) + " THEN " + context.worldDayOf(column) + " END)";
    }
}
