package com.visualdm.worldengine.demo;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.visualdm.worldengine.cli.ConsoleProgress;
import com.visualdm.worldengine.cli.WorldEngineCommand;
import com.visualdm.worldengine.world.InitCommand;
import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;
import com.visualdm.worldengine.world.WorldState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Create the small world 'demo' if it does not exist yet, and show what is going on in it.")
public class DemoCommand implements Callable<Integer> {

    static final WorldName DEMO = WorldName.of("demo");

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        WorldService worlds = root.runtime().bean(WorldService.class);
        boolean ready = worlds.find(DEMO).map(RegisteredWorld::state).orElse(null) == WorldState.READY;
        if (!ready) {
            long seed = InitCommand.defaultSeed(DEMO);
            out.printf("Creating the demo world (size small, seed %d); this takes a few seconds the first time.%n", seed);
            worlds.create(DEMO, seed, WorldSize.SMALL, new ConsoleProgress(out));
        }
        root.runtime().bean(DemoReport.class).print(worlds.summary(worlds.require(DEMO)), out);
        return 0;
    }
}
