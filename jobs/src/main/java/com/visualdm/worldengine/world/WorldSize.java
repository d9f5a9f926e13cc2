package com.visualdm.worldengine.world;

import java.util.Locale;

/**
 * Size presets of a generated world: how many regions, places and people, and how busy two years of back-history
 * were. Roughly 2 thousand rows (tiny), 100 thousand (small), 1 million (medium), 10 million (large).
 *
 * @param regions regions of the world
 * @param hexRadius radius of each region's hex map (3r(r+1)+1 hexes)
 * @param factions factions
 * @param poisPerRegion points of interest per region
 * @param npcsPerPoi NPCs living at each POI
 * @param itemKinds item definitions
 * @param tradesPerMarketDay average trades a market made each day of back-history
 * @param historyPerDay average history records each day of back-history
 */
public enum WorldSize {
    TINY(3, 3, 3, 3, 4, 20, 0.08, 0.3),
    SMALL(8, 5, 6, 8, 24, 100, 0.9, 6),
    MEDIUM(24, 8, 10, 12, 60, 300, 2.4, 30),
    LARGE(64, 12, 16, 16, 100, 500, 7.2, 300);

    private final int regions;
    private final int hexRadius;
    private final int factions;
    private final int poisPerRegion;
    private final int npcsPerPoi;
    private final int itemKinds;
    private final double tradesPerMarketDay;
    private final double historyPerDay;

    WorldSize(int regions, int hexRadius, int factions, int poisPerRegion, int npcsPerPoi, int itemKinds,
              double tradesPerMarketDay, double historyPerDay) {
        this.regions = regions;
        this.hexRadius = hexRadius;
        this.factions = factions;
        this.poisPerRegion = poisPerRegion;
        this.npcsPerPoi = npcsPerPoi;
        this.itemKinds = itemKinds;
        this.tradesPerMarketDay = tradesPerMarketDay;
        this.historyPerDay = historyPerDay;
    }

    public int regions() {
        return regions;
    }

    public int hexRadius() {
        return hexRadius;
    }

    public int factions() {
        return factions;
    }

    public int poisPerRegion() {
        return poisPerRegion;
    }

    public int npcsPerPoi() {
        return npcsPerPoi;
    }

    public int itemKinds() {
        return itemKinds;
    }

    public double tradesPerMarketDay() {
        return tradesPerMarketDay;
    }

    public double historyPerDay() {
        return historyPerDay;
    }

    /** The name used on the command line and in the registry. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WorldSize ofLabel(String label) {
        for (WorldSize size : values()) {
            if (size.label().equals(label)) {
                return size;
            }
        }
        throw new IllegalArgumentException("unknown size '" + label + "'");
    }
}
