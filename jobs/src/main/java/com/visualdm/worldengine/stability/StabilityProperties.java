package com.visualdm.worldengine.stability;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.visualdm.worldengine.tick.ChaosLevel;

/**
 * Constants of the chaos and stability rules (docs/rules.md, "Chaos and stability"), under
 * {@code world-engine.stability.*}.
 *
 * @param weights weight of each pressure in the chaos score, in the order of {@link Pressure}
 * @param decay share a pressure loses each day when nothing feeds it
 * @param phasePressures economic pressure of each phase of the economic cycle, in the order of EconomicPhase
 * @param shortagePressure economic pressure added when a region's food is short
 * @param environmentalEvents active natural or magical events in a region that make its environmental pressure 1
 * @param eventChances daily chance of a chaos event in a region, by chaos level (stable to extreme)
 * @param maximumActiveEvents chaos events a region holds at most (pending or active)
 * @param cooldownDays days after a chaos event starts before the region may get another
 * @param eventDays days a chaos event lasts
 */
@ConfigurationProperties("world-engine.stability")
public record StabilityProperties(
        @DefaultValue({"0.25", "0.20", "0.15", "0.15", "0.15", "0.10"}) List<Double> weights,
        @DefaultValue("0.02") double decay,
        @DefaultValue({"0.1", "0.05", "0.15", "0.5", "0.8", "0.3"}) List<Double> phasePressures,
        @DefaultValue("0.3") double shortagePressure,
        @DefaultValue("3") int environmentalEvents,
        @DefaultValue({"0.01", "0.05", "0.15", "0.35", "0.60"}) List<Double> eventChances,
        @DefaultValue("3") int maximumActiveEvents,
        @DefaultValue("3") int cooldownDays,
        @DefaultValue("3") int eventDays) {

    public StabilityProperties {
        if (weights.size() != Pressure.values().length) {
            throw new IllegalArgumentException("world-engine.stability.weights needs one weight per pressure " + List.of(Pressure.values()));
        }
        if (eventChances.size() != ChaosLevel.values().length) {
            throw new IllegalArgumentException("world-engine.stability.event-chances needs one chance per chaos level");
        }
    }
}
