package com.visualdm.worldengine.demo;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import com.visualdm.worldengine.cli.ConsoleProgress;
import com.visualdm.worldengine.cli.WorldEngineCommand;
import com.visualdm.worldengine.system.ExitCode;
import com.visualdm.worldengine.tick.DayResult;
import com.visualdm.worldengine.tick.TickCommand;
import com.visualdm.worldengine.tick.TickService;
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
        description = "Create the small world 'demo' if it does not exist yet, advance it by 7 days, and show what is "
                + "going on in it. Run it again to continue the same world.")
public class DemoCommand implements Callable<Integer> {

    static final WorldName DEMO = WorldName.of("demo");
    static final int DAYS = 7;

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
        out.printf("%nAdvancing the demo world by %d days:%n", DAYS);
        List<DayResult> days = root.runtime().bean(TickService.class).tick(DEMO, DAYS, day -> TickCommand.print(day, out));
        root.runtime().bean(DemoReport.class).print(worlds.summary(worlds.require(DEMO)), out);
        return days.stream().allMatch(DayResult::completed) ? ExitCode.SUCCESS.code() : ExitCode.JOB_FAILED.code();
    }
}
