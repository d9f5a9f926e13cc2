package com.visualdm.worldengine.world;

import java.util.List;

/** The seed document's tables, as every world schema holds them, in the seed's order. */
public final class WorldTables {

    public static final List<String> ALL = List.of(
            "region_entities", "poi_entities", "hex_entities", "world_state_entities",
            "character_entities", "npc_entities", "faction_entities",
            "market_entities", "trade_entities", "transaction_entities",
            "quest_entities", "event_entities", "history_entities",
            "item_entities", "item_instance_entities", "equipment_entities", "inventory_entities");

    /** Range-partitioned on world_day. */
    public static final List<String> PARTITIONED = List.of("trade_entities", "transaction_entities", "history_entities");

    private WorldTables() {
    }
}
