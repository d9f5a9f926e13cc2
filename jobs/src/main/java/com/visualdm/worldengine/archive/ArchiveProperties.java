package com.visualdm.worldengine.archive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the archive, under {@code world-engine.archive.*} (retention is per table, under
 * {@code world-engine.partitioning.*}).
 *
 * @param segmentRows rows of one world day packed into one segment at most; a day with more gets more segments
 * @param workers partitions archived at once, and children a restore unpacks at once, each on its own connection
 * @param workMem PostgreSQL's {@code work_mem} and {@code maintenance_work_mem} while a worker packs, verifies or
 *                restores a partition: enough to sort a partition and build its indexes in memory (a 250 thousand
 *                row child of the large bench world takes about 110 MB)
 * @param haltAt test hook only (see {@link HaltPoint}); never set it in production
 */
@ConfigurationProperties("world-engine.archive")
public record ArchiveProperties(@DefaultValue("10000") int segmentRows, @DefaultValue("2") int workers,
                                @DefaultValue("256MB") String workMem, HaltPoint haltAt) {

    /** Waits forever at the configured point, for a test to kill the process there. */
    void haltIf(HaltPoint point) {
        if (point != haltAt) {
            return;
        }
        System.out.println("archive halted at " + point);
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while halted at " + point, e);
            }
        }
    }
}
