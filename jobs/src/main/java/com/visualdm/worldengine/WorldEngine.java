package com.visualdm.worldengine;

import java.io.PrintWriter;
import java.util.Map;

import com.visualdm.worldengine.cli.EngineRuntime;
import com.visualdm.worldengine.cli.WorldEngineCommand;

/**
 * {@code world-engine}: the command line. Arguments are parsed before anything starts, so {@code --help} and
 * usage errors answer at once; the database (and Spring) start only for a command that needs them.
 */
public final class WorldEngine {

    private WorldEngine() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), Map.of()));
    }

    /** Runs one command line; {@code properties} override configuration (tests point them at their database). */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, Object> properties) {
        try (EngineRuntime runtime = new EngineRuntime(properties)) {
            return WorldEngineCommand.commandLine(runtime, out, err).execute(args);
        }
    }
}
