package com.visualdm.worldengine.serve;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may read {@code serve}'s metrics and how fresh the per-world gauges are, under
 * {@code world-engine.serve.metrics.*}. Without a user and password only health is served.
 *
 * @param user user name for HTTP basic authentication ({@code WORLD_ENGINE_METRICS_USER})
 * @param password its password ({@code WORLD_ENGINE_METRICS_PASSWORD}); from the environment, never committed
 * @param worldRefresh how often the per-world gauges are read from the worlds
 */
@ConfigurationProperties("world-engine.serve.metrics")
public record MetricsProperties(String user, String password, @DefaultValue("30s") Duration worldRefresh) {

    boolean credentialsGiven() {
        return user != null && !user.isBlank() && password != null && !password.isBlank();
    }
}
