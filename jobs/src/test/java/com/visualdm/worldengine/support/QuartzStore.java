package com.visualdm.worldengine.support;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Quartz keeps the job store's connection providers in a JVM-wide registry, by scheduler name. A command run in
 * this JVM ({@link Cli}) starts an application whose scheduler registers its pool under the same name, and closes
 * that pool when it ends: the test context's scheduler would then reach a closed pool. Tests that use the test
 * context's scheduler after a {@link Cli} run point the registry back at the test context's pool.
 */
public final class QuartzStore {

    private static final String SCHEDULER = "world-engine";

    private QuartzStore() {
    }

    public static void reattach(DataSource dataSource) {
        ConnectionProvider provider = new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return DataSourceUtils.doGetConnection(dataSource);
            }

            @Override
            public void shutdown() {
            }

            @Override
            public void initialize() {
            }
        };
        // The names Spring's LocalDataSourceJobStore registers.
        DBConnectionManager.getInstance().addConnectionProvider("springTxDataSource." + SCHEDULER, provider);
        DBConnectionManager.getInstance().addConnectionProvider("springNonTxDataSource." + SCHEDULER, provider);
    }
}
