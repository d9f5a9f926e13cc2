package com.visualdm.worldengine.world.generate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.calendar.GameDate;
import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.random.DeterministicIds;
import com.visualdm.worldengine.random.SeededRandom;
import com.visualdm.worldengine.system.EngineProperties;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldSize;
import com.visualdm.worldengine.world.WorldTables;
import com.visualdm.worldengine.world.generate.WorldPlan.PoiType;

/**
 * Fills a freshly migrated world schema with a coherent world: regions on a connected road graph, hex maps, places,
 * factions, markets, people with their belongings, events and quests around the start date, and two years of
 * trades, transactions and history. Same seed and size, same rows, ids included.
 *
 * <p>Everything is loaded with COPY. The three partitioned history tables are loaded into plain tables first and
 * then attached as the default partition, so their indexes are built once, in bulk, and their foreign keys are
 * checked by one query instead of once per row; each attach runs beside the loading of the other tables. The
 * attached tables end exactly as the migration made them.
 */
@Component
public class WorldGenerator {

    private static final String LOAD_SUFFIX = "_load";

    private final DataSource dataSource;
    private final int workers;

    @Autowired
    public WorldGenerator(DataSource dataSource, EngineProperties properties) {
        this(dataSource, properties.generation().workers());
    }

    public WorldGenerator(DataSource dataSource, int workers) {
        this.dataSource = dataSource;
        this.workers = workers;
    }

    /** Connections a generation holds at most: two per trade worker, index builders, attaches and the main one. */
    public int connectionsNeeded() {
        return 2 * workers + (workers + 1) + WorldTables.PARTITIONED.size() + 1;
    }

