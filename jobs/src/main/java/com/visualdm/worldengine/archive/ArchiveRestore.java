package com.visualdm.worldengine.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.visualdm.worldengine.partition.PartitionSets;
import com.visualdm.worldengine.partition.PartitionedTable;
import com.visualdm.worldengine.partition.PartitioningProperties;
import com.visualdm.worldengine.system.BadInputException;
import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldLock;
import com.visualdm.worldengine.world.WorldName;

/**
 * Puts archived rows of a range of world days back into live partitions (made as needed) and removes them from
 * the archive under the world's lock, verified like an archival: the live rows of the range afterwards have the
 * count and hash the archived ones had. Children to make are loaded first, several at once, as tables not yet
 * attached; one final transaction attaches them, puts the rows of existing children back, empties the archive's
 * range and verifies, so the restore is all or nothing. Segments hold one world day each, so a range of days
 * takes whole segments.
 */
@Component
public class ArchiveRestore {

    private static final String IN_RANGE = "s.world_day BETWEEN :fromDay AND :toDay";
    private static final String STAGED_SUFFIX = "_restoring";

    /** What a restore put back. */
    public record Restored(long rows, double seconds) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ArchiveSql sql;
    private final ArchiveLedger ledger;
    private final PartitioningProperties partitioning;
    private final PartitionSets sets;
    private final WorldLock lock;
    private final ArchiveProperties properties;

    ArchiveRestore(JdbcClient jdbc, TransactionTemplate transaction, ArchiveSql sql, ArchiveLedger ledger,
                   PartitioningProperties partitioning, PartitionSets sets, WorldLock lock, ArchiveProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.sql = sql;
        this.ledger = ledger;
        this.partitioning = partitioning;
        this.sets = sets;
        this.lock = lock;
        this.properties = properties;
    }

    public Restored restore(RegisteredWorld world, PartitionedTable table, int fromDay, int toDay) {
        if (fromDay > toDay) {
            throw new BadInputException("--from-day " + fromDay + " is after --to-day " + toDay);
        }
        WorldName name = world.name();
        long started = System.nanoTime();
        try (WorldLock.Held held = lock.acquire(name, "archive restore")) {
            List<ArchiveLedger.Entry> unfinished = ledger.unfinished(world).stream().filter(entry -> entry.table() == table).toList();
            if (!unfinished.isEmpty()) {
                throw new BadInputException("an archive run of " + table.tableName() + " in world '" + name + "' is unfinished ("
                        + unfinished.get(0).partition() + " is " + unfinished.get(0).state().label()
                        + "); finish it first with: world-engine archive run --world " + name);
            }
            transaction.executeWithoutResult(status -> dropStaged(name, table));
            Plan plan = transaction.execute(status -> plan(name, table, fromDay, toDay));
            try {
                ArchiveSql.Digest staged = stage(name, table, plan);
                properties.haltIf(HaltPoint.RESTORE_STAGED);
                long rows = transaction.execute(status -> restoreStaged(world, table, plan, staged));
                return new Restored(rows, (System.nanoTime() - started) / 1e9);
            } finally {
                // After a failure (nothing restored), or nothing at all after success: the staged tables were attached.
                transaction.executeWithoutResult(status -> dropStaged(name, table));
            }
        }
    }

    /** What a restore puts back: the days, what the segments hold, and the children to make (the others exist). */
    private record Plan(int fromDay, int toDay, ArchiveSql.Digest archived, int interval, List<Integer> newLowers,
                        List<Integer> existingLowers) {

        Map<String, Object> range() {
            return Map.of("fromDay", fromDay, "toDay", toDay);
        }
    }

