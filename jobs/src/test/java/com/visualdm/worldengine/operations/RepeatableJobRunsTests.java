package com.visualdm.worldengine.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.visualdm.worldengine.support.Cli;
import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.system.WorldBusyException;
import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldLock;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/**
 * The launch path of every job but the tick (recomputations, maintenance, archive come with other issues), with a
 * one-step job of this test: the world's identifying parameters and the run key, extra parameters typed and not
 * identifying, the same run twice meeting its completed instance, the job listed next to worldTick; and a
 * recovery launch taking over a dead node's execution.
 */
@Import(RepeatableJobRunsTests.RepeatableJob.class)
class RepeatableJobRunsTests extends DatabaseTest {

    static final WorldName WORLD = WorldName.of("repeatable_runs");

    @TestConfiguration(proxyBeanMethods = false)
    static class RepeatableJob {
        @Bean
        Job repeatableTestJob(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
            return new JobBuilder("repeatableTestJob", jobRepository)
                    .start(new StepBuilder("repeatableTestStep", jobRepository)
                            .tasklet((contribution, context) -> RepeatStatus.FINISHED, transactionManager).build())
                    .build();
        }
    }

    @Autowired
    WorldService worlds;

    @Autowired
    JobRuns runs;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorldLock lock;

    private long instances() {
        return jdbc.sql("SELECT count(*) FROM engine.batch_job_instance WHERE job_name = 'repeatableTestJob'")
                .query(Long.class).single();
    }

    @Test
    void aRepeatableJobRunsOncePerRunKeyWithTheWorldsParameters() {
        TestWorlds.recreate(worlds, WORLD, 3, WorldSize.TINY);
        assertThat(runs.jobNames()).containsExactly("archiveWorld", "partitionMaintenance", "recomputeEconomy", "recomputeStability",
                "repeatableTestJob", "worldTick");

        long instances = instances();
        long run = System.currentTimeMillis();
        JobRuns.Outcome first = runs.run("repeatableTestJob", WORLD, run, Map.of("olderThanDays", "90", "mode", "dry"), false, day -> { });
        assertThat(first.status()).isEqualTo(BatchStatus.COMPLETED);
        JobExecution execution = jobRepository.getJobExecution(first.executionId().orElseThrow());
        JobParameters parameters = execution.getJobParameters();
        assertThat(parameters.getString(WorldJobParameters.WORLD)).isEqualTo(WORLD.value());
        assertThat(parameters.getLong(WorldJobParameters.WORLD_ID)).isEqualTo(worlds.require(WORLD).id());
        assertThat(parameters.getLong(WorldJobParameters.RUN)).isEqualTo(run);
        assertThat(parameters.getLong("olderThanDays")).isEqualTo(90L);
        assertThat(parameters.getString("mode")).isEqualTo("dry");
        assertThat(parameters.getIdentifyingParameters()).extracting(p -> p.name())
                .containsExactlyInAnyOrder(WorldJobParameters.WORLD, WorldJobParameters.WORLD_ID, WorldJobParameters.RUN);

        JobRuns.Outcome again = runs.run("repeatableTestJob", WORLD, run, Map.of(), false, day -> { });
        assertThat(again.executionId()).as("the same run meets its completed instance").isEmpty();
        assertThat(again.description()).contains("already complete");
        assertThat(instances()).isEqualTo(instances + 1);

        Cli.Result next = Cli.runIn(context, "jobs", "run", "repeatableTestJob", "--world", WORLD.value());
        assertThat(next.exitCode()).as(next.all()).isZero();
        assertThat(next.out()).contains("repeatableTestJob for world " + WORLD.value()).contains("COMPLETED");
        assertThat(instances()).as("a new run key, a new instance").isEqualTo(instances + 2);
        assertThat(Cli.runIn(context, "jobs", "list").out()).containsPattern("repeatableTestJob\\s+1\\s+\\d+ COMPLETED");
    }

    @Test
    void aRecoveryLaunchRecoversTheDeadNodesExecutionOnlyIfItsWorldIsFree() {
        TestWorlds.recreate(worlds, WORLD, 3, WorldSize.TINY);
        long run = System.currentTimeMillis();
        // What a node killed while running launch `run` leaves: its execution marked STARTED.
        JobParameters parameters = WorldJobParameters.run(worlds.require(WORLD), run);
        JobExecution dead = jobRepository.createJobExecution(
                jobRepository.createJobInstance("repeatableTestJob", parameters), parameters, new ExecutionContext());
        dead.setStatus(BatchStatus.STARTED);
        dead.setStartTime(LocalDateTime.now());
        jobRepository.update(dead);

        assertThatThrownBy(() -> runs.run("repeatableTestJob", WORLD, run, Map.of(), false, day -> { }))
                .as("an ordinary launch does not take it for dead").isInstanceOf(WorldBusyException.class);
        try (WorldLock.Held live = lock.acquire(WORLD, "a live run")) {
            assertThatThrownBy(() -> runs.run("repeatableTestJob", WORLD, run, Map.of(), true, day -> { }))
                    .as("its world is held: it is alive").isInstanceOf(WorldBusyException.class);
        }
        JobRuns.Outcome recovered = runs.run("repeatableTestJob", WORLD, run, Map.of(), true, day -> { });
        assertThat(recovered.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jobRepository.getJobExecution(dead.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(recovered.executionId()).get().isNotEqualTo(dead.getId());
    }
}
