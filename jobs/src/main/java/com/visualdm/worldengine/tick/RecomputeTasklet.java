package com.visualdm.worldengine.tick;

import java.util.Map;
import java.util.function.Function;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldClock;
import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldLock;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldRegistry;

/**
 * A recomputation job's step: runs a rule's recomputation for the job's world on the world's current day, without
 * advancing time, inside the step's transaction and under the world's lock (so never in the middle of a tick). What
 * it did goes to the step's execution context and write count.
 */
public final class RecomputeTasklet implements Tasklet {

    private final Function<TickContext, Map<String, Long>> recomputation;
    private final WorldRegistry registry;
    private final WorldLock lock;
    private final WorldClock clock;
    private final String purpose;

    public RecomputeTasklet(String purpose, Function<TickContext, Map<String, Long>> recomputation, WorldRegistry registry,
                            WorldLock lock, WorldClock clock) {
        this.purpose = purpose;
        this.recomputation = recomputation;
        this.registry = registry;
        this.lock = lock;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        WorldName world = WorldJobParameters.worldOf(step.getJobParameters());
        RegisteredWorld registered = registry.find(world)
                .orElseThrow(() -> new IllegalStateException("no world named '" + world + "'"));
        try (WorldLock.Held held = lock.acquire(world, purpose)) {
            Map<String, Long> summary = recomputation.apply(
                    new TickContext(world, registered.seed(), clock.currentDay(world), step.getJobExecutionId()));
            summary.forEach((key, value) -> step.getExecutionContext().putLong(key, value));
            contribution.incrementWriteCount(summary.values().stream().mapToLong(Long::longValue).sum());
        }
        return RepeatStatus.FINISHED;
    }
}
