package com.visualdm.worldengine.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.support.DatabaseTest;

/**
 * The world schema against the seed document, table by table and column by column. PostgreSQL itself reads the
 * seed's SQL (with only the two fixes it needs: the quoted reserved word and the deferred foreign key of the
 * cycle) into a reference schema; the catalog of a migrated world schema must match it, with exactly the
 * documented additions (world_day, its checks, partitioning) and nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorldSchemaFidelityTests extends DatabaseTest {

    static final String REFERENCE = "seed_reference";
    static final String WORLD = "world_schema_fidelity";
    /** Tables whose writers give world_day, checked against their game date. */
    static final Map<String, String> WORLD_DAY_OF = Map.of(
            "trade_entities", "trade_date", "transaction_entities", "transaction_date",
            "history_entities", "event_date");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @BeforeAll
    void createBothSchemas() throws IOException, SQLException {
        jdbc.sql("DROP SCHEMA IF EXISTS " + REFERENCE + " CASCADE").update();
        jdbc.sql("DROP SCHEMA IF EXISTS " + WORLD + " CASCADE").update();
        jdbc.sql("CREATE SCHEMA " + REFERENCE).update();
        String seedSql = seedSql()
                .replace("    current_date JSONB NOT NULL,", "    \"current_date\" JSONB NOT NULL,")
                .replace("USING GIN (current_date)", "USING GIN (\"current_date\")")
                .replace("political_control UUID REFERENCES faction_entities(id),", "political_control UUID,")
                + "\nALTER TABLE region_entities ADD FOREIGN KEY (political_control) REFERENCES faction_entities(id);";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + REFERENCE);
            statement.execute(seedSql);
            statement.execute("RESET search_path");
        }
        WorldSchemaMigrator.flyway(dataSource, WORLD).migrate();
    }

    static String seedSql() throws IOException {
        String document = Files.readString(Path.of("..", "docs", "seed", "visual-dm-database-schema.md"));
        StringBuilder sql = new StringBuilder();
        Matcher block = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(document);
        while (block.find()) {
            sql.append(block.group(1)).append('\n');
        }
        return sql.toString();
    }

    @Test
    void everySeedTableExistsAndNothingElse() {
        List<String> seedTables = tables(REFERENCE);
        assertThat(seedTables).hasSize(17).containsExactlyInAnyOrderElementsOf(WorldTables.ALL);
        // Plus the engine's own: the archive of each partitioned table (migrations/world/V4) and their uuid
        // dictionary (V7).
        List<String> expected = new java.util.ArrayList<>(WorldTables.ALL);
        WorldTables.PARTITIONED.forEach(table -> expected.add(table + "_archive"));
        expected.add("archive_uuids");
        assertThat(tables(WORLD)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyColumnHasTheSeedsTypeDefaultAndNullability() {
        for (String table : WorldTables.ALL) {
            Map<String, String> seed = columns(REFERENCE, table);
            Map<String, String> world = columns(WORLD, table);
            if (WORLD_DAY_OF.containsKey(table)) {
                assertThat(world.remove("world_day")).as(table + ".world_day").isEqualTo("integer not null default null");
            }
            if (table.equals("event_entities")) {
                assertThat(world.remove("world_day")).as("event_entities.world_day, computed by the database")
                        .isEqualTo("integer not null default " + WORLD + ".world_day_of(start_date)");
            }
            assertThat(world).as("columns of " + table).isEqualTo(seed);
        }
    }

    @Test
    void everyCheckConstraintOfTheSeedIsThere() {
        for (String table : WorldTables.ALL) {
            Map<String, String> world = constraints(WORLD, table, "c");
            if (WORLD_DAY_OF.containsKey(table)) {
                String name = table + "_world_day_matches_" + WORLD_DAY_OF.get(table);
                assertThat(world.remove(name)).as(name)
                        .isEqualTo("CHECK ((NOT (world_day IS DISTINCT FROM world_day_of(" + WORLD_DAY_OF.get(table) + "))))");
            }
            assertThat(world).as("checks of " + table).isEqualTo(constraints(REFERENCE, table, "c"));
        }
    }

    @Test
    void everyForeignKeyOfTheSeedIsThere() {
        for (String table : WorldTables.ALL) {
            assertThat(constraints(WORLD, table, "f")).as("foreign keys of " + table)
                    .isEqualTo(constraints(REFERENCE, table, "f"));
        }
    }

    @Test
    void primaryKeysAreTheSeedsPlusThePartitionKey() {
        for (String table : WorldTables.ALL) {
            String expected = WorldTables.PARTITIONED.contains(table) ? "PRIMARY KEY (id, world_day)" : "PRIMARY KEY (id)";
            assertThat(constraints(WORLD, table, "p")).as(table).isEqualTo(Map.of(table + "_pkey", expected));
            assertThat(constraints(REFERENCE, table, "p")).isEqualTo(Map.of(table + "_pkey", "PRIMARY KEY (id)"));
        }
    }

    @Test
    void everyIndexOfTheSeedIsThereWithItsDefinition() {
        Set<String> seed = indexes(REFERENCE);
        Set<String> world = new TreeSet<>(indexes(WORLD));
        // The archive tables' own indexes (migrations/world/V4, V7) are the engine's, not the seed's.
        world.removeIf(index -> index.matches(".* ON \\w+_archive USING .*") || index.contains(" ON archive_uuids USING "));
        assertThat(seed).as("the seed's GIN, partial and expression indexes are read")
                .anyMatch(index -> index.contains("USING gin"))
                .anyMatch(index -> index.contains("WHERE"))
                .anyMatch(index -> index.contains("(((hex_coordinates ->> 'q'::text))::integer)"));
        assertThat(world).isEqualTo(seed);
    }

    @Test
    void historyTablesArePartitionedOnWorldDayWithADefaultPartition() {
        for (String table : WorldTables.PARTITIONED) {
            assertThat(jdbc.sql("""
                            SELECT pg_get_partkeydef(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                             WHERE n.nspname = :schema AND c.relname = :table
                            """).param("schema", WORLD).param("table", table).query(String.class).single())
                    .isEqualTo("RANGE (world_day)");
            assertThat(jdbc.sql("""
                            SELECT string_agg(c.relname || ' ' || pg_get_expr(c.relpartbound, c.oid), ', ')
                              FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                             WHERE i.inhparent = to_regclass(:parent)
                            """).param("parent", WORLD + "." + table).query(String.class).single())
                    .isEqualTo(table + "_default DEFAULT");
        }
    }

    @Test
    void worldDayMustAgreeWithTheGameDate() {
        String insert = "INSERT INTO " + WORLD + ".history_entities (event_name, event_date, world_day) VALUES ('x', :date::jsonb, :day)";
        String date = "{\"year\": 2, \"month\": 3, \"day\": 4, \"hour\": 5, \"minute\": 6}";
        int day = 360 + 2 * 30 + 3;
        assertThat(jdbc.sql(insert).param("date", date).param("day", day).update()).isEqualTo(1);
        assertThatThrownBy(() -> jdbc.sql(insert).param("date", date).param("day", day + 1).update())
                .hasMessageContaining("history_entities_world_day_matches_event_date");
        assertThatThrownBy(() -> jdbc.sql(insert).param("date", "{\"year\": 2, \"month\": 13, \"day\": 1}").param("day", 0).update())
                .hasMessageContaining("history_entities_world_day_matches_event_date");
        assertThat(jdbc.sql("SELECT " + WORLD + ".world_day_of(:date::jsonb)").param("date", date).query(Integer.class).single())
                .isEqualTo(day);
    }

    @Test
    void updatedAtMovesOnEveryUpdateWhoeverWrites() {
        jdbc.sql("INSERT INTO " + WORLD + ".region_entities (name, coordinates, biome_type, updated_at) "
                + "VALUES ('r', '{}', 'arid', TIMESTAMP '2000-01-01')").update();
        jdbc.sql("INSERT INTO " + WORLD + ".trade_entities (items_traded, trade_date, world_day, updated_at) "
                + "VALUES ('[]', '{\"year\": 1, \"month\": 1, \"day\": 2}', 1, TIMESTAMP '2000-01-01')").update();
        // A writer that tries to keep the old value does not get to.
        jdbc.sql("UPDATE " + WORLD + ".region_entities SET name = 'renamed', updated_at = TIMESTAMP '2000-01-01'").update();
        jdbc.sql("UPDATE " + WORLD + ".trade_entities SET trade_type = 'sale'").update();
        for (String table : List.of("region_entities", "trade_entities")) {
            assertThat(jdbc.sql("SELECT bool_and(updated_at > TIMESTAMP '2001-01-01') FROM " + WORLD + "." + table)
                    .query(Boolean.class).single()).as(table).isTrue();
        }
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                          JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = :schema AND t.tgname LIKE '%_touch_updated_at' AND t.tgparentid = 0
                        """).param("schema", WORLD).query(Long.class).single()).isEqualTo(17);
    }

    private List<String> tables(String schema) {
        return jdbc.sql("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = :schema AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                           AND c.relname <> 'flyway_schema_history'
                        """).param("schema", schema).query(String.class).list();
    }

    /** Column name to "type [not null] default expr", in the table's column order. */
    private Map<String, String> columns(String schema, String table) {
        Map<String, String> columns = new TreeMap<>();
        jdbc.sql("""
                        SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                               pg_get_expr(d.adbin, d.adrelid)
                          FROM pg_attribute a
                          LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                         WHERE a.attrelid = to_regclass(:table) AND a.attnum > 0 AND NOT a.attisdropped
                        """).param("table", schema + "." + table)
                .query((rs, i) -> columns.put(rs.getString(1), rs.getString(2) + (rs.getBoolean(3) ? " not null" : "")
                        + " default " + rs.getString(4)))
                .list();
        return columns;
    }

    /** Constraint name to definition, for the table's own (not inherited) constraints of one kind. */
    private Map<String, String> constraints(String schema, String table, String kind) {
        Map<String, String> constraints = new TreeMap<>();
        jdbc.sql("""
                        SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                         WHERE conrelid = to_regclass(:table) AND contype = :kind AND conparentid = 0
                        """).param("table", schema + "." + table).param("kind", kind)
                .query((rs, i) -> constraints.put(rs.getString(1), rs.getString(2).replace(schema + ".", "")))
                .list();
        return constraints;
    }

    /** Index definitions (primary keys aside, compared above), schema-neutral, partitioned parents as plain. */
    private Set<String> indexes(String schema) {
        return new TreeSet<>(jdbc.sql("""
                        SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                          JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                         WHERE n.nspname = :schema AND NOT i.indisprimary AND NOT t.relispartition
                           AND t.relname <> 'flyway_schema_history'
                        """).param("schema", schema).query(String.class).list().stream()
                .map(definition -> definition.replace(" ON ONLY ", " ON ").replace(schema + ".", ""))
                .toList());
    }
}
