package com.visualdm.worldengine.support;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.visualdm.worldengine.partition.PartitionedTable;
import com.visualdm.worldengine.world.WorldName;

/**
 * The full history of a partitioned table as its {@code <table>_all} view returns it, live and archived rows
 * together: row count, distinct keys and an order-independent hash of the rows (written here independently of
 * the engine's own hash). Equal digests mean the same rows, each exactly once.
 */
public final class FullHistory {

    private FullHistory() {
    }

    /** The digest of each partitioned table of the world. */
    public static Map<PartitionedTable, String> of(JdbcClient jdbc, TransactionTemplate transaction, WorldName world) {
        Map<PartitionedTable, String> digests = new EnumMap<>(PartitionedTable.class);
        for (PartitionedTable table : PartitionedTable.values()) {
            digests.put(table, digest(jdbc, transaction, world, table.tableName()));
        }
        return digests;
    }

    public static String digest(JdbcClient jdbc, TransactionTemplate transaction, WorldName world, String table) {
        return transaction.execute(status -> {
            jdbc.sql("SET LOCAL DateStyle = 'ISO, YMD'").update();
            return jdbc.sql("""
                            SELECT count(*) || ' rows, ' || count(DISTINCT (r.id, r.world_day)) || ' keys, hash '
                                   || coalesce(sum(('x' || substr(md5(r::text), 1, 12))::bit(48)::bigint), 0)
                              FROM %s r
                            """.formatted(world.qualified(table + "_all")))
                    .query(String.class).single();
        });
    }
}
