package com.visualdm.worldengine.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Growth and place states, without a database. */
class PopulationRulesTests {

    static final PopulationProperties DEFAULTS = new PopulationProperties(0.02, 1.2, 1.0, 0.8, 0.6, 1.1, 0.08, 0.002,
            0.3, 0.9, 0.1, 365, 50_000, 2, 5);

    final Growth growth = new Growth(DEFAULTS);

    @Test
    void growthFollowsClimateAndDaysOfFood() {
        // 1000 people eat 80 a day: 400 food is 5 days (x 1.3), 100 is 1.25 days (x 1.0), 50 is 0.625 (x 0.7).
        assertThat(growth.dailyRate("temperate", 400, 1000)).isCloseTo(0.02 * 1.0 * 1.3 / 360, within(1e-12));
        assertThat(growth.dailyRate("tropical", 100, 1000)).isCloseTo(0.02 * 1.2 * 1.0 / 360, within(1e-12));
        assertThat(growth.dailyRate("arctic", 50, 1000)).isCloseTo(0.02 * 0.6 * 0.7 / 360, within(1e-12));
        assertThat(growth.dailyRate("unknown", 400, 1000)).isCloseTo(0.02 * 1.3 / 360, within(1e-12));
    }

    @Test
    void aPopulationWithoutFoodDeclines() {
        assertThat(growth.dailyRate("temperate", 0, 1000)).isEqualTo(-0.002);
        assertThat(growth.dailyRate("tropical", 30, 1000)).as("under half a day of food").isEqualTo(-0.002);
    }

    @Test
    void placesMoveOneStateADay() {
        assertThat(PoiState.ACTIVE.next(20, 100, true, false, 5, false, DEFAULTS)).isEqualTo(PoiState.DECLINING);
        assertThat(PoiState.ACTIVE.next(20, 100, false, false, 5, false, DEFAULTS)).as("small but fed").isEqualTo(PoiState.ACTIVE);
        assertThat(PoiState.ACTIVE.next(95, 100, false, true, 5, false, DEFAULTS)).isEqualTo(PoiState.GROWING);
        assertThat(PoiState.GROWING.next(80, 100, false, true, 5, false, DEFAULTS)).isEqualTo(PoiState.ACTIVE);
        assertThat(PoiState.DECLINING.next(0, 100, true, false, 5, false, DEFAULTS)).isEqualTo(PoiState.ABANDONED);
        assertThat(PoiState.ABANDONED.next(0, 100, true, false, 364, false, DEFAULTS)).isEqualTo(PoiState.ABANDONED);
        assertThat(PoiState.ABANDONED.next(0, 100, true, false, 10, true, DEFAULTS)).isEqualTo(PoiState.REPOPULATING);
        assertThat(PoiState.ABANDONED.next(0, 100, true, false, 365, true, DEFAULTS)).isEqualTo(PoiState.RUINS);
        assertThat(PoiState.REPOPULATING.next(9, 100, false, false, 3, false, DEFAULTS)).isEqualTo(PoiState.REPOPULATING);
        assertThat(PoiState.REPOPULATING.next(10, 100, false, false, 3, false, DEFAULTS)).isEqualTo(PoiState.ACTIVE);
        assertThat(PoiState.RUINS.next(50, 100, false, true, 3, true, DEFAULTS)).isEqualTo(PoiState.RUINS);
    }
}
