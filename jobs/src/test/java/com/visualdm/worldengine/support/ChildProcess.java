package com.visualdm.worldengine.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.visualdm.worldengine.WorldEngine;

/** A real world-engine process (a separate JVM on the test class path), for crash, environment and exit-code tests. */
public final class ChildProcess {

    private final Process process;
    private final Path output;

    private ChildProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code world-engine args...} with exactly the given extra environment (no inherited DB settings). */
    public static ChildProcess start(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), WorldEngine.class.getName()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("world-engine-child", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("WORLD_ENGINE_") || key.startsWith("SPRING_"));
        builder.environment().putAll(environment);
        builder.directory(new File(System.getProperty("user.dir")));
        return new ChildProcess(builder.start(), output);
    }

    /** Environment pointing a child at the test database. */
    public static Map<String, String> testDatabaseEnvironment() {
        TestDatabase database = TestDatabase.get();
        return Map.of("WORLD_ENGINE_DB_URL", database.url(), "WORLD_ENGINE_DB_USER", database.user(),
                "WORLD_ENGINE_DB_PASSWORD", database.password(),
                "WORLD_ENGINE_HOME", database.home().toString());
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child did not finish in " + timeout + ": " + output());
        }
        return process.exitValue();
    }

    /** Waits until the output contains the text (or the process ends). */
    public boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return output().contains(text);
            }
            Thread.sleep(20);
        }
        return false;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no cleanup, like a crash or an OOM kill. */
    public void kill() throws InterruptedException, IOException {
        new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start().waitFor();
        process.waitFor();
    }

    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
