package com.visualdm.worldengine.operations;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import com.visualdm.worldengine.cli.DurationConverter;
import com.visualdm.worldengine.cli.WorldEngineCommand;
import com.visualdm.worldengine.cli.WorldNameConverter;
import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.system.BadInputException;
import com.visualdm.worldengine.world.WorldName;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "executions", mixinStandardHelpOptions = true,
        description = "List job executions, newest first (see also: executions show ID, executions purge).",
        subcommands = {ExecutionsCommand.Show.class, ExecutionsCommand.Purge.class})
public class ExecutionsCommand implements Callable<Integer> {

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--world", paramLabel = "NAME", converter = WorldNameConverter.class, description = "Only this world's.")
    WorldName world;

    @Option(names = "--job", paramLabel = "JOB", description = "Only this job's.")
    String job;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only with this status: ${COMPLETION-CANDIDATES}.")
    BatchStatus status;

    @Option(names = "--since", paramLabel = "AGE|DATE",
            description = "Only those created in the last AGE (for example 12h, 7d) or since DATE (2026-01-31, local time).")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N (default 50).")
    int limit;

    @Option(names = "--json", description = "One JSON array.")
    boolean json;

    @Override
    public Integer call() {
        if (job != null) {
            root.runtime().bean(JobRuns.class).require(job);
        }
        List<ExecutionHistory.Row> rows = root.runtime().bean(ExecutionHistory.class).list(new ExecutionHistory.Filter(
                world == null ? null : world.value(), job, status == null ? null : status.name(),
                since == null ? null : since(since), Math.max(1, limit)));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.arr(rows.stream().map(row -> Json.raw(Json.obj("id", row.id(), "job", row.job(),
                    "world", row.world(), "status", row.status(), "exit_code", row.exitCode(), "start", text(row.start()),
                    "end", text(row.end()), "duration_ms", row.durationSeconds() == null ? null
                            : Math.round(row.durationSeconds() * 1000), "parameters", row.parameters()))).toList()));
            return 0;
        }
        if (rows.isEmpty()) {
            out.println("No executions match.");
            return 0;
        }
        out.printf("%8s  %-22s %-16s %-10s %-19s %9s  %s%n", "ID", "JOB", "WORLD", "STATUS", "START", "SECONDS", "PARAMETERS");
        for (ExecutionHistory.Row row : rows) {
            out.printf("%8d  %-22s %-16s %-10s %-19s %9s  %s%n", row.id(), row.job(), row.world() == null ? "-" : row.world(),
                    row.status(), row.start() == null ? "-" : row.start().withNano(0).toString().replace('T', ' '),
                    row.durationSeconds() == null ? "-" : "%.1f".formatted(row.durationSeconds()), row.parameters());
        }
        return 0;
    }

    private static LocalDateTime since(String value) {
        try {
            return LocalDate.parse(value).atStartOfDay();
        } catch (DateTimeParseException notADate) {
            try {
                return LocalDateTime.now().minus(new DurationConverter().convert(value));
            } catch (CommandLine.TypeConversionException e) {
                throw new BadInputException("--since " + value + " is neither an age (12h, 7d) nor a date (2026-01-31)");
            }
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One execution: parameters, each step with its counts and duration, exit message.")
    static class Show implements Callable<Integer> {

        @ParentCommand
        ExecutionsCommand parent;

        @Parameters(paramLabel = "ID", description = "The execution id.")
        long id;

        @Option(names = "--json", description = "One JSON document.")
        boolean json;

        @Override
        public Integer call() {
            JobExecution execution = parent.root.runtime().bean(Executions.class).require(id);
            PrintWriter out = parent.spec.commandLine().getOut();
            List<StepExecution> steps = execution.getStepExecutions().stream()
                    .sorted((a, b) -> Long.compare(a.getId(), b.getId())).toList();
            if (json) {
                List<Object> parameters = new ArrayList<>();
                execution.getJobParameters().parameters().forEach(parameter -> {
                    parameters.add(parameter.name());
                    parameters.add(String.valueOf(parameter.value()));
                });
                out.println(Json.obj("id", execution.getId(), "job", execution.getJobInstance().getJobName(),
                        "instance", execution.getJobInstance().getInstanceId(), "status", execution.getStatus().name(),
                        "exit_code", execution.getExitStatus().getExitCode(),
                        "exit_message", execution.getExitStatus().getExitDescription(),
                        "start", text(execution.getStartTime()), "end", text(execution.getEndTime()),
                        "duration_ms", millis(execution.getStartTime(), execution.getEndTime()),
                        "parameters", Json.raw(Json.obj(parameters.toArray())),
                        "steps", steps.stream().map(step -> Json.raw(Json.obj("name", step.getStepName(),
                                "status", step.getStatus().name(), "read", step.getReadCount(), "write", step.getWriteCount(),
                                "skip", step.getSkipCount(), "commit", step.getCommitCount(),
                                "rollback", step.getRollbackCount(),
                                "duration_ms", millis(step.getStartTime(), step.getEndTime()),
                                "exit_message", step.getExitStatus().getExitDescription()))).toList()));
                return 0;
            }
            out.printf("execution %d of %s (instance %d): %s, exit code %s%n", execution.getId(),
                    execution.getJobInstance().getJobName(), execution.getJobInstance().getInstanceId(),
                    execution.getStatus(), execution.getExitStatus().getExitCode());
            out.printf("started %s, ended %s, %s%n", text(execution.getStartTime()), text(execution.getEndTime()),
                    seconds(execution.getStartTime(), execution.getEndTime()));
            out.println("parameters:");
            execution.getJobParameters().parameters().forEach(parameter -> out.printf("  %s = %s%s%n", parameter.name(),
                    parameter.value(), parameter.identifying() ? "" : "  (not identifying)"));
            out.printf("%-34s %-10s %9s %9s %6s %7s %9s%n", "STEP", "STATUS", "READ", "WRITE", "SKIP", "COMMIT", "SECONDS");
            for (StepExecution step : steps) {
                out.printf("%-34s %-10s %9d %9d %6d %7d %9s%n", step.getStepName(), step.getStatus(), step.getReadCount(),
                        step.getWriteCount(), step.getSkipCount(), step.getCommitCount(),
                        seconds(step.getStartTime(), step.getEndTime()));
            }
            String message = execution.getExitStatus().getExitDescription();
            if (message != null && !message.isBlank()) {
                out.println("exit message: " + message);
            }
            return 0;
        }

        private static Long millis(LocalDateTime start, LocalDateTime end) {
            return start == null || end == null ? null : Duration.between(start, end).toMillis();
        }

        private static String seconds(LocalDateTime start, LocalDateTime end) {
            Long millis = millis(start, end);
            return millis == null ? "-" : "%.1f s".formatted(millis / 1000.0);
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = {"Delete the history of job instances that are over (last execution COMPLETED or ABANDONED) "
                    + "and ended longer ago than the given age. Failed and stopped ones stay: they can be restarted."})
    static class Purge implements Callable<Integer> {

        @ParentCommand
        ExecutionsCommand parent;

        @Option(names = "--older-than", required = true, paramLabel = "AGE", converter = DurationConverter.class,
                description = "For example 90d.")
        Duration olderThan;

        @Override
        public Integer call() {
            int purged = parent.root.runtime().bean(ExecutionHistory.class).purge(olderThan);
            parent.spec.commandLine().getOut().printf("Purged %d execution(s) that ended more than %s ago.%n", purged,
                    olderThan.toString().substring(2).toLowerCase());
            return 0;
        }
    }
}
