package com.visualdm.worldengine.json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * JSON text for JSONB columns, built from plain values: strings and UUIDs are quoted and escaped, numbers and
 * booleans written as they are, {@link Raw} inserted verbatim. Doubles are refused: amounts go through
 * {@link #hundredths(long)} so the text never depends on float printing.
 */
public final class Json {

    private Json() {
    }

    public record Raw(String json) {
    }

    public static Raw raw(String json) {
        return new Raw(json);
    }

    public static Raw hundredths(long value) {
        return new Raw(Decimals.hundredths(value));
    }

    /** An object from alternating keys and values. */
    public static String obj(Object... keysAndValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (i > 0) {
                out.append(", ");
            }
            string(out, keysAndValues[i].toString());
            out.append(": ");
            value(out, keysAndValues[i + 1]);
        }
        return out.append('}').toString();
    }

    /** An object of the map's entries, in its order (keys by their string form). */
    public static String obj(Map<?, ?> entries) {
        List<Object> pairs = new ArrayList<>();
        entries.forEach((key, value) -> {
            pairs.add(key);
            pairs.add(value);
        });
        return obj(pairs.toArray());
    }

    public static String arr(Collection<?> values) {
        StringBuilder out = new StringBuilder("[");
        boolean first = true;
        for (Object value : values) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            value(out, value);
        }
        return out.append(']').toString();
    }

    public static String arr(Object... values) {
        return arr(java.util.Arrays.asList(values));
    }

    private static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof String || value instanceof UUID) {
            string(out, value.toString());
        } else if (value instanceof Collection<?> collection) {
            out.append(arr(collection));
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getSimpleName());
        }
    }

    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                return false;
            }
        }
        return true;
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        if (plain(text)) {
            out.append(text).append('"');
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
