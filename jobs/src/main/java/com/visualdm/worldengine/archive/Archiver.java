package com.visualdm.worldengine.archive;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.visualdm.worldengine.partition.PartitionCatalog;
import com.visualdm.worldengine.partition.PartitionSets;
import com.visualdm.worldengine.partition.PartitionedTable;
import com.visualdm.worldengine.partition.PartitioningProperties;
import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldClock;
import com.visualdm.worldengine.world.WorldName;

/**
 * Archives a world's children whose whole range lies more than the retention before its current day: each is
 * planned, detached, packed, verified and dropped, one transaction per step, journaled in the ledger; a run
 * first finishes whatever an earlier, interrupted run left (whatever its retention was). Several partitions are
 * packed and verified at once ({@code world-engine.archive.workers}); their detaches and drops queue on the
 * parent's lock and pg_partman's advisory keys.
 */
@Component
public class Archiver {

    private static final Logger log = LoggerFactory.getLogger(Archiver.class);


    /** One partition archived by this run. */
    public record Archived(PartitionedTable table, String partition, long rows, long bytesBefore, long bytesAfter) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate step;
    private final ArchiveLedger ledger;
    private final ArchiveSql sql;
    private final ArchiveProperties properties;
    private final PartitioningProperties partitioning;
    private final PartitionCatalog catalog;
    private final PartitionSets sets;
    private final WorldClock clock;

    Archiver(JdbcClient jdbc, PlatformTransactionManager transactionManager, ArchiveLedger ledger, ArchiveSql sql,
             ArchiveProperties properties, PartitioningProperties partitioning, PartitionCatalog catalog,
             PartitionSets sets, WorldClock clock) {
        this.jdbc = jdbc;
        // Every step commits on its own, even when called inside a Spring Batch step's transaction.
        this.step = new TransactionTemplate(transactionManager);
        this.step.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.ledger = ledger;
        this.sql = sql;
        this.properties = properties;
        this.partitioning = partitioning;
        this.catalog = catalog;
        this.sets = sets;
        this.clock = clock;
    }

    /** The retention of each table: the configured one, or {@code retentionDays} for all if given; validated. */
    public Map<PartitionedTable, PartitioningProperties.TableSettings> settings(Integer retentionDays) {
        Map<PartitionedTable, PartitioningProperties.TableSettings> settings = new EnumMap<>(PartitionedTable.class);
        for (PartitionedTable table : PartitionedTable.values()) {
            PartitioningProperties.TableSettings own = partitioning.settings(table);
            settings.put(table, (retentionDays == null ? own : own.withRetentionDays(retentionDays)).validated(table));
        }
        return settings;
    }

    /** Plans what is due, then takes every unfinished partition of the world to the end, reporting each. */
    public void archive(RegisteredWorld world, Integer retentionDays, Long jobExecutionId, Consumer<Archived> each) {
        Map<PartitionedTable, PartitioningProperties.TableSettings> settings = settings(retentionDays);
        int today = clock.currentDay(world.name());
        step.executeWithoutResult(status -> {
            for (PartitionedTable table : PartitionedTable.values()) {
                int horizon = today - settings.get(table).retentionDays();
                for (PartitionCatalog.Child child : catalog.children(world.name(), table)) {
                    if (!child.isDefault() && child.toDay() <= horizon) {
                        ledger.plan(world, table, child.name(), child.fromDay(), child.toDay(), jobExecutionId);
                    }
                }
            }
        });
        // The world's lock is held throughout; a run stopped by a failure resumes the rest at the next run.
        Workers.run(properties.workers(), ledger.unfinished(world).stream()
                        .<Callable<Archived>>map(entry -> () -> finish(world.name(), entry)).toList(),
                each, "archiving world '" + world.name() + "'");
    }

    private Archived finish(WorldName world, ArchiveLedger.Entry planned) {
        ArchiveLedger.Entry entry = planned;
        while (entry.state() != ArchiveState.DROPPED) {
            ArchiveLedger.Entry current = entry;
            switch (current.state()) {
                case PLANNED -> {
                    entry = step.execute(status -> detach(world, current));
                    properties.haltIf(HaltPoint.AFTER_DETACH);
                }
                case DETACHED -> {
                    step.executeWithoutResult(status -> {
                        sql.settleBulkTransaction(properties.workMem());
                        sql.code(world, current.table(), current.detachedName());
                    });
                    entry = step.execute(status -> pack(world, current));
                }
                case PACKED -> {
                    entry = step.execute(status -> verify(world, current));
                    properties.haltIf(HaltPoint.AFTER_VERIFY);
                }
                case VERIFIED -> entry = step.execute(status -> drop(world, current));
                case DROPPED -> throw new IllegalStateException("unreachable");
            }
        }
        Map<String, Object> sizes = jdbc.sql("SELECT bytes_before, bytes_after FROM engine.archive_ledger WHERE id = :id")
                .param("id", entry.id()).query().singleRow();
        long bytesBefore = ((Number) sizes.get("bytes_before")).longValue();
        long bytesAfter = ((Number) sizes.get("bytes_after")).longValue();
        log.info("Archived {}.{} (days {}-{}): {} rows, {} -> {} bytes", world, entry.partition(), entry.fromDay(),
                entry.toDay() - 1, entry.rowCount(), bytesBefore, bytesAfter);
        return new Archived(entry.table(), entry.partition(), entry.rowCount(), bytesBefore, bytesAfter);
    }

