package com.visualdm.worldengine.schedule;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

import com.visualdm.worldengine.world.WorldName;

/**
 * One schedule file, validated: run {@code job} for {@code world} (or every world) on a Quartz cron expression in a
 * time zone. The name is the file's name without {@code .yml}.
 */
public record ScheduleDefinition(String name, String job, Optional<WorldName> world, String cron, ZoneId timeZone,
                                 MisfirePolicy misfire, SortedMap<String, String> parameters) {

    /** The keys of a schedule file, also those of its Quartz job's data. */
    static final String JOB = "job";
    static final String WORLD = "world";
    static final String CRON = "cron";
    static final String TIME_ZONE = "time-zone";
    static final String MISFIRE = "misfire";
    static final String PARAMETERS = "parameters";

    /** What "every world" is written as in a file and shown in lists. */
    public static final String EVERY_WORLD = "all";

    public String worldLabel() {
        return world.map(WorldName::value).orElse(EVERY_WORLD);
    }

    /** Everything a node acts on, as one string: a schedule whose text differs was changed. */
    String fingerprint() {
        return String.join("|", job, worldLabel(), cron, timeZone.getId(), misfire.label(), parameters.toString());
    }

    Map<String, String> asMap() {
        return Map.of(JOB, job, WORLD, worldLabel(), CRON, cron, TIME_ZONE, timeZone.getId(), MISFIRE, misfire.label());
    }
}
