package com.visualdm.worldengine.world;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.visualdm.worldengine.cli.WorldEngineCommand;
import com.visualdm.worldengine.json.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "worlds", mixinStandardHelpOptions = true,
        description = "List the worlds with their current date, world day and row counts.")
public class WorldsCommand implements Callable<Integer> {

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "One JSON document, with row counts per table.")
    boolean json;

    @Override
    public Integer call() {
        List<WorldSummary> worlds = root.runtime().bean(WorldService.class).summaries();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.arr(worlds.stream().map(WorldsCommand::toJson).toList()));
            return 0;
        }
        if (worlds.isEmpty()) {
            out.println("No worlds yet. Create one with: world-engine init --world NAME");
            return 0;
        }
        out.printf("%-20s %-7s %-20s %-9s %-11s %9s %12s%n", "WORLD", "SIZE", "SEED", "STATE", "DATE", "DAY", "ROWS");
        for (WorldSummary summary : worlds) {
            RegisteredWorld world = summary.world();
            out.printf("%-20s %-7s %-20d %-9s %-11s %9s %,12d%n", world.name(), world.size().label(), world.seed(),
                    world.state().label(), summary.currentDate() == null ? "-" : summary.currentDate(),
                    summary.currentDate() == null ? "-" : Integer.toString(summary.currentDate().worldDay()),
                    summary.totalRows());
        }
        return 0;
    }

    private static Json.Raw toJson(WorldSummary summary) {
        RegisteredWorld world = summary.world();
        List<Object> rows = new ArrayList<>();
        summary.rows().forEach((table, count) -> {
            rows.add(table);
            rows.add(count);
        });
        return Json.raw(Json.obj("name", world.name().value(), "schema", world.schema(), "size", world.size().label(),
                "seed", world.seed(), "state", world.state().label(), "created_at", world.createdAt().toString(),
                "current_date", summary.currentDate() == null ? null : Json.raw(summary.currentDate().toJson()),
                "world_day", summary.currentDate() == null ? null : summary.currentDate().worldDay(),
                "rows", Json.raw(Json.obj(rows.toArray()))));
    }
}
