package com.visualdm.worldengine.faction;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.economy.LedgerAudit;
import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.tick.TickService;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/** Tension at 70 starts a war that ends with the loser's tribute to the winner. */
class WarScenarioTests extends DatabaseTest {

    @Autowired
    TickService ticks;

    @Autowired
    WorldService worlds;

    @Autowired
    LedgerAudit audit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void tensionAtSeventyStartsAWarThatEndsWithATransferToTheWinner() {
        WorldName world = TestWorlds.recreate(worlds, WorldName.of("faction_war"), 51, WorldSize.TINY);
        String factions = world.qualified("faction_entities");
        List<String> ids = jdbc.sql("SELECT id::text FROM %s ORDER BY id".formatted(factions)).query(String.class).list();
        String strong = ids.get(0);
        String weak = ids.get(1);
        // Everyone at ease but these two; decay takes 71 to 70 on the first day, which is war.
        jdbc.sql("""
                        UPDATE %s f SET relationships = (SELECT jsonb_object_agg(x.key, x.value || jsonb_build_object('tension',
                                   CASE WHEN (f.id::text, x.key) IN ((:a, :b), (:b, :a)) THEN 71 ELSE 0 END, 'status', 'neutral'))
                                   FROM jsonb_each(f.relationships) x),
                               resources = resources || jsonb_build_object('military', CASE WHEN f.id = :a::uuid THEN 1000000 ELSE 10 END)
                        """.formatted(factions))
                .param("a", strong).param("b", weak).update();
        int start = ticks.currentDay(world);

        assertThat(ticks.tick(world, 1, day -> { }).get(0).count("wars_declared")).isEqualTo(1);
        assertThat(status(world, strong, weak)).isEqualTo("war");
        assertThat(status(world, weak, strong)).isEqualTo("war");
        assertThat(jdbc.sql("SELECT jsonb_array_length(political_landscape->'wars') FROM %s".formatted(world.qualified("world_state_entities")))
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql(("SELECT count(*) FROM %s WHERE event_type = 'combat' AND scope = 'regional' AND current_status = 'pending' "
                        + "AND properties->>'war' = 'true' AND affected_factions @> to_jsonb(ARRAY[:a, :b])").formatted(world.qualified("event_entities")))
                .param("a", strong).param("b", weak).query(Long.class).single()).isEqualTo(1);

        int ended = -1;
        for (int day = start + 2; day <= start + 31 && ended < 0; day++) {
            if (ticks.tick(world, 1, result -> { }).get(0).count("wars_ended") > 0) {
                ended = day;
            }
        }
        assertThat(ended).as("the war ended within 30 days").isPositive();
        assertThat(status(world, strong, weak)).isEqualTo("neutral");
        assertThat(jdbc.sql("SELECT (relationships->:b->>'tension')::int FROM %s WHERE id = :a::uuid".formatted(factions))
                .param("a", strong).param("b", weak).query(Integer.class).single()).isEqualTo(40);
        Map<String, Object> tribute = jdbc.sql(("SELECT from_entity::text AS payer, to_entity::text AS payee, amount FROM %s "
                        + "WHERE transaction_type = 'tribute' AND world_day = :day").formatted(world.qualified("transaction_entities")))
                .param("day", ended).query().singleRow();
        assertThat(tribute).containsEntry("payer", weak).containsEntry("payee", strong);
        BigDecimal paid = (BigDecimal) tribute.get("amount");
        BigDecimal left = jdbc.sql("SELECT (resources->>'gold')::numeric FROM %s WHERE id = :b::uuid".formatted(factions))
                .param("b", weak).query(BigDecimal.class).single();
        BigDecimal before = left.add(paid);
        assertThat(paid).as("15 %% or, the loser having won no battle, 30 %% of its gold")
                .isIn(before.multiply(new BigDecimal("0.30")).setScale(2, RoundingMode.DOWN),
                        before.multiply(new BigDecimal("0.15")).setScale(2, RoundingMode.DOWN));
        assertThat(jdbc.sql("SELECT (resources->>'military')::bigint FROM %s WHERE id = :a::uuid".formatted(factions))
                .param("a", strong).query(Long.class).single()).isGreaterThan(1_000_000L);
        assertThat(jdbc.sql("SELECT count(*) FROM %s WHERE world_day = :day AND event_name LIKE '%% defeats %%'"
                .formatted(world.qualified("history_entities"))).param("day", ended).query(Long.class).single()).isEqualTo(1);
        assertThat(audit.audit(world)).allSatisfy(finding -> assertThat(finding.count()).as(finding.check()).isZero());
    }

    private String status(WorldName world, String faction, String other) {
        return jdbc.sql("SELECT relationships->:o->>'status' FROM %s WHERE id = :f::uuid".formatted(world.qualified("faction_entities")))
                .param("o", other).param("f", faction).query(String.class).single();
    }
}
