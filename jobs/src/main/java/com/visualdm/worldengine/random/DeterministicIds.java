package com.visualdm.worldengine.random;

import java.util.UUID;

/**
 * Row ids of generated and simulated rows: version-4-shaped UUIDs derived from (world seed, kind, keys), so the
 * same world gets the same ids in every run.
 */
public final class DeterministicIds {

    /** Keeps ids apart from the random numbers drawn for the same (seed, purpose, keys). */
    private static final long ID_SALT = 0x1D5A17L;

    private DeterministicIds() {
    }

    public static UUID uuid(long worldSeed, String kind, long... keys) {
        long state = SeededRandom.state(worldSeed ^ ID_SALT, kind, keys);
        long high = (SeededRandom.mix(state ^ 0x5DEECE66DL) & ~0xF000L) | 0x4000L;
        long low = (SeededRandom.mix(state + 0x9E3779B97F4A7C15L) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
