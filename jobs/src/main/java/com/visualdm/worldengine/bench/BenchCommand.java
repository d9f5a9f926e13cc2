package com.visualdm.worldengine.bench;

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import com.visualdm.worldengine.cli.ConsoleProgress;
import com.visualdm.worldengine.cli.WorldEngineCommand;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the engine on this machine.",
        subcommands = {GenerateBenchCommand.class, TickBenchCommand.class, ArchiveBenchCommand.class})
public class BenchCommand implements Runnable {

    @ParentCommand
    WorldEngineCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The kept scratch world {@code <prefix><size>} (seed 1), created first if it does not exist. */
    WorldName keptScratchWorld(String prefix, WorldSize size, PrintWriter out) {
        WorldService worlds = root.runtime().bean(WorldService.class);
        WorldName name = WorldName.of(prefix + size.label());
        if (worlds.find(name).isEmpty()) {
            out.printf("Creating the scratch world '%s' (size %s, seed 1)%n", name, size.label());
            worlds.create(name, 1, size, new ConsoleProgress(out));
        }
        return name;
    }
}
