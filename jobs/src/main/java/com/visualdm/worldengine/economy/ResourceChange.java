package com.visualdm.worldengine.economy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A region resource's change over a day, and whether it is a depletion or abundance event (docs/rules.md,
 * "Region resources"): a change over the threshold share of what the region held, and of at least the minimum units. A depletion's severity is the
 * share lost in tenths, rounded up (1–10); an abundance is good news, severity 1.
 */
record ResourceChange(String region, String regionName, String resource, BigDecimal before, BigDecimal after) {

    enum Kind { DEPLETION, ABUNDANCE }

    boolean isEvent(double threshold, int minimum) {
        BigDecimal change = after.subtract(before).abs();
        return before.signum() > 0 && change.compareTo(BigDecimal.valueOf(minimum)) >= 0
                && change.compareTo(before.multiply(BigDecimal.valueOf(threshold))) > 0;
    }

    Kind kind() {
        return after.compareTo(before) < 0 ? Kind.DEPLETION : Kind.ABUNDANCE;
    }

    int severity() {
        if (kind() == Kind.ABUNDANCE) {
            return 1;
        }
        BigDecimal tenths = before.subtract(after).multiply(BigDecimal.TEN).divide(before, MathContext.DECIMAL64);
        return Math.max(1, Math.min(10, tenths.setScale(0, RoundingMode.CEILING).intValueExact()));
    }

    String label() {
        return kind().name().toLowerCase(Locale.ROOT);
    }

    String title() {
        return capitalized() + (kind() == Kind.DEPLETION ? " depleted in " : " abundant in ") + regionName;
    }

    String description() {
        return capitalized() + " went from " + before.toPlainString()
                + " to " + after.toPlainString() + " in a day.";
    }

    private String capitalized() {
        return Character.toUpperCase(resource.charAt(0)) + resource.substring(1);
    }
}
