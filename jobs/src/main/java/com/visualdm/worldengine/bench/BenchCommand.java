package com.visualdm.worldengine.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import com.visualdm.worldengine.cli.WorldEngineCommand;

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
}
