package com.visualdm.worldengine.operations;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.job.AbstractJob;

import com.visualdm.worldengine.cli.WorldEngineCommand;
import com.visualdm.worldengine.cli.WorldNameConverter;
import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.system.BadInputException;
import com.visualdm.worldengine.system.ExitCode;
import com.visualdm.worldengine.system.WorldBusyException;
import com.visualdm.worldengine.tick.TickCommand;
import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldRegistry;
import com.visualdm.worldengine.world.WorldState;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "jobs", mixinStandardHelpOptions = true, description = "The jobs: list them, or run one now.",
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Run.class})
public class JobsCommand implements Runnable {

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every job with its steps and its last execution.")
    static class ListJobs implements Callable<Integer> {

        @ParentCommand
        JobsCommand parent;

        @Option(names = "--json", description = "One JSON array.")
        boolean json;

        @Override
        public Integer call() {
            JobRuns runs = parent.root.runtime().bean(JobRuns.class);
            JobRepository repository = parent.root.runtime().bean(JobRepository.class);
            PrintWriter out = parent.spec.commandLine().getOut();
            List<Object> documents = new ArrayList<>();
            if (!json) {
                out.printf("%-24s %5s  %s%n", "JOB", "STEPS", "LAST EXECUTION");
            }
            for (String name : runs.jobNames()) {
                Job job = runs.require(name);
                List<String> steps = job instanceof AbstractJob known ? List.copyOf(known.getStepNames()) : List.of();
                JobInstance instance = repository.getLastJobInstance(name);
                JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
                if (json) {
                    documents.add(Json.raw(Json.obj("name", name, "steps", steps,
                            "last_execution", last == null ? null : last.getId(),
                            "last_status", last == null ? null : last.getStatus().name())));
                } else {
                    out.printf("%-24s %5d  %s%n", name, steps.size(), last == null ? "never run"
                            : "%d %s %s".formatted(last.getId(), last.getStatus(), last.getStartTime()));
                }
            }
            if (json) {
                out.println(Json.arr(documents));
            }
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a job now for a world (or every ready world) and wait for it, printing progress.",
                    "worldTick takes days=N (default 1). run=TIME makes the launch the same as another one with that "
                            + "time (epoch milliseconds or an ISO instant such as 2026-01-31T03:00:00Z): a cron line and "
                            + "a schedule firing at that time then do the work once between them.",
                    "Exits 0 when done (or already done), 1 if the job did not complete, 4 if the world is busy "
                            + "(with --all-worlds: if one was, the others having been run)."})
    static class Run implements Callable<Integer> {

        @ParentCommand
        JobsCommand parent;

        @Parameters(index = "0", paramLabel = "JOB", description = "The job (see: world-engine jobs list).")
        String job;

        @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Job parameters.")
        List<String> parameters = new ArrayList<>();

        @ArgGroup(multiplicity = "1")
        Target target;

        static class Target {
            @Option(names = "--world", paramLabel = "NAME", converter = WorldNameConverter.class,
                    description = "The world.")
            WorldName world;

            @Option(names = "--all-worlds", description = "Every ready world, one after the other.")
            boolean all;
        }

        @Override
        public Integer call() {
            JobRuns runs = parent.root.runtime().bean(JobRuns.class);
            Job selected = runs.require(job);
            Map<String, String> given = new LinkedHashMap<>();
            for (String parameter : parameters) {
                int equals = parameter.indexOf('=');
                if (equals < 1) {
                    throw new BadInputException("parameter '" + parameter + "' is not KEY=VALUE");
                }
                given.put(parameter.substring(0, equals), parameter.substring(equals + 1));
            }
            long run = runKey(given.remove(WorldJobParameters.RUN));
            runs.checkParameters(job, given);
            List<WorldName> worlds = target.all
                    ? parent.root.runtime().bean(WorldRegistry.class).all().stream()
                            .filter(world -> world.state() == WorldState.READY).map(RegisteredWorld::name).toList()
                    : List.of(target.world);
            PrintWriter out = parent.spec.commandLine().getOut();
            boolean allCompleted = true;
            boolean anyBusy = false;
            for (WorldName world : worlds) {
                JobRuns.Outcome outcome;
                try (RunProgress progress = new RunProgress(selected, world,
                        parent.root.runtime().bean(JobRepository.class), out, RunProgress.EVERY)) {
                    outcome = runs.run(job, world, run, given, false, day -> TickCommand.print(day, out));
                } catch (WorldBusyException busy) {
                    if (!target.all) {
                        throw busy;
                    }
                    // Every world: a busy one (the same work running from a schedule) does not hold up the others.
                    parent.spec.commandLine().getErr().println("error: " + busy.getMessage());
                    anyBusy = true;
                    continue;
                }
                out.printf("%s for world %s (run %d): %s%s%s%n", job, world, run, outcome.status(),
                        outcome.executionId().map(id -> ", execution " + id).orElse(""),
                        outcome.description() == null || outcome.description().isBlank() ? "" : ": " + outcome.description());
                out.flush();
                allCompleted &= outcome.completed();
            }
            if (!allCompleted) {
                return ExitCode.JOB_FAILED.code();
            }
            return anyBusy ? ExitCode.BUSY.code() : ExitCode.SUCCESS.code();
        }

        private static long runKey(String value) {
            if (value == null) {
                return System.currentTimeMillis();
            }
            if (value.matches("\\d{1,18}")) {
                return Long.parseLong(value);
            }
            try {
                return Instant.parse(value).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new BadInputException("run=" + value + " is neither epoch milliseconds nor an ISO instant "
                        + "(2026-01-31T03:00:00Z)");
            }
        }
    }
}
