package com.visualdm.worldengine.world.generate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.visualdm.worldengine.world.WorldName;

/**
 * Makes a bulk-loaded plain table the default partition of its partitioned table, in place of the empty one the
 * migration created. The indexes are built on the loaded table first, several at once on their own connections
 * (a bulk build per index, both cores busy), under the names the migration's partition had; the attach then
 * finds them and only checks the foreign keys. The result is indistinguishable from rows inserted into the
 * migrated table.
 */
final class DefaultPartitionSwap {

    private static final String BUILD_SUFFIX = "_build";

    private final DataSource dataSource;
    private final ExecutorService indexBuilders;

    DefaultPartitionSwap(DataSource dataSource, ExecutorService indexBuilders) {
        this.dataSource = dataSource;
        this.indexBuilders = indexBuilders;
    }

    private record IndexDefinition(String name, String definition, boolean primaryKey) {
    }

    void swap(String schema, String table, String loadTable) throws SQLException, InterruptedException {
        String defaultTable = table + "_default";
        List<IndexDefinition> indexes = indexesOf(schema, defaultTable);
        List<Future<?>> builds = new ArrayList<>();
        for (IndexDefinition index : indexes) {
            String onLoadTable = index.definition()
                    .replace(" INDEX " + index.name() + " ON ", " INDEX " + index.name() + BUILD_SUFFIX + " ON ")
                    .replace(" ON " + schema + "." + defaultTable + " ", " ON " + schema + "." + loadTable + " ");
            builds.add(indexBuilders.submit(() -> {
                try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                    connection.setAutoCommit(false);
                    // LOCAL: the setting must not stay on the connection when it goes back to the pool.
                    statement.execute("SET LOCAL maintenance_work_mem = '512MB'");
                    statement.execute(onLoadTable);
                    connection.commit();
                }
                return null;
            }));
        }
        try {
            for (Future<?> build : builds) {
                build.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
        }

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                String parent = WorldGenerator.qualified(schema, table);
                String load = WorldGenerator.qualified(schema, loadTable);
                for (IndexDefinition index : indexes) {
                    if (index.primaryKey()) {
                        statement.execute("ALTER TABLE " + load + " ADD CONSTRAINT " + WorldName.quote(index.name() + BUILD_SUFFIX)
                                + " PRIMARY KEY USING INDEX " + WorldName.quote(index.name() + BUILD_SUFFIX));
                    }
                }
                statement.execute("ALTER TABLE " + parent + " DETACH PARTITION " + WorldGenerator.qualified(schema, defaultTable));
                statement.execute("DROP TABLE " + WorldGenerator.qualified(schema, defaultTable));
                statement.execute("ALTER TABLE " + load + " RESET (autovacuum_enabled)");
                statement.execute("ALTER TABLE " + load + " RENAME TO " + WorldName.quote(defaultTable));
                for (IndexDefinition index : indexes) {
                    statement.execute("ALTER INDEX " + WorldGenerator.qualified(schema, index.name() + BUILD_SUFFIX)
                            + " RENAME TO " + WorldName.quote(index.name()));
                }
                statement.execute("ALTER TABLE " + parent + " ATTACH PARTITION "
                        + WorldGenerator.qualified(schema, defaultTable) + " DEFAULT");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private List<IndexDefinition> indexesOf(String schema, String table) throws SQLException {
        List<IndexDefinition> indexes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT c.relname, pg_get_indexdef(i.indexrelid), i.indisprimary
                       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                      WHERE i.indrelid = to_regclass(?)
                      ORDER BY c.relname
                     """)) {
            query.setString(1, schema + "." + table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    indexes.add(new IndexDefinition(rows.getString(1), rows.getString(2), rows.getBoolean(3)));
                }
            }
        }
        return indexes;
    }
}
