package com.visualdm.worldengine.serve;

import java.util.OptionalDouble;

import com.visualdm.worldengine.world.RegisteredWorld;

/**
 * One per-world gauge of {@code serve}'s metrics, tagged {@code world}. A new gauge is one more bean of this type.
 */
public interface WorldMeasure {

    /** The meter name, dotted (Prometheus shows {@code world.day} as {@code world_day}). */
    String name();

    String description();

    /** The world's current value, or empty if it has none. */
    OptionalDouble measure(RegisteredWorld world);
}
