package com.visualdm.worldengine.cli;

import java.io.PrintWriter;

import com.visualdm.worldengine.world.generate.GenerationProgress;

/**
 * Progress of world generation on the console: a line per finished table, and for long phases a line every few
 * seconds with rows done, rate and time left. Wall-clock time is used for display only.
 */
public final class ConsoleProgress implements GenerationProgress {

    private static final long REPORT_EVERY_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final long started = System.nanoTime();
    private long lastReport = started;

    public ConsoleProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void tableDone(String table, long rows) {
        out.printf("  %-40s %,12d rows  (%.1f s)%n", table, rows, (System.nanoTime() - started) / 1e9);
        out.flush();
    }

    @Override
    public synchronized void step(String description) {
        out.printf("  %-40s %17s  (%.1f s)%n", description, "done", (System.nanoTime() - started) / 1e9);
        out.flush();
    }

    @Override
    public synchronized void rows(String phase, long done, long expected) {
        long now = System.nanoTime();
        if (now - lastReport < REPORT_EVERY_NANOS) {
            return;
        }
        lastReport = now;
        double seconds = (now - started) / 1e9;
        double rate = done / seconds;
        long left = rate > 0 ? Math.max(0, Math.round((expected - done) / rate)) : 0;
        out.printf("  ... %s: %,d of about %,d rows, %,.0f rows/s, about %d s left%n", phase, done, expected, rate, left);
        out.flush();
    }
}
