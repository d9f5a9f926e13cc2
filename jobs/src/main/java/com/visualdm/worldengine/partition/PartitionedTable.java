package com.visualdm.worldengine.partition;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.visualdm.worldengine.system.BadInputException;

/** The world tables partitioned on world_day: the only tables partition maintenance and the archive touch. */
public enum PartitionedTable {
    // Trades by their items (few distinct, long as JSON); transactions by place, then by properties, so the
    // purchase and the tax of one trade lie side by side and share their trade id.
    TRADES("trade_entities", List.of("items_traded", "market_id"), "trade_date", null),
    TRANSACTIONS("transaction_entities", List.of("location_poi", "properties", "transaction_type"), "transaction_date",
            new UuidMember("properties", "trade_id")),
    HISTORY("history_entities", List.of("event_type", "significance_level"), "event_date", null);

    /** A JSONB column whose values are mostly {@code {key: "<uuid>"}}. */
    public record UuidMember(String column, String key) {
    }

    /** The partition key of every set. */
    public static final String CONTROL_COLUMN = "world_day";

    private final String tableName;
    private final List<String> packOrder;
    private final String dateColumn;
    private final UuidMember uuidMember;

    PartitionedTable(String tableName, List<String> packOrder, String dateColumn, UuidMember uuidMember) {
        this.tableName = tableName;
        this.packOrder = packOrder;
        this.dateColumn = dateColumn;
        this.uuidMember = uuidMember;
    }

    /** The JSONB game date world_day follows; format 2 of the archive keeps only its minute of the day. */
    public String dateColumn() {
        return dateColumn;
    }

    /**
     * The JSONB column whose {@code {key: "<uuid>"}} values format 2 of the archive keeps as binary uuids, if any
     * (the layout of {@code migrations/world/V6}).
     */
    public Optional<UuidMember> uuidMember() {
        return Optional.ofNullable(uuidMember);
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
