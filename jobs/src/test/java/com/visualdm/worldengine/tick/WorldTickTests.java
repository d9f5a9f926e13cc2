package com.visualdm.worldengine.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.support.WorldFingerprint;
import com.visualdm.worldengine.system.BadInputException;
import com.visualdm.worldengine.world.WorldLock;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/** The worldTick job on real PostgreSQL: days in order, exactly once, recoverable, deterministic. */
class WorldTickTests extends DatabaseTest {

    @Autowired
    TickService ticks;

    @Autowired
    WorldService worlds;

    @Autowired
    WorldLock lock;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    JdbcClient jdbc;

    private WorldName freshWorld(String name, long seed) {
        WorldName world = WorldName.of(name);
        return TestWorlds.recreate(worlds, world, seed, WorldSize.TINY);
    }

    @Test
    void eachDayIsItsOwnCompletedJobInstanceAndTheRulesFollowTheDates() {
        WorldName world = freshWorld("tick_days", 3);
        int start = ticks.currentDay(world);
        List<DayResult> days = ticks.tick(world, 40, day -> { });

        assertThat(days).hasSize(40).allMatch(DayResult::completed);
        assertThat(ticks.currentDay(world)).isEqualTo(start + 40);
        assertThat(days.get(0).date().worldDay()).isEqualTo(start + 1);
        for (int day = start + 1; day <= start + 40; day++) {
            JobExecution execution = jobRepository.getLastJobExecution(WorldTickJobConfiguration.JOB_NAME,
                    ticks.parameters(world, day));
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(execution.getStepExecutions()).extracting(step -> step.getStepName())
                    .containsExactly("advanceClockStep", "eventLifecycleStep", "consequencePropagationStep",
                            "questDeadlinesStep", "economyStep", "tradingStep", "populationStep", "factionsStep",
                            "stabilityStep", "historyAndWorldVersionStep");
        }
        int today = start + 40;
        String schema = "world_tick_days";
        assertThat(count("SELECT count(*) FROM " + schema + ".event_entities WHERE current_status = 'pending' AND world_day <= " + today))
                .isZero();
        assertThat(count("SELECT count(*) FROM " + schema + ".event_entities WHERE current_status = 'active' "
                + "AND (duration_type = 'instant' OR " + schema + ".world_day_of(end_date) <= " + today + ")")).isZero();
        assertThat(count("SELECT count(*) FROM " + schema + ".quest_entities WHERE current_status IN ('active', 'available') "
                + "AND (time_limit->>'deadline_day')::int < " + today)).isZero();
        long changes = days.stream().mapToLong(day -> day.count("events_activated") + day.count("events_resolved")
                + day.count("quests_failed") + day.count("quests_abandoned")).sum();
        assertThat(changes).as("forty days change something in a generated world").isPositive();
        assertThat(count("SELECT count(*) FROM " + schema + ".history_entities WHERE world_day > " + start))
                .isEqualTo(days.stream().mapToLong(day -> day.count("history_records")).sum());
    }

    @Test
    void theSameSeedAndDaysGiveByteIdenticalWorldsHoweverTheDaysAreBatched() {
        WorldName world = freshWorld("tick_same", 9);
        ticks.tick(world, 30, day -> { });
        Map<String, String> inOneRun = WorldFingerprint.of(jdbc, world);

        freshWorld("tick_same", 9);
        for (int i = 0; i < 3; i++) {
            ticks.tick(world, 10, day -> { });
        }
        assertThat(WorldFingerprint.of(jdbc, world)).isEqualTo(inOneRun);
    }