    private Plan plan(WorldName name, PartitionedTable table, int fromDay, int toDay) {
        Map<String, Object> range = Map.of("fromDay", fromDay, "toDay", toDay);
        refuseLiveOverlap(name, table, range);
        // What the segments hold, from their headers: their checksums were verified against their contents
        // when they were archived.
        ArchiveSql.Digest archived = jdbc.sql("SELECT coalesce(sum(row_count), 0), coalesce(sum(checksum), 0) FROM "
                        + name.qualified(table.archiveTable()) + " s WHERE " + IN_RANGE)
                .params(range).query((rs, i) -> new ArchiveSql.Digest(rs.getLong(1), rs.getBigDecimal(2), 0)).single();
        if (archived.rows() == 0) {
            throw new BadInputException("no archived rows of " + table.tableName() + " in world '" + name + "' between days "
                    + fromDay + " and " + toDay);
        }
        int interval = partitioning.settings(table).interval();
        List<Integer> lowers = jdbc.sql("SELECT DISTINCT world_day - world_day % :interval FROM " + name.qualified(table.archiveTable())
                        + " s WHERE " + IN_RANGE + " ORDER BY 1")
                .params(range).param("interval", interval).query(Integer.class).list();
        List<Integer> existing = lowers.stream().filter(lower -> jdbc.sql(
                        "SELECT to_regclass(format('%I.%I', :schema, engine.partition_child_name(:table, :lower))) IS NOT NULL")
                .param("schema", name.schema()).param("table", table.tableName()).param("lower", (long) lower)
                .query(Boolean.class).single()).toList();
        List<Integer> newLowers = lowers.stream().filter(lower -> !existing.contains(lower)).toList();
        refuseDefaultRowsWhereChildrenGo(name, table, newLowers, interval);
        return new Plan(fromDay, toDay, archived, interval, newLowers, existing);
    }

    /**
     * A child cannot be attached while the default partition holds rows of its range (PostgreSQL refuses): those
     * rows are maintenance's to move first.
     */
    private void refuseDefaultRowsWhereChildrenGo(WorldName name, PartitionedTable table, List<Integer> newLowers, int interval) {
        Map<String, Object> stray = jdbc.sql("SELECT count(*) AS stray, min(world_day) AS first, max(world_day) AS last FROM "
                        + name.qualified(table.defaultPartition()) + " WHERE world_day - world_day % :interval = ANY(:lowers)")
                .param("interval", interval).param("lowers", newLowers.toArray(Integer[]::new)).query().singleRow();
        long rows = ((Number) stray.get("stray")).longValue();
        if (rows > 0) {
            throw new BadInputException(rows + " rows of days " + stray.get("first") + "-" + stray.get("last") + " of "
                    + table.tableName() + " in world '" + name + "' wait in its default partition, where restored children "
                    + "would go; move them first with: world-engine partitions maintain --world " + name + " (nothing restored)");
        }
    }

    private void refuseLiveOverlap(WorldName name, PartitionedTable table, Map<String, Object> range) {
        long live = jdbc.sql("SELECT count(*) FROM " + name.qualified(table.tableName()) + " WHERE world_day BETWEEN :fromDay AND :toDay")
                .params(range).query(Long.class).single();
        if (live > 0) {
            throw new BadInputException("days " + range.get("fromDay") + "-" + range.get("toDay") + " of " + table.tableName()
                    + " in world '" + name + "' overlap " + live + " rows already live; nothing restored");
        }
    }

    /**
     * Each child to make is first loaded and indexed as a table of its own, {@code <child>_restoring}, not attached
     * to anything: several at once, each in its own transaction (unpacking and indexing are most of a restore's
     * work). Until the final transaction attaches them they are invisible to the world, and nothing changes them;
     * whatever an interrupted restore left is dropped by the next one. Returns the digest of the loaded rows, as
     * they lie in the staged tables.
     */
    private ArchiveSql.Digest stage(WorldName name, PartitionedTable table, Plan plan) {
        List<ArchiveSql.Digest> staged = new ArrayList<>();
        Workers.run(properties.workers(), plan.newLowers().stream().<Callable<ArchiveSql.Digest>>map(lower -> () -> transaction.execute(status -> {
            String stagedName = stagedName(table, lower);
            sql.settleBulkTransaction(properties.workMem());
            jdbc.sql("SELECT engine.create_staged_child(:schema, :table, :lower, :interval, :staged)")
                    .param("schema", name.schema()).param("table", table.tableName()).param("lower", (long) lower)
                    .param("interval", (long) plan.interval()).param("staged", stagedName).query().singleRow();
            jdbc.sql("INSERT INTO " + name.qualified(stagedName) + " " + archivedRowsOfChild(name, table))
                    .params(plan.range()).param("lower", lower).param("interval", plan.interval()).update();
            jdbc.sql("SELECT engine.index_staged_child(:schema, :table, :lower, :staged)")
                    .param("schema", name.schema()).param("table", table.tableName()).param("lower", (long) lower)
                    .param("staged", stagedName).query().singleRow();
            return sql.digest("SELECT * FROM " + name.qualified(stagedName), Map.of());
        })).toList(), staged::add, "restoring " + table.tableName() + " of world '" + name + "'");
        return staged.stream().reduce(ArchiveSql.Digest.NONE, ArchiveSql.Digest::plus);
    }

