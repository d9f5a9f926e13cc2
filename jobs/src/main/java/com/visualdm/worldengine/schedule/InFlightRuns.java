package com.visualdm.worldengine.schedule;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldName;

/**
 * The jobs this node's scheduler is running, so that a node told to stop (SIGTERM) ends them cleanly: it takes no
 * new fires, asks each running execution to stop (a step ends at its next chunk or tasklet boundary, the execution
 * ends STOPPED and can be restarted), and waits for them. Destroyed before the scheduler and the database pool,
 * which it depends on.
 */
@Component
@EnableConfigurationProperties(ScheduleProperties.class)
public class InFlightRuns implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightRuns.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Set<Entry> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private final Scheduler scheduler;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final ScheduleProperties properties;

    public InFlightRuns(Scheduler scheduler, JobOperator jobOperator, JobRepository jobRepository,
                        ScheduleProperties properties) {
        this.scheduler = scheduler;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.properties = properties;
    }

    Entry enter(String job, WorldName world) {
        Entry entry = new Entry(job, world);
        running.add(entry);
        return entry;
    }

    /** True once this node is shutting down: a fire waiting for a busy world gives up. */
    boolean stopping() {
        return stopping;
    }

    @Override
    public void destroy() throws SchedulerException, InterruptedException {
        if (!scheduler.isStarted() || scheduler.isShutdown()) {
            return;
        }
        stopping = true;
        scheduler.standby();
        long deadline = System.nanoTime() + properties.stopTimeout().toNanos();
        // Again and again: a job between its fire and its execution's start would miss a single request.
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            for (Entry entry : Set.copyOf(running)) {
                for (JobExecution execution : WorldJobParameters.runningFor(jobRepository, entry.job, entry.world)) {
                    if (!execution.isStopping()) {
                        LOG.info("stopping execution {} ({} for world {}) for shutdown", execution.getId(), entry.job, entry.world);
                        stop(execution);
                    }
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        if (!running.isEmpty()) {
            LOG.warn("shutting down with runs still going after {}: {}", properties.stopTimeout(), running);
        }
    }

    private void stop(JobExecution execution) {
        try {
            jobOperator.stop(execution);
        } catch (Exception e) {
            // It ended meanwhile.
            LOG.debug("execution {} not stopped: {}", execution.getId(), e.getMessage());
        }
    }

    /** One job for one world running on this node; closing it says it is over. */
    final class Entry implements AutoCloseable {

        private final String job;
        private final WorldName world;

        private Entry(String job, WorldName world) {
            this.job = job;
            this.world = world;
        }

        @Override
        public void close() {
            running.remove(this);
        }

        @Override
        public String toString() {
            return job + " for " + world;
        }
    }
}
