package com.visualdm.worldengine.partition;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.world.WorldName;

/** What PostgreSQL's catalog says about a world's partition sets: children, bounds, rows and sizes. */
@Component
public class PartitionCatalog {

    private final JdbcClient jdbc;

    public PartitionCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A child partition; {@code fromDay} inclusive, {@code toDay} exclusive, both null for the default.
     * {@code bytes} counts heap, TOAST and indexes.
     */
    public record Child(String name, Integer fromDay, Integer toDay, long bytes, long indexBytes) {
        public boolean isDefault() {
            return fromDay == null;
        }
    }

    /** The children of a set, the default last, the others by range. */
    public List<Child> children(WorldName world, PartitionedTable table) {
        return jdbc.sql("""
                        SELECT c.relname,
                               substring(pg_get_expr(c.relpartbound, c.oid) FROM 'FROM \\((-?[0-9]+)\\)')::int AS from_day,
                               substring(pg_get_expr(c.relpartbound, c.oid) FROM 'TO \\((-?[0-9]+)\\)')::int AS to_day,
                               pg_total_relation_size(c.oid), pg_indexes_size(c.oid)
                          FROM pg_catalog.pg_inherits i
                          JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
                         WHERE i.inhparent = to_regclass(:parent)
                         ORDER BY from_day NULLS LAST
                        """)
                .param("parent", world.qualified(table.tableName()))
                .query((rs, i) -> new Child(rs.getString(1), (Integer) rs.getObject(2), (Integer) rs.getObject(3),
                        rs.getLong(4), rs.getLong(5)))
                .list();
    }

    /** A child with its exact row count. */
    public record CountedChild(Child child, long rows) {
    }

    /** What a set holds now: who maintains it, its children counted, and its archive's segments, rows and bytes. */
    public record Census(String managedBy, List<CountedChild> children, long archiveSegments, long archivedRows,
                         long archiveBytes) {

        public long liveRows() {
            return children.stream().mapToLong(CountedChild::rows).sum();
        }

        public long defaultRows() {
            return children.stream().filter(counted -> counted.child().isDefault()).mapToLong(CountedChild::rows).sum();
        }

        /** Children apart from the default. */
        public int rangeChildren() {
            return (int) children.stream().filter(counted -> !counted.child().isDefault()).count();
        }
    }

    /** Counts every row of the set, child by child: exact, so it reads them all. */
    public Census census(WorldName world, PartitionedTable table) {
        List<CountedChild> counted = children(world, table).stream()
                .map(child -> new CountedChild(child, jdbc.sql("SELECT count(*) FROM " + world.qualified(child.name()))
                        .query(Long.class).single()))
                .toList();
        return jdbc.sql("SELECT count(*), coalesce(sum(row_count), 0), pg_total_relation_size(to_regclass(:archive)) FROM "
                        + world.qualified(table.archiveTable()))
                .param("archive", world.qualified(table.archiveTable()))
                .query((rs, i) -> new Census(managedBy(world, table), counted, rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }

    /** Who maintains the set: pg_partman if it is registered there, else world-engine. */
    public String managedBy(WorldName world, PartitionedTable table) {
        String partman = jdbc.sql("SELECT engine.partman_schema()").query(String.class).optional().orElse(null);
        if (partman == null) {
            return "world-engine";
        }
        boolean registered = jdbc.sql("SELECT count(*) > 0 FROM " + WorldName.quote(partman) + ".part_config WHERE parent_table = :parent")
                .param("parent", world.schema() + "." + table.tableName()).query(Boolean.class).single();
        return registered ? "pg_partman" : "world-engine";
    }
}
