package com.visualdm.worldengine.faction;

import java.util.Map;

/**
 * A faction's stability in 0-1 from its leader's hidden attributes (0-6 each, scaled to 0-1): 0.30 discipline +
 * 0.25 integrity + 0.25 resilience + 0.10 (1 - impulsivity) + 0.10 (1 - max(0, ambition - 0.7) / 0.3). A missing
 * attribute counts as the middle of the scale.
 */
public final class FactionStability {

    private FactionStability() {
    }

    public static double of(Map<String, Double> hidden) {
        double discipline = scaled(hidden, "discipline");
        double integrity = scaled(hidden, "integrity");
        double resilience = scaled(hidden, "resilience");
        double impulsivity = scaled(hidden, "impulsivity");
        double ambition = scaled(hidden, "ambition");
        double stability = 0.30 * discipline + 0.25 * integrity + 0.25 * resilience + 0.10 * (1 - impulsivity)
                + 0.10 * (1 - Math.max(0, ambition - 0.7) / 0.3);
        return Math.max(0, Math.min(1, stability));
    }

    private static double scaled(Map<String, Double> hidden, String attribute) {
        return Math.max(0, Math.min(6, hidden.getOrDefault(attribute, 3.0))) / 6;
    }
}
