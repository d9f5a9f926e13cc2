package com.visualdm.worldengine.tick;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Constants of the world tick's rules (docs/rules.md), under {@code world-engine.tick.*}.
 *
 * @param shortEventDays how long a {@code short} event without an end date lasts
 * @param eventHistorySeverity least severity of an event whose activation and resolution enter history
 * @param questHistorySignificance significance of the history record of a failed or abandoned quest
 * @param majorSignificance least significance of a history record that bumps world_version
 * @param hopFactor share of an effect's strength a regional event carries over each trade route
 * @param minimumStrength strength (of the original) below which a regional effect stops spreading
 * @param maximumHops trade routes a regional effect crosses at most
 * @param referenceSeverity severity at which an effect applies as written (magnitude scales with severity)
 * @param failedQuestStanding change of the quest giver's standing when a quest fails
 * @param abandonedQuestStanding change of the quest giver's standing when a quest is abandoned
 * @param maximumCascadeDepth how many cascades deep an event may be and still start another
 * @param maximumCascadesPerEvent events one event may start at most
 * @param chaosHistorySignificance significance of the history record of chaos moving into another level
 * @param rejectedRowsLimit rows a phase may reject in one day; above it the day fails, leaving the phase unapplied
 * @param eventTension tension change between each two factions of an event on its activation day, by event type;
 *        configured types replace the defaults of their own type only (combat 15, betrayal 60, festival -10,
 *        alliance -30)
 */
@ConfigurationProperties("world-engine.tick")
public record TickProperties(
        @DefaultValue("3") int shortEventDays,
        @DefaultValue("4") int eventHistorySeverity,
        @DefaultValue("5") int questHistorySignificance,
        @DefaultValue("8") int majorSignificance,
        @DefaultValue("0.3") double hopFactor,
        @DefaultValue("0.1") double minimumStrength,
        @DefaultValue("3") int maximumHops,
        @DefaultValue("5") double referenceSeverity,
        @DefaultValue("-1") int failedQuestStanding,
        @DefaultValue("-3") int abandonedQuestStanding,
        @DefaultValue("3") int maximumCascadeDepth,
        @DefaultValue("5") int maximumCascadesPerEvent,
        @DefaultValue("5") int chaosHistorySignificance,
        @DefaultValue("1000") int rejectedRowsLimit,
        Map<String, Integer> eventTension) {

    private static final Map<String, Integer> DEFAULT_EVENT_TENSION =
            Map.of("combat", 15, "betrayal", 60, "festival", -10, "alliance", -30);

    public TickProperties {
        Map<String, Integer> merged = new TreeMap<>(DEFAULT_EVENT_TENSION);
        if (eventTension != null) {
            eventTension.forEach((type, delta) -> merged.put(type,
                    Objects.requireNonNull(delta, "world-engine.tick.event-tension." + type + " needs a number")));
        }
        eventTension = Collections.unmodifiableMap(merged);
    }
}
