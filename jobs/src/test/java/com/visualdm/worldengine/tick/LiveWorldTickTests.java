package com.visualdm.worldengine.tick;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.support.TestDatabase;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/**
 * The Visual DM application keeps writing to a world while the engine ticks it: its inserts and its updates of
 * columns the tick does not own must all survive, and the tick must neither fail nor keep the application waiting.
 */
class LiveWorldTickTests extends DatabaseTest {

    static final WorldName WORLD = WorldName.of("tick_live");
    static final long SEED = 33;
    static final int DAYS = 15;
    static final Duration LONGEST_ALLOWED_WAIT = Duration.ofSeconds(2);

    @Autowired
    TickService ticks;

    @Autowired
    WorldService worlds;

    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void removeWorld() {
        JdbcClient client = JdbcClient.create(new DriverManagerDataSource(TestDatabase.get().url(),
                TestDatabase.get().user(), TestDatabase.get().password()));
        client.sql("DROP SCHEMA IF EXISTS \"" + WORLD.schema() + "\" CASCADE").update();
        client.sql("DELETE FROM engine.worlds WHERE name = :name").param("name", WORLD.value()).update();
    }

    @Test
    void everyWriteOfTheApplicationDuringATickIsKeptAndNoneWaitsLong() throws Exception {
        TestWorlds.recreate(worlds, WORLD, SEED, WorldSize.SMALL);
        int start = ticks.currentDay(WORLD);

        Writer writer = new Writer(WORLD, ids("event_entities"), ids("quest_entities"), ids("region_entities"),
                ids("world_state_entities"));
        Thread thread = new Thread(writer, "visual-dm-application");
        thread.start();
        List<DayResult> days;
        long roundsDuringTick;
        try {
            writer.awaitRounds(10, Duration.ofSeconds(30));
            long before = writer.rounds.get();
            days = ticks.tick(WORLD, DAYS, day -> { });
            roundsDuringTick = writer.rounds.get() - before;
            writer.awaitRounds(writer.rounds.get() + 5, Duration.ofSeconds(30));
        } finally {
            writer.stop = true;
            thread.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(thread.isAlive()).as("the writer stopped").isFalse();
        assertThat(writer.failure).as("a statement of the application failed").isNull();
        assertThat(roundsDuringTick).as("the application wrote all along the tick").isGreaterThanOrEqualTo(DAYS);

        // The tick did its work.
        assertThat(days).hasSize(DAYS).allMatch(DayResult::completed);
        assertThat(ticks.currentDay(WORLD)).isEqualTo(start + DAYS);
        assertThat(count("SELECT count(*) FROM engine.tick_log WHERE world_name = '" + WORLD.value() + "'"))
                .isEqualTo((long) DAYS * TickPhase.values().length);
        int today = start + DAYS;
        assertThat(count("SELECT count(*) FROM " + WORLD.qualified("event_entities")
                + " WHERE current_status = 'pending' AND world_day <= " + today))
                .as("events due were activated despite the application's updates of them").isZero();
        assertThat(count("SELECT count(*) FROM " + WORLD.qualified("history_entities") + " WHERE world_day > " + start))
                .as("the tick's history is its own: the application's older records were not taken for it")
                .isEqualTo(days.stream().mapToLong(day -> day.count("history_records")).sum());

        // Every insert of the application is there, once.
        assertThat(writer.history).hasSize(writer.rounds.intValue());
        assertThat(present("history_entities", writer.history)).isEqualTo(writer.history.size());
        assertThat(count("SELECT count(*) FROM " + WORLD.qualified("history_entities") + " WHERE event_name LIKE 'live write %'"))
                .isEqualTo(writer.history.size());
        assertThat(present("character_entities", writer.characters)).isEqualTo(writer.characters.size());
        assertThat(count("SELECT count(*) FROM " + WORLD.qualified("character_entities") + " WHERE name LIKE 'live write %'"))
                .isEqualTo(writer.characters.size());

        // Every updated row holds the last value the application wrote to it.
        assertThat(writer.events).hasSize(Math.min(writer.rounds.intValue(), writer.eventIds.size()));
        assertThat(lostWrites("event_entities", "description", writer.events)).isEmpty();
        assertThat(lostWrites("quest_entities", "description", writer.quests)).isEmpty();
        assertThat(lostWrites("region_entities", "description", writer.regions)).isEmpty();
        assertThat(lostWrites("world_state_entities", "session_metadata->>'live_write'", writer.worldState)).isEmpty();
        assertThat(writer.worldState).hasSize(1);

        // And none of it waited long on the tick.
        System.out.printf("LiveWorldTickTests: %d rounds of 6 statements (%d during the tick); slowest %d ms: %s%n",
                writer.rounds.get(), roundsDuringTick, writer.slowestNanos / 1_000_000, writer.slowest);
        assertThat(Duration.ofNanos(writer.slowestNanos)).as("slowest statement of the application: " + writer.slowest)
                .isLessThan(LONGEST_ALLOWED_WAIT);
    }

    /**
     * The application: on its own connection, in autocommit like a web request, each round inserts a history
     * record (in a year long past, so it never meets the tick's days) and a character, and updates columns the
     * tick does not own, of one event, one quest, one region and the world state, in turn.
     */
    static final class Writer implements Runnable {

        final WorldName world;
        final List<String> eventIds;
        final List<String> questIds;
        final List<String> regionIds;
        final List<String> worldStateIds;
        final AtomicLong rounds = new AtomicLong();
        volatile boolean stop;
        volatile Throwable failure;

        // Read by the test thread only after join().
        final List<String> history = new ArrayList<>();
        final List<String> characters = new ArrayList<>();
        final Map<String, String> events = new HashMap<>();
        final Map<String, String> quests = new HashMap<>();
        final Map<String, String> regions = new HashMap<>();
        final Map<String, String> worldState = new HashMap<>();
        long slowestNanos;
        String slowest = "none";

        Writer(WorldName world, List<String> eventIds, List<String> questIds, List<String> regionIds,
               List<String> worldStateIds) {
            this.world = world;
            this.eventIds = eventIds;
            this.questIds = questIds;
            this.regionIds = regionIds;
            this.worldStateIds = worldStateIds;
        }

        @Override
        public void run() {
            try (Connection connection = TestDatabase.get().connect();
                 PreparedStatement insertHistory = connection.prepareStatement("INSERT INTO " + world.qualified("history_entities")
                         + " (event_name, event_date, world_day, event_type) VALUES (?, ?::jsonb, ?, 'session') RETURNING id");
                 PreparedStatement insertCharacter = connection.prepareStatement("INSERT INTO " + world.qualified("character_entities")
                         + " (name, character_type) VALUES (?, 'pc') RETURNING id");
                 PreparedStatement updateEvent = connection.prepareStatement("UPDATE " + world.qualified("event_entities")
                         + " SET description = ? WHERE id = ?::uuid");
                 PreparedStatement updateQuest = connection.prepareStatement("UPDATE " + world.qualified("quest_entities")
                         + " SET description = ? WHERE id = ?::uuid");
                 PreparedStatement updateRegion = connection.prepareStatement("UPDATE " + world.qualified("region_entities")
                         + " SET description = ? WHERE id = ?::uuid");
                 PreparedStatement updateWorldState = connection.prepareStatement("UPDATE " + world.qualified("world_state_entities")
                         + " SET session_metadata = coalesce(session_metadata, '{}') || jsonb_build_object('live_write', ?::text)"
                         + " WHERE id = ?::uuid")) {
                connection.setAutoCommit(true);
                for (int i = 0; !stop; i++) {
                    String value = "live write " + i;
                    // Years 2 to 101: far before any day the tick writes.
                    int sequence = i % 36_000;
                    int year = 2 + sequence / 360;
                    int month = sequence % 360 / 30 + 1;
                    int dayOfMonth = sequence % 30 + 1;
                    insertHistory.setString(1, value);
                    insertHistory.setString(2, "{\"year\": %d, \"month\": %d, \"day\": %d, \"hour\": 20, \"minute\": 15}"
                            .formatted(year, month, dayOfMonth));
                    insertHistory.setInt(3, (year - 1) * 360 + (month - 1) * 30 + (dayOfMonth - 1));
                    history.add(returnedId(insertHistory, "insert into history_entities"));
                    insertCharacter.setString(1, value);
                    characters.add(returnedId(insertCharacter, "insert into character_entities"));
                    update(updateEvent, value, eventIds.get(i % eventIds.size()), events, "event_entities.description");
                    update(updateQuest, value, questIds.get(i % questIds.size()), quests, "quest_entities.description");
                    update(updateRegion, value, regionIds.get(i % regionIds.size()), regions, "region_entities.description");
                    update(updateWorldState, value, worldStateIds.get(i % worldStateIds.size()), worldState,
                            "world_state_entities.session_metadata");
                    rounds.incrementAndGet();
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        private String returnedId(PreparedStatement insert, String what) throws SQLException {
            long begin = System.nanoTime();
            try (ResultSet id = insert.executeQuery()) {
                timed(begin, what);
                id.next();
                return id.getString(1);
            }
        }

        private void update(PreparedStatement update, String value, String id, Map<String, String> written, String what)
                throws SQLException {
            update.setString(1, value);
            update.setString(2, id);
            long begin = System.nanoTime();
            int rows = update.executeUpdate();
            timed(begin, what);
            if (rows != 1) {
                throw new IllegalStateException(what + " of " + id + " updated " + rows + " rows");
            }
            written.put(id, value);
        }

        private void timed(long begin, String what) {
            long took = System.nanoTime() - begin;
            if (took > slowestNanos) {
                slowestNanos = took;
                slowest = what;
            }
        }

        void awaitRounds(long wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (rounds.get() < wanted && failure == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
    }

    private List<String> ids(String table) {
        return jdbc.sql("SELECT id::text FROM " + WORLD.qualified(table) + " ORDER BY id").query(String.class).list();
    }

    private long present(String table, List<String> ids) {
        return jdbc.sql("SELECT count(*) FROM " + WORLD.qualified(table) + " WHERE id = ANY (string_to_array(:ids, ',')::uuid[])")
                .param("ids", String.join(",", ids)).query(Long.class).single();
    }

    /** The rows whose column no longer holds the last value the application wrote to it. */
    private List<String> lostWrites(String table, String expression, Map<String, String> written) {
        Map<String, String> found = new LinkedHashMap<>();
        jdbc.sql("SELECT id::text, " + expression + " FROM " + WORLD.qualified(table))
                .query((rs, i) -> found.put(rs.getString(1), rs.getString(2))).list();
        List<String> lost = new ArrayList<>();
        written.forEach((id, value) -> {
            if (!value.equals(found.get(id))) {
                lost.add(table + " " + id + ": wrote '" + value + "', found '" + found.get(id) + "'");
            }
        });
        return lost;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
