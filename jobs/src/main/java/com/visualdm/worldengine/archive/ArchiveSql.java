package com.visualdm.worldengine.archive;

import static com.visualdm.worldengine.world.WorldName.quote;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.partition.PartitionedTable;
import com.visualdm.worldengine.world.WorldName;

/**
 * The set-based SQL of the archive, written for a table's actual columns (read from the catalog, so it always
 * matches the migration that made the archive table, format 1 of {@code migrations/world/V4}). Identifiers come
 * from the catalog and {@link PartitionedTable}, never from input, and are quoted.
 */
@Component
class ArchiveSql {

    /**
     * Order-independent hash of a row set: the sum of each row's 64-bit hash, computed from its values by
     * PostgreSQL's own hash functions (no text conversion, so no session setting changes it), with the row count
     * beside it. Equal values give equal hashes whatever the typmod (unnest gives varchar, the table varchar(n)).
     */
    static final String ROW_HASH = "hash_record_extended(%s, 0)";

    private final JdbcClient jdbc;

    ArchiveSql(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Count and hash of a row set (and the segments holding it, where that is known). */
    record Digest(long rows, java.math.BigDecimal hash, int segments) {
    }

    Digest digest(String rowsQuery, Map<String, Object> parameters) {
        return jdbc.sql("SELECT count(*), coalesce(sum(" + ROW_HASH.formatted("r") + "), 0) FROM (" + rowsQuery + ") r")
                .params(parameters)
                .query((rs, i) -> new Digest(rs.getLong(1), rs.getBigDecimal(2), 0)).single();
    }

    /** The archived rows of the segments matching {@code segmentCondition} (on alias s), as the table's columns. */
    String archivedRows(WorldName world, PartitionedTable table, String segmentCondition) {
        List<String> columns = columns(world, table);
        List<String> packed = columns.stream().filter(column -> !column.equals(PartitionedTable.CONTROL_COLUMN)).toList();
        return "SELECT " + columns.stream()
                .map(column -> column.equals(PartitionedTable.CONTROL_COLUMN) ? "s." + quote(column) : "u." + quote(column))
                .collect(Collectors.joining(", "))
                + " FROM " + world.qualified(table.archiveTable()) + " s CROSS JOIN LATERAL unnest("
                + packed.stream().map(column -> "s." + quote(column)).collect(Collectors.joining(", "))
                + ") AS u(" + packed.stream().map(WorldName::quote).collect(Collectors.joining(", ")) + ")"
                + " WHERE " + segmentCondition;
    }

    /**
     * Packs the rows of a detached child into segments: per world day, at most {@code segmentRows} rows each, one
     * array per column, rows in the table's pack order (similar values side by side compress better), headers
     * beside them. All arrays of a segment come from one aggregation over one row stream, so their elements line
     * up. Returns the digest of the rows packed, computed from the source rows in the same pass.
     */
    Digest pack(WorldName world, PartitionedTable table, String relation, long ledgerId, int segmentRows) {
        List<String> packed = columns(world, table).stream()
                .filter(column -> !column.equals(PartitionedTable.CONTROL_COLUMN)).toList();
        String order = "world_day, " + table.packOrder().stream().map(WorldName::quote).collect(Collectors.joining(", ")) + ", id";
        String sql = "WITH segments AS (INSERT INTO " + world.qualified(table.archiveTable())
                + " (world_day, ledger_id, min_id, max_id, row_count, checksum, format_version, "
                + packed.stream().map(WorldName::quote).collect(Collectors.joining(", ")) + ")"
                + " SELECT world_day, :ledgerId, min(id::text)::uuid, max(id::text)::uuid, count(*), sum(row_hash), 1, "
                + packed.stream().map(column -> "array_agg(" + quote(column) + ")").collect(Collectors.joining(", "))
                + " FROM (SELECT t.*, " + ROW_HASH.formatted("t") + " AS row_hash,"
                + " (row_number() OVER (PARTITION BY world_day ORDER BY " + order + ") - 1) / :segmentRows AS segment"
                + " FROM " + world.qualified(relation) + " t ORDER BY " + order + ") r"
                + " GROUP BY world_day, segment"
                + " RETURNING row_count, checksum)"
                + " SELECT coalesce(sum(row_count), 0), coalesce(sum(checksum), 0), count(*) FROM segments";
        return jdbc.sql(sql).param("ledgerId", ledgerId).param("segmentRows", segmentRows)
                .query((rs, i) -> new Digest(rs.getLong(1), rs.getBigDecimal(2), rs.getInt(3))).single();
    }

    /** The table's columns in order. */
    List<String> columns(WorldName world, PartitionedTable table) {
        return jdbc.sql("""
                        SELECT attname FROM pg_catalog.pg_attribute
                         WHERE attrelid = to_regclass(:table) AND attnum > 0 AND NOT attisdropped
                         ORDER BY attnum
                        """)
                .param("table", world.qualified(table.tableName())).query(String.class).list();
    }

}
