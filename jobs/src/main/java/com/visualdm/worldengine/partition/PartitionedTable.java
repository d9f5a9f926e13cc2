package com.visualdm.worldengine.partition;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.visualdm.worldengine.system.BadInputException;

/** The world tables partitioned on world_day: the only tables partition maintenance and the archive touch. */
public enum PartitionedTable {
    TRADES("trade_entities"),
    TRANSACTIONS("transaction_entities"),
    HISTORY("history_entities");

    /** The partition key of every set. */
    public static final String CONTROL_COLUMN = "world_day";

    private final String tableName;

    PartitionedTable(String tableName) {
        this.tableName = tableName;
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
