package com.visualdm.worldengine.economy;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.tick.TickContext;

/** Reads {@code world_state_entities.economic_conditions} of a world, which the economy phase keeps. */
public final class EconomicConditions {

    private EconomicConditions() {
    }

    /** The phase of the economic cycle the world is in (stable when unknown). */
    public static EconomicPhase phase(JdbcClient jdbc, TickContext context) {
        return EconomicPhase.ofLabel(jdbc.sql("SELECT economic_conditions->>'phase' FROM %s ORDER BY created_at, id LIMIT 1"
                        .formatted(context.table("world_state_entities")))
                .query(String.class).optional().orElse(null));
    }
}
