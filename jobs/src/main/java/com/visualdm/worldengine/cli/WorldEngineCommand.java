package com.visualdm.worldengine.cli;

import java.io.PrintWriter;

import com.visualdm.worldengine.bench.BenchCommand;
import com.visualdm.worldengine.archive.ArchiveCommand;
import com.visualdm.worldengine.demo.DemoCommand;
import com.visualdm.worldengine.operations.AbandonCommand;
import com.visualdm.worldengine.operations.ExecutionsCommand;
import com.visualdm.worldengine.operations.JobsCommand;
import com.visualdm.worldengine.operations.RecoverCommand;
import com.visualdm.worldengine.operations.RestartCommand;
import com.visualdm.worldengine.operations.StopCommand;
import com.visualdm.worldengine.schedule.SchedulesCommand;
import com.visualdm.worldengine.serve.ServeCommand;
import com.visualdm.worldengine.economy.AuditCommand;
import com.visualdm.worldengine.partition.PartitionsCommand;
import com.visualdm.worldengine.tick.TickCommand;
import com.visualdm.worldengine.world.DropCommand;
import com.visualdm.worldengine.world.InitCommand;
import com.visualdm.worldengine.world.WorldsCommand;

import com.visualdm.worldengine.system.ExitCode;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "world-engine",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Batch simulation and archival engine for Visual DM worlds on PostgreSQL.",
                "",
                "Database: WORLD_ENGINE_DB_URL (with WORLD_ENGINE_DB_USER, WORLD_ENGINE_DB_PASSWORD) points at "
                        + "PostgreSQL 15 or newer; without it an embedded PostgreSQL 17 keeps its data in "
                        + "~/.world-engine (WORLD_ENGINE_HOME)."},
        subcommands = {
                DemoCommand.class,
                InitCommand.class,
                WorldsCommand.class,
                DropCommand.class,
                TickCommand.class,
                AuditCommand.class,
                PartitionsCommand.class,
                ArchiveCommand.class,
                BenchCommand.class,
                ServeCommand.class,
                SchedulesCommand.class,
                JobsCommand.class,
                ExecutionsCommand.class,
                RestartCommand.class,
                StopCommand.class,
                AbandonCommand.class,
                RecoverCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:a job failed",
                "2:usage or bad input (unknown world, invalid name, ...)",
                "3:database unreachable",
                "4:busy: another process is working on that world or execution",
                "5:audit found the ledger of a world inconsistent"})
public class WorldEngineCommand implements Runnable {

    private final EngineRuntime runtime;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public WorldEngineCommand(EngineRuntime runtime) {
        this.runtime = runtime;
    }

    public EngineRuntime runtime() {
        return runtime;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine(EngineRuntime runtime, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new WorldEngineCommand(runtime));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((failure, arguments) -> {
            CommandLine failedCommand = failure.getCommandLine();
            failedCommand.getErr().println("error: " + failure.getMessage());
            failedCommand.getErr().println("See '" + failedCommand.getCommandSpec().qualifiedName() + " --help'.");
            failedCommand.getErr().flush();
            return ExitCode.BAD_INPUT.code();
        });
        commandLine.setExecutionExceptionHandler((failure, failedCommand, parseResult) -> {
            ExitCode exitCode = Failures.exitCode(failure);
            failedCommand.getErr().println("error: " + Failures.message(failure));
            if (exitCode == ExitCode.JOB_FAILED) {
                failedCommand.getErr().println("(details in the log: " + runtime.logFile() + ")");
            }
            failedCommand.getErr().flush();
            return exitCode.code();
        });
        return commandLine;
    }
}
