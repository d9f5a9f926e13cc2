package com.visualdm.worldengine.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A database of its own on the test server, made afresh, for a test that cannot share the test database: one that
 * needs another version of an extension, or that works on every world of its database. Dropped on close.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final String name;
    private final String url;
    private final SingleConnectionDataSource dataSource;

    private ScratchDatabase(String name, String url) {
        this.name = name;
        this.url = url;
        this.dataSource = new SingleConnectionDataSource(url, TestDatabase.get().user(), TestDatabase.get().password(), true);
    }

    /** {@code name} is a test's constant, not input. */
    public static ScratchDatabase create(String name) throws SQLException {
        return new ScratchDatabase(name, TestDatabase.get().freshDatabase(name));
    }

    public String url() {
        return url;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    /** One command line against this database, with these settings besides. */
    public Cli.Result run(Map<String, Object> settings, String... args) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("spring.datasource.url", url);
        return Cli.runWith(properties, args);
    }

    public Cli.Result run(String... args) {
        return run(Map.of(), args);
    }

    @Override
    public void close() throws SQLException {
        dataSource.destroy();
        try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
