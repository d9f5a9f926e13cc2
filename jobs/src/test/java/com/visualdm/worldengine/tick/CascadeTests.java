package com.visualdm.worldengine.tick;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.visualdm.worldengine.random.SeededRandom;

/** Cascades (docs/rules.md): which events start which, how often, how late, and where they stop. */
class CascadeTests {

    static List<Cascade.Spawn> spawns(String type, int severity, int depth, long key) {
        return Cascade.spawns(type, severity, depth, 3, 5, SeededRandom.of(42, "cascade", key));
    }

    @Test
    void theSameSourceAndSeedAlwaysStartTheSameEvents() {
        for (long key = 0; key < 50; key++) {
            assertThat(spawns("economic", 6, 0, key)).isEqualTo(spawns("economic", 6, 0, key));
        }
    }

    @Test
    void onlyCollapsesUpheavalsAndUnrestCascadeAndNeverDeeperThanTheLimit() {
        for (long key = 0; key < 200; key++) {
            assertThat(spawns("natural", 10, 0, key)).isEmpty();
            assertThat(spawns("economic", 10, 3, key)).isEmpty();
            assertThat(spawns("economic", 10, 0, key)).allSatisfy(spawn -> assertThat(spawn.cascade().sourceType).isEqualTo("economic"));
        }
    }

    @Test
    void probabilitiesFollowTheTableScaledBySeverity() {
        int trials = 20_000;
        int unrestAfterUpheavalAtSeverity5 = 0;
        int upheavalAfterUnrestAtSeverity2 = 0;
        for (long key = 0; key < trials; key++) {
            if (spawns("political", 5, 0, key).stream().anyMatch(s -> s.cascade() == Cascade.UNREST_AFTER_UPHEAVAL)) {
                unrestAfterUpheavalAtSeverity5++;
            }
            if (spawns("social", 2, 0, key).stream().anyMatch(s -> s.cascade() == Cascade.UPHEAVAL_AFTER_UNREST)) {
                upheavalAfterUnrestAtSeverity2++;
            }
        }
        assertThat(unrestAfterUpheavalAtSeverity5 / (double) trials).isBetween(0.86, 0.90); // min(1, 0.8 x 1.1)
        assertThat(upheavalAfterUnrestAtSeverity2 / (double) trials).isBetween(0.26, 0.30); // 0.4 x 0.7
    }

    @Test
    void delaysStayInTheirRangeAndConnectedRegionsGetOneSeverityLess() {
        for (long key = 0; key < 500; key++) {
            for (Cascade.Spawn spawn : spawns("economic", 9, 1, key)) {
                assertThat(spawn.delayDays()).isBetween(spawn.cascade().minimumDelay, spawn.cascade().maximumDelay);
                assertThat(spawn.severity()).isEqualTo(spawn.cascade().toConnectedRegion ? 8 : 9);
            }
        }
    }

    @Test
    void aSourceStartsAtMostTheLimitOfEvents() {
        for (long key = 0; key < 500; key++) {
            assertThat(Cascade.spawns("economic", 10, 0, 3, 2, SeededRandom.of(7, "cascade", key))).hasSizeLessThanOrEqualTo(2);
        }
    }
}
