package com.visualdm.worldengine.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.world.RegisteredWorld;
import com.visualdm.worldengine.world.WorldRegistry;
import com.visualdm.worldengine.world.WorldState;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Every {@link WorldMeasure} as a gauge per ready world, read again every {@code world-refresh} on a background
 * thread (a scrape never waits on the worlds). A world that is dropped disappears from the gauges.
 */
@Component
@ConditionalOnWebApplication
class WorldGauges implements InitializingBean, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(WorldGauges.class);

    private final Map<WorldMeasure, MultiGauge> gauges;
    private final WorldRegistry registry;
    private final MetricsProperties properties;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "world-gauges");
        thread.setDaemon(true);
        return thread;
    });

    WorldGauges(List<WorldMeasure> measures, WorldRegistry registry, MeterRegistry meters, MetricsProperties properties) {
        this.gauges = measures.stream().collect(Collectors.toMap(measure -> measure, measure ->
                MultiGauge.builder(measure.name()).description(measure.description()).register(meters)));
        this.registry = registry;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        long every = properties.worldRefresh().toMillis();
        refresher.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.MILLISECONDS);
    }

    void refresh() {
        try {
            List<RegisteredWorld> worlds = registry.all().stream().filter(world -> world.state() == WorldState.READY).toList();
            gauges.forEach((measure, gauge) -> {
                List<MultiGauge.Row<?>> rows = new ArrayList<>();
                for (RegisteredWorld world : worlds) {
                    OptionalDouble value = measure.measure(world);
                    if (value.isPresent()) {
                        rows.add(MultiGauge.Row.of(Tags.of("world", world.name().value()), value.getAsDouble()));
                    }
                }
                gauge.register(rows, true);
            });
        } catch (RuntimeException e) {
            // A world dropped mid-read, the database briefly away: the next refresh tries again.
            LOG.warn("could not read the world gauges: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}
