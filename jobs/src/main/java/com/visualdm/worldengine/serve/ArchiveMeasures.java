package com.visualdm.worldengine.serve;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.partition.PartitionedTable;
import com.visualdm.worldengine.world.RegisteredWorld;

/** The gauge of what a world keeps in its archive: rows in segments, whatever was archived, then restored. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class ArchiveMeasures {

    @Bean
    public WorldMeasure worldRowsArchived(JdbcClient jdbc) {
        return new WorldMeasure() {
            @Override
            public String name() {
                return "world.rows.archived";
            }

            @Override
            public String description() {
                return "rows held in the world's archive segments (trades, transactions and history)";
            }

            @Override
            public OptionalDouble measure(RegisteredWorld world) {
                String segments = Arrays.stream(PartitionedTable.values())
                        .map(table -> "SELECT coalesce(sum(row_count), 0) AS rows FROM "
                                + world.name().qualified(table.archiveTable()))
                        .collect(Collectors.joining(" UNION ALL "));
                return OptionalDouble.of(jdbc.sql("SELECT sum(rows)::float8 FROM (" + segments + ") s")
                        .query(Double.class).single());
            }
        };
    }
}
