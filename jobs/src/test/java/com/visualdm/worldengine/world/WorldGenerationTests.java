package com.visualdm.worldengine.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.support.WorldFingerprint;
import com.visualdm.worldengine.world.generate.GenerationProgress;
import com.visualdm.worldengine.world.generate.WorldGenerator;

/** World generation: deterministic, the promised sizes, and a coherent world. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorldGenerationTests extends DatabaseTest {

    static final WorldName SMALL = WorldName.of("gen_small");

    @Autowired
    WorldService worlds;

    @Autowired
    WorldSchemaMigrator migrator;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @BeforeAll
    void createSmallWorld() {
        recreate(SMALL, 7, WorldSize.SMALL);
    }

    private void recreate(WorldName name, long seed, WorldSize size) {
        TestWorlds.recreate(worlds, name, seed, size);
    }

    @Test
    void theSameSeedGivesByteIdenticalWorldsWhateverTheNumberOfWorkers() {
        WorldName name = WorldName.of("gen_same");
        recreate(name, 42, WorldSize.TINY);
        Map<String, String> first = WorldFingerprint.of(jdbc, name);

        // The same world again, written by a generator with a different number of threads.
        worlds.drop(name);
        migrator.migrate(name);
        new WorldGenerator(dataSource, 3).generate(name, 42, WorldSize.TINY, GenerationProgress.SILENT);
        assertThat(WorldFingerprint.of(jdbc, name)).isEqualTo(first);
        jdbc.sql("DROP SCHEMA world_gen_same CASCADE").update();

        recreate(name, 43, WorldSize.TINY);
        Map<String, String> other = WorldFingerprint.of(jdbc, name);
        assertThat(other.get("character_entities")).isNotEqualTo(first.get("character_entities"));
        assertThat(other.get("trade_entities")).isNotEqualTo(first.get("trade_entities"));
    }

    @Test
    void sizesAreAsDocumented() {
        WorldName tiny = WorldName.of("gen_tiny");
        recreate(tiny, 1, WorldSize.TINY);
        assertThat(worlds.summary(worlds.require(tiny)).totalRows()).isBetween(1_500L, 3_000L);
        assertThat(worlds.summary(worlds.require(SMALL)).totalRows()).isBetween(80_000L, 130_000L);
    }

    @Test
    void everyTableIsFilledAndTheDateIsTheStartDate() {
        WorldSummary summary = worlds.summary(worlds.require(SMALL));
        assertThat(summary.rows()).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
        assertThat(summary.currentDate().toString()).isEqualTo("1492-03-15");
    }

    @Test
    void hexesHaveValidUniqueCubeCoordinatesPerRegion() {
        assertThat(count("""
                SELECT count(*) FROM world_gen_small.hex_entities
                 WHERE (hex_coordinates->>'q')::int + (hex_coordinates->>'r')::int + (hex_coordinates->>'s')::int <> 0
                """)).isZero();
        assertThat(count("""
                SELECT count(*) FROM (SELECT region_id, hex_coordinates->>'q', hex_coordinates->>'r'
                                        FROM world_gen_small.hex_entities GROUP BY 1, 2, 3 HAVING count(*) > 1) d
                """)).isZero();
        assertThat(count("SELECT count(DISTINCT region_id) FROM world_gen_small.hex_entities"))
                .isEqualTo(count("SELECT count(*) FROM world_gen_small.region_entities"));
    }

    @Test
    void tradeRoutesNameRealRegionsAndConnectThemAll() {
        assertThat(count("""
                SELECT count(*) FROM world_gen_small.region_entities r, jsonb_array_elements_text(r.trade_routes) route
                 WHERE NOT EXISTS (SELECT 1 FROM world_gen_small.region_entities o WHERE o.id::text = route)
                """)).isZero();
        long reachable = count("""
                WITH RECURSIVE reached(id) AS (
                    (SELECT id FROM world_gen_small.region_entities ORDER BY id LIMIT 1)
                    UNION
                    SELECT route::uuid FROM reached
                      JOIN world_gen_small.region_entities r ON r.id = reached.id,
                           jsonb_array_elements_text(r.trade_routes) route)
                SELECT count(*) FROM reached
                """);
        assertThat(reachable).isEqualTo(count("SELECT count(*) FROM world_gen_small.region_entities"));
        assertThat(count("SELECT count(*) FROM world_gen_small.region_entities WHERE political_control IS NULL")).isZero();
    }

    @Test
    void marketsStandAtSettlementsAndCitiesWithTheirMerchants() {
        assertThat(count("""
                SELECT count(*) FROM world_gen_small.market_entities m
                  JOIN world_gen_small.poi_entities p ON p.id = m.location_poi
                 WHERE p.poi_type NOT IN ('settlement', 'city')
                """)).isZero();
        assertThat(count("""
                SELECT count(*) FROM world_gen_small.market_entities m, jsonb_array_elements_text(m.vendor_list) vendor
                 WHERE NOT EXISTS (SELECT 1 FROM world_gen_small.npc_entities n
                                    WHERE n.character_id::text = vendor AND n.npc_type = 'merchant')
                """)).isZero();
    }

    @Test
    void everyNpcCharacterHasItsNpcRow() {
        assertThat(count("""
                SELECT count(*) FROM world_gen_small.character_entities c
                 WHERE c.character_type = 'npc'
                   AND (SELECT count(*) FROM world_gen_small.npc_entities n WHERE n.character_id = c.id) <> 1
                """)).isZero();
    }

    @Test
    void itemsInstancesEquipmentAndInventoriesAgree() {
        assertThat(count("""
                SELECT count(*) FROM world_gen_small.equipment_entities e
                  JOIN world_gen_small.item_instance_entities i ON i.id = e.item_instance_id
                 WHERE i.owner_id <> e.character_id OR i.location_type <> 'equipped' OR i.location_id <> e.character_id
                """)).isZero();
        assertThat(count("""
                SELECT count(*) FROM world_gen_small.item_instance_entities i
                 WHERE i.location_type = 'inventory'
                   AND NOT EXISTS (SELECT 1 FROM world_gen_small.inventory_entities v
                                    WHERE v.id = i.location_id AND v.owner_id = i.owner_id)
                """)).isZero();
        assertThat(count("""
                SELECT count(*) FROM world_gen_small.inventory_entities v
                 WHERE v.current_slots <> (SELECT count(*) FROM world_gen_small.item_instance_entities i
                                            WHERE i.location_type = 'inventory' AND i.location_id = v.id)
                    OR v.current_weight <> coalesce((SELECT sum(t.weight * i.quantity)
                                             FROM world_gen_small.item_instance_entities i
                                             JOIN world_gen_small.item_entities t ON t.id = i.item_id
                                            WHERE i.location_type = 'inventory' AND i.location_id = v.id), 0)
                """)).isZero();
        assertThat(count("""
                SELECT count(*) FROM world_gen_small.item_instance_entities i
                  JOIN world_gen_small.market_entities m ON m.id = i.location_id
                 WHERE i.location_type = 'market'
                   AND NOT m.vendor_list @> to_jsonb(i.owner_id::text)
                """)).isZero();
    }

    @Test
    void eventsAndQuestsSitAroundTheCurrentDateWithConsistentLifecycles() {
        int today = worlds.summary(worlds.require(SMALL)).currentDate().worldDay();
        assertThat(jdbc.sql("SELECT DISTINCT current_status FROM world_gen_small.event_entities ORDER BY 1")
                .query(String.class).list()).containsExactly("active", "pending", "resolved");
        assertThat(count("""
                SELECT count(*) FROM world_gen_small.event_entities
                 WHERE (current_status = 'pending' AND world_day <= %1$d)
                    OR (current_status = 'active' AND (world_day > %1$d OR world_day_of(end_date) < %1$d))
                    OR (current_status = 'resolved' AND (end_date IS NULL OR world_day_of(end_date) >= %1$d))
                    OR (duration_type = 'permanent' AND end_date IS NOT NULL)
                """.formatted(today).replace("world_day_of", "world_gen_small.world_day_of"))).isZero();
        assertThat(count("""
                SELECT count(*) FROM world_gen_small.quest_entities
                 WHERE (current_status IN ('available', 'active') AND (time_limit->>'deadline_day')::int <= %1$d)
                    OR (current_status IN ('completed', 'failed') AND completion_date IS NULL)
                """.formatted(today))).isZero();
        assertThat(jdbc.sql("SELECT DISTINCT current_status FROM world_gen_small.quest_entities ORDER BY 1")
                .query(String.class).list()).contains("active", "available");
    }

    @Test
    void twoYearsOfTradesTransactionsAndHistoryLieBeforeTheCurrentDate() {
        int today = worlds.summary(worlds.require(SMALL)).currentDate().worldDay();
        for (String table : List.of("trade_entities", "transaction_entities", "history_entities")) {
            assertThat(jdbc.sql("SELECT min(world_day) || '..' || max(world_day) FROM world_gen_small." + table)
                    .query(String.class).single()).as(table).isEqualTo((today - 720) + ".." + (today - 1));
        }
        assertThat(count("""
                SELECT count(*) FROM world_gen_small.trade_entities t
                 WHERE (SELECT count(*) FROM world_gen_small.transaction_entities x
                         WHERE x.properties->>'trade_id' = t.id::text AND x.world_day = t.world_day) <> 2
                """)).isZero();
    }

    @Test
    void everyonesMoneyIsTheSumOfTheirTransactions() {
        assertThat(count("""
                WITH flows AS (
                    SELECT to_entity AS holder, amount FROM world_gen_small.transaction_entities
                    UNION ALL
                    SELECT from_entity, -amount FROM world_gen_small.transaction_entities WHERE from_entity IS NOT NULL),
                     balances AS (SELECT holder, sum(amount) AS balance FROM flows GROUP BY holder)
                SELECT count(*) FROM world_gen_small.character_entities c
                  LEFT JOIN balances b ON b.holder = c.id
                 WHERE (c.resources->>'gold')::numeric IS DISTINCT FROM b.balance OR b.balance < 0
                """)).isZero();
        assertThat(count("""
                SELECT count(*) FROM world_gen_small.transaction_entities
                 WHERE transaction_type = 'tax'
                   AND to_entity NOT IN (SELECT id FROM world_gen_small.faction_entities)
                """)).isZero();
    }

    @Test
    void bulkLoadedPartitionsEndExactlyAsTheMigrationMadeThem() {
        jdbc.sql("DROP SCHEMA IF EXISTS world_gen_migrated_only CASCADE").update();
        migrator.migrate(WorldName.of("gen_migrated_only"));
        for (String table : WorldTables.PARTITIONED) {
            assertThat(partitionShape("world_gen_small", table + "_default")).as(table)
                    .isEqualTo(partitionShape("world_gen_migrated_only", table + "_default"));
        }
        jdbc.sql("DROP SCHEMA world_gen_migrated_only CASCADE").update();
    }

    /** Indexes, constraints, triggers and storage options of a partition, schema name removed. */
    private List<String> partitionShape(String schema, String partition) {
        return jdbc.sql("""
                        SELECT 'index ' || pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = to_regclass(:table)
                        UNION ALL
                        SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                         WHERE conrelid = to_regclass(:table)
                        UNION ALL
                        SELECT 'trigger ' || tgname FROM pg_trigger WHERE tgrelid = to_regclass(:table) AND NOT tgisinternal
                        UNION ALL
                        SELECT 'options ' || coalesce(array_to_string(reloptions, ','), '') || ' partition '
                               || pg_get_expr(relpartbound, oid)
                          FROM pg_class WHERE oid = to_regclass(:table)
                        ORDER BY 1
                        """).param("table", schema + "." + partition).query(String.class).list().stream()
                .map(line -> line.replace(schema + ".", "")).toList();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
