package com.visualdm.worldengine.population;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Constants of the population and POI rules (docs/rules.md, "Population and places"), under
 * {@code world-engine.population.*}.
 *
 * @param yearlyGrowth yearly growth of a population before climate and food (0.02 = 2 %)
 * @param tropical climate factor of a tropical region (likewise the four below; any other biome counts 1)
 * @param temperate climate factor of a temperate region
 * @param arid climate factor of an arid region
 * @param arctic climate factor of an arctic region
 * @param magical climate factor of a magical region
 * @param foodConsumedPerHead food an inhabitant eats a day, for the days of food a region holds
 * @param famineLoss share of the population lost each day in a region with less than half a day of food
 * @param decliningBelow share of capacity below which a poorly fed place declines
 * @param growingAbove share of capacity above which a richly fed place grows
 * @param repopulatedAt share of capacity at which a repopulating place is active again
 * @param ruinsAfterDays days abandoned after which a place is in ruins
 * @param investmentCents money (hundredths) the controlling faction spends to repopulate an abandoned place
 * @param settlersPerDay people moving into a repopulating place each day
 * @param historySignificance significance of the history record of a place changing state
 */
@ConfigurationProperties("world-engine.population")
public record PopulationProperties(
        @DefaultValue("0.02") double yearlyGrowth,
        @DefaultValue("1.2") double tropical,
        @DefaultValue("1.0") double temperate,
        @DefaultValue("0.8") double arid,
        @DefaultValue("0.6") double arctic,
        @DefaultValue("1.1") double magical,
        @DefaultValue("0.08") double foodConsumedPerHead,
        @DefaultValue("0.002") double famineLoss,
        @DefaultValue("0.3") double decliningBelow,
        @DefaultValue("0.9") double growingAbove,
        @DefaultValue("0.1") double repopulatedAt,
        @DefaultValue("365") int ruinsAfterDays,
        @DefaultValue("50000") long investmentCents,
        @DefaultValue("2") int settlersPerDay,
        @DefaultValue("5") int historySignificance) {

    double climate(String biome) {
        return switch (biome == null ? "" : biome) {
            case "tropical" -> tropical;
            case "temperate" -> temperate;
            case "arid" -> arid;
            case "arctic" -> arctic;
            case "magical" -> magical;
            default -> 1.0;
        };
    }
}
