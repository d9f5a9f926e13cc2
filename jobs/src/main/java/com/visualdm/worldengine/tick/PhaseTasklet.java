package com.visualdm.worldengine.tick;

import java.util.Map;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldRegistry;

/**
 * Runs one phase's rule for the job's world and day, inside the step's transaction, together with its tick-log
 * row. A rerun after a crash (the step restarted because its completion was not recorded) finds the row and does
 * nothing: the phase is applied exactly once.
 */
final class PhaseTasklet implements Tasklet {

    private final TickRule rule;
    private final TickLog log;
    private final WorldRegistry registry;
    private final int rejectedRowsLimit;

    PhaseTasklet(TickRule rule, TickLog log, WorldRegistry registry, int rejectedRowsLimit) {
        this.rule = rule;
        this.log = log;
        this.registry = registry;
        this.rejectedRowsLimit = rejectedRowsLimit;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        JobParameters parameters = step.getJobParameters();
        WorldName world = WorldJobParameters.worldOf(parameters);
        int day = Math.toIntExact(parameters.getLong(WorldTickJobConfiguration.DAY_PARAMETER));
        if (log.applied(world, day, rule.phase())) {
            return RepeatStatus.FINISHED;
        }
        RegisteredWorld registered = registry.find(world)
                .orElseThrow(() -> new IllegalStateException("no world named '" + world + "'"));
        TickContext context = new TickContext(world, registered.seed(), day, step.getJobExecutionId());
        Map<String, Long> summary = rule.apply(context);
        long rejected = summary.entrySet().stream().filter(entry -> entry.getKey().endsWith("_rejected"))
                .mapToLong(Map.Entry::getValue).sum();
        if (rejected > rejectedRowsLimit) {
            // Rolls the phase back; the rejections themselves were committed apart and stay readable.
            throw new IllegalStateException(rejected + " rows rejected by " + rule.phase().stepName() + " on day " + day
                    + " of world '" + world + "', above the limit of " + rejectedRowsLimit
                    + " (world-engine.tick.rejected-rows-limit); see engine.rejected_rows");
        }
        log.record(context, rule.phase(), summary);
        contribution.incrementWriteCount(summary.values().stream().mapToLong(Long::longValue).sum());
        return RepeatStatus.FINISHED;
    }
}
