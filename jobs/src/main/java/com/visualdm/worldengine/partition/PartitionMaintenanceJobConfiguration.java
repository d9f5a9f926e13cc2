package com.visualdm.worldengine.partition;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldJobLock;
import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldService;

/**
 * The {@code partitionMaintenance} job (per world, repeatable: identified by world, world id and run): rows out
 * of the default partitions and children premade ahead of the clock, then the sets' sizes recorded. Holds the
 * world's lock throughout.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PartitioningProperties.class)
public class PartitionMaintenanceJobConfiguration {

    public static final String JOB_NAME = "partitionMaintenance";
    public static final String MAINTAIN_STEP = "maintainPartitionSetsStep";
    public static final String RECORD_SIZES_STEP = "recordPartitionSizesStep";

    @Bean
    public Step maintainPartitionSetsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                          PartitionSets sets, WorldService worlds) {
        return new StepBuilder(MAINTAIN_STEP, jobRepository)
                .tasklet((contribution, chunk) -> {
                    RegisteredWorld world = worlds.require(WorldJobParameters.worldOf(contribution.getStepExecution().getJobParameters()));
                    sets.maintain(world, set -> contribution.incrementWriteCount(set.rowsMoved() + set.childrenCreated()));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    public Step recordPartitionSizesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                         PartitionSets sets, WorldService worlds) {
        return new StepBuilder(RECORD_SIZES_STEP, jobRepository)
                .tasklet((contribution, chunk) -> {
                    sets.recordSizes(worlds.require(WorldJobParameters.worldOf(contribution.getStepExecution().getJobParameters())));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    public Job partitionMaintenance(JobRepository jobRepository, Step maintainPartitionSetsStep,
                                    Step recordPartitionSizesStep, WorldJobLock worldJobLock) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(WorldJobParameters.repeatableValidator())
                .listener(worldJobLock)
                .start(maintainPartitionSetsStep)
                .next(recordPartitionSizesStep)
                .build();
    }
}
