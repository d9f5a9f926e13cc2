package com.visualdm.worldengine.schedule;

import java.io.PrintWriter;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;

import org.quartz.SchedulerException;

import com.visualdm.worldengine.cli.WorldEngineCommand;
import com.visualdm.worldengine.json.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "schedules", mixinStandardHelpOptions = true,
        description = {"The schedules loaded by serve into the shared Quartz store: list them, pause, resume, or "
                + "fire one now. Changes take effect on every node; editing a file takes effect at the next serve start."},
        subcommands = SchedulesCommand.ListSchedules.class)
public class SchedulesCommand implements Runnable {

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Schedules schedules() {
        return root.runtime().bean(Schedules.class);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Each schedule with its state and next fire.")
    static class ListSchedules implements Callable<Integer> {

        @ParentCommand
        SchedulesCommand parent;

        @Option(names = "--json", description = "One JSON array.")
        boolean json;

        @Override
        public Integer call() throws SchedulerException {
            List<Schedules.Entry> entries = parent.schedules().list();
            PrintWriter out = parent.spec.commandLine().getOut();
            if (json) {
                out.println(Json.arr(entries.stream().map(entry -> Json.raw(Json.obj("name", entry.name(), "job", entry.job(),
                        "world", entry.world(), "cron", entry.cron(), "time_zone", entry.timeZone(),
                        "misfire", entry.misfire(), "state", entry.state(), "next_fire", instant(entry.nextFire()),
                        "previous_fire", instant(entry.previousFire()),
                        "parameters", Json.raw(Json.obj(entry.parameters()))))).toList()));
                return 0;
            }
            if (entries.isEmpty()) {
                out.println("No schedules loaded; 'world-engine serve' loads the files of the schedules directory.");
                return 0;
            }
            out.printf("%-24s %-20s %-12s %-18s %-14s %-8s %-24s%n", "SCHEDULE", "JOB", "WORLD", "CRON", "TIME ZONE", "STATE", "NEXT FIRE");
            for (Schedules.Entry entry : entries) {
                out.printf("%-24s %-20s %-12s %-18s %-14s %-8s %-24s%n", entry.name(), entry.job(), entry.world(),
                        entry.cron(), entry.timeZone(), entry.state(), entry.nextFire() == null ? "-" : instant(entry.nextFire()));
            }
            return 0;
        }

        private static String instant(Date date) {
            return date == null ? null : date.toInstant().toString();
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop firing a schedule (until resume).")
    int pause(@Parameters(paramLabel = "NAME") String name) throws SchedulerException {
        schedules().pause(name);
        return done("schedule " + name + " paused");
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Fire a paused schedule again (fires missed meanwhile follow its misfire policy).")
    int resume(@Parameters(paramLabel = "NAME") String name) throws SchedulerException {
        schedules().resume(name);
        return done("schedule " + name + " resumed");
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = "Fire a schedule once now, on the first serve node that takes it.")
    int trigger(@Parameters(paramLabel = "NAME") String name) throws SchedulerException {
        schedules().trigger(name);
        return done("schedule " + name + " triggered; a serve node runs it");
    }

    private int done(String message) {
        spec.commandLine().getOut().println(message);
        return 0;
    }
}
