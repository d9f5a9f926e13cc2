package com.visualdm.worldengine.archive;

import java.util.List;
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
     * Order-independent hash of a row set: the sum of the first 60 bits of each row's md5 (of its text form,
     * stable under {@link #STABLE_TEXT}), with the row count beside it.
     */
    static final String ROW_HASH = "('x' || left(md5(%s::text), 15))::bit(60)::bigint";

    /** Session settings that change a row's text form, fixed for the transaction so hashes compare. */
    static final List<String> STABLE_TEXT = List.of(
            "SELECT set_config('DateStyle', 'ISO, YMD', true)",
            "SELECT set_config('TimeZone', 'UTC', true)",
            "SELECT set_config('IntervalStyle', 'postgres', true)",
            "SELECT set_config('extra_float_digits', '1', true)");

    private final JdbcClient jdbc;

    ArchiveSql(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Count and hash of a row set. */
    record Digest(long rows, java.math.BigDecimal hash) {
    }

    void stableText() {
        STABLE_TEXT.forEach(setting -> jdbc.sql(setting).query(String.class).single());
    }

    Digest digest(String rowsQuery, java.util.Map<String, Object> parameters) {
        stableText();
        return jdbc.sql("SELECT count(*), coalesce(sum(" + ROW_HASH.formatted("r") + "), 0) FROM (" + rowsQuery + ") r")
                .params(parameters)
                .query((rs, i) -> new Digest(rs.getLong(1), rs.getBigDecimal(2))).single();
    }

    /** The rows of a plain table with the set's columns (a detached child). */
    String rowsOf(WorldName world, PartitionedTable table, String relation) {
        return "SELECT " + columns(world, table).stream().map(ArchiveSql::quote).collect(Collectors.joining(", "))
                + " FROM " + world.qualified(relation);
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
                + ") AS u(" + packed.stream().map(ArchiveSql::quote).collect(Collectors.joining(", ")) + ")"
                + " WHERE " + segmentCondition;
    }

    /**
     * Packs the rows of a detached child into segments: per world day, at most {@code :segmentRows} rows each,
     * one array per column in id order, headers beside them. Returns the segments written.
     */
    int pack(WorldName world, PartitionedTable table, String relation, long ledgerId, int segmentRows) {
        List<String> packed = columns(world, table).stream()
                .filter(column -> !column.equals(PartitionedTable.CONTROL_COLUMN)).toList();
        String sql = "INSERT INTO " + world.qualified(table.archiveTable())
                + " (world_day, ledger_id, min_id, max_id, row_count, checksum, format_version, "
                + packed.stream().map(ArchiveSql::quote).collect(Collectors.joining(", ")) + ")"
                + " SELECT world_day, :ledgerId, min(id::text)::uuid, max(id::text)::uuid, count(*), sum(row_hash), 1, "
                + packed.stream().map(column -> "array_agg(" + quote(column) + " ORDER BY id)").collect(Collectors.joining(", "))
                + " FROM (SELECT t.*, " + ROW_HASH.formatted("t") + " AS row_hash,"
                + " (row_number() OVER (PARTITION BY world_day ORDER BY id) - 1) / :segmentRows AS segment"
                + " FROM " + world.qualified(relation) + " t) r"
                + " GROUP BY world_day, segment";
        stableText();
        return jdbc.sql(sql).param("ledgerId", ledgerId).param("segmentRows", segmentRows).update();
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

    static String quote(String identifier) {
        return WorldName.quote(identifier);
    }
}
