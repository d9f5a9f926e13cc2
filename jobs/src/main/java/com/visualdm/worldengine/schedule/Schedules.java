package com.visualdm.worldengine.schedule;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.visualdm.worldengine.system.BadInputException;

/**
 * The schedules in Quartz's JDBC job store, shared by every node: one durable, recoverable Quartz job and one cron
 * trigger per schedule file, both named after the file, in group {@value #GROUP}.
 */
@Component
public class Schedules {

    public static final String GROUP = "world-engine";
    static final String FINGERPRINT = "fingerprint";
    static final String PARAMETER_PREFIX = "parameter.";

    private final Scheduler scheduler;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public Schedules(Scheduler scheduler, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.scheduler = scheduler;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** What {@link #load} changed. */
    public record Changes(List<String> added, List<String> updated, List<String> removed, List<String> unchanged) {
    }

    /**
     * Makes the store hold exactly these schedules: new ones added, changed ones replaced, others removed. Unchanged
     * ones are left alone, so their pause state and pending misfires survive a restart. One transaction (Spring's
     * job store joins it), under a lock, so nodes starting together load one after the other and a failure changes
     * nothing.
     */
    public Changes load(List<ScheduleDefinition> definitions) {
        return transaction.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('world-engine schedules'))").query(Object.class).list();
            try {
                return loadLocked(definitions);
            } catch (SchedulerException e) {
                throw new IllegalStateException("could not load the schedules: " + e.getMessage(), e);
            }
        });
    }

    private Changes loadLocked(List<ScheduleDefinition> definitions) throws SchedulerException {
        Set<JobKey> existing = scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP));
        Map<JobDetail, Set<? extends Trigger>> toStore = new LinkedHashMap<>();
        Changes changes = new Changes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (ScheduleDefinition definition : definitions) {
            JobKey key = JobKey.jobKey(definition.name(), GROUP);
            JobDetail stored = scheduler.getJobDetail(key);
            if (stored != null && definition.fingerprint().equals(stored.getJobDataMap().getString(FINGERPRINT))) {
                changes.unchanged().add(definition.name());
                continue;
            }
            (stored == null ? changes.added() : changes.updated()).add(definition.name());
            toStore.put(jobDetail(definition), Set.of(trigger(definition)));
        }
        if (!toStore.isEmpty()) {
            scheduler.scheduleJobs(toStore, true);
        }
        List<JobKey> obsolete = existing.stream()
                .filter(key -> definitions.stream().noneMatch(definition -> definition.name().equals(key.getName())))
                .toList();
        if (!obsolete.isEmpty()) {
            scheduler.deleteJobs(obsolete);
            obsolete.forEach(key -> changes.removed().add(key.getName()));
        }
        return changes;
    }

    /** A schedule as it stands in the store. */
    public record Entry(String name, String job, String world, String cron, String timeZone, String misfire,
                        Map<String, String> parameters, String state, Date nextFire, Date previousFire) {
    }

    public List<Entry> list() throws SchedulerException {
        List<Entry> entries = new ArrayList<>();
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP)).stream()
                .sorted((a, b) -> a.getName().compareTo(b.getName())).toList()) {
            JobDataMap data = scheduler.getJobDetail(key).getJobDataMap();
            Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(key.getName(), GROUP));
            Map<String, String> parameters = new LinkedHashMap<>();
            data.keySet().stream().filter(name -> name.startsWith(PARAMETER_PREFIX)).sorted()
                    .forEach(name -> parameters.put(name.substring(PARAMETER_PREFIX.length()), data.getString(name)));
            entries.add(new Entry(key.getName(), data.getString(ScheduleDefinition.JOB), data.getString(ScheduleDefinition.WORLD), data.getString(ScheduleDefinition.CRON),
                    data.getString(ScheduleDefinition.TIME_ZONE), data.getString(ScheduleDefinition.MISFIRE), parameters,
                    trigger == null ? "NONE" : scheduler.getTriggerState(trigger.getKey()).name(),
                    trigger == null ? null : trigger.getNextFireTime(), trigger == null ? null : trigger.getPreviousFireTime()));
        }
        return entries;
    }

    public void pause(String name) throws SchedulerException {
        scheduler.pauseJob(require(name));
    }

    public void resume(String name) throws SchedulerException {
        scheduler.resumeJob(require(name));
    }

    /** Fires the schedule once now, on whichever node takes it first; the run key is the time of this fire. */
    public void trigger(String name) throws SchedulerException {
        scheduler.triggerJob(require(name));
    }

    private JobKey require(String name) throws SchedulerException {
        JobKey key = JobKey.jobKey(name, GROUP);
        if (!scheduler.checkExists(key)) {
            throw new BadInputException("unknown schedule '" + name + "' (see: world-engine schedules list)");
        }
        return key;
    }

    private static JobDetail jobDetail(ScheduleDefinition definition) {
        JobDataMap data = new JobDataMap();
        data.putAll(definition.asMap());
        definition.parameters().forEach((key, value) -> data.put(PARAMETER_PREFIX + key, value));
        data.put(FINGERPRINT, definition.fingerprint());
        return JobBuilder.newJob(ScheduledJob.class)
                .withIdentity(definition.name(), GROUP)
                .withDescription(definition.job() + " for " + definition.worldLabel())
                .usingJobData(data)
                .storeDurably()
                // A node that dies while running it: another node fires it again with the same scheduled time.
                .requestRecovery()
                .build();
    }

    private static Trigger trigger(ScheduleDefinition definition) {
        CronScheduleBuilder schedule = CronScheduleBuilder.cronSchedule(definition.cron())
                .inTimeZone(TimeZone.getTimeZone(definition.timeZone()));
        return TriggerBuilder.newTrigger()
                .withIdentity(definition.name(), GROUP)
                .forJob(definition.name(), GROUP)
                .withSchedule(definition.misfire().apply(schedule))
                .build();
    }
}
