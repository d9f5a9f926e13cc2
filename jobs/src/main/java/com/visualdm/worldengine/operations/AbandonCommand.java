package com.visualdm.worldengine.operations;

import java.util.concurrent.Callable;

import com.visualdm.worldengine.cli.WorldEngineCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "abandon", mixinStandardHelpOptions = true,
        description = {"Mark a stopped or failed execution ABANDONED: its job instance is never restarted.",
                "An abandoned world day keeps that world from moving on."})
public class AbandonCommand implements Callable<Integer> {

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The execution id.")
    long id;

    @Override
    public Integer call() {
        root.runtime().bean(Executions.class).abandon(id);
        spec.commandLine().getOut().printf("execution %d abandoned%n", id);
        return 0;
    }
}
