package com.visualdm.worldengine.world;

import java.util.regex.Pattern;

import com.visualdm.worldengine.system.BadInputException;

/**
 * A validated world name. The only way a name reaches SQL as an identifier: the pattern leaves nothing to
 * quote, and the schema name is derived from it, never taken from input.
 */
public record WorldName(String value) {

    private static final Pattern VALID = Pattern.compile("^[a-z][a-z0-9_]{0,39}$");

    public WorldName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new BadInputException("invalid world name '" + value
                    + "': use 1 to 40 characters, lower-case letters, digits and _, starting with a letter");
        }
    }

    public static WorldName of(String value) {
        return new WorldName(value);
    }

    public String schema() {
        return "world_" + value;
    }

    /** A table of this world as SQL, quoted: "world_x"."table". Table names come from code, never from input. */
    public String qualified(String table) {
        return quote(schema()) + "." + quote(table);
    }

    /** An SQL identifier, quoted. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return value;
    }
}
