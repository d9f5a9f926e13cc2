package com.visualdm.worldengine.partition;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.visualdm.worldengine.system.BadInputException;

/** The world tables partitioned on world_day: the only tables partition maintenance and the archive touch. */
public enum PartitionedTable {
    TRADES("trade_entities", List.of("market_id", "seller_id", "buyer_id")),
    TRANSACTIONS("transaction_entities", List.of("location_poi", "from_entity", "to_entity")),
    HISTORY("history_entities", List.of("event_type", "significance_level"));

    /** The partition key of every set. */
    public static final String CONTROL_COLUMN = "world_day";

    private final String tableName;
    private final List<String> packOrder;

    PartitionedTable(String tableName, List<String> packOrder) {
        this.tableName = tableName;
        this.packOrder = packOrder;
    }

    /** How the archive orders rows inside a segment: columns whose values repeat, so runs of them compress. */
    public List<String> packOrder() {
        return packOrder;
    }

    public String tableName() {
        return tableName;
    }

    public String defaultPartition() {
        return tableName + "_default";
    }

    public String archiveTable() {
        return tableName + "_archive";
    }

    /** The table of that name; a clear error for any other name (the whitelist every table name from input passes). */
    public static PartitionedTable ofName(String name) {
        return Arrays.stream(values()).filter(table -> table.tableName.equals(name)).findFirst()
                .orElseThrow(() -> new BadInputException("unknown table '" + name + "': use one of "
                        + Arrays.stream(values()).map(PartitionedTable::tableName).collect(Collectors.joining(", "))));
    }
}
