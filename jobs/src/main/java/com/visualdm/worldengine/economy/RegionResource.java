package com.visualdm.worldengine.economy;

/**
 * A numeric entry of {@code region_entities.resource_abundance} that the economy phase moves each day: the stock
 * loses {@code loss} of itself, gains population x (produced - consumed) per head, and {@code perSite} units per
 * unit of the entry {@code site} (farms for food; null when nothing but people produce it).
 */
record RegionResource(String name, double producedPerHead, double consumedPerHead, String site, double perSite,
                      double loss) {
}
