package com.visualdm.worldengine.tick;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where and how strongly event effects land (docs/rules.md): a {@code local} event on its affected regions, a
 * {@code regional} one on them and outwards along the trade routes, each hop carrying {@code hopFactor} of the
 * previous strength until it falls below {@code minimumStrength} or after {@code maximumHops}, a {@code global}
 * one on every region. Magnitude scales with severity: severity 5 applies an effect as written. Plain Java over
 * sorted maps, so the same effects always sum in the same order to the same result.
 */
final class EffectPropagation {

    /** One number of one effect of one event: {@code name} is the resource or item type for object effects. */
    record EffectValue(String eventId, int severity, String scope, List<String> regions, List<String> factions,
                       EffectVocabulary effect, String name, double value) {
    }

    /** What to change, summed over every effect of the day. */
    static final class Changes {
        final SortedMap<String, Double> danger = new TreeMap<>();
        final SortedMap<String, Double> population = new TreeMap<>();
        final SortedMap<String, SortedMap<String, Double>> resources = new TreeMap<>();
        final SortedMap<String, SortedMap<String, Double>> priceFactors = new TreeMap<>();
        /** Faction pair "a|b" (a < b) to tension change. */
        final SortedMap<String, Double> tension = new TreeMap<>();
        double chaos;
    }

    private final double hopFactor;
    private final double minimumStrength;
    private final int maximumHops;
    private final double referenceSeverity;

    EffectPropagation(double hopFactor, double minimumStrength, int maximumHops, double referenceSeverity) {
        this.hopFactor = hopFactor;
        this.minimumStrength = minimumStrength;
        this.maximumHops = maximumHops;
        this.referenceSeverity = referenceSeverity;
    }

    Changes changes(Collection<EffectValue> effects, SortedMap<String, List<String>> routes) {
        Changes changes = new Changes();
        for (EffectValue effect : effects) {
            double scaled = effect.value() * Math.max(1, effect.severity()) / referenceSeverity;
            switch (effect.effect()) {
                case CHAOS -> changes.chaos += scaled;
                case FACTION_TENSION -> {
                    List<String> factions = effect.factions().stream().sorted().distinct().toList();
                    for (int a = 0; a < factions.size(); a++) {
                        for (int b = a + 1; b < factions.size(); b++) {
                            changes.tension.merge(factions.get(a) + "|" + factions.get(b), scaled, Double::sum);
                        }
                    }
                }
                default -> reach(effect, routes).forEach((region, strength) -> {
                    switch (effect.effect()) {
                        case REGION_DANGER -> changes.danger.merge(region, scaled * strength, Double::sum);
                        case POPULATION -> changes.population.merge(region, scaled * strength, Double::sum);
                        case RESOURCES -> changes.resources.computeIfAbsent(region, r -> new TreeMap<>())
                                .merge(effect.name(), scaled * strength, Double::sum);
                        case PRICE_MODIFIER -> changes.priceFactors.computeIfAbsent(region, r -> new TreeMap<>())
                                .merge(effect.name(), clampFactor(1 + (effect.value() - 1) * strength
                                        * Math.max(1, effect.severity()) / referenceSeverity), (a, b) -> clampFactor(a * b));
                        default -> throw new IllegalStateException("not a regional effect: " + effect.effect());
                    }
                });
            }
        }
        return changes;
    }

    /** A price factor stays within 0.1-10, as supply and demand do: a price never reaches zero. */
    static double clampFactor(double factor) {
        return Math.max(0.1, Math.min(10, factor));
    }

    /** Region to strength (the strongest way an effect gets there) for one effect. */
    SortedMap<String, Double> reach(EffectValue effect, SortedMap<String, List<String>> routes) {
        SortedMap<String, Double> strength = new TreeMap<>();
        if ("global".equals(effect.scope())) {
            routes.keySet().forEach(region -> strength.put(region, 1.0));
            return strength;
        }
        Deque<Map.Entry<String, Integer>> queue = new ArrayDeque<>();
        for (String region : effect.regions().stream().sorted().toList()) {
            if (routes.containsKey(region)) {
                strength.put(region, 1.0);
                queue.add(Map.entry(region, 0));
            }
        }
        if (!"regional".equals(effect.scope())) {
            return strength;
        }
        while (!queue.isEmpty()) {
            Map.Entry<String, Integer> here = queue.poll();
            double next = strength.get(here.getKey()) * hopFactor;
            if (here.getValue() >= maximumHops || next < minimumStrength) {
                continue;
            }
            for (String neighbour : routes.getOrDefault(here.getKey(), List.of()).stream().sorted().toList()) {
                if (routes.containsKey(neighbour) && strength.getOrDefault(neighbour, 0.0) < next) {
                    strength.put(neighbour, next);
                    queue.add(Map.entry(neighbour, here.getValue() + 1));
                }
            }
        }
        return strength;
    }
}
