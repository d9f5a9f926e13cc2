package com.visualdm.worldengine.faction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.visualdm.worldengine.random.SeededRandom;

/** Wars and faction stability, without a database. */
class FactionRulesTests {

    static final FactionProperties DEFAULTS = new FactionProperties(1, 70, -50, 0, 10, 30, 0.3, 1.2, 3, 0.15, 0.3, 40,
            0.1, 0.7, 0.3, 0.01, 0.5, 0.2, 7, 7);

    @Test
    void stabilityWeighsTheLeadersHiddenAttributes() {
        Map<String, Double> steady = Map.of("discipline", 6.0, "integrity", 6.0, "resilience", 6.0, "impulsivity", 0.0,
                "ambition", 3.0);
        assertThat(FactionStability.of(steady)).isCloseTo(1.0, within(1e-9));
        Map<String, Double> wild = Map.of("discipline", 0.0, "integrity", 0.0, "resilience", 0.0, "impulsivity", 6.0,
                "ambition", 6.0);
        assertThat(FactionStability.of(wild)).isCloseTo(0.0, within(1e-9));
        // 0.3 x 0.5 + 0.25 x 0.5 + 0.25 x 0.5 + 0.1 x 0.5 + 0.1 x 1 (ambition 0.5 is under 0.7)
        assertThat(FactionStability.of(Map.of())).isCloseTo(0.55, within(1e-9));
    }

    @Test
    void aMuchStrongerSideWinsTheWarByThreeBattlesAndTakesTheDecisiveShare() {
        War war = new War("a", "b", 0, 30, 0, 0);
        int day = 0;
        War.Day today;
        do {
            day++;
            today = war.fight(SeededRandom.of(3, "war", day), day, 1_000_000, 1, DEFAULTS);
            war = today.war();
        } while (!today.ended());
        assertThat(day).isLessThan(30);
        assertThat(war.winsA() - war.winsB()).isEqualTo(3);
        assertThat(war.winner()).isEqualTo("a");
        assertThat(war.loser()).isEqualTo("b");
        assertThat(war.transferShare(DEFAULTS)).isEqualTo(0.3);
        assertThat(new War("a", "b", 0, 30, 4, 1).transferShare(DEFAULTS)).isEqualTo(0.15);
    }

    @Test
    void aWarEndsOnItsLastDayAndATieHasNoWinner() {
        War.Day last = new War("a", "b", 0, 10, 1, 1).fight(SeededRandom.of(1, "no battle"), 10, 1, 1,
                new FactionProperties(1, 70, -50, 0, 10, 30, 0.0, 1.2, 3, 0.15, 0.3, 40, 0.1, 0.7, 0.3, 0.01, 0.5, 0.2, 7, 7));
        assertThat(last.battle()).isFalse();
        assertThat(last.ended()).isTrue();
        assertThat(last.war().winner()).isNull();
    }

    @Test
    void influenceDriftsTowardsPresenceByAtMostTheDailyStep() {
        Influence influence = new Influence(DEFAULTS);
        assertThat(influence.target(1.0, 1.0, true)).isEqualByComparingTo("1.00");
        assertThat(influence.target(0.5, 0.5, false)).as("0.5 x 0.7 x 0.5").isEqualByComparingTo("0.18");
        assertThat(influence.target(0.8, 0, false)).as("no presence").isEqualByComparingTo("0");
        assertThat(influence.drift(new BigDecimal("0.50"), new BigDecimal("1.00"))).isEqualByComparingTo("0.51");
        assertThat(influence.drift(new BigDecimal("0.50"), BigDecimal.ZERO)).isEqualByComparingTo("0.49");
        assertThat(influence.drift(new BigDecimal("0.505"), new BigDecimal("0.51"))).as("not past the target").isEqualByComparingTo("0.51");
        assertThat(influence.drift(BigDecimal.ZERO, BigDecimal.ZERO)).isEqualByComparingTo("0");
    }

    @Test
    void controlPassesOnlyToAFactionLeadingTheControllerByTheMargin() {
        Influence influence = new Influence(DEFAULTS);
        assertThat(influence.controller("a", Map.of("a", new BigDecimal("0.40"), "b", new BigDecimal("0.59"))))
                .as("a lead under 0.2 keeps the controller").isEqualTo("a");
        assertThat(influence.controller("a", Map.of("a", new BigDecimal("0.40"), "b", new BigDecimal("0.60")))).isEqualTo("b");
        assertThat(influence.controller("b", Map.of("a", new BigDecimal("0.50"), "b", new BigDecimal("0.40"))))
                .as("hysteresis: the old controller does not take it straight back").isEqualTo("b");
        assertThat(influence.controller(null, Map.of("a", new BigDecimal("0.19")))).isNull();
        assertThat(influence.controller(null, Map.of("b", new BigDecimal("0.30"), "a", new BigDecimal("0.30"))))
                .as("a tie goes to the smaller id").isEqualTo("a");
    }
}
