package com.visualdm.worldengine.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.visualdm.worldengine.random.SeededRandom;

/** The economy's judgement rules, without a database. */
class EconomyRulesTests {

    static final EconomyProperties DEFAULTS = new EconomyProperties(List.of(60, 45, 30, 40, 35, 50),
            List.of(1.0, 1.1, 1.3, 0.8, 0.6, 0.9), 0.02, 0.1, 10, 0.2, 10, 0.5, 0.05, 2, 4, 6, 500, 0.25, 2, 5, 0.25, 0.5, 2, 20, 1,
            0.1, 5, 0.08, 0.1, 0.011, 0.01, 0.012, 0.01, 0.01, 0.2, 10, 3, List.of(0.0, 0.01, 0.03, -0.01, -0.03, 0.0), -0.02,
            0.1, 5);

    final Prices prices = new Prices(DEFAULTS);

    @Test
    void thePriceFactorMultipliesModifierSupplyAndDemandCycleDangerShortageAndPriceLevel() {
        // 1.2 x (10 / 20) x 1.3 x (1 + 0.05 x 2) x 1 x 1.01
        assertThat(prices.factor(new Prices.Inputs(1.2, 10, 20, 1.3, 3, 500.0, 1.01)))
                .isCloseTo(1.2 * 0.5 * 1.3 * 1.1 * 1.01, within(1e-9));
    }

    @Test
    void supplyAndDemandIsClampedAndNothingOnOfferCountsAsTheUpperClamp() {
        assertThat(prices.supplyDemand(1000, 1)).isEqualTo(10);
        assertThat(prices.supplyDemand(1, 1000)).isEqualTo(0.1);
        assertThat(prices.supplyDemand(5, 0)).isEqualTo(10);
    }

    @Test
    void aShortageRaisesPricesByHalfItsSeverityAndMoreTheLessIsLeft() {
        assertThat(prices.shortageSeverity(null)).isZero();
        assertThat(prices.shortageSeverity(10.0)).isZero();
        assertThat(prices.shortageSeverity(9.0)).isEqualTo(1);
        assertThat(prices.shortageSeverity(0.0)).isEqualTo(10);
        double plenty = prices.factor(new Prices.Inputs(1, 1, 1, 1, 1, 100.0, 1));
        double none = prices.factor(new Prices.Inputs(1, 1, 1, 1, 1, 0.0, 1));
        assertThat(none / plenty).isCloseTo(1 + 0.5 * 10, within(1e-9));
    }

    @Test
    void theCycleMovesOnWhenAPhaseHasLastedItsDaysAndInflationCompoundsDaily() {
        EconomicCycle cycle = new EconomicCycle(DEFAULTS);
        EconomicCycle.State stable = new EconomicCycle.State(EconomicPhase.STABLE, 100, new BigDecimal("0.02"), BigDecimal.ONE);
        assertThat(cycle.advance(stable, 159).phase()).isEqualTo(EconomicPhase.STABLE);
        EconomicCycle.State next = cycle.advance(stable, 160);
        assertThat(next.phase()).isEqualTo(EconomicPhase.GROWTH);
        assertThat(next.phaseStartedDay()).isEqualTo(160);
        EconomicCycle.State state = stable;
        for (int day = 101; day <= 159; day++) {
            state = cycle.advance(state, day);
        }
        assertThat(state.inflationRate()).as("no drift while stable").isEqualByComparingTo("0.02");
        assertThat(state.priceLevel().doubleValue()).as("59 days of 2 %% a year")
                .isCloseTo(Math.pow(1.02, 59 / 360.0), within(1e-5));
        assertThat(EconomicPhase.RECOVERY.next()).isEqualTo(EconomicPhase.STABLE);
        assertThat(DEFAULTS.factor(EconomicPhase.BOOM)).isEqualTo(1.3);
        assertThat(DEFAULTS.factor(EconomicPhase.BUST)).isEqualTo(0.6);
    }

    @Test
    void inflationRisesInABoomFallsInABustStaysPutWhenStableAndKeepsWithinItsBounds() {
        EconomicCycle cycle = new EconomicCycle(DEFAULTS);
        BigDecimal two = new BigDecimal("0.02");
        // Day 10 of phases lasting 30 or more days: the phase does not move on.
        assertThat(cycle.advance(new EconomicCycle.State(EconomicPhase.BOOM, 0, two, BigDecimal.ONE), 10).inflationRate())
                .as("+3 %% a year spread over 360 days").isEqualByComparingTo("0.020083");
        assertThat(cycle.advance(new EconomicCycle.State(EconomicPhase.BUST, 0, two, BigDecimal.ONE), 10).inflationRate())
                .isEqualByComparingTo("0.019917");
        assertThat(cycle.advance(new EconomicCycle.State(EconomicPhase.STABLE, 0, two, BigDecimal.ONE), 10).inflationRate())
                .isEqualByComparingTo(two);
        assertThat(cycle.advance(new EconomicCycle.State(EconomicPhase.BOOM, 0, new BigDecimal("0.1"), BigDecimal.ONE), 10)
                .inflationRate()).as("at most 10 %%").isEqualByComparingTo("0.1");
        assertThat(cycle.advance(new EconomicCycle.State(EconomicPhase.BUST, 0, new BigDecimal("-0.02"), BigDecimal.ONE), 10)
                .inflationRate()).as("at least -2 %%").isEqualByComparingTo("-0.02");
        EconomicCycle.State falling = cycle.advance(new EconomicCycle.State(EconomicPhase.BUST, 0, new BigDecimal("-0.02"),
                BigDecimal.ONE), 10);
        assertThat(falling.priceLevel()).as("deflation lowers the price level").isLessThan(BigDecimal.ONE);
    }

