package com.visualdm.worldengine.world;

import java.time.OffsetDateTime;

/** A row of {@code engine.worlds}. */
public record RegisteredWorld(WorldName name, long seed, WorldSize size, WorldState state, OffsetDateTime createdAt) {

    public String schema() {
        return name.schema();
    }
}
