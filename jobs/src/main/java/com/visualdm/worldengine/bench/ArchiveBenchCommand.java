package com.visualdm.worldengine.bench;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.archive.ArchiveRestore;
import com.visualdm.worldengine.archive.ArchiveWorldJobConfiguration;
import com.visualdm.worldengine.cli.WorldSizeConverter;
import com.visualdm.worldengine.partition.PartitionMaintenanceJobConfiguration;
import com.visualdm.worldengine.partition.PartitionedTable;
import com.visualdm.worldengine.system.ExitCode;
import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldJobs;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "archive", mixinStandardHelpOptions = true,
        description = {"Archive and restore the scratch world bench_archive_<size> (created if it does not exist and "
                + "kept; its partitions are made by a maintenance run first). Its back-history covers the two world "
                + "years before its current day, so with the default retention of 360 days the older year is archived.",
                "Reports rows archived, seconds, rows per second, bytes before (heap, TOAST and indexes of the archived "
                        + "partitions) and after (the segments with their TOAST, the archive indexes and the uuid dictionary), compression ratio, restore rows per second and peak "
                        + "heap. Everything archived is restored at the end, so every run measures the same work.",
                "Run the jar with -Xmx512m to check the memory target."})
public class ArchiveBenchCommand implements Callable<Integer> {

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "large", converter = WorldSizeConverter.class,
            description = "tiny, small, medium or large (default).")
    WorldSize size;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ApplicationContext context = bench.root.runtime().context();
        WorldService worlds = context.getBean(WorldService.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        WorldJobs jobs = context.getBean(WorldJobs.class);
        WorldName name = bench.keptScratchWorld("bench_archive_", size, out);
        RegisteredWorld world = worlds.require(name);
        restoreAll(context, world, out); // what an earlier, interrupted bench left archived

        long started = System.nanoTime();
        if (!completed(jobs.run(context.getBean(PartitionMaintenanceJobConfiguration.JOB_NAME, Job.class), world,
                new JobParameters()), out)) {
            return ExitCode.JOB_FAILED.code();
        }
        out.printf("partitionMaintenance: %.1f s%n", (System.nanoTime() - started) / 1e9);

        long ledgerFrom = jdbc.sql("SELECT coalesce(max(id), 0) FROM engine.archive_ledger").query(Long.class).single();
        HeapPeak heap = HeapPeak.start();
        started = System.nanoTime();
        JobExecution archive;
        try {
            archive = jobs.run(context.getBean(ArchiveWorldJobConfiguration.JOB_NAME, Job.class), world, new JobParameters());
        } finally {
            heap.stop();
        }
        double archiveSeconds = (System.nanoTime() - started) / 1e9;
        if (!completed(archive, out)) {
            return ExitCode.JOB_FAILED.code();
        }
        // After: the segments' own bytes (TOAST included) plus the archive tables' indexes. Not the tables' files:
        // they keep the dead space of earlier restores until vacuum reuses it. Plus, indexes included,
        long[] totals = jdbc.sql("""
                        SELECT coalesce(sum(row_count), 0), coalesce(sum(bytes_before), 0), coalesce(sum(bytes_after), 0), count(*)
                          FROM engine.archive_ledger WHERE world_id = :worldId AND id > :from
                        """)
                .param("worldId", world.id()).param("from", ledgerFrom)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).single();
        // and the world's whole uuid dictionary (its codes serve every archived table).
        long archiveBytes = totals[2] + jdbc.sql("SELECT pg_total_relation_size(to_regclass(:codes))")
                .param("codes", name.qualified("archive_uuids")).query(Long.class).single();
        long readable = 0;
        for (PartitionedTable table : PartitionedTable.values()) {
            archiveBytes += jdbc.sql("SELECT pg_indexes_size(to_regclass(:archive))")
                    .param("archive", name.qualified(table.archiveTable())).query(Long.class).single();
            // Readable through the view: every archived row comes back.
            readable += jdbc.sql("SELECT count(*) FROM " + name.qualified(table.tableName() + "_all") + " a WHERE NOT EXISTS "
                            + "(SELECT 1 FROM " + name.qualified(table.tableName()) + " l WHERE l.world_day = a.world_day)")
                    .query(Long.class).single();
        }
        out.printf("archive: %,d rows (%d partitions) in %.1f s = %,.0f rows/s; %,d MB before -> %,d MB after = %.1fx; "
                        + "%,d rows read back through the _all views; peak heap %,d MB (max heap %,d MB)%n",
                totals[0], totals[3], archiveSeconds, totals[0] / archiveSeconds, totals[1] >> 20, archiveBytes >> 20,
                (double) totals[1] / Math.max(archiveBytes, 1), readable, heap.peakBytes() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);

        heap = HeapPeak.start();
        started = System.nanoTime();
        long restored;
        try {
            restored = restoreAll(context, world, out);
        } finally {
            heap.stop();
        }
        double restoreSeconds = (System.nanoTime() - started) / 1e9;
        out.printf("restore: %,d rows in %.1f s = %,.0f rows/s; peak heap %,d MB%n", restored, restoreSeconds,
                restored / restoreSeconds, heap.peakBytes() >> 20);
        return ExitCode.SUCCESS.code();
    }

    private static long restoreAll(ApplicationContext context, RegisteredWorld world, PrintWriter out) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long rows = 0;
        for (PartitionedTable table : PartitionedTable.values()) {
            int[] range = jdbc.sql("SELECT min(world_day), max(world_day) FROM " + world.name().qualified(table.archiveTable()))
                    .query((rs, i) -> rs.getObject(1) == null ? null : new int[] {rs.getInt(1), rs.getInt(2)}).optional()
                    .orElse(null);
            if (range != null) {
                ArchiveRestore.Restored restored = context.getBean(ArchiveRestore.class).restore(world, table, range[0], range[1]);
                out.printf("  restored %-22s %,10d rows in %.1f s%n", table.tableName(), restored.rows(), restored.seconds());
                rows += restored.rows();
            }
        }
        return rows;
    }

    private static boolean completed(JobExecution execution, PrintWriter out) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return true;
        }
        out.println(WorldJobs.notCompleted(execution));
        return false;
    }
}
