package com.visualdm.worldengine.world.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import com.visualdm.worldengine.calendar.GameDate;
import com.visualdm.worldengine.random.DeterministicIds;
import com.visualdm.worldengine.random.SeededRandom;
import com.visualdm.worldengine.world.WorldSize;

/**
 * The skeleton of a generated world, decided before any row is written: which regions border which, where the
 * places, markets and people are, who rules what. Small enough to hold in memory even for {@code large}
 * (about 100 thousand people); everything else is derived row by row from the seed.
 */
final class WorldPlan {

    /** The date a new world starts at: the seed document's example date. */
    static final GameDate START_DATE = new GameDate(1492, 3, 15, 8, 0);
    /** Back-history: two world years of trades, transactions and history records before the start date. */
    static final int HISTORY_DAYS = 2 * GameDate.DAYS_PER_YEAR;
    static final int PLAYER_CHARACTERS = 4;
    static final int MERCHANTS_PER_MARKET = 3;

    enum Biome {
        TEMPERATE("grassland"), TROPICAL("jungle"), ARID("desert"), ARCTIC("tundra"), MAGICAL("enchanted_forest");

        final String terrain;

        Biome(String terrain) {
            this.terrain = terrain;
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    enum PoiType {
        CITY, SETTLEMENT, TEMPLE, DUNGEON, LANDMARK;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean hasMarket() {
            return this == CITY || this == SETTLEMENT;
        }
    }

    static final String[] ITEM_TYPES = {"weapon", "armor", "consumable", "tool", "treasure"};

    final long seed;
    final WorldSize size;
    final int regions;
    final int columns;
    final Biome[] biome;
    final int[] controller;
    final List<TreeSet<Integer>> routes = new ArrayList<>();
    final PoiType[] poiType;
    final int[] poiRegion;
    final int[] poiMarket;
    final List<Integer> marketPoi = new ArrayList<>();
    final int[] marketTaxHundredths;
    final int[] marketWeightPercent;
    final int factions;
    final int[] factionHeadquarters;
    final int npcs;
    final int characters;
    final int[] itemType;
    final long[] itemBaseValue;
    final int[] itemWeightGrams;
    /** Ids (as text, the form every row writes) asked for in every trade, computed once. */
    private final String[] characterIds;
    private final String[] marketIds;
    private final String[] poiIds;
    private final String[] factionIds;
    private final String[] itemIds;

    WorldPlan(long seed, WorldSize size) {
        this.seed = seed;
        this.size = size;
        regions = size.regions();
        columns = (int) Math.ceil(Math.sqrt(regions));
        factions = size.factions();

        biome = new Biome[regions];
        controller = new int[regions];
        for (int r = 0; r < regions; r++) {
            SeededRandom random = SeededRandom.of(seed, "region-plan", r);
            biome[r] = random.pickOf(Biome.values());
            controller[r] = r % factions;
            routes.add(new TreeSet<>());
        }
        // A grid of roads keeps the region graph connected; a few extra roads make it interesting.
        for (int r = 0; r < regions; r++) {
            if ((r + 1) % columns != 0 && r + 1 < regions) {
                connect(r, r + 1);
            }
            if (r + columns < regions) {
                connect(r, r + columns);
            }
            SeededRandom random = SeededRandom.of(seed, "extra-route", r);
            if (regions > 2 && random.chance(0.25)) {
                int other = random.nextInt(regions);
                if (other != r) {
                    connect(r, other);
                }
            }
        }

        int pois = regions * size.poisPerRegion();
        poiType = new PoiType[pois];
        poiRegion = new int[pois];
        poiMarket = new int[pois];
        for (int p = 0; p < pois; p++) {
            int inRegion = p % size.poisPerRegion();
            poiRegion[p] = p / size.poisPerRegion();
            SeededRandom random = SeededRandom.of(seed, "poi-plan", p);
            poiType[p] = switch (inRegion) {
                case 0 -> PoiType.CITY;
                case 1 -> PoiType.SETTLEMENT;
                default -> random.pickOf(PoiType.SETTLEMENT, PoiType.SETTLEMENT, PoiType.TEMPLE, PoiType.DUNGEON,
                        PoiType.LANDMARK, PoiType.CITY);
            };
            poiMarket[p] = -1;
            if (poiType[p].hasMarket()) {
                poiMarket[p] = marketPoi.size();
                marketPoi.add(p);
            }
        }
        marketTaxHundredths = new int[marketPoi.size()];
        marketWeightPercent = new int[marketPoi.size()];
        for (int m = 0; m < marketPoi.size(); m++) {
            SeededRandom random = SeededRandom.of(seed, "market-plan", m);
            marketTaxHundredths[m] = random.between(5, 15);
            // Cities trade more than settlements; the weights average about 100 %.
            marketWeightPercent[m] = poiType[marketPoi.get(m)] == PoiType.CITY ? random.between(120, 160)
                    : random.between(60, 100);
        }

        factionHeadquarters = new int[factions];
        for (int f = 0; f < factions; f++) {
            factionHeadquarters[f] = (f % regions) * size.poisPerRegion(); // the capital city of a region
        }

        npcs = pois * size.npcsPerPoi();
        characters = npcs + PLAYER_CHARACTERS;

        itemType = new int[size.itemKinds()];
        itemBaseValue = new long[size.itemKinds()];
        itemWeightGrams = new int[size.itemKinds()];
        for (int i = 0; i < size.itemKinds(); i++) {
            SeededRandom random = SeededRandom.of(seed, "item-plan", i);
            itemType[i] = i % ITEM_TYPES.length;
            itemBaseValue[i] = switch (itemType[i]) {
                case 0 -> random.between(500, 5000);      // weapon
                case 1 -> random.between(1000, 8000);     // armor
                case 2 -> random.between(20, 300);        // consumable
                case 3 -> random.between(100, 1500);      // tool
                default -> random.between(2000, 20000);   // treasure
            };
            itemWeightGrams[i] = random.between(100, 8000);
        }
        characterIds = ids("character", characters);
        marketIds = ids("market", marketPoi.size());
        poiIds = ids("poi", pois);
        factionIds = ids("faction", factions);
        itemIds = ids("item", itemType.length);
    }

    private String[] ids(String kind, int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = DeterministicIds.uuid(seed, kind, i).toString();
        }
        return ids;
    }

