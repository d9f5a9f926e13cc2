package com.visualdm.worldengine.partition;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldClock;
import com.visualdm.worldengine.world.WorldName;

/**
 * One maintenance pass over a world's three sets (routine {@code engine.run_partition_maintenance} of
 * {@code partitioning/}), each set in its own transaction, then a recording of their sizes in
 * {@code engine.partition_sizes}.
 */
@Component
public class PartitionSets {

    /** The outcome for one set. */
    public record SetResult(PartitionedTable table, long rowsMoved, int childrenCreated, String managedBy) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final PartitioningProperties properties;
    private final PartitionCatalog catalog;
    private final WorldClock clock;

    public PartitionSets(JdbcClient jdbc, PlatformTransactionManager transactionManager,
                                PartitioningProperties properties, PartitionCatalog catalog, WorldClock clock) {
        this.jdbc = jdbc;
        // Its own transaction even inside a step's: a set maintained is committed whatever follows.
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.properties = properties;
        this.catalog = catalog;
        this.clock = clock;
    }

    public List<SetResult> maintain(RegisteredWorld world, Consumer<SetResult> eachSet) {
        int today = clock.currentDay(world.name());
        return Arrays.stream(PartitionedTable.values()).map(table -> {
            PartitioningProperties.TableSettings settings = properties.settings(table);
            SetResult result = ownTransaction.execute(status -> {
                setLockTimeout();
                return jdbc.sql("""
                                SELECT rows_moved, children_created, managed_by
                                  FROM engine.run_partition_maintenance(:schema, :table, :interval, :today, :premake, :usePartman)
                                """)
                        .param("schema", world.schema()).param("table", table.tableName())
                        .param("interval", (long) settings.interval()).param("today", (long) today)
                        .param("premake", settings.premake())
                        .param("usePartman", properties.pgPartman() == PartitioningProperties.PgPartmanUse.AUTO)
                        .query((rs, i) -> new SetResult(table, rs.getLong(1), rs.getInt(2), rs.getString(3)))
                        .single();
            });
            eachSet.accept(result);
            return result;
        }).toList();
    }

    /**
     * Before DDL on a world's partitions (detach, drop, attach): a bounded wait, and pg_partman's maintenance and
     * retention keys, so that ours and pg_partman's never run at once. For the current transaction only.
     */
    public void lockForDdl() {
        setLockTimeout();
        jdbc.sql("""
                        SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext('pg_partman run_maintenance')),
                                                     pg_advisory_xact_lock(hashtext('pg_partman drop_partition_id'))) locks
                        """)
                .query(Long.class).single();
    }

    /** {@code lock_timeout} for the current transaction only. */
    public void setLockTimeout() {
        jdbc.sql("SELECT set_config('lock_timeout', :timeout, true)")
                .param("timeout", properties.lockTimeout().toMillis() + "ms").query(String.class).single();
    }

    /** Records the current sizes of the world's sets; one row per set, all with the same time. */
    public void recordSizes(RegisteredWorld world) {
        WorldName name = world.name();
        int today = clock.currentDay(name);
        OffsetDateTime now = jdbc.sql("SELECT now()").query(OffsetDateTime.class).single();
        for (PartitionedTable table : PartitionedTable.values()) {
            PartitionCatalog.Census census = catalog.census(name, table);
            List<PartitionCatalog.Child> children = census.children().stream().map(PartitionCatalog.CountedChild::child).toList();
            long indexBytes = children.stream().mapToLong(PartitionCatalog.Child::indexBytes).sum();
            long tableBytes = children.stream().mapToLong(PartitionCatalog.Child::bytes).sum() - indexBytes;
            int newestEnd = children.stream().filter(child -> !child.isDefault()).mapToInt(PartitionCatalog.Child::toDay)
                    .reduce(today, Math::max);
            jdbc.sql("""
                            INSERT INTO engine.partition_sizes (recorded_at, world_id, world_name, table_name, world_day,
                                   managed_by, children, premade_days, live_rows, default_rows, table_bytes, index_bytes,
                                   archive_segments, archive_rows, archive_bytes)
                            VALUES (:recordedAt, :worldId, :world, :table, :today, :managedBy, :children, :premadeDays,
                                    :liveRows, :defaultRows, :tableBytes, :indexBytes, :segments, :archiveRows, :archiveBytes)
                            """)
                    .param("recordedAt", now).param("worldId", world.id()).param("world", name.value())
                    .param("table", table.tableName()).param("today", today)
                    .param("managedBy", census.managedBy())
                    .param("children", census.rangeChildren())
                    .param("premadeDays", newestEnd - today - 1)
                    .param("liveRows", census.liveRows()).param("defaultRows", census.defaultRows())
                    .param("tableBytes", tableBytes).param("indexBytes", indexBytes)
                    .param("segments", census.archiveSegments()).param("archiveRows", census.archivedRows())
                    .param("archiveBytes", census.archiveBytes())
                    .update();
        }
    }
}
