package com.visualdm.worldengine.archive;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.cli.WorldEngineCommand;
import com.visualdm.worldengine.cli.WorldNameConverter;
import com.visualdm.worldengine.partition.PartitionedTable;
import com.visualdm.worldengine.system.ExitCode;
import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldJobs;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Archive old partitions of trades, transactions and history into compressed segments, or "
                + "restore archived days.",
        subcommands = {ArchiveCommand.Run.class, ArchiveCommand.Restore.class})
public class ArchiveCommand implements Runnable {

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run the archiveWorld job for a world now: every child partition whose whole range lies more "
                    + "than the retention before the world's current day is detached, packed, verified and dropped, "
                    + "one transaction per step. A run first finishes what an interrupted run left.",
                    "Prints a line per partition and, on long runs, progress every few seconds."})
    static class Run implements Callable<Integer> {

        @ParentCommand
        ArchiveCommand archive;

        @Spec
        CommandSpec spec;

        @Option(names = "--world", required = true, paramLabel = "NAME", converter = WorldNameConverter.class,
                description = "The world to archive.")
        WorldName world;

        @Option(names = "--retention-days", paramLabel = "DAYS",
                description = "Retention for this run, for every table (default: world-engine.partitioning settings, "
                        + "360 world days). At least one partition interval.")
        Integer retentionDays;

        @Override
        public Integer call() {
            ApplicationContext context = archive.root.runtime().context();
            RegisteredWorld registered = context.getBean(WorldService.class).require(world);
            context.getBean(Archiver.class).settings(retentionDays); // bad settings are refused before anything runs
            PrintWriter out = spec.commandLine().getOut();
            JobParametersBuilder extra = new JobParametersBuilder();
            if (retentionDays != null) {
                extra.addLong(ArchiveWorldJobConfiguration.RETENTION_DAYS, retentionDays.longValue(), false);
            }
            JobExecution execution;
            try (ArchiveProgress progress = ArchiveProgress.start(context.getBean(JdbcClient.class),
                    registered, out)) {
                execution = context.getBean(WorldJobs.class).run(
                        context.getBean(ArchiveWorldJobConfiguration.JOB_NAME, Job.class), registered, extra.toJobParameters());
            }
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                out.println(WorldJobs.notCompleted(execution));
                out.println("Run the same command again to resume.");
                return ExitCode.JOB_FAILED.code();
            }
            return ExitCode.SUCCESS.code();
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Put the archived rows of a table's world days FROM..TO (inclusive) back into live "
                    + "partitions and remove them from the archive, verified by row count and hash, in one transaction. "
                    + "Refused if any row of those days is live already.")
    static class Restore implements Callable<Integer> {

        @ParentCommand
        ArchiveCommand archive;

        @Spec
        CommandSpec spec;

        @Option(names = "--world", required = true, paramLabel = "NAME", converter = WorldNameConverter.class,
                description = "The world.")
        WorldName world;

        @Option(names = "--table", required = true, paramLabel = "TABLE",
                description = "trade_entities, transaction_entities or history_entities.")
        String table;

        @Option(names = "--from-day", required = true, paramLabel = "DAY", description = "First world day to restore.")
        int fromDay;

        @Option(names = "--to-day", required = true, paramLabel = "DAY", description = "Last world day to restore.")
        int toDay;

        @Override
        public Integer call() {
            PartitionedTable partitioned = PartitionedTable.ofName(table);
            ApplicationContext context = archive.root.runtime().context();
            RegisteredWorld registered = context.getBean(WorldService.class).require(world);
            ArchiveRestore.Restored restored = context.getBean(ArchiveRestore.class).restore(registered, partitioned, fromDay, toDay);
            spec.commandLine().getOut().printf("restored %,d rows of %s (days %d-%d) in %.1f s = %,.0f rows/s, verified%n",
                    restored.rows(), partitioned.tableName(), fromDay, toDay, restored.seconds(),
                    restored.rows() / Math.max(restored.seconds(), 1e-3));
            return ExitCode.SUCCESS.code();
        }
    }
}
