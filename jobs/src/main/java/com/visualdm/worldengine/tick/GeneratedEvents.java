package com.visualdm.worldengine.tick;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.calendar.GameDate;
import com.visualdm.worldengine.json.Json;

/**
 * Writes the events the day's rules start (wars, chaos, depletion and abundance), set-based, as pending events the
 * event lifecycle then activates and resolves; ids come from the caller (deterministic, keyed by the day).
 */
@Component
public class GeneratedEvents {

    /**
     * One event from {@code startDay} to {@code endDay}; effects and properties are JSON objects, regions and
     * factions ids.
     */
    public record Event(UUID id, String name, String description, String type, String scope, int severity,
                        int startDay, int endDay, String durationType, List<String> regions, List<String> factions,
                        String immediateEffects, String properties) {
    }

    private final JdbcClient jdbc;

    public GeneratedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(TickContext context, List<Event> events) {
        if (events.isEmpty()) {
            return 0;
        }
        List<Object> rows = new ArrayList<>();
        for (Event event : events) {
            rows.add(Json.raw(Json.obj("id", event.id(), "name", event.name(), "description", event.description(),
                    "type", event.type(), "scope", event.scope(), "severity", event.severity(),
                    "start", Json.raw(GameDate.ofWorldDay(event.startDay()).toJson()),
                    "end", Json.raw(GameDate.ofWorldDay(event.endDay()).toJson()),
                    "duration", event.durationType(), "regions", event.regions(), "factions", event.factions(),
                    "effects", Json.raw(event.immediateEffects()), "properties", Json.raw(event.properties()))));
        }
        return jdbc.sql("""
                        INSERT INTO %s (id, name, description, event_type, scope, severity, start_date, end_date, duration_type,
                                        affected_regions, affected_factions, immediate_effects, current_status, properties)
                        SELECT e.id, e.name, e.description, e.type, e.scope, e.severity, e.start, e."end", e.duration,
                               e.regions, e.factions, e.effects, 'pending', e.properties
                          FROM jsonb_to_recordset(:rows::jsonb) AS e(id uuid, name text, description text, type text, scope text,
                               severity int, start jsonb, "end" jsonb, duration text, regions jsonb, factions jsonb,
                               effects jsonb, properties jsonb)
                        """.formatted(context.table("event_entities")))
                .param("rows", Json.arr(rows)).update();
    }
}
