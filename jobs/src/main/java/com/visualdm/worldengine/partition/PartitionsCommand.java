package com.visualdm.worldengine.partition;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.ApplicationContext;

import com.visualdm.worldengine.cli.WorldEngineCommand;
import com.visualdm.worldengine.cli.WorldNameConverter;
import com.visualdm.worldengine.system.BadInputException;
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

@Command(name = "partitions", mixinStandardHelpOptions = true,
        description = {"List a world's partition sets (trade_entities, transaction_entities, history_entities): who "
                + "maintains each, its children with their world-day ranges, row counts and sizes, and the rows in "
                + "its default partition.",
                "Subcommand 'maintain' runs the partitionMaintenance job now."},
        subcommands = PartitionsCommand.Maintain.class)
public class PartitionsCommand implements Callable<Integer> {

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--world", paramLabel = "NAME", converter = WorldNameConverter.class,
            description = "The world to list.")
    WorldName world;

    @Override
    public Integer call() {
        if (world == null) {
            throw new BadInputException("missing --world NAME (see 'world-engine partitions --help')");
        }
        ApplicationContext context = root.runtime().context();
        RegisteredWorld registered = context.getBean(WorldService.class).require(world);
        PartitionCatalog catalog = context.getBean(PartitionCatalog.class);
        PrintWriter out = spec.commandLine().getOut();
        for (PartitionedTable table : PartitionedTable.values()) {
            PartitionCatalog.Census census = catalog.census(registered.name(), table);
            long defaultRows = census.defaultRows();
            out.printf("%s (%s): %d children, %,d rows live, %,d in the default partition%s, %,d archived%n",
                    table.tableName(), census.managedBy(), census.rangeChildren(), census.liveRows(), defaultRows,
                    defaultRows > 0 ? " (run: world-engine partitions maintain --world " + world + ")" : "",
                    census.archivedRows());
            for (PartitionCatalog.CountedChild counted : census.children()) {
                PartitionCatalog.Child child = counted.child();
                out.printf("  %-36s %-17s %,12d rows %,10d kB%n", child.name(),
                        child.isDefault() ? "default" : "days " + child.fromDay() + "-" + (child.toDay() - 1), counted.rows(),
                        child.bytes() / 1024);
            }
        }
        out.flush();
        return ExitCode.SUCCESS.code();
    }

    @Command(name = "maintain", mixinStandardHelpOptions = true,
            description = {"Run the partitionMaintenance job for a world now: move rows out of the default partitions "
                    + "into proper children, make children ahead of the world's current day, record sizes.",
                    "Sets are handed to pg_partman where it is installed (world-engine.partitioning.pg-partman=auto)."})
    static class Maintain implements Callable<Integer> {

        @ParentCommand
        PartitionsCommand partitions;

        @Spec
        CommandSpec spec;

        @Option(names = "--world", required = true, paramLabel = "NAME", converter = WorldNameConverter.class,
                description = "The world to maintain.")
        WorldName world;

        @Override
        public Integer call() {
            ApplicationContext context = partitions.root.runtime().context();
            RegisteredWorld registered = context.getBean(WorldService.class).require(world);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("partitionMaintenance of world '%s' ...%n", world);
            out.flush();
            long started = System.nanoTime();
            JobExecution execution = context.getBean(WorldJobs.class).run(
                    context.getBean(PartitionMaintenanceJobConfiguration.JOB_NAME, Job.class), registered, new JobParameters());
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                out.println(WorldJobs.notCompleted(execution));
                return ExitCode.JOB_FAILED.code();
            }
            out.printf("done in %.1f s%n", (System.nanoTime() - started) / 1e9);
            PartitionCatalog catalog = context.getBean(PartitionCatalog.class);
            for (PartitionedTable table : PartitionedTable.values()) {
                out.printf("  %-22s %-13s %d children%n", table.tableName(), catalog.managedBy(registered.name(), table),
                        catalog.children(registered.name(), table).size() - 1);
            }
            return ExitCode.SUCCESS.code();
        }
    }
}
