package com.visualdm.worldengine.tick;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.calendar.GameDate;
import com.visualdm.worldengine.system.BadInputException;
import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldClock;
import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldLock;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;

/**
 * Runs world days, each as its own {@code worldTick} job instance, while holding the world's lock. Because every
 * live tick of a world holds that lock, an execution of the world still marked running when we hold it belongs to
 * a dead process: it is recovered and restarted, and the tick log makes sure no phase is applied twice.
 */
@Component
public class TickService {

    private final Job worldTick;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final WorldService worlds;
    private final WorldLock lock;
    private final TickLog log;
    private final TickFires fires;
    private final WorldClock clock;

    public TickService(@Qualifier(WorldTickJobConfiguration.JOB_NAME) Job worldTick, JobOperator jobOperator,
                       JobRepository jobRepository, WorldService worlds, WorldLock lock, TickLog log, TickFires fires,
                       WorldClock clock) {
        this.worldTick = worldTick;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.worlds = worlds;
        this.lock = lock;
        this.log = log;
        this.fires = fires;
        this.clock = clock;
    }

    /** Finishes an interrupted day if there is one, then runs the following days, up to {@code days} in all. */
    public List<DayResult> tick(WorldName world, int days, Consumer<DayResult> eachDay) {
        if (days < 1) {
            throw new BadInputException("--days must be at least 1, not " + days);
        }
        RegisteredWorld registered = worlds.require(world);
        try (WorldLock.Held held = lock.acquire(world, "tick")) {
            return runDaysLocked(registered, nextDay(registered) + days - 1, eachDay);
        }
    }

    /**
     * Runs the days of launch {@code run} (a scheduled fire or a cron line): the first time the run is seen, the
     * next {@code days} days; when it is seen again, only what is left of those same days. Returns no result when
     * they are all done.
     */
    public List<DayResult> tickFire(WorldName world, long run, int days, Consumer<DayResult> eachDay) {
        RegisteredWorld registered = worlds.require(world);
        try (WorldLock.Held held = lock.acquire(world, "tick")) {
            return runDaysLocked(registered, fires.claim(registered, run, nextDay(registered), days), eachDay);
        }
    }

    /** Runs the world's next days (the unfinished one first) up to {@code lastDay}; stops at a day that fails. */
    private List<DayResult> runDaysLocked(RegisteredWorld registered, int lastDay, Consumer<DayResult> eachDay) {
        List<DayResult> results = new ArrayList<>();
        for (int day = nextDay(registered); day <= lastDay; day = nextDay(registered)) {
            DayResult result = runDayLocked(registered, day);
            results.add(result);
            eachDay.accept(result);
            if (!result.completed()) {
                break;
            }
        }
        return results;
    }

    /**
     * Runs one given day: the next day of the world, or the day it is in the middle of. A day already done
     * changes nothing and says so; a day further ahead is refused.
     */
    public DayResult runDay(WorldName world, int day) {
        RegisteredWorld registered = worlds.require(world);
        try (WorldLock.Held held = lock.acquire(world, "tick")) {
            return runDayLocked(registered, day);
        }
    }

    /** The world day of the world's clock. */
    public int currentDay(WorldName world) {
        return clock.currentDay(world);
    }

    /** The day in progress if a tick of it did not finish, else the day after the clock. */
    private int nextDay(RegisteredWorld world) {
        int clock = currentDay(world.name());
        for (int day : new int[] {clock, clock + 1}) {
            JobExecution last = jobRepository.getLastJobExecution(WorldTickJobConfiguration.JOB_NAME, parameters(world, day));
            if (last != null && last.getStatus() != BatchStatus.COMPLETED) {
                return day;
            }
        }
        return clock + 1;
    }