    @Test
    void aDayAlreadyDoneChangesNothingAndADayAheadIsRefused() {
        WorldName world = freshWorld("tick_once", 4);
        ticks.tick(world, 2, day -> { });
        int today = ticks.currentDay(world);
        Map<String, String> before = WorldFingerprint.of(jdbc, world);

        assertThatThrownBy(() -> ticks.runDay(world, today)).isInstanceOf(TickService.AlreadyDoneException.class)
                .hasMessageContaining("already at day " + today);
        assertThatThrownBy(() -> ticks.runDay(world, today - 1)).isInstanceOf(TickService.AlreadyDoneException.class);
        assertThatThrownBy(() -> ticks.runDay(world, today + 2)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not the next day").hasMessageContaining("the next is " + (today + 1));
        assertThat(WorldFingerprint.of(jdbc, world)).isEqualTo(before);
        assertThat(ticks.runDay(world, today + 1).completed()).isTrue();
    }

    @Test
    void aWorldBusyWithAnotherTickIsRefusedAtOnce() {
        WorldName world = freshWorld("tick_busy", 5);
        int today = ticks.currentDay(world);
        try (WorldLock.Held other = lock.acquire(world, "another process")) {
            assertThatThrownBy(() -> ticks.tick(world, 1, day -> { })).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("world 'tick_busy' is busy");
        }
        assertThat(ticks.currentDay(world)).isEqualTo(today);
    }

    @Test
    void anExecutionLeftRunningByADeadProcessIsRecoveredAndTheDayAppliedOnce() {
        WorldName world = freshWorld("tick_dead", 6);
        int next = ticks.currentDay(world) + 1;
        // What a killed process leaves: an execution of the day marked STARTED that nobody runs.
        JobInstance instance = jobRepository.createJobInstance(WorldTickJobConfiguration.JOB_NAME,
                ticks.parameters(world, next));
        JobExecution orphan = jobRepository.createJobExecution(instance, ticks.parameters(world, next),
                new ExecutionContext());
        orphan.setStatus(BatchStatus.STARTED);
        orphan.setStartTime(java.time.LocalDateTime.now());
        jobRepository.update(orphan);

        List<DayResult> days = ticks.tick(world, 2, day -> { });

        assertThat(days).extracting(DayResult::completed).containsExactly(true, true);
        assertThat(days.get(0).resumed()).isTrue();
        assertThat(days.get(0).date().worldDay()).isEqualTo(next);
        assertThat(jobRepository.getJobExecution(orphan.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(ticks.currentDay(world)).isEqualTo(next + 1);
        assertThat(count("SELECT count(*) FROM engine.tick_log WHERE world_name = 'tick_dead' AND world_day = " + next))
                .isEqualTo(TickPhase.values().length);
    }

    @Test
    void unreadableRowsAreRejectedWithTheirReasonAndLeftAsTheyAre() {
        WorldName world = freshWorld("tick_bad", 8);
        String schema = "world_tick_bad";
        String badEvent = jdbc.sql("SELECT id::text FROM " + schema + ".event_entities WHERE current_status = 'active' ORDER BY id LIMIT 1")
                .query(String.class).single();
        jdbc.sql("UPDATE " + schema + ".event_entities SET end_date = '{\"year\": \"soon\"}' WHERE id = '" + badEvent + "'").update();
        String badQuest = jdbc.sql("SELECT id::text FROM " + schema + ".quest_entities WHERE current_status IN ('active', 'available') ORDER BY id LIMIT 1")
                .query(String.class).single();
        jdbc.sql("UPDATE " + schema + ".quest_entities SET time_limit = '{\"deadline_day\": \"tomorrow\"}' WHERE id = '" + badQuest + "'").update();

        DayResult day = ticks.tick(world, 1, result -> { }).get(0);

        assertThat(day.completed()).isTrue();
        assertThat(day.count("events_rejected")).isEqualTo(1);
        assertThat(day.count("quests_rejected")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT table_name || ' ' || row_id || ' ' || reason || ' ' || (job_execution_id = :execution) "
                        + "FROM engine.rejected_rows WHERE world_name = 'tick_bad' ORDER BY table_name")
                .param("execution", day.jobExecutionId()).query(String.class).list())
                .containsExactly("event_entities " + badEvent + " malformed end_date {\"year\": \"soon\"} true",
                        "quest_entities " + badQuest + " malformed time_limit.deadline_day \"tomorrow\" true");
        assertThat(jdbc.sql("SELECT current_status FROM " + schema + ".event_entities WHERE id = '" + badEvent + "'")
                .query(String.class).single()).isEqualTo("active");
    }

    @Test
    void anEventsEffectsLandOnItsRegionAndFadeAlongTheTradeRoutes() {
        WorldName world = freshWorld("tick_effects", 12);
        String schema = "world_tick_effects";
        int tomorrow = ticks.currentDay(world) + 1;
        // Quiet the generated events, then start one regional event tomorrow in a region with a neighbour.
        jdbc.sql("UPDATE " + schema + ".event_entities SET immediate_effects = '{}', ongoing_effects = '{}', "
                + "long_term_consequences = '{}'").update();
        // Without a population the day's food production and consumption leave the regions' food alone.
        jdbc.sql("UPDATE " + schema + ".region_entities SET resource_abundance = resource_abundance - 'population'").update();
        String region = jdbc.sql("SELECT id::text FROM " + schema + ".region_entities ORDER BY id LIMIT 1").query(String.class).single();
        List<String> neighbours = jdbc.sql("SELECT jsonb_array_elements_text(trade_routes) FROM " + schema
                + ".region_entities WHERE id = '" + region + "'").query(String.class).list();
        assertThat(neighbours).isNotEmpty();
        Map<String, Integer> dangerBefore = danger(schema);
        Map<String, Long> foodBefore = food(schema);
        var date = com.visualdm.worldengine.calendar.GameDate.ofWorldDay(tomorrow);
        jdbc.sql("INSERT INTO " + schema + ".event_entities (name, event_type, scope, severity, start_date, duration_type, "
                        + "affected_regions, immediate_effects, current_status) VALUES ('Raid', 'combat', 'regional', 5, "
                        + ":date::jsonb, 'permanent', jsonb_build_array(:region), "
                        + "'{\"region_danger\": 4, \"resources\": {\"food\": -30}}', 'pending')")
                .param("date", date.toJson()).param("region", region).update();

        DayResult day = ticks.tick(world, 1, result -> { }).get(0);

        assertThat(day.count("events_activated")).isEqualTo(1);
        Map<String, Integer> dangerAfter = danger(schema);
        assertThat(dangerAfter.get(region)).isEqualTo(Math.min(10, dangerBefore.get(region) + 4));
        assertThat(food(schema).get(region)).isEqualTo(Math.max(0, foodBefore.get(region) - 30));
        for (String neighbour : neighbours) {
            assertThat(dangerAfter.get(neighbour)).isEqualTo(Math.min(10, dangerBefore.get(neighbour) + 1)); // 4 x 0.3
            assertThat(food(schema).get(neighbour)).isEqualTo(Math.max(0, foodBefore.get(neighbour) - 9));
        }
        dangerAfter.forEach((other, level) -> {
            if (!other.equals(region) && !neighbours.contains(other)) {
                assertThat(level).as("region two hops away or more").isEqualTo(dangerBefore.get(other));
            }
        });
    }

    @Test
    void anEffectOutsideTheVocabularyIsRejectedAndTheEventLeftPending() {
        WorldName world = freshWorld("tick_vocabulary", 13);
        String schema = "world_tick_vocabulary";
        var date = com.visualdm.worldengine.calendar.GameDate.ofWorldDay(ticks.currentDay(world) + 1);
        String id = jdbc.sql("INSERT INTO " + schema + ".event_entities (name, scope, severity, start_date, duration_type, "
                        + "immediate_effects, current_status) VALUES ('Odd', 'local', 3, :date::jsonb, 'instant', "
                        + "'{\"teleport\": 1}', 'pending') RETURNING id::text")
                .param("date", date.toJson()).query(String.class).single();

        DayResult day = ticks.tick(world, 1, result -> { }).get(0);

        assertThat(day.completed()).isTrue();
        assertThat(jdbc.sql("SELECT reason FROM engine.rejected_rows WHERE world_name = 'tick_vocabulary' AND row_id = :id")
                .param("id", id).query(String.class).list()).containsExactly("immediate_effects: unknown effect 'teleport'");
        assertThat(jdbc.sql("SELECT current_status FROM " + schema + ".event_entities WHERE id = :id::uuid")
                .param("id", id).query(String.class).single()).isEqualTo("pending");
    }

    @Test
    void aFailedQuestAppliesItsConsequencesAndCostsItsGiverStanding() {
        WorldName world = freshWorld("tick_quest", 15);
        String schema = "world_tick_quest";
        int today = ticks.currentDay(world);
        jdbc.sql("UPDATE " + schema + ".quest_entities SET current_status = 'completed' WHERE current_status IN ('active', 'available')").update();
        var quest = jdbc.sql("SELECT id::text, location_region::text, quest_giver::text FROM " + schema
                + ".quest_entities ORDER BY id LIMIT 1").query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).single();
        jdbc.sql("UPDATE " + schema + ".quest_entities SET current_status = 'active', difficulty_level = 5, "
                        + "time_limit = jsonb_build_object('deadline_day', :deadline), failure_consequences = '{\"region_danger\": 3}' "
                        + "WHERE id = :id::uuid")
                .param("deadline", today).param("id", quest[0]).update();
        int dangerBefore = danger(schema).get(quest[1]);

        DayResult day = ticks.tick(world, 1, result -> { }).get(0);

        assertThat(day.count("quests_failed")).isEqualTo(1);
        assertThat(danger(schema).get(quest[1])).isEqualTo(Math.min(10, dangerBefore + 3));
        assertThat(jdbc.sql("SELECT properties->>'standing' FROM " + schema + ".character_entities WHERE id = :id::uuid")
                .param("id", quest[2]).query(String.class).single()).isEqualTo("-1");
        assertThat(jdbc.sql("SELECT current_status || ' ' || (completion_date->>'day') FROM " + schema
                        + ".quest_entities WHERE id = :id::uuid").param("id", quest[0]).query(String.class).single())
                .isEqualTo("failed " + day.date().day());
    }

    @Test
    void anActivatedCollapseStartsItsCascadesAsPendingEventsAndAnAbundanceNone() {
        WorldName world = freshWorld("tick_cascade", 16);
        String schema = "world_tick_cascade";
        int tomorrow = ticks.currentDay(world) + 1;
        String region = jdbc.sql("SELECT id::text FROM " + schema + ".region_entities ORDER BY id LIMIT 1").query(String.class).single();
        // A fixed id: the cascades' draws are seeded by it, so the test sees the same draws every run.
        String source = jdbc.sql("INSERT INTO " + schema + ".event_entities (id, name, event_type, scope, severity, start_date, "
                        + "duration_type, affected_regions, current_status) VALUES ('6f1c2a9e-0000-4000-8000-000000000001', "
                        + "'Crash', 'economic', 'regional', 10, "
                        + ":date::jsonb, 'ongoing', jsonb_build_array(:region), 'pending') RETURNING id::text")
                .param("date", com.visualdm.worldengine.calendar.GameDate.ofWorldDay(tomorrow).toJson())
                .param("region", region).query(String.class).single();
        String abundance = jdbc.sql("INSERT INTO " + schema + ".event_entities (id, name, event_type, scope, severity, start_date, "
                        + "duration_type, affected_regions, current_status, properties) VALUES ('6f1c2a9e-0000-4000-8000-000000000002', "
                        + "'Food abundant', 'economic', 'local', 10, :date::jsonb, 'short', jsonb_build_array(:region), 'pending', "
                        + "'{\"resource_event\": \"abundance\", \"resource\": \"food\"}') RETURNING id::text")
                .param("date", com.visualdm.worldengine.calendar.GameDate.ofWorldDay(tomorrow).toJson())
                .param("region", region).query(String.class).single();

        DayResult day = ticks.tick(world, 1, result -> { }).get(0);

        assertThat(jdbc.sql("SELECT count(*) FROM " + schema + ".event_entities WHERE properties->>'cascade_source' = :source")
                .param("source", abundance).query(Long.class).single()).as("an abundance, even of severity 10, is no collapse").isZero();
        List<String> cascades = jdbc.sql("SELECT event_type || ' ' || current_status || ' ' || (properties->>'cascade_depth') "
                        + "|| ' ' || (world_day - :day >= 1) FROM " + schema + ".event_entities "
                        + "WHERE properties->>'cascade_source' = :source ORDER BY 1")
                .param("day", tomorrow).param("source", source).query(String.class).list();
        assertThat(day.count("cascades_started")).isEqualTo(cascades.size());
        // Severity 10 makes unrest certain (0.7 x 1.5, capped at 1); upheaval (0.75) and a collapse next door
        // (0.45) depend on the seeded draws.
        assertThat(cascades).contains("social pending 1 true");
        assertThat(cascades).allMatch(cascade -> cascade.endsWith("pending 1 true"));
    }

    @Test
    void chaosMovingIntoAnotherLevelEntersHistory() {
        WorldName world = freshWorld("tick_chaos", 17);
        String schema = "world_tick_chaos";
        jdbc.sql("UPDATE " + schema + ".event_entities SET immediate_effects = '{}', ongoing_effects = '{}', "
                + "long_term_consequences = '{}', event_type = 'natural'").update();
        jdbc.sql("UPDATE " + schema + ".world_state_entities SET chaos_level = 25").update();
        // Chaos rises during the day: a magical event activated tomorrow adds 45 (9 at severity 10 counts twice).
        jdbc.sql("INSERT INTO " + schema + ".event_entities (name, event_type, scope, severity, start_date, duration_type, "
                        + "immediate_effects, current_status) VALUES ('Rift', 'magical', 'local', 10, :date::jsonb, 'instant', "
                        + "'{\"chaos\": 22.5}', 'pending')")
                .param("date", com.visualdm.worldengine.calendar.GameDate.ofWorldDay(ticks.currentDay(world) + 1).toJson())
                .update();

        DayResult day = ticks.tick(world, 1, result -> { }).get(0);

        assertThat(jdbc.sql("SELECT event_name || ' ' || significance_level FROM " + schema + ".history_entities "
                        + "WHERE event_type = 'chaos' AND world_day = :day").param("day", day.date().worldDay())
                .query(String.class).list()).containsExactly("Chaos rises to high 5");
        ticks.tick(world, 1, result -> { });
        assertThat(count("SELECT count(*) FROM " + schema + ".history_entities WHERE event_type = 'chaos'"))
                .as("no crossing, no record").isEqualTo(1);
    }

    private Map<String, Integer> danger(String schema) {
        Map<String, Integer> levels = new java.util.TreeMap<>();
        jdbc.sql("SELECT id::text, danger_level FROM " + schema + ".region_entities")
                .query((rs, i) -> levels.put(rs.getString(1), rs.getInt(2))).list();
        return levels;
    }

    private Map<String, Long> food(String schema) {
        Map<String, Long> food = new java.util.TreeMap<>();
        jdbc.sql("SELECT id::text, (resource_abundance->>'food')::bigint FROM " + schema + ".region_entities")
                .query((rs, i) -> food.put(rs.getString(1), rs.getLong(2))).list();
        return food;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
