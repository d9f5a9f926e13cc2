package com.visualdm.worldengine.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.quartz.CronExpression;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import com.visualdm.worldengine.operations.JobRuns;
import com.visualdm.worldengine.system.BadInputException;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;

/**
 * Reads and checks every {@code *.yml} of the schedules directory (format in schedules/README.md). Any problem
 * refuses the whole directory with a message naming the file, so nothing is half-loaded.
 */
@Component
public class ScheduleFiles {

    private static final Set<String> KEYS = Set.of(ScheduleDefinition.JOB, ScheduleDefinition.WORLD, ScheduleDefinition.CRON,
            ScheduleDefinition.TIME_ZONE, ScheduleDefinition.MISFIRE, ScheduleDefinition.PARAMETERS);

    private final JobRuns jobs;
    private final WorldService worlds;

    public ScheduleFiles(JobRuns jobs, WorldService worlds) {
        this.jobs = jobs;
        this.worlds = worlds;
    }

    public List<ScheduleDefinition> read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new BadInputException("schedules directory " + directory.toAbsolutePath() + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("cannot list schedules directory " + directory + ": " + e.getMessage());
        }
        List<ScheduleDefinition> schedules = new ArrayList<>();
        for (Path file : files) {
            try {
                schedules.add(parse(file));
            } catch (BadInputException | IllegalArgumentException | YAMLException | IOException e) {
                throw new BadInputException("schedule file " + file + ": " + e.getMessage().replaceAll("\\s+", " ").strip());
            }
        }
        return schedules;
    }

    private ScheduleDefinition parse(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".yml".length());
        if (!name.matches("[a-z0-9][a-z0-9-]{0,79}")) {
            throw new BadInputException("the file name must be lower-case letters, digits and '-' (it names the schedule)");
        }
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        if (!(document instanceof Map<?, ?> map)) {
            throw new BadInputException("expected a mapping with job, world, cron, time-zone, misfire and parameters");
        }
        map.keySet().stream().filter(key -> !KEYS.contains(String.valueOf(key))).findFirst().ifPresent(key -> {
            throw new BadInputException("unknown key '" + key + "' (keys: job, world, cron, time-zone, misfire, parameters)");
        });
        String job = text(map, ScheduleDefinition.JOB);
        jobs.require(job);
        String world = text(map, ScheduleDefinition.WORLD);
        Optional<WorldName> target = Optional.empty();
        if (!world.equals(ScheduleDefinition.EVERY_WORLD)) {
            target = Optional.of(WorldName.of(world));
            worlds.require(target.get());
        }
        String cron = text(map, ScheduleDefinition.CRON);
        try {
            CronExpression.validateExpression(cron);
        } catch (java.text.ParseException e) {
            throw new BadInputException("invalid cron '" + cron + "': " + e.getMessage()
                    + " (Quartz cron: seconds minutes hours day-of-month month day-of-week [year])");
        }
        String zone = map.containsKey(ScheduleDefinition.TIME_ZONE) ? text(map, ScheduleDefinition.TIME_ZONE) : "UTC";
        ZoneId timeZone;
        try {
            timeZone = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new BadInputException("unknown time zone '" + zone + "' (for example UTC or Europe/Paris)");
        }
        MisfirePolicy misfire = map.containsKey(ScheduleDefinition.MISFIRE) ? MisfirePolicy.ofLabel(text(map, ScheduleDefinition.MISFIRE)) : MisfirePolicy.SKIP;
        SortedMap<String, String> parameters = new TreeMap<>();
        Object given = map.get(ScheduleDefinition.PARAMETERS);
        if (given instanceof Map<?, ?> values) {
            values.forEach((key, value) -> parameters.put(String.valueOf(key), String.valueOf(value)));
        } else if (given != null) {
            throw new BadInputException("parameters must be a mapping of names to values");
        }
        jobs.checkParameters(job, parameters);
        return new ScheduleDefinition(name, job, target, cron, timeZone, misfire, parameters);
    }

    private static String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new BadInputException("'" + key + "' is missing");
        }
        return String.valueOf(value).strip();
    }
}
