package com.visualdm.worldengine.cli;

import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.visualdm.worldengine.EngineApplication;

/** The application context, started on first use by a command and closed (embedded database included) at exit. */
public final class EngineRuntime implements AutoCloseable {

    private final Map<String, Object> properties;
    private ConfigurableApplicationContext context;

    public EngineRuntime(Map<String, Object> properties) {
        this.properties = properties;
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
            context = new SpringApplicationBuilder(EngineApplication.class)
                    .properties(properties)
                    .run();
        }
        return context;
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
