package com.visualdm.worldengine.stability;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.visualdm.worldengine.faction.FactionStabilities;
import com.visualdm.worldengine.tick.RecomputeTasklet;
import com.visualdm.worldengine.world.WorldClock;
import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldLock;
import com.visualdm.worldengine.world.WorldRegistry;

/**
 * The {@code recomputeStability} job: recomputes the factions' stability, the regions' pressures and chaos scores,
 * and the world's chaos_level and stability_index from the current state, without advancing time, without decay
 * and without chaos events; launched twice in a row it changes nothing the second time. Identifying parameters:
 * world, worldId and run ({@link WorldJobParameters#run}).
 */
@Configuration(proxyBeanMethods = false)
public class RecomputeStabilityJobConfiguration {

    public static final String JOB_NAME = "recomputeStability";
    public static final String STEP_NAME = "recomputeStabilityStep";

    @Bean
    Step recomputeStabilityStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                StabilityRule stability, FactionStabilities factions, WorldRegistry registry,
                                WorldLock lock, WorldClock clock) {
        return new StepBuilder(STEP_NAME, jobRepository)
                .tasklet(new RecomputeTasklet(JOB_NAME, context -> {
                    Map<String, Long> summary = new LinkedHashMap<>();
                    summary.put("factions_restabilised", factions.recompute(context));
                    summary.putAll(stability.recompute(context));
                    return summary;
                }, registry, lock, clock), transactionManager)
                .build();
    }

    @Bean
    public Job recomputeStability(JobRepository jobRepository, Step recomputeStabilityStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(WorldJobParameters.repeatableValidator())
                .start(recomputeStabilityStep)
                .build();
    }
}
