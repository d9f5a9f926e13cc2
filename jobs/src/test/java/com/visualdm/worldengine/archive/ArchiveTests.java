package com.visualdm.worldengine.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

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
import com.visualdm.worldengine.world.WorldClock;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/**
 * The archive on a generated world: old children packed, verified and dropped, the full history unchanged
 * through the _all views, restore putting days back, bad input refused with nothing changed, and recent-day
 * queries touching only live partitions (and only the matching archive segments).
 */
class ArchiveTests extends DatabaseTest {

    static final WorldName WORLD = WorldName.of("archive_main");
    static final int RETENTION = 360;
    static final int INTERVAL = 30;

    @Autowired
    WorldService worlds;

    @Autowired
    JdbcClient jdbc;

    /** The ledger rows of this world, not of an earlier world of its name that a failed run left behind. */
    static final String WORLD_ID = "(SELECT id FROM engine.worlds WHERE name = :world)";

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    WorldClock clock;

    @AfterAll
    static void removeWorld() {
        TestWorlds.removeDirectly(WORLD);
    }

    @Test
    void archiveKeepsTheFullHistoryRestorePutsDaysBackAndBadInputChangesNothing() {
        TestWorlds.recreate(worlds, WORLD, 11, WorldSize.SMALL);
        Map<String, Object> ours = Map.of("world-engine.partitioning.pg-partman", "never");
        assertThat(Cli.runWith(ours, "partitions", "maintain", "--world", WORLD.value()).exitCode()).isZero();
        Map<PartitionedTable, String> history = histories();
        int today = clock.currentDay(WORLD);
        int horizon = today - RETENTION;

        Cli.Result run = Cli.run("archive", "run", "--world", WORLD.value());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("trade_entities_p536100").containsPattern("archived \\d+ partitions");

        assertThat(histories()).as("every row exactly once, live or archived, values unchanged").isEqualTo(history);
        for (PartitionedTable table : PartitionedTable.values()) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + WORLD.qualified(table.tableName()) + " WHERE world_day < :horizon - :interval")
                    .param("horizon", horizon).param("interval", INTERVAL).query(Long.class).single())
                    .as("no live row of " + table + " lies a whole interval beyond the retention").isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM " + WORLD.qualified(table.archiveTable()) + " WHERE world_day >= :horizon")
                    .param("horizon", horizon).query(Long.class).single()).as("nothing within the retention archived").isZero();
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM %s
                             WHERE format_version <> %d OR row_count <> cardinality(id) OR min_id > max_id
                            """.formatted(WORLD.qualified(table.archiveTable()), ArchiveSql.FORMAT)).query(Long.class).single())
                    .as("segment headers agree with their contents").isZero();
        }
        assertThat(jdbc.sql("SELECT DISTINCT state FROM engine.archive_ledger WHERE world_id = " + WORLD_ID)
                .param("world", WORLD.value()).query(String.class).list()).containsExactly("dropped");
        assertThat(jdbc.sql("SELECT count(*) FROM pg_class WHERE relnamespace = to_regnamespace(:schema) AND relname LIKE '%\\_archiving'")
                .param("schema", WORLD.schema()).query(Long.class).single()).isZero();
        long archivedPartitions = ledgerRows();
        assertThat(Cli.run("archive", "run", "--world", WORLD.value()).exitCode()).as("a second run has nothing to do").isZero();
        assertThat(ledgerRows()).isEqualTo(archivedPartitions);

        // Restore a range of days in the middle of an archived partition.
        int from = 536200;
        int to = 536215;
        long archivedInRange = countIn("trade_entities_archive", "sum(row_count)", from, to);
        assertThat(archivedInRange).isPositive();
        Cli.Result restore = Cli.run("archive", "restore", "--world", WORLD.value(), "--table", "trade_entities",
                "--from-day", Integer.toString(from), "--to-day", Integer.toString(to));
        assertThat(restore.exitCode()).as(restore.all()).isZero();
        assertThat(restore.out()).contains("restored " + String.format("%,d", archivedInRange) + " rows");
        assertThat(countIn("trade_entities", "count(*)", from, to)).isEqualTo(archivedInRange);
        assertThat(countIn("trade_entities_archive", "count(*)", from, to)).isZero();
        assertThat(histories()).as("restore keeps the full history").isEqualTo(history);
        assertThat(jdbc.sql("""
                        SELECT string_agg(conname || CASE WHEN conparentid <> 0 THEN ' of the parent' ELSE '' END, ', ' ORDER BY conname)
                          FROM pg_constraint WHERE contype = 'f' AND conrelid = to_regclass(:child)
                        """).param("child", WORLD.qualified("trade_entities_p536190")).query(String.class).single())
                .as("the restored child has the parent's foreign keys, adopted when it was attached, and no others")
                .isEqualTo("trade_entities_buyer_id_fkey of the parent, trade_entities_market_id_fkey of the parent, "
                        + "trade_entities_seller_id_fkey of the parent");

        // Bad input: a clear error, exit code 2, nothing changed.
        Map<PartitionedTable, String> afterRestore = histories();
        long ledger = ledgerRows();
        assertBadInput(Cli.run("archive", "restore", "--world", WORLD.value(), "--table", "trade_entities",
                "--from-day", Integer.toString(from + 10), "--to-day", Integer.toString(from + 20)), "already live");
        assertBadInput(Cli.run("archive", "restore", "--world", WORLD.value(), "--table", "quest_entities",
                "--from-day", "1", "--to-day", "2"), "unknown table 'quest_entities'");
        assertBadInput(Cli.run("archive", "run", "--world", WORLD.value(), "--retention-days", "10"),
                "shorter than one partition interval");
        assertBadInput(Cli.run("archive", "run", "--world", "no_such_world"), "no world named 'no_such_world'");
        assertBadInput(Cli.run("archive", "restore", "--world", WORLD.value(), "--table", "trade_entities",
                "--from-day", "9", "--to-day", "3"), "after --to-day");
        // A row that arrived for an archived interval waits in the default partition, where a restored child goes.
        int stray = 536105;
        jdbc.sql("""
                        INSERT INTO %s (items_traded, trade_date, world_day)
                        VALUES ('[]', jsonb_build_object('year', :day / 360 + 1, 'month', :day %% 360 / 30 + 1, 'day', :day %% 30 + 1), :day)
                        """.formatted(WORLD.qualified("trade_entities")))
                .param("day", stray).update();
        assertThat(countIn("trade_entities_default", "count(*)", stray, stray)).isEqualTo(1);
        assertBadInput(Cli.run("archive", "restore", "--world", WORLD.value(), "--table", "trade_entities",
                "--from-day", Integer.toString(stray + 5), "--to-day", Integer.toString(stray + 10)),
                "1 rows of days 536105-536105 of trade_entities in world 'archive_main' wait in its default partition");
        jdbc.sql("DELETE FROM " + WORLD.qualified("trade_entities_default")).update();
        assertThat(histories()).isEqualTo(afterRestore);
        assertThat(ledgerRows()).isEqualTo(ledger);
        assertThat(countIn("trade_entities", "count(*)", from, to)).isEqualTo(archivedInRange);
    }

    @Test
    void aRecentDayQueryScansOnlyLivePartitionsAndOnlyMatchingSegments() {
        if (worlds.find(WORLD).isEmpty() || ledgerRows() == 0) {
            archiveKeepsTheFullHistoryRestorePutsDaysBackAndBadInputChangesNothing();
        }
        int today = clock.currentDay(WORLD);
        String live = plan("SELECT * FROM " + WORLD.qualified("trade_entities") + " WHERE world_day BETWEEN " + (today - 6)
                + " AND " + today);
        List<String> scanned = scannedRelations(live);
        assertThat(scanned).as(live).isNotEmpty().allMatch(relation -> relation.startsWith("trade_entities_p"));
        assertThat(scanned).as(live).hasSizeLessThanOrEqualTo(2)
                .allMatch(relation -> Integer.parseInt(relation.substring("trade_entities_p".length())) > today - RETENTION);

        String all = plan("SELECT * FROM " + WORLD.qualified("trade_entities_all") + " WHERE world_day BETWEEN 536150 AND 536152");
        String archiveScan = all.substring(all.indexOf("on trade_entities_archive"));
        archiveScan = archiveScan.contains("->") ? archiveScan.substring(0, archiveScan.indexOf("->")) : archiveScan;
        assertThat(archiveScan).as("segments are chosen by their header, before they are unpacked: " + all)
                .contains("world_day >= 536150").contains("world_day <= 536152");
        assertThat(scannedRelations(all)).as(all).contains("trade_entities_archive").noneMatch(relation ->
                relation.startsWith("trade_entities_p") && Integer.parseInt(relation.substring("trade_entities_p".length())) > 536152);
    }

    private String plan(String query) {
        return String.join("\n", jdbc.sql("EXPLAIN " + query).query(String.class).list());
    }

    /** The tables a plan reads (not the indexes of bitmap scans). */
    private static List<String> scannedRelations(String plan) {
        return plan.lines().filter(line -> line.contains("Scan") && !line.contains("Bitmap Index Scan"))
                .map(line -> line.replaceFirst(".*Scan.*? on (\\S+).*", "$1"))
                .map(relation -> relation.replaceFirst("^.*\\.", "").replace("\"", "")).toList();
    }

    private Map<PartitionedTable, String> histories() {
        return FullHistory.of(jdbc, transaction, WORLD);
    }

    private long countIn(String table, String aggregate, int from, int to) {
        return jdbc.sql("SELECT coalesce(" + aggregate + ", 0) FROM " + WORLD.qualified(table) + " WHERE world_day BETWEEN :from AND :to")
                .param("from", from).param("to", to).query(Long.class).single();
    }

    private long ledgerRows() {
        return jdbc.sql("SELECT count(*) FROM engine.archive_ledger WHERE world_id = " + WORLD_ID)
                .param("world", WORLD.value()).query(Long.class).single();
    }

    private static void assertBadInput(Cli.Result result, String message) {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains(message);
    }
}
