package com.visualdm.worldengine.world;

import java.util.Map;

import com.visualdm.worldengine.calendar.GameDate;

/** What {@code worlds} shows of a world: its registry row, its current date and its row counts per table. */
public record WorldSummary(RegisteredWorld world, GameDate currentDate, Map<String, Long> rows) {

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
