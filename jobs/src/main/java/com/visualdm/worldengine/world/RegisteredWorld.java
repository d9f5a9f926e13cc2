package com.visualdm.worldengine.world;

import java.time.OffsetDateTime;

/** A row of {@code engine.worlds}; the id tells apart worlds that had the same name one after the other. */
public record RegisteredWorld(long id, WorldName name, long seed, WorldSize size, WorldState state, OffsetDateTime createdAt) {

    public String schema() {
        return name.schema();
    }
}
