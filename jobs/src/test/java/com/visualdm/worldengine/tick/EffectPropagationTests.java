package com.visualdm.worldengine.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** Where event effects land and how strongly (docs/rules.md), on a line of regions a - b - c - d. */
class EffectPropagationTests {

    static final SortedMap<String, List<String>> LINE = new TreeMap<>(java.util.Map.of(
            "a", List.of("b"), "b", List.of("a", "c"), "c", List.of("b", "d"), "d", List.of("c")));

    final EffectPropagation rules = new EffectPropagation(0.3, 0.1, 3, 5);

    static EffectPropagation.EffectValue effect(String scope, int severity, EffectVocabulary kind, String name, double value,
                                                List<String> regions) {
        return new EffectPropagation.EffectValue("e1", severity, scope, regions, List.of("f1", "f2"), kind, name, value);
    }

    @Test
    void aRegionalEffectLosesSeventyPercentPerHopAndStopsBelowATenth() {
        SortedMap<String, Double> reach = rules.reach(effect("regional", 5, EffectVocabulary.REGION_DANGER, null, 1, List.of("a")), LINE);
        assertThat(reach).containsOnlyKeys("a", "b");
        assertThat(reach.get("a")).isEqualTo(1.0);
        assertThat(reach.get("b")).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void hopsStopAtTheMaximumEvenWhenStrengthRemains() {
        EffectPropagation farReaching = new EffectPropagation(0.9, 0.1, 2, 5);
        assertThat(farReaching.reach(effect("regional", 5, EffectVocabulary.REGION_DANGER, null, 1, List.of("a")), LINE))
                .containsOnlyKeys("a", "b", "c");
    }

    @Test
    void localEffectsStayAndGlobalOnesReachEveryRegion() {
        assertThat(rules.reach(effect("local", 5, EffectVocabulary.REGION_DANGER, null, 1, List.of("c")), LINE)).containsOnlyKeys("c");
        assertThat(rules.reach(effect("global", 5, EffectVocabulary.REGION_DANGER, null, 1, List.of()), LINE))
                .containsOnlyKeys("a", "b", "c", "d").allSatisfy((region, strength) -> assertThat(strength).isEqualTo(1.0));
    }

    @Test
    void magnitudeScalesWithSeverityAndEffectsAddUp() {
        var changes = rules.changes(List.of(
                effect("regional", 10, EffectVocabulary.REGION_DANGER, null, 2, List.of("a")),
                effect("local", 5, EffectVocabulary.REGION_DANGER, null, 1, List.of("b")),
                effect("local", 5, EffectVocabulary.RESOURCES, "food", -20, List.of("a")),
                effect("local", 10, EffectVocabulary.CHAOS, null, 3, List.of()),
                effect("local", 5, EffectVocabulary.FACTION_TENSION, null, 15, List.of())), LINE);
        assertThat(changes.danger.get("a")).isCloseTo(4.0, within(1e-9));
        assertThat(changes.danger.get("b")).isCloseTo(4 * 0.3 + 1, within(1e-9));
        assertThat(changes.resources.get("a").get("food")).isCloseTo(-20, within(1e-9));
        assertThat(changes.chaos).isCloseTo(6, within(1e-9));
        assertThat(changes.tension).containsEntry("f1|f2", 15.0);
    }

    @Test
    void priceFactorsFadeWithDistanceAndMultiply() {
        var changes = rules.changes(List.of(
                effect("regional", 5, EffectVocabulary.PRICE_MODIFIER, "food", 1.5, List.of("a")),
                effect("local", 5, EffectVocabulary.PRICE_MODIFIER, "food", 1.2, List.of("a"))), LINE);
        assertThat(changes.priceFactors.get("a").get("food")).isCloseTo(1.5 * 1.2, within(1e-9));
        assertThat(changes.priceFactors.get("b").get("food")).isCloseTo(1 + 0.5 * 0.3, within(1e-9));
    }

    @Test
    void regionsOutsideTheWorldAreIgnored() {
        assertThat(rules.reach(effect("regional", 5, EffectVocabulary.REGION_DANGER, null, 1, List.of("nowhere")), LINE)).isEmpty();
    }
}
