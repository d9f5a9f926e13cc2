package com.visualdm.worldengine.partition;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.world.WorldName;

/** What partition tests compare: a world's children, its whole partitioned layout, and a clock moved on by hand. */
final class PartitionLayout {

    private PartitionLayout() {
    }

    /** The children of a set in day order, the default left out. */
    static List<String> childNames(JdbcClient jdbc, WorldName world, PartitionedTable table) {
        return jdbc.sql("""
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                         WHERE i.inhparent = to_regclass(:parent) AND c.relname <> :default
                         ORDER BY substring(c.relname FROM '_p([0-9]+)$')::int
                        """)
                .param("parent", world.qualified(table.tableName())).param("default", table.defaultPartition())
                .query(String.class).list();
    }

    /** Children with bounds, and every index and constraint of the sets, with the schema name taken out. */
    static List<String> of(JdbcClient jdbc, WorldName world) {
        return jdbc.sql("""
                        SELECT p.relname || ' > ' || c.relname || ' ' || pg_get_expr(c.relpartbound, c.oid)
                          FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                         WHERE p.relnamespace = to_regnamespace(:schema)
                        UNION ALL
                        SELECT replace(pg_get_indexdef(x.indexrelid), :schema, 'W')
                          FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid
                         WHERE c.relnamespace = to_regnamespace(:schema) AND c.relname ~ '^(trade|transaction|history)_entities'
                        UNION ALL
                        SELECT c.relname || ' ' || k.conname || ' ' || replace(pg_get_constraintdef(k.oid), :schema, 'W') || ' local ' || k.conislocal
                          FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
                         WHERE c.relnamespace = to_regnamespace(:schema) AND c.relname ~ '^(trade|transaction|history)_entities'
                        ORDER BY 1
                        """)
                .param("schema", world.schema()).query(String.class).list();
    }

    /** The sets of a world that pg_partman (installed in schema partman) has registered. */
    static List<String> registeredWithPartman(JdbcClient jdbc, WorldName world) {
        return jdbc.sql("SELECT parent_table FROM partman.part_config WHERE parent_table LIKE :prefix")
                .param("prefix", world.schema() + ".%").query(String.class).list();
    }

    /** The last child pg_partman lists for a set. */
    static String lastListedByPartman(JdbcClient jdbc, WorldName world, PartitionedTable table) {
        return jdbc.sql("SELECT partition_tablename FROM partman.show_partitions(:parent, 'DESC') LIMIT 1")
                .param("parent", world.schema() + "." + table.tableName()).query(String.class).single();
    }

    static void advanceClock(JdbcClient jdbc, WorldName world, int days) {
        jdbc.sql("""
                        UPDATE %1$s SET "current_date" = jsonb_build_object(
                               'year', (%2$s.world_day_of("current_date") + :days) / 360 + 1,
                               'month', (%2$s.world_day_of("current_date") + :days) %% 360 / 30 + 1,
                               'day', (%2$s.world_day_of("current_date") + :days) %% 30 + 1)
                        """.formatted(world.qualified("world_state_entities"), WorldName.quote(world.schema())))
                .param("days", days).update();
    }
}
