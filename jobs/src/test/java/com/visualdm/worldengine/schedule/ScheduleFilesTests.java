package com.visualdm.worldengine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import com.visualdm.worldengine.support.Cli;
import com.visualdm.worldengine.support.DatabaseTest;
import com.visualdm.worldengine.support.QuartzStore;
import com.visualdm.worldengine.support.TestWorlds;
import com.visualdm.worldengine.system.BadInputException;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;

/** Schedule files into Quartz's JDBC store: added, changed, removed; bad files refused whole; the schedules commands. */
class ScheduleFilesTests extends DatabaseTest {

    static final WorldName WORLD = WorldName.of("schedule_files");

    @Autowired
    ScheduleFiles files;

    @Autowired
    Schedules schedules;

    @Autowired
    Scheduler scheduler;

    @Autowired
    WorldService worlds;

    @Autowired
    DataSource dataSource;

    @Autowired
    ConfigurableApplicationContext context;

    Path directory;

    @BeforeEach
    void emptyStore() throws Exception {
        QuartzStore.reattach(dataSource);
        schedules.load(List.of());
        if (worlds.find(WORLD).isEmpty()) {
            TestWorlds.recreate(worlds, WORLD, 1, WorldSize.TINY);
        }
        directory = Files.createTempDirectory("schedules");
    }

    @AfterEach
    void clearStore() throws Exception {
        schedules.load(List.of());
    }

    /** The schedules the project ships name jobs of this engine, for every world, at the documented times. */
    @Test
    void theShippedSchedulesAreValid() {
        assertThat(files.read(Path.of("..", "schedules")))
                .extracting(ScheduleDefinition::name, ScheduleDefinition::job, ScheduleDefinition::cron,
                        definition -> definition.world().isEmpty())
                .containsExactlyInAnyOrder(
                        tuple("archive", "archiveWorld", "0 0 4 * * ?", true),
                        tuple("partition-maintenance", "partitionMaintenance", "0 0 * * * ?", true),
                        tuple("world-tick", "worldTick", "0 0 3 * * ?", true));
    }

    @Test
    void filesAreAddedChangedAndRemovedAndAnUnchangedScheduleKeepsItsPause() throws Exception {
        write("every-world.yml", """
                job: worldTick
                world: all
                cron: "0 0 3 * * ?"
                """);
        write("one-world.yml", """
                job: worldTick
                world: schedule_files
                cron: "0 30 2 * * ?"
                time-zone: Europe/Paris
                misfire: fire-once-now
                parameters:
                  days: 2
                """);
        Schedules.Changes first = schedules.load(files.read(directory));
        assertThat(first.added()).containsExactly("every-world", "one-world");

        JobDetail job = scheduler.getJobDetail(JobKey.jobKey("one-world", Schedules.GROUP));
        assertThat(job.isDurable()).isTrue();
        assertThat(job.requestsRecovery()).as("another node re-runs it if this one dies").isTrue();
        assertThat(job.getJobDataMap().getString("job")).isEqualTo("worldTick");
        assertThat(job.getJobDataMap().getString("world")).isEqualTo("schedule_files");
        assertThat(job.getJobDataMap().getString("parameter.days")).isEqualTo("2");
        CronTrigger trigger = (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey("one-world", Schedules.GROUP));
        assertThat(trigger.getCronExpression()).isEqualTo("0 30 2 * * ?");
        assertThat(trigger.getTimeZone()).isEqualTo(TimeZone.getTimeZone("Europe/Paris"));
        assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        CronTrigger everyWorld = (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey("every-world", Schedules.GROUP));
        assertThat(everyWorld.getTimeZone().getID()).isEqualTo("UTC");
        assertThat(everyWorld.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);

        Cli.Result pause = cli("schedules", "pause", "every-world");
        assertThat(pause.exitCode()).as(pause.all()).isZero();
        assertThat(state("every-world")).isEqualTo(Trigger.TriggerState.PAUSED);

        write("one-world.yml", """
                job: worldTick
                world: schedule_files
                cron: "0 45 2 * * ?"
                """);
        Schedules.Changes second = schedules.load(files.read(directory));
        assertThat(second.unchanged()).containsExactly("every-world");
        assertThat(second.updated()).containsExactly("one-world");
        assertThat(state("every-world")).as("an unchanged schedule keeps its pause").isEqualTo(Trigger.TriggerState.PAUSED);
        assertThat(((CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey("one-world", Schedules.GROUP))).getCronExpression())
                .isEqualTo("0 45 2 * * ?");

        Files.delete(directory.resolve("every-world.yml"));
        Schedules.Changes third = schedules.load(files.read(directory));
        assertThat(third.removed()).containsExactly("every-world");
        assertThat(scheduler.checkExists(JobKey.jobKey("every-world", Schedules.GROUP))).isFalse();
        assertThat(schedules.list()).extracting(Schedules.Entry::name).containsExactly("one-world");
    }

