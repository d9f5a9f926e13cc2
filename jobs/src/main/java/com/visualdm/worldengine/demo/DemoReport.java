package com.visualdm.worldengine.demo;

import java.io.PrintWriter;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldSummary;

/** A readable page about one world: its date, what is going on, what happened lately, how stable it is. */
@Component
public class DemoReport {

    private final JdbcClient jdbc;

    public DemoReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void print(WorldSummary summary, PrintWriter out) {
        String schema = WorldName.quote(summary.world().schema());
        out.printf("%nWorld '%s' — %s, world day %d (size %s, seed %d, %,d rows)%n", summary.world().name(),
                summary.currentDate(), summary.currentDate().worldDay(), summary.world().size().label(),
                summary.world().seed(), summary.totalRows());

        jdbc.sql("""
                        SELECT chaos_level, stability_index, world_version, economic_conditions->>'phase'
                          FROM %s.world_state_entities ORDER BY created_at, id LIMIT 1
                        """.formatted(schema))
                .query((rs, i) -> {
                    out.printf("Chaos %d/100, stability %.2f, world version %d, economy %s%n", rs.getInt(1),
                            rs.getFloat(2), rs.getInt(3), rs.getString(4));
                    return null;
                }).list();

        out.println();
        out.println("Happening now:");
        List<String> events = jdbc.sql("""
                        SELECT format('  %%s (%%s, %%s, severity %%s)', name, event_type, scope, severity)
                          FROM %s.event_entities
                         WHERE current_status = 'active'
                         ORDER BY severity DESC, name LIMIT 5
                        """.formatted(schema)).query(String.class).list();
        events.forEach(out::println);
        jdbc.sql("""
                        SELECT count(*) FILTER (WHERE current_status = 'active'),
                               count(*) FILTER (WHERE current_status = 'pending'),
                               count(*) FILTER (WHERE current_status = 'resolved')
                          FROM %s.event_entities
                        """.formatted(schema))
                .query((rs, i) -> {
                    out.printf("  events: %d active, %d pending, %d resolved%n", rs.getInt(1), rs.getInt(2), rs.getInt(3));
                    return null;
                }).list();

        out.println();
        out.println("Quests:");
        jdbc.sql("""
                        SELECT format('  %%s: %%s', current_status, count(*))
                          FROM %s.quest_entities GROUP BY current_status ORDER BY current_status
                        """.formatted(schema)).query(String.class).list().forEach(out::println);
        jdbc.sql("""
                        SELECT format('  due in %%s days: %%s', (time_limit->>'deadline_day')::int - :today, title)
                          FROM %s.quest_entities
                         WHERE current_status IN ('available', 'active')
                         ORDER BY (time_limit->>'deadline_day')::int, title LIMIT 3
                        """.formatted(schema))
                .param("today", summary.currentDate().worldDay())
                .query(String.class).list().forEach(out::println);

        out.println();
        out.println("Recent history:");
        jdbc.sql("""
                        SELECT format('  %%s-%%s-%%s  %%s (%%s, significance %%s)', event_date->>'year',
                                      lpad(event_date->>'month', 2, '0'), lpad(event_date->>'day', 2, '0'),
                                      event_name, event_type, significance_level)
                          FROM %s.history_entities
                         WHERE significance_level >= 5
                         ORDER BY world_day DESC, id LIMIT 5
                        """.formatted(schema)).query(String.class).list().forEach(out::println);
        jdbc.sql("""
                        SELECT count(*), coalesce(sum(trade_value), 0)
                          FROM %s.trade_entities WHERE world_day >= :since
                        """.formatted(schema))
                .param("since", summary.currentDate().worldDay() - 30)
                .query((rs, i) -> {
                    out.printf("  markets: %,d trades worth %,.2f gold in the last 30 days%n", rs.getLong(1),
                            rs.getBigDecimal(2));
                    return null;
                }).list();

        out.println();
        out.println("Next:");
        out.println("  world-engine demo                             seven more days of the demo world");
        out.println("  world-engine tick --world demo --days 30      a month more");
        out.println("  world-engine worlds                           list worlds with their dates and sizes");
        out.println("  world-engine init --world mine --size tiny    make a world of your own");
        out.println("  world-engine --help                           every command");
    }
}
