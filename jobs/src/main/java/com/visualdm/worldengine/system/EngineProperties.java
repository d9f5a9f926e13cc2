package com.visualdm.worldengine.system;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code world-engine.*}.
 *
 * @param home where the engine keeps its own files: the embedded database, logs ({@code WORLD_ENGINE_HOME},
 *             default {@code ~/.world-engine})
 * @param embedded the embedded PostgreSQL used when no database URL is configured
 * @param generation world generation
 */
@ConfigurationProperties("world-engine")
public record EngineProperties(Path home, @DefaultValue Embedded embedded, @DefaultValue Generation generation) {

    /**
     * @param port TCP port on 127.0.0.1; 0 picks a free one at each start
     * @param startTimeout how long to wait for the server to accept connections
     * @param serviceUser the unprivileged account the server runs as when the engine runs as root (PostgreSQL
     *                    refuses to run as root)
     */
    public record Embedded(
            @DefaultValue("0") int port,
            @DefaultValue("60s") Duration startTimeout,
            @DefaultValue("postgres") String serviceUser) {
    }

    /**
     * @param workers threads (each with two COPY connections) writing the back-history; the rows do not depend on it
     */
    public record Generation(@DefaultValue("2") int workers) {
    }
}
