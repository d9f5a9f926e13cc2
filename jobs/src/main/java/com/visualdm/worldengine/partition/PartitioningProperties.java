package com.visualdm.worldengine.partition;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.visualdm.worldengine.system.BadInputException;

/**
 * Settings of partition maintenance and the archive, under {@code world-engine.partitioning.*}.
 *
 * @param pgPartman whether sets are handed to pg_partman where the extension is installed
 * @param lockTimeout how long DDL (attach, detach, drop) and the maintenance lock wait before giving up, so that
 *                    they never queue behind a long reader while every writer queues behind them
 * @param defaults the settings of every table not named in {@code tables}
 * @param tables settings per table name (trade_entities, transaction_entities, history_entities)
 */
@ConfigurationProperties("world-engine.partitioning")
public record PartitioningProperties(
        @DefaultValue("auto") PgPartmanUse pgPartman,
        @DefaultValue("10s") Duration lockTimeout,
        @DefaultValue TableSettings defaults,
        Map<String, TableSettings> tables) {

    /** Where pg_partman is installed, {@code auto} registers new sets with it; {@code never} keeps them ours. */
    public enum PgPartmanUse { AUTO, NEVER }

    /**
     * @param interval world days per child partition
     * @param premake children made ahead of the child holding the world's current day
     * @param retentionDays children whose whole range lies more than this many days before the current day are
     *                      archived
     */
    public record TableSettings(
            @DefaultValue("30") int interval,
            @DefaultValue("4") int premake,
            @DefaultValue("360") int retentionDays) {

        /** Refuses settings that make no sense, naming the table; a retention shorter than an interval included. */
        public TableSettings validated(PartitionedTable table) {
            if (interval < 1 || premake < 0) {
                throw new BadInputException("partitioning of " + table.tableName() + ": interval must be at least 1 and "
                        + "premake at least 0 (interval " + interval + ", premake " + premake + ")");
            }
            if (retentionDays < interval) {
                throw new BadInputException("retention of " + table.tableName() + " is " + retentionDays
                        + " world days, shorter than one partition interval (" + interval + " days)");
            }
            return this;
        }

        public TableSettings withRetentionDays(int days) {
            return new TableSettings(interval, premake, days);
        }
    }

    public TableSettings settings(PartitionedTable table) {
        TableSettings own = tables == null ? null : tables.get(table.tableName());
        return (own != null ? own : defaults).validated(table);
    }
}
