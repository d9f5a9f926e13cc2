package com.visualdm.worldengine.tick;

import java.util.ArrayList;
import java.util.List;

import com.visualdm.worldengine.random.SeededRandom;

/**
 * One event causing another (docs/rules.md): an economic collapse, political upheaval or social unrest (events
 * of type economic, political, social) may start another event after a delay, with a probability scaled by the
 * source's severity. {@link #spawns} is the judgement, a plain function of the seeded random generator.
 */
enum Cascade {
    UNREST_AFTER_COLLAPSE("economic", "social", 0.7, 1, 2, false),
    UPHEAVAL_AFTER_COLLAPSE("economic", "political", 0.5, 1, 3, false),
    UNREST_AFTER_UPHEAVAL("political", "social", 0.8, 0, 1, false),
    COLLAPSE_AFTER_UPHEAVAL("political", "economic", 0.6, 0, 1, false),
    UPHEAVAL_AFTER_UNREST("social", "political", 0.4, 0, 2, false),
    COLLAPSE_IN_CONNECTED_REGION("economic", "economic", 0.3, 1, 7, true);

    final String sourceType;
    final String targetType;
    final double probability;
    final int minimumDelay;
    final int maximumDelay;
    /** Lands in a region connected to the source's by a trade route, one severity lower. */
    final boolean toConnectedRegion;

    Cascade(String sourceType, String targetType, double probability, int minimumDelay, int maximumDelay,
            boolean toConnectedRegion) {
        this.sourceType = sourceType;
        this.targetType = targetType;
        this.probability = probability;
        this.minimumDelay = minimumDelay;
        this.maximumDelay = maximumDelay;
        this.toConnectedRegion = toConnectedRegion;
    }

    /** What the started event is called: a collapse, an upheaval or unrest. */
    String targetNoun() {
        return switch (targetType) {
            case "economic" -> "Economic collapse";
            case "political" -> "Political upheaval";
            default -> "Social unrest";
        };
    }

    /** A new event a cascade starts. */
    record Spawn(Cascade cascade, int delayDays, int severity) {
    }

    /** Severity multiplies the probability: x1.5 from 9, x1.3 from 7, x1.1 from 5, x0.7 below. */
    static double severityFactor(int severity) {
        return severity >= 9 ? 1.5 : severity >= 7 ? 1.3 : severity >= 5 ? 1.1 : 0.7;
    }

    /**
     * The events a source event of this type and severity starts, at most {@code maximumPerSource}, none once
     * the source is itself {@code maximumDepth} cascades deep. Draws from {@code random} in a fixed order.
     */
    static List<Spawn> spawns(String sourceType, int severity, int depth, int maximumDepth, int maximumPerSource,
                              SeededRandom random) {
        List<Spawn> spawns = new ArrayList<>();
        if (depth >= maximumDepth) {
            return spawns;
        }
        for (Cascade cascade : values()) {
            if (!cascade.sourceType.equals(sourceType) || spawns.size() >= maximumPerSource) {
                continue;
            }
            double roll = random.nextDouble();
            int delay = random.between(cascade.minimumDelay, cascade.maximumDelay);
            if (roll < Math.min(1.0, cascade.probability * severityFactor(severity))) {
                spawns.add(new Spawn(cascade, delay, Math.max(1, severity - (cascade.toConnectedRegion ? 1 : 0))));
            }
        }
        return spawns;
    }
}
