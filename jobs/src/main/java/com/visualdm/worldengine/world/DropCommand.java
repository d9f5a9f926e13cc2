package com.visualdm.worldengine.world;

import java.util.concurrent.Callable;

import com.visualdm.worldengine.cli.WorldEngineCommand;
import com.visualdm.worldengine.cli.WorldNameConverter;
import com.visualdm.worldengine.system.BadInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "drop", mixinStandardHelpOptions = true,
        description = "Delete a world: its schema with every row, and its registry entry. Cannot be undone.")
public class DropCommand implements Callable<Integer> {

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--world", required = true, paramLabel = "NAME", converter = WorldNameConverter.class,
            description = "The world to delete.")
    WorldName world;

    @Option(names = "--yes", description = "Confirm the deletion (required).")
    boolean yes;

    @Override
    public Integer call() {
        if (!yes) {
            throw new BadInputException("refusing to drop world '" + world + "' without --yes");
        }
        root.runtime().bean(WorldService.class).drop(world);
        spec.commandLine().getOut().printf("Dropped world '%s'.%n", world);
        return 0;
    }
}
