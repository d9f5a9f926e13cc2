package com.visualdm.worldengine.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

import com.visualdm.worldengine.WorldEngine;
import com.visualdm.worldengine.cli.EngineRuntime;
import com.visualdm.worldengine.cli.WorldEngineCommand;

/** Runs one command line in this JVM against the test database, capturing its output and exit code. */
public final class Cli {

    private Cli() {
    }

    public record Result(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    public static Result run(String... args) {
        return runWith(Map.of(), args);
    }

    /**
     * Runs one command line in an application that is already running (a test's), much faster than starting one per
     * command; everything but start-up is the same.
     */
    public static Result runIn(ConfigurableApplicationContext context, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode;
        try (EngineRuntime runtime = EngineRuntime.over(context)) {
            exitCode = WorldEngineCommand.commandLine(runtime, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        }
        return new Result(exitCode, out.toString(), err.toString());
    }

    public static Result runWith(Map<String, Object> overrides, String... args) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.get().properties());
        properties.putAll(overrides);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = WorldEngine.run(args, new PrintWriter(out, true), new PrintWriter(err, true), properties);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
