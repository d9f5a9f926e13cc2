package com.visualdm.worldengine.bench;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.visualdm.worldengine.cli.ConsoleProgress;
import com.visualdm.worldengine.cli.WorldSizeConverter;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate a world into the scratch world bench_<size> (replaced if it exists) and report rows, "
                + "seconds, rows per second and peak heap. The scratch world is dropped afterwards unless --keep.",
                "Run the jar with -Xmx512m to check the memory target."})
public class GenerateBenchCommand implements Callable<Integer> {

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "medium", converter = WorldSizeConverter.class,
            description = "tiny, small, medium (default) or large.")
    WorldSize size;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed (default 1).")
    long seed;

    @Option(names = "--keep", description = "Keep the generated world instead of dropping it.")
    boolean keep;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        WorldService worlds = bench.root.runtime().bean(WorldService.class);
        WorldName name = WorldName.of("bench_" + size.label());
        if (worlds.find(name).isPresent()) {
            worlds.drop(name);
        }
        HeapPeak heap = HeapPeak.start();
        long started = System.nanoTime();
        WorldService.Created created;
        try {
            created = worlds.create(name, seed, size, new ConsoleProgress(out));
        } finally {
            heap.stop();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long peakHeap = heap.peakBytes();
        out.printf("bench generate --size %s: %,d rows in %.1f s = %,.0f rows/s; peak heap %,d MB (max heap %,d MB)%n",
                size.label(), created.rows(), seconds, created.rows() / seconds, peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        if (!keep) {
            worlds.drop(name);
        }
        return 0;
    }
}
