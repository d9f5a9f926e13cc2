package com.visualdm.worldengine.world;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

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

    public static WorldName worldOf(JobParameters parameters) {
        return WorldName.of(parameters.getString(WORLD));
    }
}
