package com.visualdm.worldengine.archive;

import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.world.RegisteredWorld;

/**
 * The console side of an archive run: follows the ledger from another thread (so it works whoever runs the job)
 * and prints a line per partition archived, progress every few seconds (rows done, rate, time left) and a
 * summary at the end. Wall-clock time is for display only.
 */
final class ArchiveProgress implements AutoCloseable {

    private static final long POLL_MILLIS = 500;
    private static final long REPORT_EVERY_NANOS = 5_000_000_000L;

    private record Done(long id, String partition, int fromDay, int toDay, long rows, long bytesBefore, long bytesAfter) {
    }

    private final JdbcClient jdbc;
    private final RegisteredWorld world;
    private final PrintWriter out;
    private final OffsetDateTime since;
    private final long started = System.nanoTime();
    private final Set<Long> printed = new HashSet<>();
    private final Thread poller;
    private volatile boolean running = true;
    private long rows;
    private long bytesBefore;
    private long bytesAfter;
    private long lastReport = started;

    private ArchiveProgress(JdbcClient jdbc, RegisteredWorld world, PrintWriter out) {
        this.jdbc = jdbc;
        this.world = world;
        this.out = out;
        this.since = jdbc.sql("SELECT now()").query(OffsetDateTime.class).single();
        this.poller = new Thread(this::poll, "archive-progress");
        this.poller.setDaemon(true);
    }

    static ArchiveProgress start(JdbcClient jdbc, RegisteredWorld world, PrintWriter out) {
        ArchiveProgress progress = new ArchiveProgress(jdbc, world, out);
        progress.poller.start();
        return progress;
    }

    private void poll() {
        while (running) {
            try {
                Thread.sleep(POLL_MILLIS);
                report();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Display only: a failed poll must not disturb the run; the next one tries again.
            }
        }
    }

    private synchronized void report() {
        List<Done> done = jdbc.sql("""
                        SELECT id, partition_name, from_day, to_day, row_count, bytes_before, bytes_after
                          FROM engine.archive_ledger
                         WHERE world_id = :worldId AND state = 'dropped' AND updated_at >= :since
                         ORDER BY updated_at, id
                        """)
                .param("worldId", world.id()).param("since", since)
                .query((rs, i) -> new Done(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7)))
                .list();
        for (Done partition : done) {
            if (printed.add(partition.id())) {
                rows += partition.rows();
                bytesBefore += partition.bytesBefore();
                bytesAfter += partition.bytesAfter();
                out.printf("  %-36s days %d-%d  %,10d rows  %,9d kB -> %,7d kB%n", partition.partition(),
                        partition.fromDay(), partition.toDay() - 1, partition.rows(), partition.bytesBefore() / 1024,
                        partition.bytesAfter() / 1024);
            }
        }
        long now = System.nanoTime();
        if (running && now - lastReport >= REPORT_EVERY_NANOS) {
            lastReport = now;
            long left = jdbc.sql("SELECT count(*) FROM engine.archive_ledger WHERE world_id = :worldId AND state <> 'dropped'")
                    .param("worldId", world.id()).query(Long.class).single();
            double seconds = (now - started) / 1e9;
            int finished = printed.size();
            out.printf("  ... %d partitions (%,d rows) done, %,.0f rows/s, %d to go, about %s left%n", finished, rows,
                    rows / seconds, left, finished == 0 ? "?" : Math.round(left * seconds / finished) + " s");
        }
        out.flush();
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("archived %d partitions, %,d rows in %.1f s = %,.0f rows/s; %,d kB -> %,d kB%s%n", printed.size(), rows,
                seconds, rows / seconds, bytesBefore / 1024, bytesAfter / 1024,
                bytesAfter > 0 ? String.format(" (%.1fx)", (double) bytesBefore / bytesAfter) : "");
        out.flush();
    }
}
