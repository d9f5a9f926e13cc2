package com.visualdm.worldengine.operations;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import com.visualdm.worldengine.cli.DurationConverter;
import com.visualdm.worldengine.cli.WorldEngineCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Mark FAILED (so they can be restarted) the executions left running by processes that died: "
                + "no progress for the given age and, for a world's job, that world not held by a live process."})
public class RecoverCommand implements Callable<Integer> {

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--older-than", paramLabel = "AGE", defaultValue = "30m", converter = DurationConverter.class,
            description = "No progress for at least AGE (default 30m).")
    Duration olderThan;

    @Override
    public Integer call() {
        List<Executions.Recovered> results = root.runtime().bean(Executions.class).recover(olderThan);
        PrintWriter out = spec.commandLine().getOut();
        if (results.isEmpty()) {
            out.println("No execution is left running without progress for " + olderThan.toString().substring(2).toLowerCase() + ".");
        }
        results.forEach(result -> out.printf("execution %d (%s, world %s): %s%n", result.id(), result.job(),
                result.world() == null ? "-" : result.world(), result.note()));
        return 0;
    }
}
