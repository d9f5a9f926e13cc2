package com.visualdm.worldengine.schedule;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

import com.visualdm.worldengine.operations.JobRuns;
import com.visualdm.worldengine.system.WorldBusyException;
import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldRegistry;
import com.visualdm.worldengine.world.WorldState;

/**
 * A schedule's fire: launches its job for its world, or for every ready world one after the other. The run key is
 * the fire's scheduled time, which a recovery fire on another node keeps, so a fire that runs twice meets its
 * first run instead of doing the work again. Concurrent fires of one schedule never overlap, across the cluster.
 */
@DisallowConcurrentExecution
public class ScheduledJob extends QuartzJobBean {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJob.class);
    private static final long BUSY_POLL_MILLIS = 500;

    private final JobRuns jobs;
    private final WorldRegistry registry;
    private final InFlightRuns inFlight;
    private final ScheduleProperties properties;

    public ScheduledJob(JobRuns jobs, WorldRegistry registry, InFlightRuns inFlight, ScheduleProperties properties) {
        this.jobs = jobs;
        this.registry = registry;
        this.inFlight = inFlight;
        this.properties = properties;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        String schedule = context.getJobDetail().getKey().getName();
        String job = data.getString(ScheduleDefinition.JOB);
        String world = data.getString(ScheduleDefinition.WORLD);
        long run = runKey(context);
        Map<String, String> parameters = new TreeMap<>();
        data.keySet().stream().filter(key -> key.startsWith(Schedules.PARAMETER_PREFIX))
                .forEach(key -> parameters.put(key.substring(Schedules.PARAMETER_PREFIX.length()), data.getString(key)));
        List<WorldName> targets = ScheduleDefinition.EVERY_WORLD.equals(world)
                ? registry.all().stream().filter(w -> w.state() == WorldState.READY).map(RegisteredWorld::name).toList()
                : List.of(WorldName.of(world));
        LOG.info("schedule {} fired (run {}{}): {} for {}", schedule, run, context.isRecovering() ? ", recovering" : "",
                job, targets);
        for (WorldName target : targets) {
            try (InFlightRuns.Entry entry = inFlight.enter(job, target)) {
                JobRuns.Outcome outcome = runWhenFree(job, target, run, parameters, context.isRecovering(), schedule);
                LOG.info("schedule {} run {}: {} for world {} ended {}: {}", schedule, run, job, target, outcome.status(),
                        outcome.description());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // One world's failure must not keep the others from their run; the job history has the details.
                LOG.error("schedule {} run {}: {} for world {} failed: {}", schedule, run, job, target, e.getMessage(), e);
            }
        }
    }

    /**
     * A busy world is usually this very fire finishing on another node, or a dead node's session about to end: the
     * fire waits for it a while (busy-wait), then gives up, logged.
     */
    private JobRuns.Outcome runWhenFree(String job, WorldName world, long run, Map<String, String> parameters,
                                        boolean recovering, String schedule) throws InterruptedException {
        long deadline = System.nanoTime() + properties.busyWait().toNanos();
        while (true) {
            try {
                return jobs.run(job, world, run, parameters, recovering, day -> LOG.info("schedule {}: {} world {} day {} {}",
                        schedule, job, world, day.date().worldDay(), day.status()));
            } catch (WorldBusyException busy) {
                if (System.nanoTime() > deadline || inFlight.stopping()) {
                    throw busy;
                }
                Thread.sleep(BUSY_POLL_MILLIS);
            }
        }
    }

    /** The scheduled time of the fire, in epoch milliseconds; for a recovery fire, that of the fire it recovers. */
    static long runKey(JobExecutionContext context) {
        if (context.isRecovering()) {
            String original = context.getMergedJobDataMap()
                    .getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
            if (original != null) {
                return Long.parseLong(original);
            }
        }
        return context.getScheduledFireTime().getTime();
    }
}
