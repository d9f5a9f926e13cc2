package com.visualdm.worldengine.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

import com.visualdm.worldengine.WorldEngine;

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

    public static Result runWith(Map<String, Object> overrides, String... args) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.get().properties());
        properties.putAll(overrides);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = WorldEngine.run(args, new PrintWriter(out, true), new PrintWriter(err, true), properties);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
