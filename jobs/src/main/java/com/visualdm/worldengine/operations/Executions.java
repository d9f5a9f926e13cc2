package com.visualdm.worldengine.operations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.system.BadInputException;
import com.visualdm.worldengine.system.WorldBusyException;
import com.visualdm.worldengine.tick.DayResult;
import com.visualdm.worldengine.tick.TickService;
import com.visualdm.worldengine.tick.WorldTickJobConfiguration;
import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldLock;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;

/**
 * What an operator does to one job execution: restart, stop, abandon, recover. Mistakes (an unknown id, restarting
 * a completed execution, stopping a finished one) are refused with the reason (exit code 2).
 */
@Component
public class Executions {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final TickService ticks;
    private final WorldService worlds;
    private final WorldLock lock;
    private final ExecutionHistory history;

    public Executions(JobOperator jobOperator, JobRepository jobRepository, TickService ticks, WorldService worlds,
                      WorldLock lock, ExecutionHistory history) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.ticks = ticks;
        this.worlds = worlds;
        this.lock = lock;
        this.history = history;
    }

    public JobExecution require(long id) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(id);
        } catch (EmptyResultDataAccessException e) {
            // Spring Batch 6 throws rather than answering null for some unknown ids.
            execution = null;
        }
        if (execution == null) {
            throw new BadInputException("no job execution " + id + " (see: world-engine executions)");
        }
        return execution;
    }

    /**
     * Runs a failed or stopped execution's job instance again from where it stopped; a world day goes through the
     * tick, under the world's lock. Returns the new execution's status.
     */
    public JobExecution restart(long id) {
        JobExecution execution = require(id);
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.COMPLETED) {
            throw new BadInputException("execution " + id + " completed; there is nothing to restart");
        }
        if (status == BatchStatus.ABANDONED) {
            throw new BadInputException("execution " + id + " was abandoned and cannot be restarted");
        }
        if (status.isRunning()) {
            throw new WorldBusyException("execution " + id + " is " + status + "; if its process is dead, run "
                    + "'world-engine recover' first");
        }
        JobExecution last = jobRepository.getLastJobExecution(execution.getJobInstance());
        if (last != null && last.getId() != id) {
            throw new BadInputException("execution " + id + " is not the last of its job instance; restart "
                    + last.getId() + " (" + last.getStatus() + ") instead");
        }
        if (execution.getJobInstance().getJobName().equals(WorldTickJobConfiguration.JOB_NAME)) {
            WorldName world = sameWorld(execution);
            Long day = execution.getJobParameters().getLong(WorldTickJobConfiguration.DAY_PARAMETER);
            DayResult result = ticks.runDay(world, day.intValue());
            return require(result.jobExecutionId());
        }
        try {
            return jobOperator.restart(execution);
        } catch (Exception e) {
            throw new IllegalStateException("could not restart execution " + id + ": " + e.getMessage(), e);
        }
    }

    /** Asks a running execution to stop: its step ends at the next chunk boundary and it ends STOPPED. */
    public void stop(long id) {
        JobExecution execution = require(id);
        try {
            jobOperator.stop(execution);
        } catch (JobExecutionNotRunningException e) {
            throw new BadInputException("execution " + id + " is not running (" + execution.getStatus() + "); nothing to stop");
        }
    }

    /** Marks a stopped or failed execution ABANDONED: its job instance will not be restarted. */
    public JobExecution abandon(long id) {
        JobExecution execution = require(id);
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            throw new BadInputException("execution " + id + " completed; there is nothing to abandon");
        }
        try {
            return jobOperator.abandon(execution);
        } catch (JobExecutionAlreadyRunningException e) {
            throw new WorldBusyException("execution " + id + " is " + execution.getStatus() + "; stop it first");
        }
    }

    /** What {@link #recover} did with one execution. */
    public record Recovered(long id, String job, String world, boolean recovered, String note) {
    }

    /**
     * Marks FAILED (restartable) the executions left running by dead processes: no progress for {@code quiet}, and
     * for a per-world job, its world's lock free (a live run always holds it).
     */
    public List<Recovered> recover(Duration quiet) {
        List<Recovered> results = new ArrayList<>();
        for (long id : history.quietRunning(quiet)) {
            JobExecution execution = require(id);
            String job = execution.getJobInstance().getJobName();
            String world = execution.getJobParameters().getString(WorldJobParameters.WORLD);
            if (world == null) {
                jobOperator.recover(execution);
                results.add(new Recovered(id, job, null, true, "marked FAILED; restart it with: world-engine restart " + id));
                continue;
            }
            try (WorldLock.Held held = lock.acquire(WorldName.of(world), "recover")) {
                jobOperator.recover(execution);
                results.add(new Recovered(id, job, world, true, "marked FAILED; restart it with: world-engine restart " + id));
            } catch (WorldBusyException busy) {
                results.add(new Recovered(id, job, world, false, "left alone: a live process holds world '" + world + "'"));
            }
        }
        return results;
    }

    private WorldName sameWorld(JobExecution execution) {
        WorldName world = WorldJobParameters.worldOf(execution.getJobParameters());
        RegisteredWorld registered = worlds.require(world);
        Long worldId = execution.getJobParameters().getLong(WorldJobParameters.WORLD_ID);
        if (worldId == null || worldId != registered.id()) {
            throw new BadInputException("execution " + execution.getId() + " belongs to an earlier world named '" + world
                    + "', since dropped; it cannot be restarted");
        }
        return world;
    }
}
