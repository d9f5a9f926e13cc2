package com.visualdm.worldengine.serve;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.visualdm.worldengine.cli.WorldEngineCommand;
import com.visualdm.worldengine.schedule.ScheduleDefinition;
import com.visualdm.worldengine.schedule.ScheduleFiles;
import com.visualdm.worldengine.schedule.ScheduleProperties;
import com.visualdm.worldengine.schedule.Schedules;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run a scheduler node: load the schedule files into the shared Quartz store, then run the "
                + "jobs they fire, together with every other node on the same database (each fire runs on one node; "
                + "a node that dies has its runs recovered and restarted by another).",
                "Serves health (/actuator/health) and, with WORLD_ENGINE_METRICS_USER and _PASSWORD set, Prometheus "
                        + "metrics (/actuator/prometheus) on 127.0.0.1:9464 (WORLD_ENGINE_SERVE_ADDRESS, _PORT).",
                "On SIGTERM it takes no new fires, stops running executions at their next step boundary (they end "
                        + "STOPPED and can be restarted) and exits."})
public class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        root.runtime().set("spring.main.web-application-type", "servlet");
        ConfigurableApplicationContext context = root.runtime().context();
        PrintWriter out = spec.commandLine().getOut();
        ScheduleProperties properties = context.getBean(ScheduleProperties.class);
        List<ScheduleDefinition> definitions = context.getBean(ScheduleFiles.class).read(properties.schedules());
        Schedules.Changes changes = context.getBean(Schedules.class).load(definitions);
        Scheduler scheduler = context.getBean(Scheduler.class);
        scheduler.start();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String summary = "node %s serving %d schedule(s) from %s (added %s, updated %s, removed %s); health on port %d"
                .formatted(scheduler.getSchedulerInstanceId(), definitions.size(), properties.schedules(),
                        changes.added(), changes.updated(), changes.removed(), port);
        LOG.info(summary);
        out.println(summary);
        out.flush();
        // Until SIGTERM: Spring's shutdown hook then closes the application, which stops this node's runs cleanly.
        new CountDownLatch(1).await();
        return 0;
    }
}