    private DayResult runDayLocked(RegisteredWorld registered, int day) {
        WorldName world = registered.name();
        int clock = currentDay(world);
        JobParameters parameters = parameters(registered, day);
        JobExecution last = jobRepository.getLastJobExecution(WorldTickJobConfiguration.JOB_NAME, parameters);
        if (last == null) {
            // Spring Batch records a new instance and its first execution in two transactions: a process killed in
            // between leaves an instance no launch can use. It holds nothing (no step ran), and we hold the lock.
            JobInstance orphan = jobRepository.getJobInstance(WorldTickJobConfiguration.JOB_NAME, parameters);
            if (orphan != null) {
                jobRepository.deleteJobInstance(orphan);
            }
        }
        boolean unfinished = last != null && last.getStatus() != BatchStatus.COMPLETED;
        if (day <= clock && !unfinished) {
            throw new AlreadyDoneException("world '" + world + "' is already at day " + clock + " ("
                    + GameDate.ofWorldDay(clock) + "); day " + day + " is done, nothing changed");
        }
        if (day > clock + 1) {
            throw new BadInputException("day " + day + " is not the next day of world '" + world + "': it is at day "
                    + clock + ", so the next is " + (clock + 1));
        }
        if (day == clock + 1) {
            JobExecution today = jobRepository.getLastJobExecution(WorldTickJobConfiguration.JOB_NAME, parameters(registered, clock));
            if (today != null && today.getStatus() != BatchStatus.COMPLETED) {
                throw new BadInputException("day " + clock + " of world '" + world + "' is not finished ("
                        + today.getStatus() + "); run tick to finish it before day " + day);
            }
        }
        if (unfinished && last.getStatus() == BatchStatus.ABANDONED) {
            throw new BadInputException("day " + day + " of world '" + world + "' was abandoned by an operator "
                    + "(execution " + last.getId() + "); the world cannot move on until that day is run");
        }
        JobExecution execution;
        try {
            if (unfinished) {
                if (last.getStatus().isRunning()) {
                    // We hold the world's lock, so the process that ran it is gone.
                    last = jobOperator.recover(last);
                }
                if (last.getStatus() == BatchStatus.UNKNOWN) {
                    // A commit whose outcome Spring Batch could not learn: the tick log tells what was applied,
                    // so the day can safely run again.
                    markFailed(last);
                }
                execution = jobOperator.restart(last);
            } else {
                execution = jobOperator.start(worldTick, parameters);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not launch " + WorldTickJobConfiguration.JOB_NAME + " for world '"
                    + world + "' day " + day + ": " + e.getMessage(), e);
        }
        Duration duration = execution.getStartTime() == null || execution.getEndTime() == null ? Duration.ZERO
                : Duration.between(execution.getStartTime(), execution.getEndTime());
        String failure = execution.getAllFailureExceptions().stream().map(Throwable::getMessage).findFirst()
                .orElse(execution.getExitStatus().getExitDescription());
        return new DayResult(GameDate.ofWorldDay(day), execution.getId(), execution.getStatus(), failure, duration,
                log.summary(world, day), unfinished);
    }

    private void markFailed(JobExecution execution) {
        execution.getStepExecutions().stream().filter(step -> step.getStatus() == BatchStatus.UNKNOWN)
                .forEach(step -> {
                    step.setStatus(BatchStatus.FAILED);
                    jobRepository.update(step);
                });
        execution.setStatus(BatchStatus.FAILED);
        jobRepository.update(execution);
    }

    /** Identifying: the world's name and id (a world made again under the same name starts afresh) and the day. */
    JobParameters parameters(WorldName world, int day) {
        return parameters(worlds.require(world), day);
    }

    private static JobParameters parameters(RegisteredWorld world, int day) {
        return WorldJobParameters.of(world)
                .addLong(WorldTickJobConfiguration.DAY_PARAMETER, (long) day, true)
                .toJobParameters();
    }

    /** The requested day is already applied; exit code 0, nothing changed. */
    public static final class AlreadyDoneException extends RuntimeException {
        public AlreadyDoneException(String message) {
            super(message);
        }
    }
}
