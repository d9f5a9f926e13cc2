package com.visualdm.worldengine.operations;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.job.AbstractJob;

import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldName;

/**
 * While a job runs for a world from the command line, every few seconds: the step it is in, items read and
 * written, the rate, and the time left estimated from the steps done; on the console and in the log. It reads the
 * job repository, so it works for any job. Wall-clock time is for the operator only.
 */
final class RunProgress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunProgress.class);
    static final Duration EVERY = Duration.ofSeconds(5);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "run-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final long started = System.nanoTime();

    RunProgress(Job job, WorldName world, JobRepository repository, PrintWriter out, Duration every) {
        int steps = job instanceof AbstractJob known ? known.getStepNames().size() : 0;
        timer.scheduleAtFixedRate(() -> report(job.getName(), world, steps, repository, out), every.toMillis(),
                every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void report(String job, WorldName world, int steps, JobRepository repository, PrintWriter out) {
        try {
            JobExecution execution = WorldJobParameters.runningFor(repository, job, world).stream().findFirst().orElse(null);
            if (execution == null) {
                return;
            }
            List<StepExecution> done = execution.getStepExecutions().stream()
                    .sorted(Comparator.comparingLong(StepExecution::getId)).toList();
            long read = done.stream().mapToLong(StepExecution::getReadCount).sum();
            long written = done.stream().mapToLong(StepExecution::getWriteCount).sum();
            long finished = done.stream().filter(step -> !step.getStatus().isRunning()).count();
            double seconds = (System.nanoTime() - started) / 1e9;
            String current = done.isEmpty() ? "starting" : done.get(done.size() - 1).getStepName();
            String left = steps > 0 && finished > 0 ? ", about %.0f s left".formatted(seconds * (steps - finished) / finished) : "";
            String line = "  ... %s: step %s (%d of %s done), %,d items read, %,d written, %,.0f items/s%s".formatted(job,
                    current, finished, steps > 0 ? Integer.toString(steps) : "?", read, written, written / seconds, left);
            LOG.info(line.strip());
            out.println(line);
            out.flush();
        } catch (RuntimeException e) {
            LOG.debug("no progress report: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
