package com.visualdm.worldengine.archive;

import java.util.List;
import java.util.Map;

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
 * the archive, in one transaction under the world's lock, verified like an archival: the live rows of the range
 * afterwards have the count and hash the archived ones had. Segments hold one world day each, so a range of days
 * takes whole segments.
 */
@Component
public class ArchiveRestore {

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

    ArchiveRestore(JdbcClient jdbc, TransactionTemplate transaction, ArchiveSql sql, ArchiveLedger ledger,
                   PartitioningProperties partitioning, PartitionSets sets, WorldLock lock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.sql = sql;
        this.ledger = ledger;
        this.partitioning = partitioning;
        this.sets = sets;
        this.lock = lock;
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
            long rows = transaction.execute(status -> restoreLocked(world, table, fromDay, toDay));
            return new Restored(rows, (System.nanoTime() - started) / 1e9);
        }
    }

    private long restoreLocked(RegisteredWorld world, PartitionedTable table, int fromDay, int toDay) {
        WorldName name = world.name();
        Map<String, Object> range = Map.of("fromDay", fromDay, "toDay", toDay);
        sets.setLockTimeout();
        long live = jdbc.sql("SELECT count(*) FROM " + name.qualified(table.tableName()) + " WHERE world_day BETWEEN :fromDay AND :toDay")
                .params(range).query(Long.class).single();
        if (live > 0) {
            throw new BadInputException("days " + fromDay + "-" + toDay + " of " + table.tableName() + " in world '" + name
                    + "' overlap " + live + " rows already live; nothing restored");
        }
        String inRange = "s.world_day BETWEEN :fromDay AND :toDay";
        // What the segments hold, from their headers: their checksums were verified against their contents
        // when they were archived.
        ArchiveSql.Digest archived = jdbc.sql("SELECT coalesce(sum(row_count), 0), coalesce(sum(checksum), 0) FROM "
                        + name.qualified(table.archiveTable()) + " s WHERE " + inRange)
                .params(range).query((rs, i) -> new ArchiveSql.Digest(rs.getLong(1), rs.getBigDecimal(2), 0)).single();
        if (archived.rows() == 0) {
            throw new BadInputException("no archived rows of " + table.tableName() + " in world '" + name + "' between days "
                    + fromDay + " and " + toDay);
        }
        int interval = partitioning.settings(table).interval();
        List<Integer> lowers = jdbc.sql("SELECT DISTINCT world_day - world_day % :interval FROM " + name.qualified(table.archiveTable())
                        + " s WHERE " + inRange + " ORDER BY 1")
                .params(range).param("interval", interval).query(Integer.class).list();
        jdbc.sql("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext('pg_partman run_maintenance'))) locks")
                .query(Long.class).single();
        // The rows to restore as a temporary view (dropped below, or rolled back with the rest): a child that does
        // not exist is made already holding its rows, its indexes built in one pass (create_child_from); an
        // existing one gets them through the parent.
        jdbc.sql("CREATE TEMPORARY VIEW restoring AS "
                + sql.archivedRows(name, table, "s.world_day BETWEEN " + fromDay + " AND " + toDay)).update();
        for (int lower : lowers) {
            boolean exists = jdbc.sql("SELECT to_regclass(format('%I.%I', :schema, engine.partition_child_name(:table, :lower))) IS NOT NULL")
                    .param("schema", name.schema()).param("table", table.tableName()).param("lower", (long) lower)
                    .query(Boolean.class).single();
            if (exists) {
                jdbc.sql("INSERT INTO " + name.qualified(table.tableName()) + " SELECT * FROM pg_temp.restoring"
                                + " WHERE world_day >= :lower AND world_day < :lower + :interval")
                        .param("lower", lower).param("interval", interval).update();
            } else {
                jdbc.sql("SELECT engine.create_child_from(:schema, :table, :lower, :interval, 'pg_temp.restoring'::regclass)")
                        .param("schema", name.schema()).param("table", table.tableName()).param("lower", (long) lower)
                        .param("interval", (long) interval).query(Long.class).single();
            }
        }
        jdbc.sql("DROP VIEW pg_temp.restoring").update();
        jdbc.sql("DELETE FROM " + name.qualified(table.archiveTable()) + " s WHERE " + inRange).params(range).update();
        ArchiveSql.Digest restored = sql.digest("SELECT * FROM " + name.qualified(table.tableName())
                + " WHERE world_day BETWEEN :fromDay AND :toDay", range);
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
}
