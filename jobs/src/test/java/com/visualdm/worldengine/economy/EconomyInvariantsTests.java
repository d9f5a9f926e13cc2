package com.visualdm.worldengine.economy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.stability.RecomputeStabilityJobConfiguration;
import com.visualdm.worldengine.support.Cli;
import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.support.WorldFingerprint;
import com.visualdm.worldengine.system.ExitCode;
import com.visualdm.worldengine.tick.DayResult;
import com.visualdm.worldengine.tick.TickService;
import com.visualdm.worldengine.world.WorldJobParameters;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/**
 * Sixty ticked days of a small world keep the economy's and stability's invariants: the ledger adds up (the audit
 * passes), every trade has its transactions with the right game date, chaos and stability stay in range, nobody's
 * population is negative. The recomputation jobs, launched twice, change nothing the second time; a tampered
 * balance makes the audit fail with its exit code, naming the holder.
 */
class EconomyInvariantsTests extends DatabaseTest {

    static final WorldName WORLD = WorldName.of("economy_sixty");
    static final int DAYS = 60;

    @Autowired
    TickService ticks;

    @Autowired
    WorldService worlds;

    @Autowired
    LedgerAudit audit;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    @Qualifier(RecomputeEconomyJobConfiguration.JOB_NAME)
    Job recomputeEconomy;

    @Autowired
    @Qualifier(RecomputeStabilityJobConfiguration.JOB_NAME)
    Job recomputeStability;

    @Autowired
    JdbcClient jdbc;

    @Test
    void sixtyDaysOfASmallWorldKeepMoneyChaosStabilityAndPopulationInBounds() throws Exception {
        TestWorlds.recreate(worlds, WORLD, 17, WorldSize.SMALL);
        int start = ticks.currentDay(WORLD);
        List<DayResult> days = ticks.tick(WORLD, DAYS, day -> { });
        assertThat(days).hasSize(DAYS).allMatch(DayResult::completed);

        assertThat(audit.audit(WORLD)).allSatisfy(finding ->
                assertThat(finding.count()).as(finding.check() + " " + finding.examples()).isZero());
        assertThat(count("SELECT count(DISTINCT world_day) FROM %s WHERE world_day > :start", "trade_entities", start))
                .as("every day trades").isEqualTo(DAYS);
        assertThat(count("SELECT count(DISTINCT trade_type) FROM %s WHERE world_day > :start", "trade_entities", start))
                .as("people buy from merchants and sell to them").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM %s WHERE world_day > :start AND world_day <> " + WORLD.schema()
                + ".world_day_of(trade_date)", "trade_entities", start)).isZero();
        assertThat(count("SELECT count(*) FROM %s WHERE world_day > :start AND transaction_type IN ('purchase', 'sale', 'tax')",
                "transaction_entities", start)).as("a payment and a tax per trade")
                .isEqualTo(2 * count("SELECT count(*) FROM %s WHERE world_day > :start", "trade_entities", start));
        assertThat(days.stream().mapToLong(day -> day.count("trades")).sum())
                .isEqualTo(count("SELECT count(*) FROM %s WHERE world_day > :start", "trade_entities", start));
        assertThat(count("SELECT count(*) FROM %s WHERE chaos_level NOT BETWEEN 0 AND 100 OR stability_index NOT BETWEEN 0 AND 1",
                "world_state_entities", start)).isZero();
        assertThat(count("SELECT count(*) FROM %s WHERE (resource_abundance->>'population')::numeric < 0 "
                + "OR (resource_abundance->>'food')::numeric < 0", "region_entities", start)).isZero();
        assertThat(count("SELECT count(*) FROM %s WHERE (current_state->>'population')::numeric < 0", "poi_entities", start)).isZero();
        assertThat(count("SELECT count(*) FROM %s WHERE (economic_conditions->>'price_level')::numeric <= 1",
                "world_state_entities", start)).as("inflation raised the price level").isZero();

        long run = 1;
        for (Job job : List.of(recomputeEconomy, recomputeStability)) {
            assertThat(launch(job, run++).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
        Map<String, String> once = WorldFingerprint.of(jdbc, WORLD);
        for (Job job : List.of(recomputeEconomy, recomputeStability)) {
            JobExecution again = launch(job, run++);
            assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(again.getStepExecutions()).allSatisfy(step -> assertThat(step.getWriteCount())
                    .as(step.getStepName() + " changes nothing the second time").isZero());
        }
        assertThat(WorldFingerprint.of(jdbc, WORLD)).isEqualTo(once);
        assertThat(ticks.currentDay(WORLD)).as("recomputing does not advance time").isEqualTo(start + DAYS);

        Cli.Result passes = Cli.run("audit", "--world", WORLD.value());
        assertThat(passes.exitCode()).as(passes.all()).isZero();
        assertThat(passes.out()).contains("The ledger adds up.");
        String holder = jdbc.sql("SELECT id::text FROM %s WHERE jsonb_typeof(resources->'gold') = 'number' ORDER BY id LIMIT 1"
                .formatted(WORLD.qualified("character_entities"))).query(String.class).single();
        jdbc.sql("UPDATE %s SET resources = jsonb_set(resources, '{gold}', to_jsonb((resources->>'gold')::numeric + 1)) WHERE id = :id::uuid"
                .formatted(WORLD.qualified("character_entities"))).param("id", holder).update();
        Cli.Result fails = Cli.run("audit", "--world", WORLD.value());
        assertThat(fails.exitCode()).as(fails.all()).isEqualTo(ExitCode.AUDIT_FAILED.code());
        assertThat(fails.out()).contains("FAIL holdings equal the sum of their transactions: 1 offending")
                .contains("character " + holder).contains("The ledger does not add up.");
    }

    private JobExecution launch(Job job, long run) throws Exception {
        return jobOperator.start(job, WorldJobParameters.run(worlds.require(WORLD), run));
    }

    private long count(String sql, String table, int start) {
        return jdbc.sql(sql.formatted(WORLD.qualified(table))).param("start", start).query(Long.class).single();
    }
}
