package com.visualdm.worldengine.archive;

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

import com.visualdm.worldengine.world.WorldJobLock;
import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldService;

/**
 * The {@code archiveWorld} job (per world, repeatable: identified by world, world id and run; optional
 * non-identifying {@code retentionDays} overrides every table's retention for that run). One step: the
 * {@link Archiver}, whose own ledger makes each partition's steps resumable, so a failed or killed run is simply
 * run again. Holds the world's lock throughout.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArchiveProperties.class)
public class ArchiveWorldJobConfiguration {

    public static final String JOB_NAME = "archiveWorld";
    public static final String ARCHIVE_STEP = "archivePartitionsStep";
    public static final String RETENTION_DAYS = "retentionDays";

    @Bean
    public Step archivePartitionsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                      Archiver archiver, WorldService worlds) {
        return new StepBuilder(ARCHIVE_STEP, jobRepository)
                .tasklet((contribution, chunk) -> {
                    var stepExecution = contribution.getStepExecution();
                    Long retention = stepExecution.getJobParameters().getLong(RETENTION_DAYS);
                    archiver.archive(worlds.require(WorldJobParameters.worldOf(stepExecution.getJobParameters())),
                            retention == null ? null : retention.intValue(), stepExecution.getJobExecutionId(),
                            archived -> contribution.incrementWriteCount(archived.rows()));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    public Job archiveWorld(JobRepository jobRepository, Step archivePartitionsStep, WorldJobLock worldJobLock) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(WorldJobParameters.repeatableValidator(RETENTION_DAYS))
                .listener(worldJobLock)
                .start(archivePartitionsStep)
                .build();
    }
}
