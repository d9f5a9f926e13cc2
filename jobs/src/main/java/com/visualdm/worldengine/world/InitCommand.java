package com.visualdm.worldengine.world;

import java.util.concurrent.Callable;

import com.visualdm.worldengine.cli.ConsoleProgress;
import com.visualdm.worldengine.cli.WorldEngineCommand;
import com.visualdm.worldengine.cli.WorldNameConverter;
import com.visualdm.worldengine.cli.WorldSizeConverter;
import com.visualdm.worldengine.random.SeededRandom;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a world and fill it with generated content: regions, places, people, markets, events, "
                + "quests and two years of trades, transactions and history.",
                "The same seed and size always give the same world, ids included."})
public class InitCommand implements Callable<Integer> {

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--world", required = true, paramLabel = "NAME", converter = WorldNameConverter.class,
            description = "Name of the new world: 1-40 of a-z, 0-9 and _, starting with a letter.")
    WorldName world;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the world's randomness (default: derived from the name).")
    Long seed;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "small", converter = WorldSizeConverter.class,
            description = "tiny (~2 thousand rows), small (~100 thousand, the default), medium (~1 million) "
                    + "or large (~10 million).")
    WorldSize size;

    @Override
    public Integer call() {
        long worldSeed = seed != null ? seed : defaultSeed(world);
        var out = spec.commandLine().getOut();
        out.printf("Creating world '%s' (size %s, seed %d)%n", world, size.label(), worldSeed);
        long started = System.nanoTime();
        WorldService.Created created = root.runtime().bean(WorldService.class)
                .create(world, worldSeed, size, new ConsoleProgress(out));
        if (created.removedInterruptedInit()) {
            out.println("(removed the remains of an earlier init of this world that was interrupted)");
        }
        out.printf("Created world '%s': %,d rows in %.1f s. See it with: world-engine worlds%n", world, created.rows(),
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** A name always gives the same default seed, so `init --world x` is reproducible too. */
    public static long defaultSeed(WorldName world) {
        return SeededRandom.of(0, "default-seed:" + world.value()).nextLong() & Long.MAX_VALUE;
    }
}
