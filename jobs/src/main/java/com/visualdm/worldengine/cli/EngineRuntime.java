package com.visualdm.worldengine.cli;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import com.visualdm.worldengine.EngineApplication;

/** The application context, started on first use by a command and closed (embedded database included) at exit. */
public final class EngineRuntime implements AutoCloseable {

    private final Map<String, Object> properties;
    private final boolean borrowed;
    private ConfigurableApplicationContext context;

    public EngineRuntime(Map<String, Object> properties) {
        this.properties = new HashMap<>(properties);
        this.borrowed = false;
    }

    private EngineRuntime(ConfigurableApplicationContext running) {
        this.properties = new HashMap<>();
        this.context = running;
        this.borrowed = true;
    }

    /** Commands over an application already running, which its owner closes (tests run commands in theirs). */
    public static EngineRuntime over(ConfigurableApplicationContext running) {
        return new EngineRuntime(running);
    }

    /** Sets a property for a command that needs the application otherwise configured (serve); only before first use. */
    public synchronized void set(String key, Object value) {
        if (context != null) {
            throw new IllegalStateException("the application is running already");
        }
        properties.put(key, value);
    }

    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    /** Where the log file is, for error messages; readable even when the context failed to start. */
    public String logFile() {
        Object home = properties.get("world-engine.home");
        String base = home != null ? home.toString()
                : System.getenv().getOrDefault("WORLD_ENGINE_HOME", System.getProperty("user.home") + "/.world-engine");
        return base + "/logs/world-engine.log";
    }

    public synchronized ConfigurableApplicationContext context() {
        if (context == null) {
            // Overrides go first, above application.yml and the process environment, and are there before logging
            // starts (builder properties would come last).
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().addFirst(new MapPropertySource("world-engine-overrides", properties));
            context = new SpringApplicationBuilder(EngineApplication.class).environment(environment).run();
        }
        return context;
    }

    @Override
    public synchronized void close() {
        if (context != null && !borrowed) {
            context.close();
            context = null;
        }
    }
}
