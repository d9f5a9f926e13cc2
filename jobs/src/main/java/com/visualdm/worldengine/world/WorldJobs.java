package com.visualdm.worldengine.world;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.system.BadInputException;

/**
 * Launches one run of a repeatable per-world job from a command, synchronously. Bad input found inside the job
 * (a busy world, a refused setting) comes back as the {@link BadInputException} it was, for exit code 2.
 */
@Component
public class WorldJobs {

    private final JobOperator jobOperator;

    public WorldJobs(JobOperator jobOperator) {
        this.jobOperator = jobOperator;
    }

    /** Runs the job for the world; {@code extra} holds non-identifying parameters (may be empty). */
    public JobExecution run(Job job, RegisteredWorld world, JobParameters extra) {
        // Wall-clock time as launch bookkeeping only (the job parameter contract's "run").
        JobParameters parameters = new JobParametersBuilder(WorldJobParameters.run(world, System.currentTimeMillis()))
                .addJobParameters(extra).toJobParameters();
        JobExecution execution;
        try {
            execution = jobOperator.start(job, parameters);
        } catch (Exception e) {
            throw new IllegalStateException("could not launch " + job.getName() + " for world '" + world.name() + "': "
                    + e.getMessage(), e);
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            for (Throwable failure : execution.getAllFailureExceptions()) {
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    if (t instanceof BadInputException badInput) {
                        throw badInput;
                    }
                }
            }
        }
        return execution;
    }
}
