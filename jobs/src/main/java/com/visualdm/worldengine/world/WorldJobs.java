package com.visualdm.worldengine.world;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.system.BadInputException;

/**
 * Launches runs of repeatable per-world jobs (every job but the tick), synchronously. A busy world is refused before
 * an execution exists, so that the run can wait or be skipped and launched again as new; the job takes the lock
 * itself when it starts, and one that loses the race to another process in between fails, busy, and its run can be
 * launched again. Bad input found inside the job (a busy world, a refused setting) comes back as the
 * {@link BadInputException} it was, for exit codes 2 and 4.
 */
@Component
public class WorldJobs {

    private final JobOperator jobOperator;
    private final WorldLock lock;

    public WorldJobs(JobOperator jobOperator, WorldLock lock) {
        this.jobOperator = jobOperator;
        this.lock = lock;
    }

    /** A new run of the job for the world; {@code extra} holds non-identifying parameters (may be empty). */
    public JobExecution run(Job job, RegisteredWorld world, JobParameters extra) {
        try {
            // Wall-clock time as launch bookkeeping only (the job parameter contract's "run").
            return run(job, world, System.currentTimeMillis(), extra);
        } catch (JobInstanceAlreadyCompleteException | JobExecutionAlreadyRunningException e) {
            throw new IllegalStateException("a new run of " + job.getName() + " met an earlier one: " + e.getMessage(), e);
        }
    }

    /**
     * Run {@code run} of the job for the world (a schedule's fire time, or a launch's), which meets an earlier
     * launch of the same run on its JobInstance: completed, running, or to be restarted.
     */
    public JobExecution run(Job job, RegisteredWorld world, long run, JobParameters extra)
            throws JobInstanceAlreadyCompleteException, JobExecutionAlreadyRunningException {
        lock.requireFree(world.name(), job.getName());
        JobParameters parameters = new JobParametersBuilder(WorldJobParameters.run(world, run))
                .addJobParameters(extra).toJobParameters();
        JobExecution execution;
        try {
            execution = jobOperator.start(job, parameters);
        } catch (JobInstanceAlreadyCompleteException | JobExecutionAlreadyRunningException e) {
            throw e;
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

    /** One line for an execution that did not complete: the job, its status and the first line of its exit description. */
    public static String notCompleted(JobExecution execution) {
        return execution.getJobInstance().getJobName() + " " + execution.getStatus() + ": "
                + execution.getExitStatus().getExitDescription().lines().findFirst().orElse("");
    }
}
