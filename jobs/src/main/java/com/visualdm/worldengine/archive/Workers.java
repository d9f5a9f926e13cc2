package com.visualdm.worldengine.archive;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the archive's steps on a few threads, each step on its own connection and in its own transaction. */
final class Workers {

    private static final Logger log = LoggerFactory.getLogger(Workers.class);

    private Workers() {
    }

    /**
     * Runs the tasks on at most {@code workers} threads and hands each result to {@code each}, in the tasks'
     * order. The first failure is rethrown; nothing new starts after it, and the steps under way finish before
     * this returns (their transactions commit or roll back on their own).
     */
    static <T> void run(int workers, List<Callable<T>> tasks, Consumer<T> each, String what) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, tasks.size())));
        try {
            List<Future<T>> results = tasks.stream().map(pool::submit).toList();
            for (Future<T> result : results) {
                each.accept(result.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool, what);
        }
    }

    private static void awaitQuietly(ExecutorService pool, String what) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                log.info("Waiting for the steps under way to finish ({})", what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
