package com.visualdm.worldengine.random;

import java.util.UUID;

/**
 * Row ids of generated and simulated rows: version-4-shaped UUIDs derived from (world seed, kind, keys), so the
 * same world gets the same ids in every run.
 */
public final class DeterministicIds {

    private DeterministicIds() {
    }

    public static UUID uuid(long worldSeed, String kind, long... keys) {
        SeededRandom random = SeededRandom.of(worldSeed, "id:" + kind, keys);
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
