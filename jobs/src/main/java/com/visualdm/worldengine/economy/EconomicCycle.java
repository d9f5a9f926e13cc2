package com.visualdm.worldengine.economy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import com.visualdm.worldengine.calendar.GameDate;

/**
 * Where the economic cycle stands on a day: a phase moves on once it has lasted its days; the yearly inflation rate
 * drifts by the phase's yearly drift spread over the 360 days of the year, kept within its bounds; the price level
 * grows by that rate spread the same way.
 */
final class EconomicCycle {

    /** The state kept in world_state_entities.economic_conditions. */
    record State(EconomicPhase phase, int phaseStartedDay, BigDecimal inflationRate, BigDecimal priceLevel) {
    }

    private static final BigDecimal DAYS_PER_YEAR = BigDecimal.valueOf(GameDate.DAYS_PER_YEAR);

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
        BigDecimal inflation = state.inflationRate()
                .add(BigDecimal.valueOf(properties.inflationDrift(phase)).divide(DAYS_PER_YEAR, MathContext.DECIMAL64))
                .max(BigDecimal.valueOf(properties.minimumInflation())).min(BigDecimal.valueOf(properties.maximumInflation()))
                .setScale(6, RoundingMode.HALF_EVEN);
        double daily = Math.pow(1 + inflation.doubleValue(), 1.0 / GameDate.DAYS_PER_YEAR);
        BigDecimal level = state.priceLevel().multiply(new BigDecimal(daily, MathContext.DECIMAL64))
                .setScale(6, RoundingMode.HALF_EVEN);
        return new State(phase, started, inflation, level);
    }
}
