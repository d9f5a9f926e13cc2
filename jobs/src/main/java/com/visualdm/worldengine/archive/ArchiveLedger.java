package com.visualdm.worldengine.archive;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.partition.PartitionedTable;
import com.visualdm.worldengine.world.RegisteredWorld;

/** {@code engine.archive_ledger}: the journal of the archive's state machine. */
@Component
class ArchiveLedger {

    /** One partition's archival. */
    record Entry(long id, PartitionedTable table, String partition, int fromDay, int toDay, ArchiveState state,
                 Long rowCount, BigDecimal rowHash) {

        String detachedName() {
            return partition + "_archiving";
        }
    }

    private final JdbcClient jdbc;

    ArchiveLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a partition as planned unless its archival is already under way. */
    void plan(RegisteredWorld world, PartitionedTable table, String partition, int fromDay, int toDay, Long jobExecutionId) {
        jdbc.sql("""
                        INSERT INTO engine.archive_ledger (world_id, world_name, table_name, partition_name, from_day, to_day,
                                                           state, job_execution_id)
                        VALUES (:worldId, :world, :table, :partition, :fromDay, :toDay, :state, :execution)
                        ON CONFLICT (world_id, table_name, partition_name) WHERE state <> 'dropped' DO NOTHING
                        """)
                .param("worldId", world.id()).param("world", world.name().value()).param("table", table.tableName())
                .param("partition", partition).param("fromDay", fromDay).param("toDay", toDay)
                .param("state", ArchiveState.PLANNED.label()).param("execution", jobExecutionId)
                .update();
    }

    /** The world's archivals not yet done, oldest range first. */
    List<Entry> unfinished(RegisteredWorld world) {
        return jdbc.sql("""
                        SELECT id, table_name, partition_name, from_day, to_day, state, row_count, row_hash
                          FROM engine.archive_ledger
                         WHERE world_id = :worldId AND state <> 'dropped'
                         ORDER BY from_day, table_name
                        """)
                .param("worldId", world.id())
                .query((rs, i) -> new Entry(rs.getLong(1), PartitionedTable.ofName(rs.getString(2)), rs.getString(3),
                        rs.getInt(4), rs.getInt(5), ArchiveState.ofLabel(rs.getString(6)), (Long) rs.getObject(7),
                        rs.getBigDecimal(8)))
                .list();
    }

    /** Locks the entry for the current transaction and checks it is still where the caller found it. */
    void lock(Entry entry) {
        String state = jdbc.sql("SELECT state FROM engine.archive_ledger WHERE id = :id FOR UPDATE")
                .param("id", entry.id()).query(String.class).single();
        if (!state.equals(entry.state().label())) {
            throw new IllegalStateException("archive ledger entry " + entry.id() + " moved from " + entry.state().label()
                    + " to " + state + " under us");
        }
    }

    void detached(Entry entry, long rowCount, long bytesBefore) {
        jdbc.sql("""
                        UPDATE engine.archive_ledger SET state = :state, row_count = :rows, bytes_before = :bytes, updated_at = now()
                         WHERE id = :id
                        """)
                .param("state", ArchiveState.DETACHED.label()).param("rows", rowCount).param("bytes", bytesBefore)
                .param("id", entry.id()).update();
    }

    /** Packed: the hash is that of the detached rows, computed from them while packing. */
    void packed(Entry entry, BigDecimal rowHash, int segments) {
        jdbc.sql("UPDATE engine.archive_ledger SET state = :state, row_hash = :hash, segments = :segments, updated_at = now() WHERE id = :id")
                .param("state", ArchiveState.PACKED.label()).param("hash", rowHash).param("segments", segments)
                .param("id", entry.id()).update();
    }

    void verified(Entry entry, long bytesAfter) {
        jdbc.sql("UPDATE engine.archive_ledger SET state = :state, bytes_after = :bytes, updated_at = now() WHERE id = :id")
                .param("state", ArchiveState.VERIFIED.label()).param("bytes", bytesAfter).param("id", entry.id()).update();
    }

    void dropped(Entry entry) {
        jdbc.sql("UPDATE engine.archive_ledger SET state = :state, updated_at = now() WHERE id = :id")
                .param("state", ArchiveState.DROPPED.label()).param("id", entry.id()).update();
    }
}