    /**
     * The final transaction: staged children attached, rows of existing children put back, the archive emptied,
     * verified: the staged rows (digested as loaded; attaching does not change them) and the rows put back (read
     * from their children) together must be exactly what the segments held.
     */
    private long restoreStaged(RegisteredWorld world, PartitionedTable table, Plan plan, ArchiveSql.Digest staged) {
        WorldName name = world.name();
        Map<String, Object> range = plan.range();
        sets.lockForDdl();
        sql.settleBulkTransaction(properties.workMem());
        refuseLiveOverlap(name, table, range);
        for (int lower : plan.newLowers()) {
            jdbc.sql("SELECT engine.attach_staged_child(:schema, :table, :lower, :interval, :staged)")
                    .param("schema", name.schema()).param("table", table.tableName()).param("lower", (long) lower)
                    .param("interval", (long) plan.interval()).param("staged", stagedName(table, lower)).query().singleRow();
        }
        for (int lower : plan.existingLowers()) {
            jdbc.sql("INSERT INTO " + name.qualified(table.tableName()) + " " + archivedRowsOfChild(name, table))
                    .params(range).param("lower", lower).param("interval", plan.interval()).update();
        }
        jdbc.sql("DELETE FROM " + name.qualified(table.archiveTable()) + " s WHERE " + IN_RANGE).params(range).update();
        ArchiveSql.Digest archived = plan.archived();
        ArchiveSql.Digest putBack = sql.digest("SELECT * FROM " + name.qualified(table.tableName())
                + " WHERE world_day BETWEEN :fromDay AND :toDay AND world_day - world_day % :interval = ANY(:lowers)",
                Map.of("fromDay", plan.fromDay(), "toDay", plan.toDay(), "interval", plan.interval(),
                        "lowers", plan.existingLowers().toArray(Integer[]::new)));
        ArchiveSql.Digest restored = staged.plus(putBack);
        if (restored.rows() != archived.rows() || restored.hash().compareTo(archived.hash()) != 0) {
            throw new IllegalStateException("restored rows of " + table.tableName() + " do not match the archive ("
                    + restored.rows() + " vs " + archived.rows() + " rows); nothing restored");
        }
        jdbc.sql("""
                        INSERT INTO engine.archive_restores (world_id, world_name, table_name, from_day, to_day, row_count, row_hash)
                        VALUES (:worldId, :world, :table, :fromDay, :toDay, :rows, :hash)
                        """)
                .param("worldId", world.id()).param("world", name.value()).param("table", table.tableName())
                .params(range).param("rows", archived.rows()).param("hash", archived.hash()).update();
        return archived.rows();
    }

    /** The archived rows of the restored days that belong in the child at :lower. */
    private String archivedRowsOfChild(WorldName name, PartitionedTable table) {
        return sql.archivedRows(name, table, IN_RANGE + " AND s.world_day >= :lower AND s.world_day < :lower + :interval");
    }

    private static String stagedName(PartitionedTable table, int lower) {
        return table.tableName() + "_p" + lower + STAGED_SUFFIX;
    }

    /** Tables of the table staged by a restore that did not finish. */
    private void dropStaged(WorldName name, PartitionedTable table) {
        List<String> staged = jdbc.sql("""
                        SELECT relname FROM pg_catalog.pg_class
                         WHERE relnamespace = to_regnamespace(:schema) AND relkind = 'r' AND NOT relispartition
                           AND starts_with(relname, :prefix) AND right(relname, :suffixLength) = :suffix
                        """)
                .param("schema", name.schema()).param("prefix", table.tableName() + "_p")
                .param("suffixLength", STAGED_SUFFIX.length()).param("suffix", STAGED_SUFFIX)
                .query(String.class).list();
        for (String relation : staged) {
            jdbc.sql("DROP TABLE " + name.qualified(relation)).update();
        }
    }
}
