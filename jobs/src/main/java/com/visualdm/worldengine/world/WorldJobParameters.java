package com.visualdm.worldengine.world;

import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The job parameters every per-world job shares. The world's name and id are identifying (a world made again under
 * the same name starts afresh). Jobs that may run any number of times for a world (recomputations, maintenance,
 * archive) add {@link #RUN}; the world tick adds its day instead.
 */
public final class WorldJobParameters {

    public static final String WORLD = "world";
    public static final String WORLD_ID = "worldId";
    /** Identifying: epoch milliseconds of the launch, or of the scheduled fire, so that two nodes firing it meet. */
    public static final String RUN = "run";

    private WorldJobParameters() {
    }

    /** A builder holding the world's identifying parameters. */
    public static JobParametersBuilder of(RegisteredWorld world) {
        return new JobParametersBuilder()
                .addString(WORLD, world.name().value(), true)
                .addLong(WORLD_ID, world.id(), true);
    }

    /** The parameters of one launch of a repeatable per-world job. */
    public static JobParameters run(RegisteredWorld world, long run) {
        return of(world).addLong(RUN, run, true).toJobParameters();
    }

    /** The parameters the engine sets on every launch of a repeatable job; a launch may not give them. */
    public static final List<String> REPEATABLE_KEYS = List.of(WORLD, WORLD_ID, RUN);

    /** Validates a repeatable job's parameters: the engine's keys, required, and the job's own, optional. */
    public static DefaultJobParametersValidator repeatableValidator(String... optional) {
        return new DefaultJobParametersValidator(REPEATABLE_KEYS.toArray(String[]::new), optional);
    }

    public static WorldName worldOf(JobParameters parameters) {
        return WorldName.of(parameters.getString(WORLD));
    }

    /** The executions of a job that the repository holds as running for this world. */
    public static List<JobExecution> runningFor(JobRepository repository, String job, WorldName world) {
        return repository.findRunningJobExecutions(job).stream()
                .filter(execution -> world.value().equals(execution.getJobParameters().getString(WORLD)))
                .toList();
    }
}
