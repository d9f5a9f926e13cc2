package com.visualdm.worldengine.partition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Installs the routines of {@code partitioning/} (the source of truth; the jar carries them under
 * {@code partitioning/}) into schema {@code engine}, in the order of {@code partitioning/load-order}. A repeatable
 * Flyway migration of the engine schema: it runs after the versioned ones, and again whenever a file changes
 * (its checksum covers every file), so every process sees one set of routines, installed under Flyway's lock.
 */
@Component
public class PartitionRoutines implements JavaMigration {

    static final String LOCATION = "partitioning/";

    private final List<String> scripts = load();

    @Override
    public MigrationVersion getVersion() {
        return null; // repeatable
    }

    @Override
    public String getDescription() {
        return "partitioning routines";
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        scripts.forEach(script -> crc.update(script.getBytes(StandardCharsets.UTF_8)));
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String script : scripts) {
                statement.execute(script);
            }
        }
    }

    private static List<String> load() {
        List<String> scripts = new ArrayList<>();
        for (String line : read(LOCATION + "load-order").split("\n")) {
            String file = line.strip();
            if (!file.isEmpty() && !file.startsWith("#")) {
                scripts.add(read(LOCATION + file));
            }
        }
        return scripts;
    }

    private static String read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + path + " on the class path", e);
        }
    }
}
