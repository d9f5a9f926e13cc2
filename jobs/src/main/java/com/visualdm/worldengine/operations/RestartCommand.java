package com.visualdm.worldengine.operations;

import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import com.visualdm.worldengine.cli.WorldEngineCommand;
import com.visualdm.worldengine.system.ExitCode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Run a failed or stopped execution's job again from where it stopped, and wait for it.",
                "Exits 1 if it does not complete."})
public class RestartCommand implements Callable<Integer> {

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The execution id (see: world-engine executions).")
    long id;

    @Override
    public Integer call() {
        JobExecution execution = root.runtime().bean(Executions.class).restart(id);
        spec.commandLine().getOut().printf("execution %d restarted as execution %d: %s%n", id, execution.getId(),
                execution.getStatus());
        return execution.getStatus() == BatchStatus.COMPLETED ? ExitCode.SUCCESS.code() : ExitCode.JOB_FAILED.code();
    }
}
