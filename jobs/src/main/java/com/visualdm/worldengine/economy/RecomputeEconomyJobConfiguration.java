package com.visualdm.worldengine.economy;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.visualdm.worldengine.tick.RecomputeTasklet;
import com.visualdm.worldengine.world.WorldClock;
import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldLock;
import com.visualdm.worldengine.world.WorldRegistry;

/**
 * The {@code recomputeEconomy} job: recomputes what the economy derives ({@link DerivedEconomy}: the cycle's price
 * factor, region and market shortages, price indexes) from the world's current state, without advancing time; launched twice in a row it changes nothing the second time. Identifying parameters: world,
 * worldId and run ({@link WorldJobParameters#run}).
 */
@Configuration(proxyBeanMethods = false)
public class RecomputeEconomyJobConfiguration {

    public static final String JOB_NAME = "recomputeEconomy";
    public static final String STEP_NAME = "recomputePricesStep";

    @Bean
    public Step recomputePricesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                    DerivedEconomy derived, WorldRegistry registry, WorldLock lock, WorldClock clock) {
        return new StepBuilder(STEP_NAME, jobRepository)
                .tasklet(new RecomputeTasklet(JOB_NAME, derived::recompute,
                        registry, lock, clock), transactionManager)
                .build();
    }

    @Bean
    public Job recomputeEconomy(JobRepository jobRepository, Step recomputePricesStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(WorldJobParameters.repeatableValidator())
                .start(recomputePricesStep)
                .build();
    }
}
