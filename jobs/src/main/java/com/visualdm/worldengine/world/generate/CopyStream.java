package com.visualdm.worldengine.world.generate;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;

import org.postgresql.PGConnection;
import com.visualdm.worldengine.json.Decimals;
import com.visualdm.worldengine.world.WorldName;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed to PostgreSQL with COPY ... FROM STDIN in text format, one buffer of about a megabyte at a time,
 * so a generator never holds more than that in memory. Fields are written in the column order given.
 */
final class CopyStream implements AutoCloseable {

    private static final int FLUSH_AT = 1 << 20;

    private final CopyIn copy;
    private byte[] buffer = new byte[FLUSH_AT + (1 << 16)];
    private int length;
    private boolean firstField = true;
    private long rows;

    /** Identifiers come from the generator's own constants and a validated schema name, quoted all the same. */
    CopyStream(Connection connection, String schema, String table, String... columns) throws SQLException {
        StringBuilder sql = new StringBuilder("COPY ").append(WorldGenerator.qualified(schema, table)).append(" (");
        for (int i = 0; i < columns.length; i++) {
            sql.append(i == 0 ? "" : ", ").append(WorldName.quote(columns[i]));
        }
        sql.append(") FROM STDIN");
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.toString());
    }

    CopyStream text(String value) {
        if (value == null) {
            return nul();
        }
        separator();
        int n = value.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c == '\\' || c < 0x20) {
                escaped(value, i);
                return this;
            }
            buffer[length++] = (byte) c;
        }
        return this;
    }

    /** The rest of a value from index {@code from}, escaping COPY's special characters and encoding UTF-8. */
    private void escaped(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> put('\\', '\\');
                case '\t' -> put('\\', 't');
                case '\n' -> put('\\', 'n');
                case '\r' -> put('\\', 'r');
                default -> {
                    if (c < 0x80) {
                        put((byte) c);
                    } else {
                        // Whole code points, so characters beyond the BMP (surrogate pairs) encode correctly.
                        int codePoint = value.codePointAt(i);
                        for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                            put(b);
                        }
                        i += Character.charCount(codePoint) - 1;
                    }
                }
            }
        }
    }

    CopyStream json(String json) {
        return text(json);
    }

    CopyStream uuid(UUID value) {
        return value == null ? nul() : raw(value.toString());
    }

    CopyStream number(long value) {
        return raw(Long.toString(value));
    }

    /** A DECIMAL(…,2) from a whole number of hundredths. */
    CopyStream cents(long hundredths) {
        return raw(Decimals.hundredths(hundredths));
    }

    /** A REAL written as hundredths, so the text (and the stored value) does not depend on float printing. */
    CopyStream hundredths(int hundredths) {
        return raw(Decimals.hundredths(hundredths));
    }

    CopyStream bool(boolean value) {
        return raw(value ? "t" : "f");
    }

    CopyStream nul() {
        return raw("\\N");
    }

    void endRow() {
        put((byte) '\n');
        firstField = true;
        rows++;
        if (length >= FLUSH_AT) {
            flush();
        }
    }

    long rows() {
        return rows;
    }

    private CopyStream raw(String value) {
        separator();
        ensure(value.length());
        for (int i = 0; i < value.length(); i++) {
            buffer[length++] = (byte) value.charAt(i);
        }
        return this;
    }

    private void ensure(int more) {
        if (length + more + 1 > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more + 1));
        }
    }

    private void separator() {
        if (!firstField) {
            put((byte) '\t');
        }
        firstField = false;
    }

    /** An id given as its text form (cached by the caller). */
    CopyStream id(String uuid) {
        return raw(uuid);
    }

    private void put(char escape, char c) {
        put((byte) escape);
        put((byte) c);
    }

    private void put(byte b) {
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        buffer[length++] = b;
    }

    private void flush() {
        try {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        } catch (SQLException e) {
            throw new GenerationException("COPY failed: " + e.getMessage(), e);
        }
    }

    /** Sends what is left and ends the COPY; returns the rows the server took. */
    long finish() {
        flush();
        try {
            return copy.endCopy();
        } catch (SQLException e) {
            throw new GenerationException("COPY failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // The COPY's rows are gone with it; the world they were for is being removed.
            }
        }
    }
}
