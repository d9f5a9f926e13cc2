package com.visualdm.worldengine.operations;

import java.util.concurrent.Callable;

import com.visualdm.worldengine.cli.WorldEngineCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Ask a running execution, in any process, to stop: its current step ends at the next chunk "
                + "boundary and the execution ends STOPPED, restartable.")
public class StopCommand implements Callable<Integer> {

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The execution id.")
    long id;

    @Override
    public Integer call() {
        root.runtime().bean(Executions.class).stop(id);
        spec.commandLine().getOut().printf("execution %d: stop requested; it ends STOPPED at its next step boundary%n", id);
        return 0;
    }
}
