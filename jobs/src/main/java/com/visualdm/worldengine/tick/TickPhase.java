package com.visualdm.worldengine.tick;

/**
 * The phases of a world day, in the order the {@code worldTick} job runs them; each is one step, named after
 * what it does. The closing phase stays last: it records what the day did.
 */
public enum TickPhase {
    ADVANCE_CLOCK("advanceClockStep"),
    EVENT_LIFECYCLE("eventLifecycleStep"),
    CONSEQUENCE_PROPAGATION("consequencePropagationStep"),
    QUEST_DEADLINES("questDeadlinesStep"),
    ECONOMY("economyStep"),
    TRADING("tradingStep"),
    POPULATION("populationStep"),
    FACTIONS("factionsStep"),
    STABILITY("stabilityStep"),
    HISTORY_AND_WORLD_VERSION("historyAndWorldVersionStep");

    private final String stepName;

    TickPhase(String stepName) {
        this.stepName = stepName;
    }

    public String stepName() {
        return stepName;
    }
}
