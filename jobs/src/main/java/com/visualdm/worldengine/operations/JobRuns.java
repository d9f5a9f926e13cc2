package com.visualdm.worldengine.operations;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.system.BadInputException;
import com.visualdm.worldengine.system.WorldBusyException;
import com.visualdm.worldengine.tick.DayResult;
import com.visualdm.worldengine.tick.TickService;
import com.visualdm.worldengine.tick.WorldTickJobConfiguration;
import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldJobs;
import com.visualdm.worldengine.world.WorldLock;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;

/**
 * Launches any job of the application for a world, the same way from the command line, a schedule and cron. A
 * launch is identified by its run key (epoch milliseconds of the launch or of the scheduled fire), so two launches
 * of the same fire meet: a repeatable job on its JobInstance, the world tick on its fire in {@code engine.tick_fires}
 * (through {@link TickService}, which also keeps one instance per world and day).
 */
@Component
public class JobRuns {

    /** The one parameter the world tick takes besides the world: how many days a launch advances it. */
    public static final String DAYS = "days";

    private final Map<String, Job> jobs;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final TickService ticks;
    private final WorldService worlds;
    private final WorldLock lock;
    private final WorldJobs launcher;

    public JobRuns(List<Job> jobs, JobOperator jobOperator, JobRepository jobRepository, TickService ticks,
                   WorldService worlds, WorldLock lock, WorldJobs launcher) {
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, job -> job, (a, b) -> a, TreeMap::new));
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.ticks = ticks;
        this.worlds = worlds;
        this.lock = lock;
        this.launcher = launcher;
    }

    /** Every job name, sorted. */
    public List<String> jobNames() {
        return List.copyOf(jobs.keySet());
    }

    public Job require(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            throw new BadInputException("unknown job '" + name + "' (jobs: " + String.join(", ", jobs.keySet()) + ")");
        }
        return job;
    }

    /** Refuses parameters the job cannot take; the world tick takes only {@value #DAYS}, a positive number. */
    public void checkParameters(String job, Map<String, String> parameters) {
        require(job);
        parameters.keySet().stream()
                .filter(WorldJobParameters.REPEATABLE_KEYS::contains)
                .findFirst().ifPresent(key -> {
                    throw new BadInputException("parameter '" + key + "' is set by the engine, not given");
                });
        if (isTick(job)) {
            parameters.keySet().stream().filter(key -> !key.equals(DAYS)).findFirst().ifPresent(key -> {
                throw new BadInputException("job " + job + " takes only the parameter '" + DAYS + "', not '" + key + "'");
            });
            days(parameters);
        }
    }

    /**
     * Runs {@code job} for {@code world} as launch {@code run}, synchronously. Extra parameters are added as
     * non-identifying ones (a whole number as a long, anything else as a string). {@code recovering}: this launch
     * takes over from a node that died running it, so an execution of it still marked running is recovered first,
     * if the world's lock (which every run changing the world holds) shows its process is gone; the tick does this
     * on every launch.
     */
    public Outcome run(String job, WorldName world, long run, Map<String, String> parameters, boolean recovering,
                       Consumer<DayResult> eachDay) {
        checkParameters(job, parameters);
        if (isTick(job)) {
            List<DayResult> days = ticks.tickFire(world, run, days(parameters), eachDay);
            if (days.isEmpty()) {
                return Outcome.alreadyDone("the days of this run are done; nothing changed");
            }
            DayResult last = days.get(days.size() - 1);
            return new Outcome(last.status(), Optional.of(last.jobExecutionId()),
                    days.size() + " day(s), last " + last.date() + " (day " + last.date().worldDay() + ")");
        }
        RegisteredWorld registered = worlds.require(world);
        JobParametersBuilder builder = new JobParametersBuilder();
        parameters.forEach((key, value) -> {
            if (value.matches("-?\\d{1,18}")) {
                builder.addLong(key, Long.parseLong(value), false);
            } else {
                builder.addString(key, value, false);
            }
        });
        JobParameters extra = builder.toJobParameters();
        if (recovering) {
            recoverDead(job, world, WorldJobParameters.run(registered, run));
        }
        try {
            JobExecution execution = launcher.run(require(job), registered, run, extra);
            return new Outcome(execution.getStatus(), Optional.of(execution.getId()), execution.getExitStatus().getExitDescription());
        } catch (JobInstanceAlreadyCompleteException e) {
            return Outcome.alreadyDone("run " + run + " of " + job + " for world '" + world + "' is already complete; nothing changed");
        } catch (JobExecutionAlreadyRunningException e) {
            throw new WorldBusyException("run " + run + " of " + job + " for world '" + world + "' is already running");
        }
    }

    private void recoverDead(String job, WorldName world, JobParameters parameters) {
        JobExecution last = jobRepository.getLastJobExecution(job, parameters);
        if (last != null && last.getStatus().isRunning()) {
            try (WorldLock.Held held = lock.acquire(world, "recover " + job)) {
                jobOperator.recover(last);
            }
        }
    }

    private static boolean isTick(String job) {
        return job.equals(WorldTickJobConfiguration.JOB_NAME);
    }

    private static int days(Map<String, String> parameters) {
        String days = parameters.getOrDefault(DAYS, "1");
        try {
            int value = Integer.parseInt(days);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // Refused below.
        }
        throw new BadInputException("parameter '" + DAYS + "' must be a whole number of at least 1, not '" + days + "'");
    }

    /** How a launch ended: the last execution's status, or nothing run because it was done already. */
    public record Outcome(BatchStatus status, Optional<Long> executionId, String description) {

        static Outcome alreadyDone(String description) {
            return new Outcome(BatchStatus.COMPLETED, Optional.empty(), description);
        }

        public boolean completed() {
            return status == BatchStatus.COMPLETED;
        }
    }
}
