package com.visualdm.worldengine.population;

/**
 * The daily change of a population (docs/rules.md): population x yearly growth x climate x food factor / 360, where
 * the food factor follows the days of food the region holds. Below half a day of food the region starves and loses a
 * share of its people a day instead (the reference's factor 0.4 would still let a starving population grow).
 */
final class Growth {

    private final PopulationProperties properties;

    Growth(PopulationProperties properties) {
        this.properties = properties;
    }

    /** Days of eating the region's food would last; 0 without food, and plenty for nobody. */
    double daysOfFood(double food, double population) {
        return population <= 0 ? Double.MAX_VALUE : food / (population * properties.foodConsumedPerHead());
    }

    double foodFactor(double daysOfFood) {
        if (daysOfFood >= 2) {
            return 1.3;
        }
        if (daysOfFood >= 1) {
            return 1.0;
        }
        return 0.7;
    }

    boolean starving(double daysOfFood) {
        return daysOfFood < 0.5;
    }

    /** Relative change of the population in one day. */
    double dailyRate(String biome, double food, double population) {
        double days = daysOfFood(food, population);
        if (starving(days)) {
            return -properties.famineLoss();
        }
        return properties.yearlyGrowth() * properties.climate(biome) * foodFactor(days) / 360;
    }

    boolean poor(double daysOfFood) {
        return daysOfFood < 1;
    }

    boolean rich(double daysOfFood) {
        return daysOfFood >= 2;
    }
}
