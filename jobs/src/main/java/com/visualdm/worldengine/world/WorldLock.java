package com.visualdm.worldengine.world;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

import com.visualdm.worldengine.system.WorldBusyException;

/**
 * The per-world lock every job that changes a world holds while it does: a PostgreSQL session advisory lock,
 * so it spans processes and nodes and is released when its holder dies.
 */
@Component
public class WorldLock {

    /** First key of the two-key advisory lock form: 'WENG', so our locks don't meet other tools' keys. */
    static final int LOCK_CLASS = 0x57454E47;

    private final DataSource dataSource;

    public WorldLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Fails at once, naming the world, if its lock is held now; takes nothing. */
    public void requireFree(WorldName world, String purpose) {
        acquire(world, purpose).close();
    }

    /** Takes the world's lock or fails at once naming the world; close the handle to release it. */
    public Held acquire(WorldName world, String purpose) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            boolean locked;
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
                lock.setInt(1, LOCK_CLASS);
                lock.setString(2, world.value());
                try (ResultSet result = lock.executeQuery()) {
                    result.next();
                    locked = result.getBoolean(1);
                }
            }
            if (!locked) {
                connection.close();
                throw new WorldBusyException("world '" + world + "' is busy: another world-engine process is "
                        + "working on it; try again when it has finished (" + purpose + ")");
            }
            return new Held(connection, world);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("could not lock world '" + world + "': " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Nothing more to release.
            }
        }
    }

    /** A held world lock. */
    public static final class Held implements AutoCloseable {

        private final Connection connection;
        private final WorldName world;

        private Held(Connection connection, WorldName world) {
            this.connection = connection;
            this.world = world;
        }

        @Override
        public void close() {
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
                unlock.setInt(1, LOCK_CLASS);
                unlock.setString(2, world.value());
                unlock.execute();
                connection.close();
            } catch (SQLException e) {
                // The pool would keep the session, and with it the lock: end the session instead.
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException ignored) {
                    closeQuietly(connection);
                }
            }
        }
    }
}
