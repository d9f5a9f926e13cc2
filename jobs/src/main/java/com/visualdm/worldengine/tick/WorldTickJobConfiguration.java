package com.visualdm.worldengine.tick;

import java.util.Arrays;
import java.util.List;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldRegistry;

/**
 * The {@code worldTick} job: one instance per world and world day (world name, world id and day are its
 * identifying parameters; no incrementer), one step per {@link TickPhase} in order. Each step is one transaction (a tasklet) holding the
 * phase's set-based SQL and its tick-log row.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TickProperties.class)
public class WorldTickJobConfiguration {

    public static final String JOB_NAME = "worldTick";
    public static final String DAY_PARAMETER = "day";

    @Bean
    public Job worldTick(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                         List<TickRule> rules, TickLog log, WorldRegistry registry, TickProperties properties) {
        List<Step> steps = Arrays.stream(TickPhase.values())
                .<Step>map(phase -> new StepBuilder(phase.stepName(), jobRepository)
                        .tasklet(new PhaseTasklet(ruleOf(phase, rules), log, registry, properties.rejectedRowsLimit()),
                                transactionManager)
                        .build())
                .toList();
        SimpleJobBuilder job = new JobBuilder(JOB_NAME, jobRepository)
                .validator(new DefaultJobParametersValidator(new String[] {WorldJobParameters.WORLD, WorldJobParameters.WORLD_ID, DAY_PARAMETER}, new String[0]))
                .start(steps.get(0));
        steps.subList(1, steps.size()).forEach(job::next);
        return job.build();
    }

    private static TickRule ruleOf(TickPhase phase, List<TickRule> rules) {
        return rules.stream().filter(candidate -> candidate.phase() == phase).findFirst()
                .orElseThrow(() -> new IllegalStateException("no rule for tick phase " + phase));
    }
}
