package com.visualdm.worldengine.archive;

import static com.visualdm.worldengine.world.WorldName.quote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * matches the migrations that made the archive table: {@code migrations/world/V4}, V6 for format 2, V7 for format 3;
 * the encoders are those of V10, the views that decode those of V12). Identifiers come from the catalog and
 * {@link PartitionedTable}, never from input, and are quoted.
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

        static final Digest NONE = new Digest(0, java.math.BigDecimal.ZERO, 0);

        /** The digest of both row sets together (the hash is order-independent, so digests add up). */
        Digest plus(Digest other) {
            return new Digest(rows + other.rows, hash.add(other.hash), segments + other.segments);
        }
    }

    Digest digest(String rowsQuery, Map<String, Object> parameters) {
        return jdbc.sql("SELECT count(*), coalesce(sum(" + ROW_HASH.formatted("r") + "), 0) FROM (" + rowsQuery + ") r")
                .params(parameters)
                .query((rs, i) -> new Digest(rs.getLong(1), rs.getBigDecimal(2), 0)).single();
    }

    /** The format segments are written in (the layout of {@code migrations/world/V7}). */
    static final int FORMAT = 3;

    /**
     * The archived rows of the segments matching {@code segmentCondition} (on alias s, which has world_day and
     * ledger_id), as the table's columns: read through {@code <table>_archived}, which decodes every format.
     */
    String archivedRows(WorldName world, PartitionedTable table, String segmentCondition) {
        return "SELECT " + columns(world, table).stream().map(column -> "s." + quote(column)).collect(Collectors.joining(", "))
                + " FROM " + world.qualified(table.tableName() + "_archived") + " s WHERE " + segmentCondition;
    }

    /**
     * Settings of a transaction that packs, verifies or restores a partition: no JIT (compiling the wide packing
     * and unpacking expressions took longer than it saved); room to sort a partition and build its indexes in
     * memory; and no nested loops, because the planner, which reckons a segment unnests to 10 rows, would decode
     * the codes of a whole partition through memoized index lookups, 20 to 30 % slower than hash joins.
     */
    void settleBulkTransaction(String workMem) {
        jdbc.sql("SELECT set_config('jit', 'off', true), set_config('work_mem', :workMem, true),"
                        + " set_config('maintenance_work_mem', :workMem, true), set_config('enable_nestloop', 'off', true)")
                .param("workMem", workMem).query().listOfRows();
    }

    /**
     * Gives every uuid of the detached child's coded columns a code in the world's {@code archive_uuids}, where
     * it has none yet: the next codes in uuid order, one writer at a time (readers are not blocked). Runs in its
     * own short transaction before packing; codes are only ever added, so one left unused by a crash is harmless.
     */
    void code(WorldName world, PartitionedTable table, String relation) {
        List<String> coded = codedColumns(world, table);
        if (coded.isEmpty()) {
            return;
        }
        String codes = world.qualified("archive_uuids");
        // Hashing, not sorting, to find the child's distinct uuids and those without a code: left to itself the
        // planner sorts every reference (a transaction partition of the large bench world: 760 thousand references,
        // 50 thousand distinct, 0.75 s sorted, 0.4 s hashed). The next codes still follow uuid order: only the new
        // uuids are sorted.
        jdbc.sql("SELECT set_config('enable_sort', 'off', true)").query().listOfRows();
        jdbc.sql("LOCK TABLE " + codes + " IN EXCLUSIVE MODE").update();
        jdbc.sql("INSERT INTO " + codes + " (code, id)"
                + " SELECT (SELECT coalesce(max(code), 0) FROM " + codes + ") + row_number() OVER (ORDER BY n.id), n.id"
                + " FROM (SELECT v.id FROM " + world.qualified(relation) + " t CROSS JOIN LATERAL (VALUES "
                + coded.stream().map(column -> "(t." + quote(column) + ")").collect(Collectors.joining(", "))
                + ") v(id) WHERE v.id IS NOT NULL GROUP BY v.id) n"
                + " WHERE NOT EXISTS (SELECT 1 FROM " + codes + " c WHERE c.id = n.id)").update();
    }

    /**
     * Packs the rows of a detached child into segments of format {@value #FORMAT}: per world day, at most
     * {@code segmentRows} rows each, one array per column, rows in the table's pack order (similar values side by
     * side compress better), headers beside them. The game date is kept as its minute of the day where world_day
     * gives the rest, a {@code {key: "<uuid>"}} value of the table's uuid member column as a binary uuid, and
     * every other uuid as its code (see {@link #code}), with the element of the column itself NULL (and the whole
     * array of a coded column NULL: all its uuids have codes by then). All arrays
     * of a segment come from one aggregation over one row stream, so their elements line up. Returns the digest of
     * the rows packed, computed from the source rows in the same pass.
     */
    Digest pack(WorldName world, PartitionedTable table, String relation, long ledgerId, int segmentRows) {
        String date = table.dateColumn();
        Optional<PartitionedTable.UuidMember> member = table.uuidMember();
        String memberColumn = member.map(PartitionedTable.UuidMember::column).orElse(null);
        List<String> coded = codedColumns(world, table);
        List<String> tableColumns = columns(world, table);

        // Each stage is fenced (OFFSET 0) so that what it computes is computed once per row: first the source
        // row's hash, the texts and members the encoders read and the codes; then the encoders.
        List<String> sourced = new ArrayList<>(List.of("t.*", ROW_HASH.formatted("t") + " AS row_hash",
                "t." + quote(date) + "::text AS " + quote(date + "__text"),
                "t." + quote(date) + "->>'hour' AS " + quote(date + "__hour"),
                "t." + quote(date) + "->>'minute' AS " + quote(date + "__minute_text")));
        member.ifPresent(m -> sourced.addAll(List.of("t." + quote(m.column()) + "::text AS " + quote(m.column() + "__text"),
                "t." + quote(m.column()) + "->>:memberKey AS " + quote(m.column() + "__member"))));
        StringBuilder joins = new StringBuilder();
        for (String column : coded) {
            String alias = quote("code_" + column);
            sourced.add(alias + ".code AS " + quote(column + "__code"));
            joins.append(" LEFT JOIN ").append(world.qualified("archive_uuids")).append(' ').append(alias)
                    .append(" ON ").append(alias).append(".id = t.").append(quote(column));
        }
        String source = "SELECT " + String.join(", ", sourced) + " FROM " + world.qualified(relation) + " t" + joins + " OFFSET 0";

        // What the encoders give, by name: the table's columns (but the coded ones, whose codes stand for them),
        // the row's hash, the codes, the minute of the date and the member's uuid.
        Map<String, String> encoded = new LinkedHashMap<>();
        tableColumns.stream().filter(column -> !coded.contains(column)).forEach(column -> encoded.put(column, "e." + quote(column)));
        encoded.put("row_hash", "e.row_hash");
        coded.forEach(column -> encoded.put(column + "__code", "e." + quote(column + "__code")));
        encoded.put(date + "__minute", world.qualified("archive_date_minute") + "(e." + quote(date + "__text") + ", e."
                + quote(date + "__hour") + ", e." + quote(date + "__minute_text") + ", e.world_day)");
        member.ifPresent(m -> encoded.put(m.column() + "__uuid", world.qualified("archive_uuid_member") + "(e."
                + quote(m.column() + "__text") + ", e." + quote(m.column() + "__member") + ", :memberKey)"));
        // Rows sort in pack order by what stands for the column: the binary uuid of a member (which groups the same
        // values as its JSONB), the code of a uuid (which groups the same values as the uuid).
        List<String> keys = new ArrayList<>(List.of(PartitionedTable.CONTROL_COLUMN));
        table.packOrder().forEach(column -> keys.add(column.equals(memberColumn) ? column + "__uuid"
                : coded.contains(column) ? column + "__code" : column));
        keys.add("id");
        // The keys come first in the sorted rows, so that comparing two rows reads little of them.
        List<String> outputs = new ArrayList<>(keys);
        encoded.keySet().stream().filter(name -> !keys.contains(name)).forEach(outputs::add);
        String encoding = "SELECT " + outputs.stream().map(name -> encoded.get(name) + " AS " + quote(name))
                .collect(Collectors.joining(", ")) + " FROM (" + source + ") e OFFSET 0";

        // Each array of a segment by its archive column: the table's columns (a replaced value's element NULL), then
        // the codes, the minutes and the members' uuids.
        Map<String, String> arrays = new LinkedHashMap<>();
        for (String column : tableColumns) {
            // Every uuid of a coded column has a code by now (see code), so its own array would hold only NULLs:
            // it is left NULL, which the views unnest as NULLs, as they do for formats 1 and 2. (A uuid without a
            // code would come back NULL, and verification would refuse the partition before anything is dropped.)
            if (column.equals(PartitionedTable.CONTROL_COLUMN) || coded.contains(column)) {
                continue;
            }
            String replacement = column.equals(date) ? date + "__minute" : column.equals(memberColumn) ? column + "__uuid" : null;
            arrays.put(column, replacement == null ? "array_agg(" + quote(column) + ")"
                    : "array_agg(CASE WHEN " + quote(replacement) + " IS NULL THEN " + quote(column) + " END)");
        }
        List<String> extra = new ArrayList<>(coded.stream().map(column -> column + "__code").toList());
        extra.add(date + "__minute");
        member.ifPresent(m -> extra.add(m.column() + "__uuid"));
        extra.forEach(column -> arrays.put(column, "array_agg(" + quote(column) + ")"));
        String days = arrays.entrySet().stream().map(array -> array.getValue() + " AS " + quote(array.getKey()))
                .collect(Collectors.joining(", "));
        String slices = arrays.keySet().stream()
                .map(column -> "CASE WHEN p.whole THEN d." + quote(column) + " ELSE d." + quote(column) + "[p.low : p.high] END")
                .collect(Collectors.joining(", "));
        // One group per world day, read in pack order as sorted; a day of more than segmentRows rows is then cut
        // into slices of its arrays (with headers of their own), so that the rows are sorted only once.
        String sql = "WITH segments AS (INSERT INTO " + world.qualified(table.archiveTable())
                + " (world_day, ledger_id, min_id, max_id, row_count, checksum, format_version, "
                + arrays.keySet().stream().map(WorldName::quote).collect(Collectors.joining(", ")) + ")"
                + " SELECT d.world_day, :ledgerId,"
                + " CASE WHEN p.whole THEN d.day__min_id ELSE (SELECT min(i::text)::uuid FROM unnest(d.id[p.low : p.high]) i) END,"
                + " CASE WHEN p.whole THEN d.day__max_id ELSE (SELECT max(i::text)::uuid FROM unnest(d.id[p.low : p.high]) i) END,"
                + " least(d.day__rows - p.low + 1, :segmentRows),"
                + " CASE WHEN p.whole THEN d.day__checksum ELSE (SELECT sum(h) FROM unnest(d.day__hashes[p.low : p.high]) h) END, "
                + FORMAT + ", " + slices
                + " FROM (SELECT world_day, count(*) AS day__rows, min(id::text)::uuid AS day__min_id, max(id::text)::uuid AS day__max_id,"
                + " sum(row_hash) AS day__checksum, array_agg(row_hash) AS day__hashes, " + days
                + " FROM (SELECT * FROM (" + encoding + ") r ORDER BY " + keys.stream().map(WorldName::quote).collect(Collectors.joining(", "))
                + ") r GROUP BY world_day) d"
                + " CROSS JOIN LATERAL (SELECT d.day__rows <= :segmentRows AS whole, g * :segmentRows + 1 AS low, (g + 1) * :segmentRows AS high"
                + " FROM generate_series(0, (d.day__rows - 1) / :segmentRows) g) p"
                + " RETURNING row_count, checksum)"
                + " SELECT coalesce(sum(row_count), 0), coalesce(sum(checksum), 0), count(*) FROM segments";
        return jdbc.sql(sql).param("ledgerId", ledgerId).param("segmentRows", segmentRows)
                .param("memberKey", member.map(PartitionedTable.UuidMember::key).orElse(""))
                .query((rs, i) -> new Digest(rs.getLong(1), rs.getBigDecimal(2), rs.getInt(3))).single();
    }

    /** The table's uuid columns that format 3 stores as codes: those its archive table has a code array for. */
    private List<String> codedColumns(WorldName world, PartitionedTable table) {
        return jdbc.sql("""
                        SELECT left(attname, -length('__code')) FROM pg_catalog.pg_attribute
                         WHERE attrelid = to_regclass(:archive) AND attnum > 0 AND NOT attisdropped AND attname LIKE '%\\_\\_code'
                         ORDER BY attnum
                        """)
                .param("archive", world.qualified(table.archiveTable())).query(String.class).list();
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
