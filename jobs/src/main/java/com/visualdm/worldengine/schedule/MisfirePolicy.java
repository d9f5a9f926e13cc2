package com.visualdm.worldengine.schedule;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.quartz.CronScheduleBuilder;

/**
 * What a schedule does about fires missed while no node was running. Replaying every missed fire is never sane for
 * batch work, so it is not offered.
 */
public enum MisfirePolicy {
    /** Skip missed fires; wait for the next one. */
    SKIP("skip"),
    /** Run once as soon as a node is up, then keep to the schedule. */
    FIRE_ONCE_NOW("fire-once-now");

    private final String label;

    MisfirePolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    CronScheduleBuilder apply(CronScheduleBuilder schedule) {
        return this == SKIP ? schedule.withMisfireHandlingInstructionDoNothing()
                : schedule.withMisfireHandlingInstructionFireAndProceed();
    }

    static MisfirePolicy ofLabel(String label) {
        return Arrays.stream(values()).filter(policy -> policy.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown misfire policy '" + label + "' (expected "
                        + Arrays.stream(values()).map(MisfirePolicy::label).collect(Collectors.joining(" or ")) + ")"));
    }
}