    @Test
    void aChangeOverAFifthInADayIsADepletionOrAbundanceAndADepletionsSeverityIsTheShareLostInTenths() {
        ResourceChange drop = new ResourceChange("r", "Vale", "food", new BigDecimal("100"), new BigDecimal("75"));
        assertThat(drop.isEvent(0.2, 10)).isTrue();
        assertThat(drop.kind()).isEqualTo(ResourceChange.Kind.DEPLETION);
        assertThat(drop.severity()).as("25 %% lost: 2.5 tenths, rounded up").isEqualTo(3);
        assertThat(drop.title()).isEqualTo("Food depleted in Vale");
        assertThat(new ResourceChange("r", "Vale", "ore", new BigDecimal("100"), BigDecimal.ZERO).severity()).isEqualTo(10);
        assertThat(new ResourceChange("r", "Vale", "ore", new BigDecimal("100"), new BigDecimal("80")).isEvent(0.2, 10))
                .as("exactly a fifth is not over it").isFalse();
        ResourceChange rise = new ResourceChange("r", "Vale", "timber", new BigDecimal("100"), new BigDecimal("121"));
        assertThat(rise.isEvent(0.2, 10)).isTrue();
        assertThat(rise.kind()).isEqualTo(ResourceChange.Kind.ABUNDANCE);
        assertThat(rise.severity()).isEqualTo(1);
        assertThat(new ResourceChange("r", "Vale", "ore", new BigDecimal("20"), new BigDecimal("29")).isEvent(0.2, 10))
                .as("45 %% but under 10 units").isFalse();
        assertThat(new ResourceChange("r", "Vale", "ore", BigDecimal.ZERO, new BigDecimal("50")).isEvent(0.2, 10))
                .as("from nothing there is no share").isFalse();
    }

    @Test
    void everyNumericResourceOfTheGeneratorHasARuleAndGoodsMapToThem() {
        assertThat(DEFAULTS.regionResources()).extracting(RegionResource::name).containsExactly("food", "ore", "timber");
        assertThat(Prices.RESOURCE_OF_TYPE).containsEntry("consumable", "food").containsEntry("weapon", "ore")
                .containsEntry("armor", "ore").containsEntry("tool", "timber").doesNotContainKey("treasure");
    }

    @Test
    void aMarketDayNeverGivesMoreThanAStackHoldsNorTakesMoreThanABuyerCanPay() {
        MarketDay day = new MarketDay(5, 0.25, 0.5);
        List<MarketDay.Stack> stock = List.of(new MarketDay.Stack("s1", "m1", "i1", "tool", 1000, 3),
                new MarketDay.Stack("s2", "m1", "i2", "consumable", 50, 20));
        List<MarketDay.Stack> holdings = List.of(new MarketDay.Stack("h1", "b2", "i3", "weapon", 2000, 2));
        Map<String, Long> gold = Map.of("b1", 2500L, "b2", 100_000L, "m1", 5000L);
        List<MarketDay.Trade> trades = day.trade(SeededRandom.of(1, "test"), 40, stock, List.of("b1", "b2"), holdings, gold,
                Map.of("tool", 1.5, "consumable", 1.0, "weapon", 1.0), new BigDecimal("0.1"));
        assertThat(trades).extracting(MarketDay.Trade::type).contains(MarketDay.TradeType.PURCHASE, MarketDay.TradeType.SALE);
        for (String stack : List.of("s1", "s2", "h1")) {
            int held = stack.equals("s1") ? 3 : stack.equals("s2") ? 20 : 2;
            assertThat(trades.stream().filter(t -> t.from().id().equals(stack)).mapToInt(MarketDay.Trade::quantity).sum())
                    .as("units out of " + stack).isLessThanOrEqualTo(held);
        }
        assertThat(trades.stream().filter(t -> t.buyer().equals("b1")).mapToLong(MarketDay.Trade::valueCents).sum()).isLessThanOrEqualTo(2500);
        for (MarketDay.Trade trade : trades) {
            if (trade.type() == MarketDay.TradeType.SALE) {
                assertThat(trade.buyer()).isEqualTo("m1");
                assertThat(trade.seller()).isEqualTo("b2");
                assertThat(trade.unitCents()).as("a merchant pays half the price").isEqualTo(1000);
            } else {
                assertThat(trade.seller()).isEqualTo("m1");
                assertThat(trade.unitCents()).isEqualTo(trade.from().id().equals("s1") ? 1500 : 50);
            }
            assertThat(trade.valueCents()).isEqualTo(trade.unitCents() * trade.quantity());
            assertThat(trade.taxCents()).isEqualTo(Math.round(trade.valueCents() * 0.1));
        }
        assertThat(day.trade(SeededRandom.of(1, "test"), 40, stock, List.of("b1", "b2"), holdings, gold,
                Map.of("tool", 1.5, "consumable", 1.0, "weapon", 1.0), new BigDecimal("0.1")))
                .as("the same draws, the same trades").isEqualTo(trades);
    }
}
