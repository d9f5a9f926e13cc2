package com.visualdm.worldengine.tick;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.visualdm.worldengine.calendar.GameDate;
import com.visualdm.worldengine.faction.FactionProperties;
import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/**
 * An event activated today moves the tension between each two of its factions by the delta of its type, once.
 * The limit of rejected rows is that of {@link RejectedRowsLimitTests} (same Spring context): three unreadable
 * quests make a day fail after its consequence phase committed, so the day can be rerun.
 */
@TestPropertySource(properties = "world-engine.tick.rejected-rows-limit=2")
class EventTensionTests extends DatabaseTest {

    @Autowired
    TickService ticks;

    @Autowired
    WorldService worlds;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FactionProperties factionProperties;

    @Test
    void eachKindOfEventMovesTheTensionOfItsTwoFactionsByItsDeltaInBothRelationships() {
        WorldName world = quietWorld("event_tension", 61);
        List<String> ids = factions(world);
        String a = ids.get(0);
        String b = ids.get(1);
        String c = ids.get(2);
        for (Map.Entry<String, Integer> kind : Map.of("combat", 15, "betrayal", 60, "festival", -10, "alliance", -30).entrySet()) {
            neutral(world);
            int tomorrow = ticks.currentDay(world) + 1;
            event(world, kind.getKey(), tomorrow, List.of(b, a, a));
            event(world, kind.getKey(), tomorrow, List.of(c));
            event(world, kind.getKey(), tomorrow, List.of());

            DayResult day = ticks.tick(world, 1, result -> { }).get(0);

            assertThat(day.count("events_activated")).isEqualTo(3);
            assertThat(day.count("event_tension_changes")).isEqualTo(1);
            // The factions phase of the same day then lets tension decay towards 0.
            int expected = decayed(kind.getValue());
            assertThat(tension(world, a, b)).as(kind.getKey() + " seen by the first").isEqualTo(expected);
            assertThat(tension(world, b, a)).as(kind.getKey() + " seen by the second").isEqualTo(expected);
            assertThat(tension(world, a, c)).as("a faction of another event, alone in it").isZero();
            assertThat(tension(world, b, c)).isZero();

            // Active the next day, the event changes nothing more.
            ticks.tick(world, 1, result -> { });
            assertThat(tension(world, a, b)).isEqualTo(decayed(expected));
        }
    }

    @Test
    void aDayRerunAfterItFailedAppliesTheDeltaOnce() {
        WorldName world = quietWorld("event_tension_rerun", 62);
        List<String> ids = factions(world);
        int today = ticks.currentDay(world);
        event(world, "betrayal", today + 1, List.of(ids.get(0), ids.get(1)));
        // Three quests past their deadline with unreadable consequences fail the day in its quest phase.
        jdbc.sql(("UPDATE %s SET current_status = 'active', time_limit = jsonb_build_object('deadline_day', :today), "
                        + "failure_consequences = '{\"teleport\": 1}' WHERE id IN (SELECT id FROM %s ORDER BY id LIMIT 3)")
                        .formatted(world.qualified("quest_entities"), world.qualified("quest_entities")))
                .param("today", today).update();

        DayResult failed = ticks.tick(world, 1, result -> { }).get(0);

        assertThat(failed.completed()).isFalse();
        assertThat(failed.exitDescription()).contains("rejected by questDeadlinesStep");
        assertThat(tension(world, ids.get(0), ids.get(1))).as("the consequence phase committed").isEqualTo(60);

        jdbc.sql("UPDATE %s SET failure_consequences = '{}' WHERE failure_consequences->'teleport' IS NOT NULL"
                .formatted(world.qualified("quest_entities"))).update();
        DayResult rerun = ticks.tick(world, 1, result -> { }).get(0);

        assertThat(rerun.completed()).isTrue();
        assertThat(rerun.date().worldDay()).isEqualTo(today + 1);
        assertThat(tension(world, ids.get(0), ids.get(1))).isEqualTo(decayed(60));
        assertThat(tension(world, ids.get(1), ids.get(0))).isEqualTo(decayed(60));
    }

    /**
     * A tiny world with no other events, quests or tension: only the test's events move tension. Its regions hold
     * so much food that it changes by its spoilage alone (10 % a day), under a depletion or abundance event.
     */
    private WorldName quietWorld(String name, long seed) {
        WorldName world = TestWorlds.recreate(worlds, WorldName.of(name), seed, WorldSize.TINY);
        jdbc.sql("UPDATE %s SET resource_abundance = resource_abundance || '{\"food\": 1000000}'"
                .formatted(world.qualified("region_entities"))).update();
        jdbc.sql("UPDATE %s SET current_status = 'resolved'".formatted(world.qualified("event_entities"))).update();
        jdbc.sql("UPDATE %s SET current_status = 'completed'".formatted(world.qualified("quest_entities"))).update();
        neutral(world);
        return world;
    }

    private void neutral(WorldName world) {
        jdbc.sql("""
                        UPDATE %s f SET relationships = (SELECT coalesce(jsonb_object_agg(x.key, x.value
                                   || jsonb_build_object('tension', 0, 'status', 'neutral')), '{}'::jsonb)
                                   FROM jsonb_each(f.relationships) x)
                        """.formatted(world.qualified("faction_entities"))).update();
    }

    private List<String> factions(WorldName world) {
        List<String> ids = jdbc.sql("SELECT id::text FROM %s ORDER BY id".formatted(world.qualified("faction_entities")))
                .query(String.class).list();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(3);
        return ids;
    }

    private void event(WorldName world, String type, int day, List<String> factions) {
        jdbc.sql("INSERT INTO %s (name, event_type, scope, severity, start_date, duration_type, affected_factions, current_status) "
                        .formatted(world.qualified("event_entities"))
                        + "VALUES ('Hand-made', :type, 'local', 5, :date::jsonb, 'permanent', :factions::jsonb, 'pending')")
                .param("type", type).param("date", GameDate.ofWorldDay(day).toJson()).param("factions", Json.arr(factions)).update();
    }

    private int decayed(int tension) {
        return tension > 0 ? Math.max(0, tension - factionProperties.tensionDecay())
                : Math.min(0, tension + factionProperties.tensionDecay());
    }

    private int tension(WorldName world, String faction, String other) {
        return jdbc.sql("SELECT coalesce((relationships->:o->>'tension')::int, 0) FROM %s WHERE id = :f::uuid"
                        .formatted(world.qualified("faction_entities")))
                .param("o", other).param("f", faction).query(Integer.class).single();
    }
}