    @Test
    void theSchedulesCommandsListPauseResumeAndTrigger() throws Exception {
        write("nightly.yml", """
                job: worldTick
                world: schedule_files
                cron: "0 0 3 * * ?"
                """);
        schedules.load(files.read(directory));

        Cli.Result list = cli("schedules", "list");
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out()).contains("nightly").contains("worldTick").contains("schedule_files").contains("NORMAL");
        assertThat(cli("schedules", "pause", "nightly").exitCode()).isZero();
        assertThat(cli("schedules", "list", "--json").out()).contains("\"name\": \"nightly\"").contains("\"state\": \"PAUSED\"");
        assertThat(cli("schedules", "resume", "nightly").exitCode()).isZero();
        assertThat(state("nightly")).isEqualTo(Trigger.TriggerState.NORMAL);

        Cli.Result trigger = cli("schedules", "trigger", "nightly");
        assertThat(trigger.exitCode()).as(trigger.all()).isZero();
        assertThat(scheduler.getTriggersOfJob(JobKey.jobKey("nightly", Schedules.GROUP)))
                .as("the cron trigger and a one-off trigger for now").hasSize(2);

        Cli.Result unknown = cli("schedules", "pause", "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown schedule 'nope'");
    }

    @Test
    void aBadFileIsRefusedNamingTheFileAndTheProblemAndNothingIsLoaded() throws Exception {
        write("good.yml", """
                job: worldTick
                world: all
                cron: "0 0 3 * * ?"
                """);
        Map<String, String> problems = Map.of(
                "job: recomputeEverything\nworld: all\ncron: \"0 0 3 * * ?\"\n", "unknown job 'recomputeEverything'",
                "job: worldTick\nworld: all\ncron: \"0 0 25 * * ?\"\n", "invalid cron '0 0 25 * * ?'",
                "job: worldTick\nworld: all\ncron: \"0 0 3 * * ?\"\ntime-zone: Mars/Olympus\n", "unknown time zone 'Mars/Olympus'",
                "job: worldTick\nworld: no_such_world\ncron: \"0 0 3 * * ?\"\n", "no_such_world",
                "job: worldTick\nworld: all\ncron: \"0 0 3 * * ?\"\nmisfire: replay-all\n", "unknown misfire policy 'replay-all'",
                "job: worldTick\nworld: all\ncron: \"0 0 3 * * ?\"\nparameters:\n  days: 0\n", "'days' must be a whole number",
                "job: worldTick\nworld: all\ncrontab: \"0 0 3 * * ?\"\n", "unknown key 'crontab'",
                "job: worldTick\ncron: \"0 0 3 * * ?\"\n", "'world' is missing");
        for (Map.Entry<String, String> problem : problems.entrySet()) {
            write("bad.yml", problem.getKey());
            assertThatThrownBy(() -> files.read(directory)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(directory.resolve("bad.yml").toString())
                    .hasMessageContaining(problem.getValue());
        }
        assertThat(schedules.list()).isEmpty();

        // serve refuses to start on a bad file, with the same message, before it takes any fire.
        write("bad.yml", "job: worldTick\ncron: \"0 0 3 * * ?\"\n");
        Cli.Result serve = Cli.runWith(Map.of("world-engine.serve.schedules", directory.toString(), "server.port", "0"), "serve");
        QuartzStore.reattach(dataSource);
        assertThat(serve.exitCode()).as(serve.all()).isEqualTo(2);
        assertThat(serve.err()).contains("schedule file " + directory.resolve("bad.yml")).contains("'world' is missing");
        assertThat(schedules.list()).as("nothing half-loaded, not even the good file").isEmpty();
    }

    /** A command in the test's application. */
    private Cli.Result cli(String... args) {
        return Cli.runIn(context, args);
    }

    private Trigger.TriggerState state(String name) throws Exception {
        return scheduler.getTriggerState(TriggerKey.triggerKey(name, Schedules.GROUP));
    }

    private void write(String name, String content) throws Exception {
        Files.writeString(directory.resolve(name), content);
    }
}