    private ArchiveLedger.Entry detach(WorldName world, ArchiveLedger.Entry entry) {
        lockForDdl(entry);
        long bytes = jdbc.sql("SELECT pg_total_relation_size(to_regclass(:child))")
                .param("child", world.qualified(entry.partition())).query(Long.class).single();
        jdbc.sql("ALTER TABLE " + world.qualified(entry.table().tableName()) + " DETACH PARTITION "
                + world.qualified(entry.partition())).update();
        // Renamed, so that rows arriving for these days again make a new child of that name, not a clash.
        jdbc.sql("ALTER TABLE " + world.qualified(entry.partition()) + " RENAME TO "
                + WorldName.quote(entry.detachedName())).update();
        long rows = jdbc.sql("SELECT count(*) FROM " + world.qualified(entry.detachedName())).query(Long.class).single();
        ledger.detached(entry, rows, bytes);
        return with(entry, ArchiveState.DETACHED, rows, null);
    }

    private ArchiveLedger.Entry pack(WorldName world, ArchiveLedger.Entry entry) {
        ledger.lock(entry);
        sql.settleBulkTransaction(properties.workMem());
        ArchiveSql.Digest packed = sql.pack(world, entry.table(), entry.detachedName(), entry.id(), properties.segmentRows());
        if (packed.rows() != entry.rowCount()) {
            throw new IllegalStateException("packing " + world + "." + entry.partition() + " took " + packed.rows()
                    + " rows, but " + entry.rowCount() + " were detached (ledger entry " + entry.id() + ")");
        }
        properties.haltIf(HaltPoint.MID_PACK);
        ledger.packed(entry, packed.hash(), packed.segments());
        return with(entry, ArchiveState.PACKED, entry.rowCount(), packed.hash());
    }

    private ArchiveLedger.Entry verify(WorldName world, ArchiveLedger.Entry entry) {
        ledger.lock(entry);
        sql.settleBulkTransaction(properties.workMem());
        ArchiveSql.Digest archived = sql.digest(sql.archivedRows(world, entry.table(), "s.ledger_id = :ledgerId"),
                Map.of("ledgerId", entry.id()));
        if (archived.rows() != entry.rowCount() || archived.hash().compareTo(entry.rowHash()) != 0) {
            throw new IllegalStateException("the archive of " + world + "." + entry.partition() + " does not match it: "
                    + archived.rows() + " rows with hash " + archived.hash() + " archived, " + entry.rowCount()
                    + " rows with hash " + entry.rowHash() + " detached; nothing is dropped (ledger entry " + entry.id() + ")");
        }
        long bytes = jdbc.sql("SELECT coalesce(sum(pg_column_size(s.*)), 0) FROM " + world.qualified(entry.table().archiveTable())
                        + " s WHERE ledger_id = :ledgerId")
                .param("ledgerId", entry.id()).query(Long.class).single();
        ledger.verified(entry, bytes);
        return with(entry, ArchiveState.VERIFIED, entry.rowCount(), entry.rowHash());
    }

    private ArchiveLedger.Entry drop(WorldName world, ArchiveLedger.Entry entry) {
        lockForDdl(entry);
        properties.haltIf(HaltPoint.BEFORE_DROP);
        jdbc.sql("DROP TABLE " + world.qualified(entry.detachedName())).update();
        ledger.dropped(entry);
        return with(entry, ArchiveState.DROPPED, entry.rowCount(), entry.rowHash());
    }

    private static ArchiveLedger.Entry with(ArchiveLedger.Entry entry, ArchiveState state, Long rows, BigDecimal hash) {
        return new ArchiveLedger.Entry(entry.id(), entry.table(), entry.partition(), entry.fromDay(), entry.toDay(), state,
                rows, hash);
    }

    /** Before DDL on the world's partitions: the entry's ledger row, a bounded wait, and pg_partman's locks. */
    private void lockForDdl(ArchiveLedger.Entry entry) {
        ledger.lock(entry);
        sets.lockForDdl();
    }
}
