package com.visualdm.worldengine.stability;

import java.util.Locale;

/** The pressures that make chaos, each in 0-1 (docs/rules.md); their weights are configured in this order. */
public enum Pressure {
    FACTION_CONFLICT, ECONOMIC, POPULATION, DIPLOMATIC, MILITARY, ENVIRONMENTAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
