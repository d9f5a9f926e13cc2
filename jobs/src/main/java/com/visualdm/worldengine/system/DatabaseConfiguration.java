package com.visualdm.worldengine.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

/**
 * The one connection pool: to {@code WORLD_ENGINE_DB_URL} (or {@code spring.datasource.url}) when configured,
 * otherwise to the embedded PostgreSQL, which then lives exactly as long as the pool.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngineProperties.class)
public class DatabaseConfiguration {

    static final int MINIMUM_SERVER_VERSION = 150000;

    @Bean
    public HikariDataSource dataSource(DataSourceProperties connection, EngineProperties engine, Environment environment) {
        HikariDataSource pool;
        if (StringUtils.hasText(connection.getUrl())) {
            if (!connection.getUrl().startsWith("jdbc:postgresql:")) {
                throw new BadInputException("the database URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), not '"
                        + Secrets.redact(connection.getUrl(), connection.getPassword()) + "'");
            }
            pool = connection.initializeDataSourceBuilder().type(HikariDataSource.class).build();
            pool.setPoolName("world-engine");
        } else {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(engine);
            pool = new EmbeddedServerDataSource(server);
            pool.setJdbcUrl(server.jdbcUrl());
            pool.setUsername(server.username());
            pool.setPassword(server.password());
            pool.setPoolName("world-engine-embedded");
        }
        try {
            // Bound here rather than by @ConfigurationProperties: the pool must be configured before the check
            // below opens it, and a pool is sealed once open.
            Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
            checkServer(pool, pool.getPassword());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    /** Exit code 3 when the database cannot be reached, 2 when it is older than PostgreSQL 15. */
    private static void checkServer(DataSource dataSource, String password) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SELECT current_setting('server_version_num')::int")) {
            version.next();
            if (version.getInt(1) < MINIMUM_SERVER_VERSION) {
                throw new BadInputException("PostgreSQL " + MINIMUM_SERVER_VERSION / 10000
                        + " or newer is required; the configured server is " + version.getInt(1));
            }
        } catch (SQLException | HikariPool.PoolInitializationException e) {
            throw new DatabaseUnreachableException("cannot connect to the database: "
                    + Secrets.redact(e.getMessage(), password), e);
        }
    }

    /** Stops the embedded server after the pool's connections are closed. */
    static final class EmbeddedServerDataSource extends HikariDataSource {

        private final EmbeddedPostgresServer server;

        EmbeddedServerDataSource(EmbeddedPostgresServer server) {
            this.server = server;
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                server.close();
            }
        }
    }
}
