package com.visualdm.worldengine.economy;

import java.util.Locale;

/** The phases of the economic cycle, in the order they follow each other (after recovery comes stable again). */
public enum EconomicPhase {
    STABLE, GROWTH, BOOM, RECESSION, BUST, RECOVERY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public EconomicPhase next() {
        return values()[(ordinal() + 1) % values().length];
    }

    /** The phase a label names; an unknown or missing label counts as stable. */
    public static EconomicPhase ofLabel(String label) {
        for (EconomicPhase phase : values()) {
            if (phase.label().equals(label)) {
                return phase;
            }
        }
        return STABLE;
    }
}
