package com.visualdm.worldengine.world;

import java.util.Locale;

/** Registry state of a world: being filled by {@code init}, or ready for jobs. */
public enum WorldState {
    CREATING, READY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WorldState ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
