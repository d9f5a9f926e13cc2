package com.visualdm.worldengine.economy;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Constants of the economy's rules (docs/rules.md, "Economy"), under {@code world-engine.economy.*}.
 *
 * @param phaseDays days each phase of the economic cycle lasts, in the order of {@link EconomicPhase}
 * @param phaseFactors price factor of each phase, in the same order
 * @param inflationRate yearly inflation of a world whose economic conditions name none
 * @param minimumSupplyDemand lower clamp of the supply and demand factor
 * @param maximumSupplyDemand upper clamp of the supply and demand factor
 * @param demandPerBuyer units of each item type one person at the market wants in a day
 * @param shortageThreshold region resource units below which the goods made of it are short
 * @param shortageStep price increase per point of shortage severity (1 + step x severity)
 * @param dangerPriceStep price increase per danger level above 1
 * @param smallMarketTrades average trades a day of a tiny or small market, at the reference population
 * @param mediumMarketTrades the same for a medium market (and one of unknown size)
 * @param largeMarketTrades the same for a large or huge market
 * @param referencePopulation POI population at which a market trades its size's average
 * @param minimumPopulationFactor least factor of the POI population on the volume
 * @param maximumPopulationFactor greatest factor of the POI population on the volume
 * @param maximumQuantity most units of one good in one trade
 * @param saleShare share of trades in which a person sells goods to a merchant rather than buying
 * @param buyBackFactor share of the market price a merchant pays for goods bought from a person
 * @param restockPerDay units a merchant's stack of goods grows by each day (goods are made, not bought)
 * @param stockCap units a merchant's stack holds at most by restocking
 * @param tradeReputation change of buyer's and seller's reputation with the market's faction per trade
 * @param foodProducedPerHead food a region produces per inhabitant a day
 * @param foodPerFarm food a region produces per farm a day
 * @param foodConsumedPerHead food an inhabitant eats a day
 * @param foodSpoilage share of a region's food stock that spoils each day
 * @param oreProducedPerHead ore a region mines per inhabitant a day
 * @param oreConsumedPerHead ore an inhabitant uses up a day
 * @param timberProducedPerHead timber a region fells per inhabitant a day
 * @param timberConsumedPerHead timber an inhabitant uses up a day
 * @param materialLoss share of a region's ore and timber stock lost each day (wear, theft, rot)
 * @param resourceEventChange change of a region resource in a day (share of what it was) that is a depletion or
 *        abundance event
 * @param resourceEventMinimum least change in units that is such an event (small stocks swing by a larger share)
 * @param resourceEventDays days a depletion or abundance event lasts, from the day after the change
 * @param inflationDrift yearly change of the yearly inflation rate in each phase, in the order of {@link EconomicPhase}
 * @param minimumInflation lowest yearly inflation rate the drift reaches
 * @param maximumInflation highest yearly inflation rate the drift reaches
 * @param historySignificance significance of the economy's history records (phase changes, depletion, abundance)
 */
@ConfigurationProperties("world-engine.economy")
public record EconomyProperties(
        @DefaultValue({"60", "45", "30", "40", "35", "50"}) List<Integer> phaseDays,
        @DefaultValue({"1.0", "1.1", "1.3", "0.8", "0.6", "0.9"}) List<Double> phaseFactors,
        @DefaultValue("0.02") double inflationRate,
        @DefaultValue("0.1") double minimumSupplyDemand,
        @DefaultValue("10") double maximumSupplyDemand,
        @DefaultValue("0.2") double demandPerBuyer,
        @DefaultValue("10") int shortageThreshold,
        @DefaultValue("0.5") double shortageStep,
        @DefaultValue("0.05") double dangerPriceStep,
        @DefaultValue("2") double smallMarketTrades,
        @DefaultValue("4") double mediumMarketTrades,
        @DefaultValue("6") double largeMarketTrades,
        @DefaultValue("500") int referencePopulation,
        @DefaultValue("0.25") double minimumPopulationFactor,
        @DefaultValue("2") double maximumPopulationFactor,
        @DefaultValue("5") int maximumQuantity,
        @DefaultValue("0.25") double saleShare,
        @DefaultValue("0.5") double buyBackFactor,
        @DefaultValue("2") int restockPerDay,
        @DefaultValue("20") int stockCap,
        @DefaultValue("1") int tradeReputation,
        @DefaultValue("0.1") double foodProducedPerHead,
        @DefaultValue("5") double foodPerFarm,
        @DefaultValue("0.08") double foodConsumedPerHead,
        @DefaultValue("0.1") double foodSpoilage,
        @DefaultValue("0.011") double oreProducedPerHead,
        @DefaultValue("0.01") double oreConsumedPerHead,
        @DefaultValue("0.012") double timberProducedPerHead,
        @DefaultValue("0.01") double timberConsumedPerHead,
        @DefaultValue("0.01") double materialLoss,
        @DefaultValue("0.2") double resourceEventChange,
        @DefaultValue("10") int resourceEventMinimum,
        @DefaultValue("3") int resourceEventDays,
        @DefaultValue({"0", "0.01", "0.03", "-0.01", "-0.03", "0"}) List<Double> inflationDrift,
        @DefaultValue("-0.02") double minimumInflation,
        @DefaultValue("0.1") double maximumInflation,
        @DefaultValue("5") int historySignificance) {

    public EconomyProperties {
        int phases = EconomicPhase.values().length;
        if (phaseDays.size() != phases || phaseFactors.size() != phases || inflationDrift.size() != phases) {
            throw new IllegalArgumentException("world-engine.economy.phase-days, phase-factors and inflation-drift need one value per phase "
                    + List.of(EconomicPhase.values()));
        }
    }

    /** The region resources the economy phase produces and consumes, food first. */
    List<RegionResource> regionResources() {
        return List.of(
                new RegionResource("food", foodProducedPerHead, foodConsumedPerHead, "farms", foodPerFarm, foodSpoilage),
                new RegionResource("ore", oreProducedPerHead, oreConsumedPerHead, null, 0, materialLoss),
                new RegionResource("timber", timberProducedPerHead, timberConsumedPerHead, null, 0, materialLoss));
    }

    double inflationDrift(EconomicPhase phase) {
        return inflationDrift.get(phase.ordinal());
    }

    int days(EconomicPhase phase) {
        return phaseDays.get(phase.ordinal());
    }

    double factor(EconomicPhase phase) {
        return phaseFactors.get(phase.ordinal());
    }
}
