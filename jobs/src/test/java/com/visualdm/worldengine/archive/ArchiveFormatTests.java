package com.visualdm.worldengine.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.visualdm.worldengine.partition.PartitionedTable;
import com.visualdm.worldengine.support.Cli;
import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.FullHistory;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/**
 * The segment formats: format 3 round-trips every value exactly (dates it derives and dates it must keep, trade
 * ids it keeps as binary and look-alikes it must keep as JSON, uuids it keeps as codes, NULLs, empty JSON,
 * duplicate rows), and segments of formats 1 and 2, as earlier archives wrote them, stay readable through the
 * _all views and restorable.
 */
class ArchiveFormatTests extends DatabaseTest {

    static final WorldName WORLD = WorldName.of("archive_format");

    static final String PARTY = "5b0e54f7-3d2c-4a8e-9f61-0c7d2e9a4b13";

    @Autowired
    WorldService worlds;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @AfterAll
    static void removeWorld() {
        TestWorlds.removeDirectly(WORLD);
    }

    @Test
    void format3KeepsEveryValueExactlyThroughArchiveAndRestore() {
        TestWorlds.recreatePartitioned(worlds, WORLD, 19, WorldSize.TINY);
        int day = jdbc.sql("SELECT min(world_day) FROM " + WORLD.qualified("transaction_entities")).query(Integer.class).single();
        String date = "jsonb_build_object('year', :day / 360 + 1, 'month', :day % 360 / 30 + 1, 'day', :day % 30 + 1, "
                + "'hour', 7, 'minute', 5)";
        // Dates: derivable (also hour 30, past the day of dates the views read), and kept because 12.0 is not 12, an
        // extra member, an hour as text or an array, minute 60.
        // Properties: a trade id, and kept: upper case, not a uuid (also hyphens where a uuid has hex digits), a
        // second member, another shape, empty, NULL.
        // Parties: a uuid no generated row has (twice), and NULLs.
        jdbc.sql("""
                        INSERT INTO %s (transaction_type, from_entity, to_entity, amount, currency_type, description,
                                        location_poi, transaction_date, world_day, economic_impact, status, properties,
                                        created_at, updated_at, is_active)
                        SELECT 'crafted', CASE WHEN a.amount = 0 THEN '%s'::uuid END, NULL, a.amount, NULL, NULL, NULL, a.date, :day, NULL, NULL, a.properties,
                               NULL, NULL, NULL
                          FROM (VALUES (0.00, %s, '{"trade_id": "a810377f-d28b-407c-bc84-daa6384191bf"}'::jsonb),
                                       (0.00, %s, '{"trade_id": "a810377f-d28b-407c-bc84-daa6384191bf"}'::jsonb),
                                       (12345678901.25, %s || '{"hour": 12.0}', '{"trade_id": "A810377F-D28B-407C-BC84-DAA6384191BF"}'),
                                       (-1.5, %s || '{"note": ""}', '{"trade_id": "not-a-uuid"}'),
                                       (1, %s || '{"hour": "7"}', '{"trade_id": "a810377f-d28b-407c-bc84-daa6384191bf", "x": 1}'),
                                       (2, %s, '{"other": "a810377f-d28b-407c-bc84-daa6384191bf"}'),
                                       (3, %s, '{}'),
                                       (4, %s, '[]'),
                                       (5, %s, NULL),
                                       (6, %s || '{"hour": [7]}', '{"trade_id": "------------------------------------"}'),
                                       (7, %s || '{"minute": 60}', '{"trade_id": "a810377f-d28b-407c-bc84-daa638419-bf"}'),
                                       (8, %s || '{"hour": 30}', '{}')) AS a(amount, date, properties)
                        """.formatted(WORLD.qualified("transaction_entities"), PARTY, date, date, date, date, date, date, date, date, date,
                        date, date, date))
                .param("day", day).update();
        // A transaction at every minute of the day, so that the day's segment holds enough rows for the views to
        // take its dates from a day of dates (migrations/world/V12).
        jdbc.sql("""
                        INSERT INTO %s (transaction_type, amount, transaction_date, world_day, properties)
                        SELECT 'every minute', m, jsonb_build_object('year', :day / 360 + 1, 'month', :day %% 360 / 30 + 1,
                                                                     'day', :day %% 30 + 1, 'hour', m / 60, 'minute', m %% 60), :day, '{}'
                          FROM generate_series(0, 1439) m
                        """.formatted(WORLD.qualified("transaction_entities")))
                .param("day", day).update();
        jdbc.sql("""
                        INSERT INTO %s (market_id, buyer_id, seller_id, trade_type, items_traded, currency_exchanged, trade_date,
                                        world_day, trade_value, tax_paid, reputation_impact, trade_conditions, status,
                                        properties, created_at, updated_at, is_active)
                        VALUES (NULL, NULL, NULL, NULL, '[]', NULL, %s, :day, NULL, NULL, NULL, '{}', NULL, NULL, NULL, NULL, NULL),
                               (NULL, NULL, NULL, 'crafted', '[{}]', '{}', %s || '{"minute": 59.5}', :day, 0, 0, '{}', '{}', '', '{}',
                                '2026-01-01 00:00:00.123456', '2026-01-01', false)
                        """.formatted(WORLD.qualified("trade_entities"), date, date))
                .param("day", day).update();
        assertThat(Cli.runWith(Map.of("world-engine.partitioning.pg-partman", "never"),
                "partitions", "maintain", "--world", WORLD.value()).exitCode()).as("rows in a default moved to children").isZero();
        Map<PartitionedTable, String> history = histories();

        Cli.Result run = Cli.run("archive", "run", "--world", WORLD.value());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(histories()).as("every value as it was, read through the _all views").isEqualTo(history);
        // Codes with a gap, which the archive never makes: the views look every code up one by one instead.
        String codes = WORLD.qualified("archive_uuids");
        jdbc.sql("INSERT INTO " + codes + " SELECT max(code) + 2, gen_random_uuid() FROM " + codes).update();
        assertThat(jdbc.sql("SELECT ids IS NULL FROM " + WORLD.qualified("archive_uuid_array")).query(Boolean.class).single()).isTrue();
        assertThat(histories()).as("read through the _all views with codes that are not dense").isEqualTo(history);
        jdbc.sql("DELETE FROM " + codes + " WHERE code = (SELECT max(code) FROM " + codes + ")").update();
        assertThat(jdbc.sql("SELECT ids IS NULL FROM " + WORLD.qualified("archive_uuid_array")).query(Boolean.class).single()).isFalse();
        assertThat(jdbc.sql("SELECT DISTINCT format_version FROM " + WORLD.qualified("transaction_entities_archive"))
                .query(Integer.class).list()).containsExactly(ArchiveSql.FORMAT);
        assertThat(jdbc.sql("SELECT row_count FROM " + WORLD.qualified("transaction_entities_archive") + " WHERE world_day = :day")
                .param("day", day).query(Integer.class).single()).as("dates read from a day of dates").isGreaterThanOrEqualTo(1000);
        // A day of dates holds exactly the dates archive_date builds, for every minute, in the first days of a
        // month and a year, the last ones, and the crafted day.
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM unnest(ARRAY[0, 29, 30, 359, 360, 719, :day]) d
                         CROSS JOIN LATERAL (SELECT %1$s(d) AS dates OFFSET 0) x CROSS JOIN generate_series(0, 1439) m
                         WHERE jsonb_array_length(x.dates) <> 1440 OR (x.dates -> m)::text IS DISTINCT FROM %2$s(d, m::smallint)::text
                            OR (x.dates -> m) IS DISTINCT FROM %2$s(d, m::smallint)
                        """.formatted(WORLD.qualified("archive_day_dates"), WORLD.qualified("archive_date")))
                .param("day", day).query(Long.class).single()).isZero();
        // Both encodings were used on the crafted day, and both kept values where they had to.
        assertThat(elements("transaction_entities_archive", "transaction_date__minute", day)).containsEntry(true, 7L + dailyRows(day))
                .containsEntry(false, 5L);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM %s s CROSS JOIN LATERAL unnest(s.properties__uuid, s.properties) u(trade, properties)
                         WHERE s.world_day = :day AND u.trade = 'a810377f-d28b-407c-bc84-daa6384191bf' AND u.properties IS NULL
                        """.formatted(WORLD.qualified("transaction_entities_archive"))).param("day", day).query(Long.class).single())
                .as("the two plain trade ids kept as binary uuids").isEqualTo(2);
        // Every party is kept as a code, the new one with a code of its own, NULLs as NULL codes; the coded
        // columns' own arrays are left NULL.
        assertThat(jdbc.sql("SELECT count(*) FROM " + WORLD.qualified("transaction_entities_archive") + " WHERE from_entity IS NOT NULL"
                + " OR to_entity IS NOT NULL OR location_poi IS NOT NULL OR related_quest IS NOT NULL OR related_event IS NOT NULL")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM " + WORLD.qualified("trade_entities_archive")
                + " WHERE market_id IS NOT NULL OR buyer_id IS NOT NULL OR seller_id IS NOT NULL").query(Long.class).single()).isZero();
        assertThat(elements("transaction_entities_archive", "from_entity__code", day).get(true)).isEqualTo(jdbc.sql(
                        "SELECT count(from_entity) FROM " + WORLD.qualified("transaction_entities_all") + " WHERE world_day = :day")
                .param("day", day).query(Long.class).single());
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM %s s CROSS JOIN LATERAL unnest(s.from_entity__code) u(code)
                          JOIN %s c ON c.code = u.code WHERE s.world_day = :day AND c.id = '%s'
                        """.formatted(WORLD.qualified("transaction_entities_archive"), WORLD.qualified("archive_uuids"), PARTY))
                .param("day", day).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM %s WHERE world_day = :day AND transaction_type = 'crafted'
                           AND properties::text IN ('{"trade_id": "A810377F-D28B-407C-BC84-DAA6384191BF"}', '{"trade_id": "not-a-uuid"}', '[]',
                                                    '{"trade_id": "------------------------------------"}',
                                                    '{"trade_id": "a810377f-d28b-407c-bc84-daa638419-bf"}')
                        """.formatted(WORLD.qualified("transaction_entities_all"))).param("day", day).query(Long.class).single())
                .isEqualTo(5);

        Cli.Result restore = Cli.run("archive", "restore", "--world", WORLD.value(), "--table", "transaction_entities",
                "--from-day", Integer.toString(day), "--to-day", Integer.toString(day + 40));
        assertThat(restore.exitCode()).as(restore.all()).isZero();
        assertThat(Cli.run("archive", "restore", "--world", WORLD.value(), "--table", "trade_entities",
                "--from-day", Integer.toString(day), "--to-day", Integer.toString(day)).exitCode()).isZero();
        assertThat(histories()).as("restored exactly").isEqualTo(history);
        assertThat(jdbc.sql("SELECT count(*) FROM " + WORLD.qualified("transaction_entities") + " WHERE transaction_type = 'crafted'")
                .query(Long.class).single()).isEqualTo(12);
    }

    @Test
    void format2SegmentsStayReadableAndRestorable() {
        TestWorlds.recreatePartitioned(worlds, WORLD, 23, WorldSize.TINY);
        Map<PartitionedTable, String> history = histories();
        Cli.Result run = Cli.run("archive", "run", "--world", WORLD.value());
        assertThat(run.exitCode()).as(run.all()).isZero();
        // Segments as format 2 (migrations/world/V6) wrote them: the uuids themselves instead of codes.
        String archive = WORLD.qualified("transaction_entities_archive");
        List<String> coded = List.of("from_entity", "to_entity", "location_poi", "related_quest", "related_event");
        String decoded = coded.stream().map(column -> """
                %1$s = (SELECT array_agg(coalesce(c.id, u.id) ORDER BY u.n)
                          FROM unnest(s.%1$s__code, s.%1$s) WITH ORDINALITY u(code, id, n) LEFT JOIN %2$s c ON c.code = u.code),
                %1$s__code = NULL""".formatted(column, WORLD.qualified("archive_uuids"))).collect(Collectors.joining(", "));
        assertThat(jdbc.sql("UPDATE " + archive + " s SET format_version = 2, " + decoded).update()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM " + archive + " WHERE from_entity__code IS NOT NULL OR cardinality(from_entity) <> row_count")
                .query(Long.class).single()).isZero();
        assertThat(histories()).as("format 2 read through the _all view").isEqualTo(history);

        int[] days = jdbc.sql("SELECT min(world_day), max(world_day) FROM " + archive)
                .query((rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)}).single();
        Cli.Result restore = Cli.run("archive", "restore", "--world", WORLD.value(), "--table", "transaction_entities",
                "--from-day", Integer.toString(days[0]), "--to-day", Integer.toString(days[1]));
        assertThat(restore.exitCode()).as(restore.all()).isZero();
        assertThat(histories()).as("format 2 restored").isEqualTo(history);
    }

    @Test
    void format1SegmentsStayReadableAndRestorable() {
        TestWorlds.recreatePartitioned(worlds, WORLD, 19, WorldSize.TINY);
        Map<PartitionedTable, String> history = histories();
        String child = jdbc.sql("""
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                         WHERE i.inhparent = to_regclass(:parent) AND c.relname <> 'history_entities_default'
                         ORDER BY c.relname LIMIT 1
                        """)
                .param("parent", WORLD.qualified("history_entities")).query(String.class).single();
        // Segments as format 1 (migrations/world/V4) wrote them: every column but world_day as an array, no
        // format 2 columns; then the child is gone, as after an archival of the first archive.
        jdbc.sql("""
                        INSERT INTO %1$s (world_day, ledger_id, min_id, max_id, row_count, checksum, format_version, id, event_name,
                                          event_description, event_date, event_type, significance_level, participants, locations,
                                          causes, consequences, sources, reliability, public_knowledge, related_events,
                                          related_quests, related_characters, status, properties, created_at, updated_at, is_active)
                        SELECT world_day, 0, min(id::text)::uuid, max(id::text)::uuid, count(*), sum(hash_record_extended(t, 0)), 1,
                               array_agg(id), array_agg(event_name), array_agg(event_description), array_agg(event_date),
                               array_agg(event_type), array_agg(significance_level), array_agg(participants), array_agg(locations),
                               array_agg(causes), array_agg(consequences), array_agg(sources), array_agg(reliability),
                               array_agg(public_knowledge), array_agg(related_events), array_agg(related_quests),
                               array_agg(related_characters), array_agg(status), array_agg(properties), array_agg(created_at),
                               array_agg(updated_at), array_agg(is_active)
                          FROM %2$s t GROUP BY world_day
                        """.formatted(WORLD.qualified("history_entities_archive"), WORLD.qualified(child))).update();
        int[] days = jdbc.sql("SELECT min(world_day), max(world_day) FROM " + WORLD.qualified("history_entities_archive"))
                .query((rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)}).single();
        jdbc.sql("DROP TABLE " + WORLD.qualified(child)).update();
        assertThat(jdbc.sql("SELECT count(*) FROM " + WORLD.qualified("history_entities_archive") + " WHERE event_date__minute IS NOT NULL")
                .query(Long.class).single()).isZero();
        assertThat(histories()).as("format 1 read through the _all view").isEqualTo(history);

        Cli.Result restore = Cli.run("archive", "restore", "--world", WORLD.value(), "--table", "history_entities",
                "--from-day", Integer.toString(days[0]), "--to-day", Integer.toString(days[1]));
        assertThat(restore.exitCode()).as(restore.all()).isZero();
        assertThat(histories()).as("format 1 restored").isEqualTo(history);
        assertThat(jdbc.sql("SELECT count(*) FROM " + WORLD.qualified("history_entities_archive")).query(Long.class).single()).isZero();
    }

    @Test
    void daysOfMoreRowsThanASegmentHoldAreCutIntoSegmentsWithHeadersOfTheirOwn() {
        TestWorlds.recreatePartitioned(worlds, WORLD, 29, WorldSize.TINY);
        Map<PartitionedTable, String> history = histories();
        int segmentRows = 3;
        Cli.Result run = Cli.runWith(Map.of("world-engine.archive.segment-rows", segmentRows), "archive", "run", "--world", WORLD.value());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(histories()).as("every value as it was, read through the _all views").isEqualTo(history);
        assertThat(jdbc.sql("SELECT max(row_count) FROM " + WORLD.qualified("transaction_entities_archive")).query(Integer.class)
                .single()).as("the busiest days were cut").isEqualTo(segmentRows);
        for (PartitionedTable table : PartitionedTable.values()) {
            String archive = WORLD.qualified(table.archiveTable());
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM %s s
                             WHERE row_count <> cardinality(id) OR row_count > :segmentRows
                                OR min_id <> (SELECT min(i::text)::uuid FROM unnest(s.id) i)
                                OR max_id <> (SELECT max(i::text)::uuid FROM unnest(s.id) i)
                            """.formatted(archive)).param("segmentRows", segmentRows).query(Long.class).single())
                    .as("each segment's header describes its own rows").isZero();
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM (SELECT world_day, count(*) AS segments, sum(row_count) AS rows,
                                                         count(*) FILTER (WHERE row_count < :segmentRows) AS short
                                                    FROM %s GROUP BY world_day) d
                             WHERE segments <> (rows + :segmentRows - 1) / :segmentRows OR short > 1
                            """.formatted(archive)).param("segmentRows", segmentRows).query(Long.class).single())
                    .as("a day is cut into full segments and at most one shorter").isZero();
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM (SELECT world_day, sum(checksum) AS checksum FROM %s GROUP BY world_day) s
                              FULL JOIN (SELECT world_day, sum(hash_record_extended(a, 0)) AS checksum
                                           FROM (SELECT %s FROM %s) a GROUP BY world_day) a USING (world_day)
                             WHERE s.checksum IS DISTINCT FROM a.checksum
                            """.formatted(archive, String.join(", ", columns(table)),
                            WORLD.qualified(table.tableName() + "_archived"))).query(Long.class).single())
                    .as("the segments' checksums add up to the hash of their days' rows").isZero();
        }

        int[] days = jdbc.sql("SELECT min(world_day), max(world_day) FROM " + WORLD.qualified("trade_entities_archive"))
                .query((rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)}).single();
        Cli.Result restore = Cli.run("archive", "restore", "--world", WORLD.value(), "--table", "trade_entities",
                "--from-day", Integer.toString(days[0]), "--to-day", Integer.toString(days[1]));
        assertThat(restore.exitCode()).as(restore.all()).isZero();
        assertThat(histories()).as("restored exactly").isEqualTo(history);
    }

    /** The columns of a table, quoted, in order (as the _archived view returns them, after its ledger_id). */
    private List<String> columns(PartitionedTable table) {
        return jdbc.sql("""
                        SELECT quote_ident(attname) FROM pg_catalog.pg_attribute
                         WHERE attrelid = to_regclass(:table) AND attnum > 0 AND NOT attisdropped ORDER BY attnum
                        """)
                .param("table", WORLD.qualified(table.tableName())).query(String.class).list();
    }

    /** Generated transactions of the day, besides the crafted ones (their dates are all derivable). */
    private long dailyRows(int day) {
        return jdbc.sql("SELECT count(*) FROM " + WORLD.qualified("transaction_entities_all")
                        + " WHERE world_day = :day AND transaction_type IS DISTINCT FROM 'crafted'")
                .param("day", day).query(Long.class).single();
    }

    /** How many elements of an archive column on a day are set (true) and NULL (false). */
    private Map<Boolean, Long> elements(String archive, String column, int day) {
        return jdbc.sql("SELECT u.e IS NOT NULL, count(*) FROM " + WORLD.qualified(archive) + " s CROSS JOIN LATERAL unnest(s."
                        + column + ") u(e) WHERE s.world_day = :day GROUP BY 1")
                .param("day", day).query((rs, i) -> Map.entry(rs.getBoolean(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private Map<PartitionedTable, String> histories() {
        return FullHistory.of(jdbc, transaction, WORLD);
    }
}
