package com.visualdm.worldengine.stability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Pressures, scores and event chances, without a database. */
class ChaosTests {

    static final StabilityProperties DEFAULTS = new StabilityProperties(List.of(0.25, 0.20, 0.15, 0.15, 0.15, 0.10), 0.02,
            List.of(0.1, 0.05, 0.15, 0.5, 0.8, 0.3), 0.3, 3, List.of(0.01, 0.05, 0.15, 0.35, 0.60), 3, 3, 3);

    final Chaos chaos = new Chaos(DEFAULTS);

    @Test
    void theScoreIsTheWeightedSumOfThePressures() {
        Map<Pressure, Double> all = new EnumMap<>(Pressure.class);
        for (Pressure pressure : Pressure.values()) {
            all.put(pressure, 1.0);
        }
        assertThat(chaos.score(all)).isCloseTo(1.0, within(1e-9));
        assertThat(chaos.score(Map.of(Pressure.FACTION_CONFLICT, 1.0, Pressure.MILITARY, 0.5))).isCloseTo(0.325, within(1e-9));
        assertThat(chaos.score(Map.of(Pressure.ECONOMIC, 7.0))).as("a pressure counts at most 1").isCloseTo(0.2, within(1e-9));
    }

    @Test
    void aPressureDecaysWhenNothingFeedsItAndFollowsWhatFeedsIt() {
        assertThat(Chaos.kept(0, 0.5, 0.02)).isCloseTo(0.49, within(1e-12));
        assertThat(Chaos.kept(0.7, 0.5, 0.02)).isEqualTo(0.7);
        assertThat(Chaos.kept(0.2, 0.5, 0)).as("a recomputation does not decay").isEqualTo(0.5);
    }

    @Test
    void theEventChanceFollowsTheChaosLevel() {
        assertThat(chaos.eventChance(0.1)).isEqualTo(0.01);
        assertThat(chaos.eventChance(0.3)).isEqualTo(0.05);
        assertThat(chaos.eventChance(0.65)).isEqualTo(0.15);
        assertThat(chaos.eventChance(0.8)).isEqualTo(0.35);
        assertThat(chaos.eventChance(0.96)).isEqualTo(0.60);
    }
}
