package com.visualdm.worldengine.tick;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.world.WorldName;

/** {@code engine.tick_log}: which phases of which world days are applied. */
@Component
public class TickLog {

    private final JdbcClient jdbc;

    public TickLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean applied(WorldName world, int day, TickPhase phase) {
        return jdbc.sql("SELECT count(*) FROM engine.tick_log WHERE world_name = :world AND world_day = :day AND phase = :phase")
                .param("world", world.value()).param("day", day).param("phase", phase.name())
                .query(Long.class).single() > 0;
    }

    void record(TickContext context, TickPhase phase, Map<String, Long> summary) {
        List<Object> keysAndValues = new java.util.ArrayList<>();
        new TreeMap<>(summary).forEach((key, value) -> {
            keysAndValues.add(key);
            keysAndValues.add(value);
        });
        jdbc.sql("""
                        INSERT INTO engine.tick_log (world_name, world_day, phase, job_execution_id, summary)
                        VALUES (:world, :day, :phase, :execution, :summary::jsonb)
                        """)
                .param("world", context.world().value()).param("day", context.day()).param("phase", phase.name())
                .param("execution", context.jobExecutionId()).param("summary", Json.obj(keysAndValues.toArray()))
                .update();
    }

    /** Everything the phases of a day reported, summed by name. */
    public Map<String, Long> summary(WorldName world, int day) {
        Map<String, Long> totals = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT s.key, sum(s.value::bigint)
                          FROM engine.tick_log, jsonb_each_text(summary) s
                         WHERE world_name = :world AND world_day = :day
                         GROUP BY s.key ORDER BY s.key
                        """)
                .param("world", world.value()).param("day", day)
                .query((rs, i) -> totals.put(rs.getString(1), rs.getLong(2))).list();
        return totals;
    }
}