    private void connect(int a, int b) {
        routes.get(a).add(b);
        routes.get(b).add(a);
    }

    int pois() {
        return poiType.length;
    }

    int markets() {
        return marketPoi.size();
    }

    int currentDay() {
        return START_DATE.worldDay();
    }

    int firstHistoryDay() {
        return currentDay() - HISTORY_DAYS;
    }

    /** NPCs live at a POI: NPC n lives at POI n / npcsPerPoi; player characters (index >= npcs) at POI 0. */
    int poiOfCharacter(int character) {
        return character < npcs ? character / size.npcsPerPoi() : 0;
    }

    boolean isMerchant(int character) {
        return character < npcs && poiMarket[poiOfCharacter(character)] >= 0
                && character % size.npcsPerPoi() < MERCHANTS_PER_MARKET;
    }

    int firstCharacterAt(int poi) {
        return poi * size.npcsPerPoi();
    }

    String regionId(int r) {
        return DeterministicIds.uuid(seed, "region", r).toString();
    }

    String poiId(int p) {
        return poiIds[p];
    }

    String factionId(int f) {
        return factionIds[f];
    }

    String marketId(int m) {
        return marketIds[m];
    }

    String characterId(int c) {
        return characterIds[c];
    }

    String itemId(int i) {
        return itemIds[i];
    }

    String inventoryId(int c) {
        return DeterministicIds.uuid(seed, "inventory", c).toString();
    }
}
