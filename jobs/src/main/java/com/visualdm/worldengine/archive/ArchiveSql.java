package com.visualdm.worldengine.archive;

import static com.visualdm.worldengine.world.WorldName.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.partition.PartitionedTable;
import com.visualdm.worldengine.world.WorldName;

/**
 * The set-based SQL of the archive, written for a table's actual columns (read from the catalog, so it always
 * matches the migrations that made the archive table: {@code migrations/world/V4}, and V6 for format 2). Identifiers come
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

    /** The format segments are written in (the layout of {@code migrations/world/V6}). */
    static final int FORMAT = 2;

    /**
     * The archived rows of the segments matching {@code segmentCondition} (on alias s, which has world_day and
     * ledger_id), as the table's columns: read through {@code <table>_archived}, which decodes either format.
     */
    String archivedRows(WorldName world, PartitionedTable table, String segmentCondition) {
        return "SELECT " + columns(world, table).stream().map(column -> "s." + quote(column)).collect(Collectors.joining(", "))
                + " FROM " + world.qualified(table.tableName() + "_archived") + " s WHERE " + segmentCondition;
    }

    /**
     * Packs the rows of a detached child into segments of format {@value #FORMAT}: per world day, at most
     * {@code segmentRows} rows each, one array per column, rows in the table's pack order (similar values side by
     * side compress better), headers beside them. The game date is kept as its minute of the day where world_day
     * gives the rest, a {@code {key: "<uuid>"}} value of the table's uuid member column as a binary uuid; the
     * element of the column itself is NULL then. All arrays of a segment come from one aggregation over one row stream, so their
     * elements line up. Returns the digest of the rows packed, computed from the source rows in the same pass.
     */
    Digest pack(WorldName world, PartitionedTable table, String relation, long ledgerId, int segmentRows) {
        String date = table.dateColumn();
        String minute = date + "__minute";
        Optional<PartitionedTable.UuidMember> member = table.uuidMember();
        String memberUuid = member.map(m -> quote(m.column() + "__uuid")).orElse(null);
        List<String> targets = new ArrayList<>();
        List<String> arrays = new ArrayList<>();
        for (String column : columns(world, table)) {
            if (column.equals(PartitionedTable.CONTROL_COLUMN)) {
                continue;
            }
            targets.add(quote(column));
            if (column.equals(date)) {
                arrays.add("array_agg(CASE WHEN " + quote(minute) + " IS NULL THEN " + quote(column) + " END)");
            } else if (member.filter(m -> m.column().equals(column)).isPresent()) {
                arrays.add("array_agg(CASE WHEN " + memberUuid + " IS NULL THEN " + quote(column) + " END)");
            } else {
                arrays.add("array_agg(" + quote(column) + ")");
            }
        }
        targets.add(quote(minute));
        arrays.add("array_agg(" + quote(minute) + ")");
        String encoded = world.qualified("archive_date_minute") + "(t." + quote(date) + ", t.world_day) AS " + quote(minute);
        if (member.isPresent()) {
            targets.add(memberUuid);
            arrays.add("array_agg(" + memberUuid + ")");
            encoded += ", " + world.qualified("archive_uuid_member") + "(t." + quote(member.get().column()) + ", :memberKey) AS " + memberUuid;
        }
        String order = "world_day, " + table.packOrder().stream().map(WorldName::quote).collect(Collectors.joining(", ")) + ", id";
        String sql = "WITH segments AS (INSERT INTO " + world.qualified(table.archiveTable())
                + " (world_day, ledger_id, min_id, max_id, row_count, checksum, format_version, "
                + String.join(", ", targets) + ")"
                + " SELECT world_day, :ledgerId, min(id::text)::uuid, max(id::text)::uuid, count(*), sum(row_hash), " + FORMAT + ", "
                + String.join(", ", arrays)
                + " FROM (SELECT t.*, " + encoded + ", " + ROW_HASH.formatted("t") + " AS row_hash,"
                + " (row_number() OVER (PARTITION BY world_day ORDER BY " + order + ") - 1) / :segmentRows AS segment"
                + " FROM " + world.qualified(relation) + " t ORDER BY " + order + ") r"
                + " GROUP BY world_day, segment"
                + " RETURNING row_count, checksum)"
                + " SELECT coalesce(sum(row_count), 0), coalesce(sum(checksum), 0), count(*) FROM segments";
        return jdbc.sql(sql).param("ledgerId", ledgerId).param("segmentRows", segmentRows)
                .param("memberKey", member.map(PartitionedTable.UuidMember::key).orElse(""))
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
