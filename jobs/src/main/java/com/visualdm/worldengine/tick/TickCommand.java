package com.visualdm.worldengine.tick;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import com.visualdm.worldengine.cli.WorldEngineCommand;
import com.visualdm.worldengine.cli.WorldNameConverter;
import com.visualdm.worldengine.system.ExitCode;
import com.visualdm.worldengine.world.WorldName;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "tick", mixinStandardHelpOptions = true,
        description = {"Advance a world by whole days, each its own worldTick job (finishing first a day that an "
                + "earlier, interrupted run left half done).",
                "Prints a line per day; exits 1 if a day failed (rerun to resume it)."})
public class TickCommand implements Callable<Integer> {

    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--world", required = true, paramLabel = "NAME", converter = WorldNameConverter.class,
            description = "The world to advance.")
    WorldName world;

    @Option(names = "--days", paramLabel = "N", defaultValue = "1", description = "How many days (default 1).")
    int days;

    /** One line per day: date, world day, duration and what happened. */
    public static void print(DayResult day, PrintWriter out) {
        long rejected = day.count("events_rejected") + day.count("quests_rejected");
        out.printf("%s  day %d  %5.1f s  events +%d activated, %d resolved; quests %d failed, %d abandoned; "
                        + "trades %d; history %d%s%s%n",
                day.date(), day.date().worldDay(), day.duration().toMillis() / 1000.0,
                day.count("events_activated"), day.count("events_resolved"), day.count("quests_failed"),
                day.count("quests_abandoned"), day.count("trades"), day.count("history_records"),
                rejected > 0 ? "; rejected rows " + rejected : "",
                day.completed() ? (day.resumed() ? " (resumed)" : "") : "  " + day.status() + ": " + day.exitDescription());
        out.flush();
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        long[] lastProgress = {started};
        int[] done = {0};
        List<DayResult> results = root.runtime().bean(TickService.class).tick(world, days, day -> {
            print(day, out);
            done[0]++;
            if (done[0] < days && System.nanoTime() - lastProgress[0] > PROGRESS_EVERY_NANOS) {
                lastProgress[0] = System.nanoTime();
                // Wall-clock time for the operator's benefit only; it never reaches the simulation.
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf("  ... %d of %d days, %.1f days/s, about %.0f s left%n", done[0], days, done[0] / seconds,
                        (days - done[0]) * seconds / done[0]);
                out.flush();
            }
        });
        return results.stream().allMatch(DayResult::completed) ? ExitCode.SUCCESS.code() : ExitCode.JOB_FAILED.code();
    }
}
