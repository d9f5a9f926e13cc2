package com.visualdm.worldengine.tick;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.world.RegisteredWorld;

/**
 * The days each scheduled launch of the tick took on ({@code engine.tick_fires}): a launch seen again (another
 * node, a Quartz recovery, cron doing the same work) finishes those days and starts no others.
 */
@Component
class TickFires {

    private final JdbcClient jdbc;

    TickFires(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The last day of launch {@code run} of the world; its days are recorded now, from {@code firstDay}, if it is new. */
    int claim(RegisteredWorld world, long run, int firstDay, int days) {
        jdbc.sql("""
                        INSERT INTO engine.tick_fires (world_id, run, first_day, last_day)
                        VALUES (:world, :run, :first, :last)
                        ON CONFLICT (world_id, run) DO NOTHING
                        """)
                .param("world", world.id()).param("run", run).param("first", firstDay).param("last", firstDay + days - 1)
                .update();
        return jdbc.sql("SELECT last_day FROM engine.tick_fires WHERE world_id = :world AND run = :run")
                .param("world", world.id()).param("run", run)
                .query(Integer.class).single();
    }
}
