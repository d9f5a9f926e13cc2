package com.visualdm.worldengine.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import com.visualdm.worldengine.cli.WorldSizeConverter;
import com.visualdm.worldengine.tick.DayResult;
import com.visualdm.worldengine.tick.TickCommand;
import com.visualdm.worldengine.tick.TickService;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldSize;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "tick", mixinStandardHelpOptions = true,
        description = {"Tick the scratch world bench_<size> (created if it does not exist; kept, so later runs "
                + "continue it) and report seconds per world day and, per step, seconds and rows written per second.",
                "Run the jar with -Xmx512m to check the memory target."})
public class TickBenchCommand implements Callable<Integer> {

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "medium", converter = WorldSizeConverter.class,
            description = "tiny, small, medium (default) or large.")
    WorldSize size;

    @Option(names = "--days", paramLabel = "N", defaultValue = "5", description = "Days to tick (default 5).")
    int days;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        WorldName name = bench.keptScratchWorld("bench_tick_", size, out);
        JobRepository jobRepository = bench.root.runtime().bean(JobRepository.class);
        HeapPeak heap = HeapPeak.start();
        List<DayResult> results;
        try {
            results = bench.root.runtime().bean(TickService.class).tick(name, days, day -> TickCommand.print(day, out));
        } finally {
            heap.stop();
        }
        Map<String, long[]> steps = new TreeMap<>(); // step name -> {millis, rows written}
        for (DayResult day : results) {
            for (StepExecution step : jobRepository.getJobExecution(day.jobExecutionId()).getStepExecutions()) {
                long[] totals = steps.computeIfAbsent(step.getStepName(), key -> new long[2]);
                totals[0] += Duration.between(step.getStartTime(), step.getEndTime()).toMillis();
                totals[1] += step.getWriteCount();
            }
        }
        double seconds = results.stream().mapToLong(day -> day.duration().toMillis()).sum() / 1000.0;
        out.printf("bench tick --size %s: %d days, %.2f s per world day; peak heap %,d MB (max heap %,d MB)%n",
                size.label(), results.size(), seconds / Math.max(1, results.size()), heap.peakBytes() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        steps.forEach((step, totals) -> out.printf("  %-30s %8.3f s per day  %,10.0f rows written/s%n", step,
                totals[0] / 1000.0 / Math.max(1, results.size()),
                totals[0] == 0 ? 0.0 : totals[1] * 1000.0 / totals[0]));
        return results.stream().allMatch(DayResult::completed) ? 0 : 1;
    }
}
