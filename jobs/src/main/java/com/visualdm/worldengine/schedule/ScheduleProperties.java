package com.visualdm.worldengine.schedule;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code serve} under {@code world-engine.serve.*}.
 *
 * @param schedules the directory of schedule files loaded at start-up
 * @param stopTimeout how long a node told to stop waits for its running executions to reach a step boundary
 * @param busyWait how long a fire waits for a world busy with another process before giving up (logged)
 */
@ConfigurationProperties("world-engine.serve")
public record ScheduleProperties(
        @DefaultValue("schedules") Path schedules,
        @DefaultValue("5m") Duration stopTimeout,
        @DefaultValue("1m") Duration busyWait) {
}
