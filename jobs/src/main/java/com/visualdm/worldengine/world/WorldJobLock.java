package com.visualdm.worldengine.world;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Holds the world's lock for the whole of a job execution, whoever launched it (a command, Quartz, another
 * node). A world busy elsewhere fails the execution at once, before any step, naming the world. Once the lock
 * is held, any other execution of the same job for the world still marked running belongs to a dead process
 * (it would hold the lock otherwise): it is recovered (marked failed), so job history tells the truth. These jobs
 * resume from their own journals, not from Spring Batch's restart.
 */
@Component
public class WorldJobLock implements JobExecutionListener {

    private final WorldLock lock;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final Map<Long, WorldLock.Held> held = new ConcurrentHashMap<>();

    public WorldJobLock(WorldLock lock, JobRepository jobRepository, @Lazy JobOperator jobOperator) {
        this.lock = lock;
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        WorldName world = WorldJobParameters.worldOf(execution.getJobParameters());
        String job = execution.getJobInstance().getJobName();
        held.put(execution.getId(), lock.acquire(world, job));
        for (JobExecution running : WorldJobParameters.runningFor(jobRepository, job, world)) {
            if (running.getId() != execution.getId()) {
                jobOperator.recover(running);
            }
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        WorldLock.Held lockHeld = held.remove(execution.getId());
        if (lockHeld != null) {
            lockHeld.close();
        }
    }
}
