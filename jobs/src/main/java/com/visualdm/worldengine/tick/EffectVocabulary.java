package com.visualdm.worldengine.tick;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The effects an event may have (docs/rules.md, "Effects of events"), and the SQL that finds the first effect of
 * an event row outside this vocabulary, so that such a row is rejected with a reason instead of half applied.
 */
enum EffectVocabulary {
    REGION_DANGER(Value.NUMBER),
    POPULATION(Value.NUMBER),
    RESOURCES(Value.NUMBERS_BY_NAME),
    PRICE_MODIFIER(Value.NUMBERS_BY_NAME),
    FACTION_TENSION(Value.NUMBER),
    CHAOS(Value.NUMBER);

    enum Value { NUMBER, NUMBERS_BY_NAME }

    /** The effect columns of an event. */
    static final String[] EVENT_COLUMNS = {"immediate_effects", "ongoing_effects", "long_term_consequences"};

    private final Value value;

    EffectVocabulary(Value value) {
        this.value = value;
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static EffectVocabulary ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }

    private static String keysOf(Value value) {
        return Arrays.stream(values()).filter(effect -> effect.value == value)
                .map(effect -> "'" + effect.key() + "'").collect(Collectors.joining(", "));
    }

    /** SQL: NULL when every effect column of the event row {@code alias} is readable, else the first problem. */
    static String firstProblem(String alias) {
        return firstProblem(alias, EVENT_COLUMNS);
    }

    /** SQL: NULL when the given effect columns of row {@code alias} are readable, else the first problem. */
    static String firstProblem(String alias, String... columns) {
        String effectColumns = Arrays.stream(columns).map(column -> "('" + column + "', " + alias + "." + column + ")")
                .collect(Collectors.joining(", "));
        return """
                (SELECT f.name || ': ' || CASE
                            WHEN jsonb_typeof(f.effects) <> 'object' THEN 'not an object of effects'
                            WHEN e.key NOT IN (%2$s, %3$s) THEN 'unknown effect ' || quote_literal(e.key)
                            ELSE 'malformed value of effect ' || quote_literal(e.key) || ': ' || e.value::text END
                   FROM (VALUES %1$s) f (name, effects)
                   LEFT JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(f.effects) = 'object' THEN f.effects
                                                     ELSE '{}'::jsonb END) e ON true
                  WHERE f.effects IS NOT NULL AND jsonb_typeof(f.effects) <> 'null'
                    AND (jsonb_typeof(f.effects) <> 'object'
                         OR (e.key IS NOT NULL AND NOT (
                                (e.key IN (%2$s) AND jsonb_typeof(e.value) = 'number')
                             OR (e.key IN (%3$s) AND jsonb_typeof(e.value) = 'object'
                                 AND NOT EXISTS (SELECT 1 FROM jsonb_each(e.value) v WHERE jsonb_typeof(v.value) <> 'number')))))
                  ORDER BY f.name, e.key
                  LIMIT 1)""".formatted(effectColumns, keysOf(Value.NUMBER), keysOf(Value.NUMBERS_BY_NAME));
    }
}
