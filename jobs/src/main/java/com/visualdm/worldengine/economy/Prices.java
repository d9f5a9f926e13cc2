package com.visualdm.worldengine.economy;

import java.util.Map;

/**
 * The price rule (docs/rules.md): a good's price is its base value times the market's factor for its type, which
 * is the market's modifier x supply and demand (clamped) x cycle factor x danger factor x shortage factor x the
 * world's price level.
 */
final class Prices {

    /** The region resource each item type is made of; a type not listed is never short. */
    static final Map<String, String> RESOURCE_OF_TYPE = Map.of("consumable", "food", "weapon", "ore", "armor", "ore",
            "tool", "timber");

    /** What a market's factor for one item type depends on. {@code resource} is null when the type has none. */
    record Inputs(double modifier, double demand, double supply, double cycleFactor, int danger, Double resource,
                  double priceLevel) {
    }

    private final EconomyProperties properties;

    Prices(EconomyProperties properties) {
        this.properties = properties;
    }

    double factor(Inputs in) {
        return in.modifier() * supplyDemand(in.demand(), in.supply()) * in.cycleFactor()
                * (1 + properties.dangerPriceStep() * (Math.max(1, in.danger()) - 1))
                * (1 + properties.shortageStep() * shortageSeverity(in.resource()))
                * in.priceLevel();
    }

    /** Demand over supply, clamped; nothing on offer counts as the upper clamp. */
    double supplyDemand(double demand, double supply) {
        double ratio = supply <= 0 ? properties.maximumSupplyDemand() : demand / supply;
        return Math.max(properties.minimumSupplyDemand(), Math.min(properties.maximumSupplyDemand(), ratio));
    }

    /** 0 without shortage; below the threshold, 1 (just short) to 10 (none left). */
    int shortageSeverity(Double resource) {
        int threshold = properties.shortageThreshold();
        if (resource == null || resource >= threshold) {
            return 0;
        }
        return (int) Math.max(1, Math.ceil(10 * (threshold - Math.max(0, resource)) / threshold));
    }
}
