package com.visualdm.worldengine.tick;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.support.WorldFingerprint;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/** Above the limit of rejected rows a day fails with its phase unapplied, and the rejections stay readable. */
@TestPropertySource(properties = "world-engine.tick.rejected-rows-limit=2")
class RejectedRowsLimitTests extends DatabaseTest {

    @Autowired
    TickService ticks;

    @Autowired
    WorldService worlds;

    @Autowired
    JdbcClient jdbc;

    @Test
    void tooManyRejectedRowsFailTheDayWithoutApplyingThePhase() {
        WorldName world = TestWorlds.recreate(worlds, WorldName.of("tick_limit"), 14, WorldSize.TINY);
        int today = ticks.currentDay(world);
        for (int i = 0; i < 3; i++) {
            jdbc.sql("INSERT INTO world_tick_limit.event_entities (name, start_date, duration_type, current_status) "
                            + "VALUES ('Odd', :date::jsonb, 'sometimes', 'pending')")
                    .param("date", com.visualdm.worldengine.calendar.GameDate.ofWorldDay(today + 1).toJson()).update();
        }
        Map<String, String> before = WorldFingerprint.of(jdbc, world);

        DayResult day = ticks.tick(world, 1, result -> { }).get(0);

        assertThat(day.completed()).isFalse();
        assertThat(day.exitDescription()).contains("3 rows rejected by eventLifecycleStep", "above the limit of 2");
        assertThat(jdbc.sql("SELECT count(*) FROM engine.rejected_rows WHERE world_name = 'tick_limit' AND job_execution_id = :execution")
                .param("execution", day.jobExecutionId()).query(Long.class).single()).isEqualTo(3);
        // The clock step committed; nothing of the failed lifecycle phase did.
        assertThat(ticks.currentDay(world)).isEqualTo(today + 1);
        Map<String, String> after = WorldFingerprint.of(jdbc, world);
        before.keySet().stream().filter(table -> !table.equals("world_state_entities"))
                .forEach(table -> assertThat(after.get(table)).as(table).isEqualTo(before.get(table)));
        assertThat(jdbc.sql("SELECT count(*) FROM engine.tick_log WHERE world_name = 'tick_limit' AND world_day = :day")
                .param("day", today + 1).query(Long.class).single()).isEqualTo(1);
    }
}