    /** Generates the world into its (migrated, empty) schema; returns the rows written. */
    public long generate(WorldName world, long seed, WorldSize size, GenerationProgress progress) {
        if (workers < 1) {
            throw new IllegalArgumentException("world-engine.generation.workers must be at least 1, not " + workers);
        }
        WorldPlan plan = new WorldPlan(seed, size);
        String schema = world.schema();
        ExecutorService attaches = Executors.newFixedThreadPool(WorldTables.PARTITIONED.size() + 1);
        ExecutorService indexBuilders = Executors.newFixedThreadPool(workers + 1);
        DefaultPartitionSwap swap = new DefaultPartitionSwap(dataSource, indexBuilders);
        try (Connection connection = dataSource.getConnection()) {
            Rows rows = new Rows(connection, schema, plan, progress);
            for (String table : WorldTables.PARTITIONED) {
                // Autovacuum would scan the half-loaded tables while we write them; it runs after the attach.
                execute(connection, "CREATE TABLE %s (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS) WITH (autovacuum_enabled = false)"
                        .formatted(qualified(schema, table + LOAD_SUFFIX), qualified(schema, table)));
            }
            rows.regions();
            rows.pois();
            rows.hexes();
            rows.factions();
            execute(connection, "UPDATE %s r SET political_control = f.id FROM %s f WHERE f.controlled_regions ? r.id::text"
                    .formatted(qualified(schema, "region_entities"), qualified(schema, "faction_entities")));
            rows.items();
            rows.markets();
            // Each history table is attached (indexes built, keys checked) in the background as soon as it and
            // the tables its foreign keys point to are complete. The trades stream in on their own connections
            // while this one loads the people, whose money is known in advance from the same seeded trades.
            rows.history();
            List<Future<?>> attached = new ArrayList<>();
            attached.add(attachInBackground(attaches, swap, schema, "history_entities", progress));
            TradeHistoryWriter tradeHistory = new TradeHistoryWriter(plan, dataSource, schema, workers);
            long[] net = tradeHistory.netBalances();
            Future<?> tradesWritten = attaches.submit(() -> tradeHistory.write("trade_entities" + LOAD_SUFFIX,
                    "transaction_entities" + LOAD_SUFFIX, progress));
            rows.characters(net);
            rows.factionTreasuries(net);
            rows.openingBalances(net);
            rows.belongings();
            rows.events();
            rows.quests();
            rows.worldState(world.value());
            tradesWritten.get();
            attached.add(attachInBackground(attaches, swap, schema, "transaction_entities", progress));
            attached.add(attachInBackground(attaches, swap, schema, "trade_entities", progress));
            for (Future<?> attach : attached) {
                attach.get();
            }
            // Planner statistics now, not whenever autovacuum comes (if it runs at all): without them the tick's
            // joins over whole tables are planned as loops over a few guessed rows.
            execute(connection, "ANALYZE " + String.join(", ", WorldTables.ALL.stream().map(table -> qualified(schema, table)).toList()));
            return countRows(connection, schema);
        } catch (SQLException e) {
            throw new GenerationException("generating world '" + world + "' failed: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new GenerationException("building the indexes of the history tables failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationException("interrupted", e);
        } finally {
            // On failure the caller drops the schema: nothing of ours may still be writing into it by then.
            stopAndWait(attaches);
            stopAndWait(indexBuilders);
        }
    }

    static void stopAndWait(ExecutorService pool) {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
                throw new GenerationException("background generation work did not stop", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Future<?> attachInBackground(ExecutorService attaches, DefaultPartitionSwap swap, String schema,
                                         String table, GenerationProgress progress) {
        return attaches.submit(() -> {
            swap.swap(schema, table, table + LOAD_SUFFIX);
            progress.step("indexes and keys of " + table);
            return null;
        });
    }

    private static long countRows(Connection connection, String schema) throws SQLException {
        long total = 0;
        try (Statement statement = connection.createStatement()) {
            for (String table : WorldTables.ALL) {
                try (var result = statement.executeQuery("SELECT count(*) FROM " + qualified(schema, table))) {
                    result.next();
                    total += result.getLong(1);
                }
            }
        }
        return total;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String qualified(String schema, String table) {
        return WorldName.quote(schema) + "." + WorldName.quote(table);
    }

    /** The row writers, table by table, in foreign-key order. */
    private static final class Rows {

        private final Connection connection;
        private final String schema;
        private final WorldPlan plan;
        private final GenerationProgress progress;
        private final long seed;
        private final int today;

        Rows(Connection connection, String schema, WorldPlan plan, GenerationProgress progress) {
            this.connection = connection;
            this.schema = schema;
            this.plan = plan;
            this.progress = progress;
            this.seed = plan.seed;
            this.today = plan.currentDay();
        }

        private CopyStream copy(String table, String... columns) throws SQLException {
            return new CopyStream(connection, schema, table, columns);
        }

        void count(String table, long rows) {
            if (rows > 0) {
                progress.tableDone(table, rows);
            }
        }

        void regions() throws SQLException {
            try (CopyStream out = copy("region_entities", "id", "name", "description", "coordinates", "biome_type",
                    "climate_data", "resource_abundance", "population_density", "development_level", "trade_routes",
                    "danger_level", "magical_aura", "travel_time_modifiers", "properties")) {
                for (int r = 0; r < plan.regions; r++) {
                    SeededRandom random = SeededRandom.of(seed, "region", r);
                    WorldPlan.Biome biome = plan.biome[r];
                    List<String> routes = new ArrayList<>();
                    plan.routes.get(r).forEach(other -> routes.add(plan.regionId(other)));
                    int population = plan.size.poisPerRegion() * plan.size.npcsPerPoi() * random.between(40, 80);
                    out.id(plan.regionId(r)).text(Names.place(random) + " Region")
                            .text("A " + biome.label() + " region.")
                            .json(Json.obj("x", r % plan.columns * 100, "y", r / plan.columns * 100, "z", 0))
                            .text(biome.label())
                            .json(Json.obj("temperature", random.between(-20, 35), "precipitation", random.between(50, 2000),
                                    "seasons", Json.raw("[\"winter\", \"spring\", \"summer\", \"autumn\"]")))
                            .json(Json.obj("food", random.between(200, 2000), "timber", random.between(0, 1000),
                                    "ore", random.between(0, 800), "farms", random.between(5, 60),
                                    "population", population))
                            .number(population / 100)
                            .text(random.pickOf("wilderness", "frontier", "rural", "developed"))
                            .json(Json.arr(routes))
                            .number(random.between(1, 6))
                            .text(biome == WorldPlan.Biome.MAGICAL ? "strong" : random.pickOf("weak", "normal", "normal"))
                            .json(Json.obj("road", Json.raw("1.0"), "offroad", Json.raw("1.5")))
                            .json(Json.obj("generated", true))
                            .endRow();
                }
                count("region_entities", out.finish());
            }
        }

        void pois() throws SQLException {
            try (CopyStream out = copy("poi_entities", "id", "name", "description", "poi_type", "region_id",
                    "coordinates", "size_category", "accessibility", "danger_level", "discovery_difficulty",
                    "current_state", "inhabitants", "resources", "services", "economic_data")) {
                for (int p = 0; p < plan.pois(); p++) {
                    SeededRandom random = SeededRandom.of(seed, "poi", p);
                    PoiType type = plan.poiType[p];
                    int population = type.hasMarket() ? plan.size.npcsPerPoi() * random.between(20, 60) : random.between(0, 40);
                    int capacity = population * random.between(110, 160) / 100 + 10;
                    out.id(plan.poiId(p)).text(Names.place(random)).text("A " + type.label() + ".")
                            .text(type.label()).id(plan.regionId(plan.poiRegion[p]))
                            .json(Json.obj("x", random.between(0, 99), "y", random.between(0, 99)))
                            .text(type == PoiType.CITY ? "large" : random.pickOf("small", "medium"))
                            .text(random.pickOf("easy", "normal", "difficult"))
                            .number(type == PoiType.DUNGEON ? random.between(5, 10) : random.between(1, 4))
                            .number(random.between(1, 10))
                            .json(Json.obj("state", "active", "population", population, "capacity", capacity,
                                    "state_since_day", today - random.between(30, 3000)))
                            .json(Json.arr(firstResidents(p)))
                            .json(Json.obj("food", random.between(20, 400), "materials", random.between(0, 200)))
                            .json(type.hasMarket() ? Json.obj("market", plan.marketId(plan.poiMarket[p]), "inn", true)
                                    : "{}")
                            .json(Json.obj("wealth_level", random.between(1, 10), "trade_importance", type.hasMarket()
                                    ? random.between(3, 10) : 1))
                            .endRow();
                }
                count("poi_entities", out.finish());
            }
        }

        private List<String> firstResidents(int poi) {
            List<String> residents = new ArrayList<>();
            for (int c = plan.firstCharacterAt(poi); c < plan.firstCharacterAt(poi) + Math.min(3, plan.size.npcsPerPoi()); c++) {
                residents.add(plan.characterId(c));
            }
            return residents;
        }

        void hexes() throws SQLException {
            int radius = plan.size.hexRadius();
            try (CopyStream out = copy("hex_entities", "id", "region_id", "hex_coordinates", "terrain_type",
                    "elevation", "water_presence", "vegetation_density", "resource_nodes", "travel_difficulty",
                    "visibility", "exploration_status", "encounter_probability")) {
                for (int r = 0; r < plan.regions; r++) {
                    int n = 0;
                    for (int q = -radius; q <= radius; q++) {
                        for (int s = Math.max(-radius, -q - radius); s <= Math.min(radius, -q + radius); s++) {
                            int rr = -q - s;
                            SeededRandom random = SeededRandom.of(seed, "hex", r, n);
                            boolean water = random.chance(0.1);
                            out.uuid(DeterministicIds.uuid(seed, "hex", r, n)).id(plan.regionId(r))
                                    .json(Json.obj("q", q, "r", rr, "s", s))
                                    .text(water ? "water" : random.chance(0.7) ? plan.biome[r].terrain
                                            : random.pickOf("hills", "forest", "mountain", "plains"))
                                    .number(random.between(-10, 3000)).bool(water)
                                    .hundredths(random.between(0, 100))
                                    .json(random.chance(0.2) ? Json.arr(Json.raw(Json.obj("resource",
                                            random.pickOf("ore", "herbs", "timber", "game"), "amount", random.between(1, 50))))
                                            : "[]")
                                    .hundredths(random.between(10, 400)).hundredths(random.between(20, 100))
                                    .text(random.pickOf("unexplored", "scouted", "mapped", "settled"))
                                    .hundredths(random.between(0, 40))
                                    .endRow();
                            n++;
                        }
                    }
                }
                count("hex_entities", out.finish());
            }
        }

        void factions() throws SQLException {
            try (CopyStream out = copy("faction_entities", "id", "name", "description", "faction_type", "alignment",
                    "headquarters_poi", "controlled_regions", "influence_map", "leadership", "goals", "resources",
                    "relationships", "member_count", "power_level", "secrecy_level", "activity_level")) {
                for (int f = 0; f < plan.factions; f++) {
                    SeededRandom random = SeededRandom.of(seed, "faction", f);
                    List<String> controlled = new ArrayList<>();
                    Map<String, Object> influence = new TreeMap<>();
                    for (int r = 0; r < plan.regions; r++) {
                        if (plan.controller[r] == f) {
                            controlled.add(plan.regionId(r));
                            influence.put(plan.regionId(r).toString(), Json.raw("0." + random.between(50, 95)));
                        }
                    }
                    List<Object> relationships = new ArrayList<>();
                    for (int other = 0; other < plan.factions; other++) {
                        if (other != f) {
                            // Symmetric: both sides draw the same tension from the unordered pair.
                            int tension = SeededRandom.of(seed, "tension", Math.min(f, other), Math.max(f, other))
                                    .between(-40, 50);
                            relationships.add(plan.factionId(other).toString());
                            relationships.add(Json.raw(Json.obj("tension", tension, "status", "neutral")));
                        }
                    }
                    out.id(plan.factionId(f)).text("The " + Names.word(random, 2) + " "
                                    + random.pickOf("Compact", "Order", "Guild", "Crown", "Circle", "League"))
                            .text("A faction of the world.")
                            .text(random.pickOf("political", "religious", "mercantile", "criminal", "military"))
                            .text(random.pickOf("lawful good", "neutral", "chaotic neutral", "lawful evil", "true neutral"))
                            .id(plan.poiId(plan.factionHeadquarters[f]))
                            .json(Json.arr(controlled))
                            .json(influenceJson(influence))
                            .json(Json.obj("leader", Names.person(random), "hidden_attributes", Json.raw(hidden(random))))
                            .json(Json.arr("expand influence", "secure trade"))
                            .json(Json.obj("military", random.between(100, 5000), "food", random.between(500, 5000)))
                            .json(Json.obj(relationships.toArray()))
                            .number(random.between(50, 5000)).number(random.between(1, 10)).number(random.between(1, 10))
                            .text(random.pickOf("low", "moderate", "high"))
                            .endRow();
                }
                count("faction_entities", out.finish());
            }
        }

        private static String influenceJson(Map<String, Object> influence) {
            List<Object> keysAndValues = new ArrayList<>();
            influence.forEach((key, value) -> {
                keysAndValues.add(key);
                keysAndValues.add(value);
            });
            return Json.obj(keysAndValues.toArray());
        }

        /** The six hidden personality attributes, 0-6 each. */
        private static String hidden(SeededRandom random) {
            return Json.obj("ambition", random.between(0, 6), "integrity", random.between(0, 6),
                    "discipline", random.between(0, 6), "impulsivity", random.between(0, 6),
                    "pragmatism", random.between(0, 6), "resilience", random.between(0, 6));
        }

        void items() throws SQLException {
            try (CopyStream out = copy("item_entities", "id", "name", "description", "item_type", "item_subtype",
                    "rarity", "weight", "base_value", "market_availability", "properties")) {
                for (int i = 0; i < plan.itemType.length; i++) {
                    SeededRandom random = SeededRandom.of(seed, "item", i);
                    String type = WorldPlan.ITEM_TYPES[plan.itemType[i]];
                    String subtype = switch (type) {
                        case "weapon" -> random.pickOf("sword", "axe", "bow", "spear");
                        case "armor" -> random.pickOf("helmet", "shield", "mail", "leather");
                        case "consumable" -> random.pickOf("potion", "ration", "scroll");
                        case "tool" -> random.pickOf("rope", "lantern", "pick", "kit");
                        default -> random.pickOf("ring", "gem", "idol");
                    };
                    out.id(plan.itemId(i)).text(Names.word(random, 2) + " " + subtype).text("A " + subtype + ".")
                            .text(type).text(subtype)
                            .text(random.pickOf("common", "common", "common", "uncommon", "rare"))
                            .text(grams(plan.itemWeightGrams[i])).cents(plan.itemBaseValue[i])
                            .text(random.pickOf("common", "uncommon", "rare"))
                            .json(Json.obj("generated", true))
                            .endRow();
                }
                count("item_entities", out.finish());
            }
        }

        void markets() throws SQLException {
            try (CopyStream out = copy("market_entities", "id", "name", "location_poi", "market_type",
                    "size_category", "operating_hours", "trade_goods", "price_modifiers", "reputation",
                    "security_level", "tax_rate", "vendor_list")) {
                for (int m = 0; m < plan.markets(); m++) {
                    SeededRandom random = SeededRandom.of(seed, "market", m);
                    int poi = plan.marketPoi.get(m);
                    List<String> vendors = new ArrayList<>();
                    for (int v = 0; v < WorldPlan.MERCHANTS_PER_MARKET; v++) {
                        vendors.add(plan.characterId(plan.firstCharacterAt(poi) + v));
                    }
                    List<Object> modifiers = new ArrayList<>();
                    for (String type : WorldPlan.ITEM_TYPES) {
                        modifiers.add(type);
                        modifiers.add(Json.hundredths(random.between(85, 120)));
                    }
                    out.id(plan.marketId(m)).text(Names.word(random, 2) + " Market").id(plan.poiId(poi))
                            .text(plan.poiType[poi] == PoiType.CITY ? random.pickOf("general", "specialized", "auction_house")
                                    : "general")
                            .text(plan.poiType[poi] == PoiType.CITY ? "large" : "small")
                            .json(Json.obj("open", 6, "close", 20))
                            .json(Json.arr(List.of(WorldPlan.ITEM_TYPES)))
                            .json(Json.obj(modifiers.toArray()))
                            .number(random.between(3, 9)).number(random.between(3, 9))
                            .hundredths(plan.marketTaxHundredths[m])
                            .json(Json.arr(vendors))
                            .endRow();
                }
                count("market_entities", out.finish());
            }
        }

        private long openingBalance(int holder) {
            SeededRandom random = SeededRandom.of(seed, "opening-balance", holder);
            if (holder >= plan.characters) {
                return random.between(1_000_000, 10_000_000);
            }
            if (holder >= plan.npcs) {
                return 100_000;
            }
            return plan.isMerchant(holder) ? random.between(50_000, 200_000) : random.between(5_000, 50_000);
        }

        /** Opening money, minted on the first day of history: enough that nobody ends below their opening amount's base. */
        private long minted(int holder, long[] net) {
            return openingBalance(holder) + Math.max(0, -net[holder]);
        }

        void characters(long[] net) throws SQLException {
            try (CopyStream out = copy("character_entities", "id", "name", "character_type", "description",
                    "current_location", "home_region", "stats", "level", "experience_points", "hit_points_current",
                    "hit_points_maximum", "armor_class", "race", "background", "languages", "hidden_personality",
                    "faction_memberships", "reputation", "current_status", "resources", "personality_traits")) {
                for (int c = 0; c < plan.characters; c++) {
                    SeededRandom random = SeededRandom.of(seed, "character", c);
                    int poi = plan.poiOfCharacter(c);
                    int region = plan.poiRegion[poi];
                    int level = random.between(1, c >= plan.npcs ? 5 : 12);
                    int hitPoints = level * random.between(4, 10);
                    int faction = plan.controller[region];
                    out.id(plan.characterId(c)).text(Names.person(random))
                            .text(c >= plan.npcs ? "pc" : "npc")
                            .text(plan.isMerchant(c) ? "A merchant." : "A resident.")
                            .id(plan.poiId(poi)).id(plan.regionId(region))
                            .json(Json.obj("STR", random.between(-3, 5), "DEX", random.between(-3, 5),
                                    "CON", random.between(-3, 5), "INT", random.between(-3, 5),
                                    "WIS", random.between(-3, 5), "CHA", random.between(-3, 5)))
                            .number(level).number((long) level * level * 100).number(hitPoints).number(hitPoints)
                            .number(random.between(10, 18))
                            .text(random.pickOf("human", "elf", "dwarf", "halfling", "orc", "gnome"))
                            .text(random.pickOf("commoner", "soldier", "acolyte", "sage", "guild artisan"))
                            .json(Json.arr("common"))
                            .json(hidden(random))
                            .json(Json.arr(Json.raw(Json.obj("faction_id", plan.factionId(faction), "rank",
                                    random.between(1, 5), "standing", random.between(0, 20)))))
                            .json(Json.obj(plan.factionId(faction).toString(), random.between(0, 20)))
                            .text("alive")
                            .json(Json.obj("gold", Json.hundredths(minted(c, net) + net[c])))
                            .json(Json.arr(random.pickOf("curious", "greedy", "honest", "brave", "timid")))
                            .endRow();
                }
                count("character_entities", out.finish());
            }
            try (CopyStream out = copy("npc_entities", "id", "character_id", "npc_type", "occupation",
                    "economic_status", "daily_schedule", "merchant_data")) {
                for (int c = 0; c < plan.npcs; c++) {
                    SeededRandom random = SeededRandom.of(seed, "npc", c);
                    boolean merchant = plan.isMerchant(c);
                    int market = plan.poiMarket[plan.poiOfCharacter(c)];
                    out.uuid(DeterministicIds.uuid(seed, "npc", c)).id(plan.characterId(c))
                            .text(merchant ? "merchant" : random.pickOf("guard", "commoner", "artisan", "noble", "commoner"))
                            .text(merchant ? "trader" : random.pickOf("farmer", "smith", "guard", "scribe", "laborer"))
                            .text(merchant ? "wealthy" : random.pickOf("poor", "moderate", "moderate", "wealthy"))
                            .json(Json.obj("morning", "work", "evening", "home"))
                            .json(merchant ? Json.obj("market_id", plan.marketId(market), "stock_items", 5) : "{}")
                            .endRow();
                }
                count("npc_entities", out.finish());
            }
        }

        /** A faction's money, like a character's, is its opening balance plus its net trade history (taxes). */
        void factionTreasuries(long[] net) throws SQLException {
            try (var update = connection.prepareStatement("UPDATE %s SET resources = resources || jsonb_build_object('gold', ?::numeric) WHERE id = ?::uuid"
                    .formatted(qualified(schema, "faction_entities")))) {
                for (int f = 0; f < plan.factions; f++) {
                    int holder = plan.characters + f;
                    update.setString(1, Json.hundredths(minted(holder, net) + net[holder]).json());
                    update.setString(2, plan.factionId(f));
                    update.addBatch();
                }
                update.executeBatch();
            }
        }

        /** Every mint is a transaction, so each holder's money is the sum of its transactions. */
        void openingBalances(long[] net) throws SQLException {
            int firstDay = plan.firstHistoryDay();
            String date = GameDate.ofWorldDay(firstDay).toJson();
            try (CopyStream out = copy("transaction_entities" + LOAD_SUFFIX, "id", "transaction_type", "from_entity",
                    "to_entity", "amount", "description", "transaction_date", "world_day")) {
                for (int holder = 0; holder < net.length; holder++) {
                    String to = holder < plan.characters ? plan.characterId(holder) : plan.factionId(holder - plan.characters);
                    out.uuid(DeterministicIds.uuid(seed, "mint", holder)).text("mint").nul().id(to)
                            .cents(minted(holder, net)).text("opening balance").json(date).number(firstDay)
                            .endRow();
                }
                count("transaction_entities (opening balances)", out.finish());
            }
        }

        /** What person c carries in place k (0 in the inventory, 1 and 2 worn): item and quantity. */
        private int[] belonging(int c, int k) {
            SeededRandom random = SeededRandom.of(seed, "belonging", c, k);
            int item = random.nextInt(plan.itemType.length);
            return new int[] {item, k == 0 ? random.between(1, 5) : 1};
        }

        /**
         * Each person carries one item in their inventory and wears two; merchants also keep stock at their market.
         * Instances, equipment rows and inventory totals all come from {@link #belonging}, so they agree.
         */
        void belongings() throws SQLException {
            try (CopyStream out = copy("item_instance_entities", "id", "item_id", "owner_id", "location_type",
                    "location_id", "quantity", "current_durability")) {
                for (int c = 0; c < plan.characters; c++) {
                    String owner = plan.characterId(c);
                    for (int k = 0; k < 3; k++) {
                        int[] belonging = belonging(c, k);
                        out.uuid(DeterministicIds.uuid(seed, "item-instance", c, k)).id(plan.itemId(belonging[0]))
                                .id(owner).text(k == 0 ? "inventory" : "equipped")
                                .id(k == 0 ? plan.inventoryId(c) : owner)
                                .number(belonging[1]).number(100 - k * 10)
                                .endRow();
                    }
                    if (plan.isMerchant(c)) {
                        SeededRandom random = SeededRandom.of(seed, "stock", c);
                        String market = plan.marketId(plan.poiMarket[plan.poiOfCharacter(c)]);
                        for (int k = 0; k < 5; k++) {
                            out.uuid(DeterministicIds.uuid(seed, "stock", c, k))
                                    .id(plan.itemId(random.nextInt(plan.itemType.length))).id(owner)
                                    .text("market").id(market).number(random.between(1, 20)).number(100)
                                    .endRow();
                        }
                    }
                }
                count("item_instance_entities", out.finish());
            }
            String equippedDate = GameDate.ofWorldDay(today - 1).toJson();
            try (CopyStream out = copy("equipment_entities", "id", "character_id", "equipment_slot",
                    "item_instance_id", "equipped_date", "is_equipped", "proficient")) {
                for (int c = 0; c < plan.characters; c++) {
                    for (int k = 1; k < 3; k++) {
                        out.uuid(DeterministicIds.uuid(seed, "equipment", c, k)).id(plan.characterId(c))
                                .text(k == 1 ? "main_hand" : "chest")
                                .uuid(DeterministicIds.uuid(seed, "item-instance", c, k))
                                .json(equippedDate).bool(true).bool(true)
                                .endRow();
                    }
                }
                count("equipment_entities", out.finish());
            }
            try (CopyStream out = copy("inventory_entities", "id", "owner_id", "container_type", "location_poi",
                    "capacity_weight", "capacity_slots", "current_weight", "current_slots")) {
                for (int c = 0; c < plan.characters; c++) {
                    int[] carried = belonging(c, 0);
                    out.id(plan.inventoryId(c)).id(plan.characterId(c)).text("character").nul()
                            .text("50.000").number(20)
                            .text(grams((long) plan.itemWeightGrams[carried[0]] * carried[1])).number(1)
                            .endRow();
                }
                for (int p = 0; p < plan.pois(); p++) {
                    out.uuid(DeterministicIds.uuid(seed, "chest", p)).nul().text("chest").id(plan.poiId(p))
                            .text("200.000").number(40).text("0.000").number(0)
                            .endRow();
                }
                count("inventory_entities", out.finish());
            }
        }

        /**
         * Events around the start date in every stage of their lifecycle: resolved in the past, active now,
         * pending in the future. Effects use the vocabulary of docs/rules.md.
         */
        void events() throws SQLException {
            try (CopyStream out = copy("event_entities", "id", "name", "description", "event_type", "scope",
                    "severity", "start_date", "end_date", "duration_type", "affected_regions",
                    "affected_pois", "immediate_effects", "ongoing_effects", "long_term_consequences",
                    "affected_factions", "resolution_conditions", "current_status")) {
                for (int e = 0; e < plan.pois(); e++) {
                    SeededRandom random = SeededRandom.of(seed, "event", e);
                    int region = plan.poiRegion[e];
                    String type = random.pickOf("political", "natural", "magical", "economic", "social", "combat");
                    String scope = random.chance(0.05) ? "global" : random.chance(0.5) ? "regional" : "local";
                    String duration = random.pickOf("instant", "short", "ongoing", "ongoing", "permanent");
                    int start = today + random.between(-60, 30);
                    Integer end = switch (duration) {
                        case "instant" -> start;
                        case "short" -> start + 3;
                        case "ongoing" -> start + random.between(5, 40);
                        default -> null;
                    };
                    String status = start > today ? "pending" : end != null && end < today ? "resolved" : "active";
                    int severity = random.between(1, 10);
                    List<String> regions = new ArrayList<>(List.of(plan.regionId(region)));
                    if (scope.equals("regional")) {
                        plan.routes.get(region).forEach(other -> regions.add(plan.regionId(other)));
                    }
                    int faction = plan.controller[region];
                    out.uuid(DeterministicIds.uuid(seed, "event", e))
                            .text(Names.word(random, 2) + " " + eventNoun(type))
                            .text("A " + type + " event.").text(type).text(scope).number(severity)
                            .json(GameDate.ofWorldDay(start, random.between(0, 23), 0).toJson())
                            .json(end == null ? null : GameDate.ofWorldDay(end, 23, 0).toJson())
                            .text(duration)
                            .json(Json.arr(regions))
                            .json(scope.equals("local") ? Json.arr(plan.poiId(e)) : "[]")
                            .json(immediateEffects(type, severity))
                            .json(duration.equals("instant") ? "{}" : Json.obj("resources", Json.raw(Json.obj("food", -2))))
                            .json(severity >= 7 ? Json.obj("chaos", severity / 2) : "{}")
                            .json(Json.arr(plan.factionId(faction)))
                            .json(Json.arr(Json.raw(Json.obj("kind", "days_elapsed"))))
                            .text(status)
                            .endRow();
                }
                count("event_entities", out.finish());
            }
        }

        private static String eventNoun(String type) {
            return switch (type) {
                case "political" -> "Succession";
                case "natural" -> "Flood";
                case "magical" -> "Surge";
                case "economic" -> "Shortage";
                case "social" -> "Festival";
                default -> "Skirmish";
            };
        }

        private static String immediateEffects(String type, int severity) {
            return switch (type) {
                case "natural" -> Json.obj("population", Json.raw("-0.0" + Math.min(9, severity)), "region_danger", 1);
                case "economic" -> Json.obj("resources", Json.raw(Json.obj("food", -10 * severity)),
                        "price_modifier", Json.raw(Json.obj("consumable", Json.raw("1." + (10 + severity)))));
                case "political" -> Json.obj("faction_tension", 2 * severity);
                case "magical" -> Json.obj("region_danger", 1, "chaos", severity);
                case "combat" -> Json.obj("region_danger", 2, "faction_tension", 15);
                default -> Json.obj("chaos", -severity);
            };
        }

        /** Quests at half of the places: open ones with deadlines ahead, finished ones with completion dates behind. */
        void quests() throws SQLException {
            try (CopyStream out = copy("quest_entities", "id", "title", "description", "quest_type",
                    "difficulty_level", "recommended_level", "quest_giver", "location_region", "location_poi",
                    "objectives", "rewards", "time_limit", "current_status", "progress", "completion_date",
                    "failure_consequences")) {
                for (int p = 0; p < plan.pois(); p += 2) {
                    SeededRandom random = SeededRandom.of(seed, "quest", p);
                    String status = random.pickOf("available", "available", "active", "active", "completed", "failed");
                    boolean open = status.equals("available") || status.equals("active");
                    int deadline = open ? today + random.between(3, 60) : today - random.between(1, 60);
                    int giver = plan.firstCharacterAt(p) + random.nextInt(plan.size.npcsPerPoi());
                    int difficulty = random.between(1, 10);
                    out.uuid(DeterministicIds.uuid(seed, "quest", p))
                            .text(random.pickOf("Recover", "Escort", "Defend", "Investigate") + " " + Names.word(random, 2))
                            .text("A task for adventurers.")
                            .text(random.pickOf("main", "side", "personal", "faction", "random"))
                            .number(difficulty).number(Math.max(1, difficulty * 2 - 1))
                            .id(plan.characterId(giver)).id(plan.regionId(plan.poiRegion[p])).id(plan.poiId(p))
                            .json(Json.arr(Json.raw(Json.obj("description", "complete the task", "done",
                                    status.equals("completed")))))
                            .json(Json.obj("gold", 10 * difficulty, "experience", 100 * difficulty))
                            .json(Json.obj("deadline", Json.raw(GameDate.ofWorldDay(deadline).toJson()),
                                    "deadline_day", deadline))
                            .text(status)
                            .json(Json.obj("objectives_done", status.equals("completed") ? 1 : 0))
                            .json(open ? null : GameDate.ofWorldDay(deadline).toJson())
                            .json(Json.obj("region_danger", 1, "chaos", 1))
                            .endRow();
                }
                count("quest_entities", out.finish());
            }
        }

        void history() throws SQLException {
            try (CopyStream out = copy("history_entities" + LOAD_SUFFIX, "id", "event_name", "event_description",
                    "event_date", "world_day", "event_type", "significance_level", "participants", "locations",
                    "consequences", "reliability", "public_knowledge")) {
                for (int day = plan.firstHistoryDay(); day < today; day++) {
                    SeededRandom daily = SeededRandom.of(seed, "history-day", day);
                    int records = daily.count(plan.size.historyPerDay());
                    for (int n = 0; n < records; n++) {
                        SeededRandom random = SeededRandom.of(seed, "history", day, n);
                        int region = random.nextInt(plan.regions);
                        String type = random.pickOf("political", "economic", "military", "social", "natural", "magical");
                        int significance = Math.min(10, 1 + random.nextInt(6) + (random.chance(0.05) ? 4 : 0));
                        out.uuid(DeterministicIds.uuid(seed, "history", day, n))
                                .text(Names.word(random, 2) + " " + eventNoun(type))
                                .text("Recorded by the chroniclers.")
                                .json(GameDate.ofWorldDay(day, random.between(0, 23), random.nextInt(60)).toJson())
                                .number(day).text(type).number(significance)
                                .json(Json.arr(plan.factionId(plan.controller[region])))
                                .json(Json.arr(plan.regionId(region)))
                                .json("[]").number(random.between(3, 10)).bool(random.chance(0.8))
                                .endRow();
                    }
                }
                count("history_entities", out.finish());
            }
        }

        void worldState(String worldName) throws SQLException {
            SeededRandom random = SeededRandom.of(seed, "world-state");
            try (CopyStream out = copy("world_state_entities", "id", "world_name", "current_date", "global_events",
                    "political_landscape", "economic_conditions", "weather_patterns", "world_version",
                    "chaos_level", "stability_index")) {
                int chaos = random.between(5, 25);
                out.uuid(DeterministicIds.uuid(seed, "world-state", 0)).text(worldName)
                        .json(WorldPlan.START_DATE.toJson()).json("[]")
                        .json(Json.obj("wars", Json.raw("[]"), "alliances", Json.raw("[]")))
                        .json(Json.obj("phase", "stable", "phase_started_day", today - random.between(0, 59),
                                "inflation_rate", Json.raw("0.02"), "price_level", Json.raw("1.00")))
                        .json(Json.obj("season", WorldPlan.START_DATE.season().name().toLowerCase(java.util.Locale.ROOT)))
                        .number(1).number(chaos).hundredths(100 - chaos)
                        .endRow();
                count("world_state_entities", out.finish());
            }
        }
    }

    private static String grams(long grams) {
        return grams / 1000 + "." + String.format(Locale.ROOT, "%03d", grams % 1000);
    }
}
