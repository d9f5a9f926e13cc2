package com.visualdm.worldengine.world;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Holds the world's lock for the whole of a job execution, whoever launched it (a command, Quartz, another
 * node). A world busy elsewhere fails the execution at once, before any step, naming the world.
 */
@Component
public class WorldJobLock implements JobExecutionListener {

    private final WorldLock lock;
    private final Map<Long, WorldLock.Held> held = new ConcurrentHashMap<>();

    public WorldJobLock(WorldLock lock) {
        this.lock = lock;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        WorldName world = WorldJobParameters.worldOf(execution.getJobParameters());
        held.put(execution.getId(), lock.acquire(world, execution.getJobInstance().getJobName()));
    }

    @Override
    public void afterJob(JobExecution execution) {
        WorldLock.Held lockHeld = held.remove(execution.getId());
        if (lockHeld != null) {
            lockHeld.close();
        }
    }
}
