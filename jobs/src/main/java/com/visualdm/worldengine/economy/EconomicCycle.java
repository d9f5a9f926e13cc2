package com.visualdm.worldengine.economy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Where the economic cycle stands on a day: a phase moves on once it has lasted its days; the price level grows by
 * the yearly inflation spread over the 360 days of the year.
 */
final class EconomicCycle {

    /** The state kept in world_state_entities.economic_conditions. */
    record State(EconomicPhase phase, int phaseStartedDay, BigDecimal inflationRate, BigDecimal priceLevel) {
    }

    private final EconomyProperties properties;

    EconomicCycle(EconomyProperties properties) {
        this.properties = properties;
    }

    /** The state after the given day. A phase longer than its days moves on by one phase a day until it catches up. */
    State advance(State state, int day) {
        EconomicPhase phase = state.phase();
        int started = state.phaseStartedDay();
        if (day - started >= properties.days(phase)) {
            phase = phase.next();
            started = day;
        }
        double daily = Math.pow(1 + state.inflationRate().doubleValue(), 1.0 / 360);
        BigDecimal level = state.priceLevel().multiply(new BigDecimal(daily, MathContext.DECIMAL64))
                .setScale(6, RoundingMode.HALF_EVEN);
        return new State(phase, started, state.inflationRate(), level);
    }

    double priceFactor(EconomicPhase phase) {
        return properties.factor(phase);
    }
}
