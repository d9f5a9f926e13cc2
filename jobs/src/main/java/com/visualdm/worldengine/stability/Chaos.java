package com.visualdm.worldengine.stability;

import java.util.EnumMap;
import java.util.Map;

import com.visualdm.worldengine.tick.ChaosLevel;

/**
 * The judgement of chaos (docs/rules.md): a pressure keeps the larger of what feeds it today and what it was,
 * decayed; a score is the weighted sum of the pressures; a region's chaos level gives its daily chance of a chaos
 * event.
 */
final class Chaos {

    private final StabilityProperties properties;

    Chaos(StabilityProperties properties) {
        this.properties = properties;
    }

    /** The pressure after a day ({@code decay} true) or after a recomputation (no decay). */
    static double kept(double derived, double stored, double decay) {
        return clamp(Math.max(derived, stored * (1 - decay)));
    }

    Map<Pressure, Double> kept(Map<Pressure, Double> derived, Map<Pressure, Double> stored, boolean decay) {
        Map<Pressure, Double> kept = new EnumMap<>(Pressure.class);
        for (Pressure pressure : Pressure.values()) {
            kept.put(pressure, kept(derived.getOrDefault(pressure, 0.0), stored.getOrDefault(pressure, 0.0),
                    decay ? properties.decay() : 0));
        }
        return kept;
    }

    double score(Map<Pressure, Double> pressures) {
        double score = 0;
        for (Pressure pressure : Pressure.values()) {
            score += properties.weights().get(pressure.ordinal()) * clamp(pressures.getOrDefault(pressure, 0.0));
        }
        return clamp(score);
    }

    double eventChance(double score) {
        return properties.eventChances().get(ChaosLevel.of(Math.round(100 * score)).ordinal());
    }

    static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
