package com.visualdm.worldengine.tick;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.json.Json;

/** Writes history records of the day, set-based; ids come from the caller (deterministic, keyed by the day). */
@Component
public class HistoryRecords {

    /** One record: participants (faction or character ids) and locations (region or place ids). */
    public record Entry(UUID id, String name, String description, String type, int significance,
                        List<String> participants, List<String> locations) {
    }

    private final JdbcClient jdbc;

    public HistoryRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long record(TickContext context, List<Entry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        List<Object> rows = new ArrayList<>();
        for (Entry entry : entries) {
            rows.add(Json.raw(Json.obj("id", entry.id(), "name", entry.name(), "description", entry.description(),
                    "type", entry.type(), "significance", entry.significance(),
                    "participants", entry.participants(), "locations", entry.locations())));
        }
        return jdbc.sql("""
                        INSERT INTO %s (id, event_name, event_description, event_date, world_day, event_type,
                                        significance_level, participants, locations)
                        SELECT h.id, h.name, h.description, :date::jsonb, :day, h.type, h.significance, h.participants, h.locations
                          FROM jsonb_to_recordset(:rows::jsonb) AS h(id uuid, name text, description text, type text,
                               significance int, participants jsonb, locations jsonb)
                        """.formatted(context.table("history_entities")))
                .param("date", context.date().toJson()).param("day", context.day()).param("rows", Json.arr(rows))
                .update();
    }
}
