package com.visualdm.worldengine.faction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Influence over regions (docs/rules.md, "Influence and control"): a faction's influence in a region drifts each
 * day towards its presence there, and control passes to the most influential faction once it leads the controller
 * by the margin, so that two factions of about equal influence do not trade a region back and forth.
 */
final class Influence {

    private final FactionProperties properties;

    Influence(FactionProperties properties) {
        this.properties = properties;
    }

    /** Presence in 0–1: members' share of the region's living people and the headquarters, scaled by stability. */
    BigDecimal target(double stability, double memberShare, boolean headquarters) {
        double presence = properties.memberInfluence() * memberShare + (headquarters ? properties.headquartersInfluence() : 0);
        return BigDecimal.valueOf(Math.max(0, Math.min(1, stability * presence))).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** Influence after a day: towards the target by at most the daily step, in hundredths. */
    BigDecimal drift(BigDecimal influence, BigDecimal target) {
        BigDecimal step = BigDecimal.valueOf(properties.influenceStep());
        BigDecimal moved = target.compareTo(influence) > 0 ? influence.add(step).min(target) : influence.subtract(step).max(target);
        return moved.setScale(2, RoundingMode.HALF_EVEN);
    }

    /**
     * Who controls the region after the day: the most influential faction (the smaller id on a tie) if its influence
     * exceeds the controller's (0 without one) by the margin; otherwise the controller stays (null stays null).
     */
    String controller(String current, Map<String, BigDecimal> influence) {
        String leader = null;
        for (Map.Entry<String, BigDecimal> entry : influence.entrySet()) {
            if (leader == null || entry.getValue().compareTo(influence.get(leader)) > 0
                    || entry.getValue().compareTo(influence.get(leader)) == 0 && entry.getKey().compareTo(leader) < 0) {
                leader = entry.getKey();
            }
        }
        if (leader == null || leader.equals(current)) {
            return current;
        }
        BigDecimal held = current == null ? BigDecimal.ZERO : influence.getOrDefault(current, BigDecimal.ZERO);
        return influence.get(leader).subtract(held).compareTo(BigDecimal.valueOf(properties.controlMargin())) >= 0 ? leader : current;
    }
}
