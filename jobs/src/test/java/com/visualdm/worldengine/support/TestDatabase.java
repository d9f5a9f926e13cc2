package com.visualdm.worldengine.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import com.visualdm.worldengine.system.EmbeddedPostgresServer;
import com.visualdm.worldengine.system.EngineProperties;

/**
 * The PostgreSQL every data test runs on: {@code WORLD_ENGINE_TEST_DB_URL} (with {@code _USER}, {@code _PASSWORD})
 * if set, else a Testcontainers PostgreSQL if Docker is available, else the engine's own embedded PostgreSQL in a
 * scratch home. Started once per test JVM.
 */
public final class TestDatabase {

    private static TestDatabase instance;

    private final String url;
    private final String user;
    private final String password;
    private final Path home;

    private TestDatabase(String url, String user, String password, Path home) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.home = home;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestDatabase start() {
        try {
            Path home = Files.createTempDirectory("world-engine-test-home");
            String configured = System.getenv("WORLD_ENGINE_TEST_DB_URL");
            if (configured != null && !configured.isBlank()) {
                return new TestDatabase(configured, env("WORLD_ENGINE_TEST_DB_USER", "postgres"),
                        env("WORLD_ENGINE_TEST_DB_PASSWORD", ""), home);
            }
            if (DockerClientFactory.instance().isDockerAvailable()) {
                PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
                container.start();
                return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(), home);
            }
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(new EngineProperties(home.resolve("embedded"),
                    new EngineProperties.Embedded(0, Duration.ofSeconds(60), "postgres"), new EngineProperties.Generation(2)));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            return new TestDatabase(server.jdbcUrl(), server.username(), server.password(), home);
        } catch (Exception e) {
            throw new IllegalStateException("no test database: " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Configuration that points the engine at this database, with logs in a scratch home. */
    public Map<String, Object> properties() {
        return Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", user,
                "spring.datasource.password", password,
                "world-engine.home", home.toString());
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The same server, another database: the URL with its database name replaced. */
    public String urlOf(String database) {
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    /** A new empty database on the same server, dropped first if a previous run left it. */
    public String freshDatabase(String name) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        }
        return urlOf(name);
    }

    public Path home() {
        return home;
    }
}
