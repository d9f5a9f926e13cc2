package com.visualdm.worldengine.tick;

import java.util.Map;

/**
 * One phase's rules, applied to one world day inside the phase's transaction. Returns what it did, as counts
 * (for example events_activated), which the tick log keeps and the command line prints.
 */
public interface TickRule {

    TickPhase phase();

    Map<String, Long> apply(TickContext context);
}
