package com.visualdm.worldengine.tick;

import java.time.Duration;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;

import com.visualdm.worldengine.calendar.GameDate;

/** How one world day went: its job execution's status, how long it took, and what the phases reported. */
public record DayResult(GameDate date, long jobExecutionId, BatchStatus status, String exitDescription,
                        Duration duration, Map<String, Long> summary, boolean resumed) {

    public long count(String key) {
        return summary.getOrDefault(key, 0L);
    }

    public boolean completed() {
        return status == BatchStatus.COMPLETED;
    }
}
