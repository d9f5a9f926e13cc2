package com.visualdm.worldengine.serve;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** {@code scheduler} in health: up while this node takes fires, down once it is stopping (standby) or stopped. */
@Component("scheduler")
@ConditionalOnWebApplication
class SchedulerHealthIndicator extends AbstractHealthIndicator {

    private final Scheduler scheduler;

    SchedulerHealthIndicator(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws SchedulerException {
        boolean taking = scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
        (taking ? builder.up() : builder.down())
                .withDetail("node", scheduler.getSchedulerInstanceId())
                .withDetail("clustered", scheduler.getMetaData().isJobStoreClustered())
                .withDetail("runningJobs", scheduler.getCurrentlyExecutingJobs().size());
    }
}
