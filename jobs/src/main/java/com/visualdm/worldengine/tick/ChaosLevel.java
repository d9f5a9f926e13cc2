package com.visualdm.worldengine.tick;

import java.util.Locale;

/** Chaos levels of docs/rules.md: the level a chaos_level (0-100) is at starts at these values. */
public enum ChaosLevel {
    STABLE(0), ELEVATED(30), HIGH(60), CRITICAL(80), EXTREME(95);

    private final int from;

    ChaosLevel(int from) {
        this.from = from;
    }

    public static ChaosLevel of(long chaos) {
        ChaosLevel level = STABLE;
        for (ChaosLevel candidate : values()) {
            if (chaos >= candidate.from) {
                level = candidate;
            }
        }
        return level;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
